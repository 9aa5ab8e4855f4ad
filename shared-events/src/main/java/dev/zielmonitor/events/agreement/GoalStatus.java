package dev.zielmonitor.events.agreement;

/** Where a qualitative goal or measure stands, as the parties record it. */
public enum GoalStatus { NOT_STARTED, IN_PROGRESS, ACHIEVED, PARTLY_ACHIEVED, NOT_ACHIEVED, DISCONTINUED }
