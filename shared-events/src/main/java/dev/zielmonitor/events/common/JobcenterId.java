package dev.zielmonitor.events.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Jobcenter, identified by the 5-digit official district key of its area (Solingen: {@code 05122}).
 */
public record JobcenterId(String value) implements Comparable<JobcenterId> {

    private static final Pattern FIVE_DIGITS = Pattern.compile("\\d{5}");

    public JobcenterId {
        Objects.requireNonNull(value, "jobcenter id must not be null");
        if (!FIVE_DIGITS.matcher(value).matches()) {
            throw new IllegalArgumentException("jobcenter id must be a 5-digit district key, got '" + value + "'");
        }
    }

    @JsonCreator
    public static JobcenterId of(String value) {
        return new JobcenterId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public int compareTo(JobcenterId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
