package dev.zielmonitor.access;

/**
 * The four roles (docs/security.md). A {@code JOBCENTER} user is bound to one Jobcenter id; the others are not
 * bound to any.
 */
public enum Role {
    /** The supervising ministry: reads everything but the audit trail; concludes agreements, holds dialogues, assesses. */
    MINISTRY,
    /** A Jobcenter's staff: reads its own Jobcenter's figures, indicators, agreement and progress. */
    JOBCENTER,
    /** Reads everything, including the event history and audit packages; writes nothing. */
    AUDITOR,
    /** Operations: rebuilds, dead letters, the registry, actuator endpoints. */
    ADMIN;

    /** The Spring Security authority of the role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
