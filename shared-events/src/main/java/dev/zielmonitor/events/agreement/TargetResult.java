package dev.zielmonitor.events.agreement;

/** The judgement on a target once the year's figures are final. */
public enum TargetResult {
    ACHIEVED,
    NOT_ACHIEVED,
    /** missed by the figures, judged achieved because of deviations in framework conditions (with reasoning) */
    ACHIEVED_CONSIDERING_DEVIATIONS,
    /** a MONITORING target: observed, not judged */
    MONITORED
}
