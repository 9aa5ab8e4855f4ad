package dev.zielmonitor.contract;

/** Why a monthly-figures message was rejected; stored with every parked message. */
public enum RejectionCode {
    /** the record has no value, or one larger than {@link MonthlyFiguresContract#MAX_MESSAGE_BYTES} */
    EMPTY_MESSAGE,
    MESSAGE_TOO_LARGE,
    /** not UTF-8 JSON, or JSON that is not an object */
    MALFORMED_JSON,
    UNKNOWN_SCHEMA_VERSION,
    /** a required field is missing */
    MISSING_FIELD,
    /** a field the contract does not know */
    UNKNOWN_FIELD,
    /** a value of the wrong type, format or range (negative, fractional count, too many decimals, …) */
    INVALID_VALUE,
    KEY_MISMATCH,
    UNKNOWN_JOBCENTER,
    MONTH_AFTER_DATA_STATUS,
    /** female + male &gt; total */
    GENDER_SPLIT_EXCEEDS_TOTAL,
    /** a sub-population larger than its population, e.g. INT_LZB &gt; INT */
    SUBPOPULATION_EXCEEDS_POPULATION,
    /** an earlier data status than the one already known for the Jobcenter and month */
    STALE_DATA_STATUS,
    /**
     * a data status after the receiving day (plus {@link MonthlyFiguresContract#FUTURE_TOLERANCE_DAYS}): figures
     * cannot have been produced in the future, and such a date would make every later honest correction stale
     */
    FUTURE_DATA_STATUS,
    /** a record for a Jobcenter other than the one its producer may report for (ADR 0013) */
    PRODUCER_NOT_ALLOWED,
    /**
     * valid, but recording it failed every time for a reason that is not the platform's availability (a fault
     * of the platform that this message triggers); parked so that it does not block its partition
     */
    PROCESSING_ERROR
}
