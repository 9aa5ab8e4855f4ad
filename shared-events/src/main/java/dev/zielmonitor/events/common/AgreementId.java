package dev.zielmonitor.events.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A target agreement: one per Jobcenter and year, written {@code <jobcenter id>-<year>} (Solingen 2014:
 * {@code 05122-2014}); the identifier of its aggregate and of its events' stream. Built and parsed only here.
 */
public record AgreementId(JobcenterId jobcenterId, int year) implements Comparable<AgreementId> {

    private static final Pattern FORM = Pattern.compile("(\\d{5})-(\\d{4})");

    public AgreementId {
        Objects.requireNonNull(jobcenterId, "an agreement's Jobcenter must not be null");
        if (year < 1000 || year > 9999) {
            throw new IllegalArgumentException("an agreement's year must have four digits, got " + year);
        }
    }

    public static AgreementId of(JobcenterId jobcenterId, int year) {
        return new AgreementId(jobcenterId, year);
    }

    /** @throws IllegalArgumentException unless the text is {@code <5 digits>-<4 digits>} */
    @JsonCreator
    public static AgreementId parse(String text) {
        Matcher form = FORM.matcher(Objects.requireNonNull(text, "an agreement id must not be null"));
        if (!form.matches()) {
            throw new IllegalArgumentException("an agreement id is written <jobcenter id>-<year>, e.g. 05122-2014, got '"
                    + text + "'");
        }
        return new AgreementId(JobcenterId.of(form.group(1)), Integer.parseInt(form.group(2)));
    }

    /** Whether the text is an agreement id of the right form. */
    public static boolean isWellFormed(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    @Override
    public int compareTo(AgreementId other) {
        int byJobcenter = jobcenterId.compareTo(other.jobcenterId);
        return byJobcenter != 0 ? byJobcenter : Integer.compare(year, other.year);
    }

    @JsonValue
    @Override
    public String toString() {
        return jobcenterId + "-" + year;
    }
}
