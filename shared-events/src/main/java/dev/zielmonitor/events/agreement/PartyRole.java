package dev.zielmonitor.events.agreement;

/** The two parties of a target agreement. */
public enum PartyRole {
    /** the supervising ministry of the Land, e.g. MAIS NRW */
    MINISTRY,
    /** the Jobcenter's carrier, e.g. the city of Solingen as zkT */
    JOBCENTER
}
