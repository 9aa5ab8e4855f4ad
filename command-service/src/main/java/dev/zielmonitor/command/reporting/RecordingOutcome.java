package dev.zielmonitor.command.reporting;

/** What recording figures did; only RECORDED and CORRECTED append an event. */
public enum RecordingOutcome { RECORDED, CORRECTED, DUPLICATE, UNCHANGED, REJECTED }
