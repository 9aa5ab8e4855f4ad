package dev.zielmonitor.events.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/** The calendar month a figure describes (valid time), written {@code YYYY-MM}. */
public record ReportingMonth(YearMonth value) implements Comparable<ReportingMonth> {

    public ReportingMonth {
        Objects.requireNonNull(value, "reporting month must not be null");
    }

    public static ReportingMonth of(int year, int month) {
        try {
            return new ReportingMonth(YearMonth.of(year, month));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a valid reporting month: " + year + "-" + month, e);
        }
    }

    @JsonCreator
    public static ReportingMonth parse(String text) {
        Objects.requireNonNull(text, "reporting month must not be null");
        try {
            return new ReportingMonth(YearMonth.parse(text));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("reporting month must be written YYYY-MM, got '" + text + "'", e);
        }
    }

    public int year() {
        return value.getYear();
    }

    public int month() {
        return value.getMonthValue();
    }

    public ReportingMonth plusMonths(long months) {
        return new ReportingMonth(value.plusMonths(months));
    }

    public ReportingMonth minusMonths(long months) {
        return new ReportingMonth(value.minusMonths(months));
    }

    public LocalDate lastDay() {
        return value.atEndOfMonth();
    }

    @Override
    public int compareTo(ReportingMonth other) {
        return value.compareTo(other.value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
