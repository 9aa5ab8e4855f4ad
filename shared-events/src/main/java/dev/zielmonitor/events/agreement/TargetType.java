package dev.zielmonitor.events.agreement;

/** How a quantitative target is judged (domain.md, "Targets"). */
public enum TargetType {
    /** the year's value grows by {@code value} percent of the base year's value (not percentage points) */
    RELATIVE_CHANGE,
    /** the year's value reaches the level {@code value} (a percentage or a count) */
    LEVEL,
    /** the year's change against the base year is at most {@code value} percent */
    MAX_CHANGE,
    /** observed, not judged */
    MONITORING
}
