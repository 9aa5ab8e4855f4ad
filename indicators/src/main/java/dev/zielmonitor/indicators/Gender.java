package dev.zielmonitor.indicators;

/** Indicators are computed in total and, where the figures carry the split, for women and for men. */
public enum Gender { TOTAL, FEMALE, MALE }
