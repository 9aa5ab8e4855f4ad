package dev.zielmonitor.command.ingest;

/**
 * What a record's resubmission headers amount to ({@link Parking#resubmissionMarker}): none, the platform's own
 * marker naming the dead letter it resubmits, or a marker anyone who can write the topic could have set.
 */
public sealed interface ResubmissionMarker {

    /** The dead letter this record is the resubmission of, when the marker is the platform's own. */
    default Long trustedId() {
        return this instanceof Trusted trusted ? trusted.deadLetterId() : null;
    }

    /** No resubmission header. */
    record None() implements ResubmissionMarker {
    }

    record Trusted(long deadLetterId) implements ResubmissionMarker {
    }

    /** A marker the platform did not write, with why it was not honoured (for the log and a parked record). */
    record Untrusted(String why) implements ResubmissionMarker {
    }
}
