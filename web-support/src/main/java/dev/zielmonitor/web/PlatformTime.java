package dev.zielmonitor.web;

import dev.zielmonitor.events.common.ReportingMonth;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * The time the platform can speak of: from its epoch, the day SGB II took effect (1 January 2005; no Jobcenter,
 * figure or agreement is older), to the end of 2199 (far beyond any agreement, well inside what PostgreSQL and
 * {@code java.time} arithmetic hold). Every instant, date and month a request names is parsed here, so that
 * {@code +999999999-12-31T00:00:00Z} is a 400 naming its parameter, never a 500 from the database.
 */
public final class PlatformTime {

    public static final LocalDate FIRST_DAY = LocalDate.of(2005, 1, 1);
    public static final LocalDate LAST_DAY = LocalDate.of(2199, 12, 31);
    public static final Instant EPOCH = Instant.parse("2005-01-01T00:00:00Z");
    /** The first instant after the platform's time. */
    public static final Instant END = Instant.parse("2200-01-01T00:00:00Z");

    private PlatformTime() {
    }

    /** An ISO-8601 instant ({@code 2014-04-14T10:00:00Z}, an offset allowed) within the platform's time. */
    public static Instant instant(String text) {
        Instant instant;
        try {
            instant = java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                instant = Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("must be an ISO-8601 instant such as 2015-04-30T12:00:00Z");
            }
        }
        if (instant.isBefore(EPOCH) || !instant.isBefore(END)) {
            throw new IllegalArgumentException("must lie between " + EPOCH + " and " + END + " (the platform's time)");
        }
        return instant;
    }

    /** An ISO-8601 date ({@code 2014-04-14}) within the platform's time. */
    public static LocalDate date(String text) {
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be a date written YYYY-MM-DD");
        }
        return checked(date);
    }

    public static LocalDate checked(LocalDate date) {
        if (date.isBefore(FIRST_DAY) || date.isAfter(LAST_DAY)) {
            throw new IllegalArgumentException("must lie between " + FIRST_DAY + " and " + LAST_DAY
                    + " (the platform's time)");
        }
        return date;
    }

    /** A month written {@code YYYY-MM} within the platform's time. */
    public static ReportingMonth month(String text) {
        YearMonth month;
        try {
            if (!text.matches("\\d{4}-\\d{2}")) {
                throw new DateTimeException(text);
            }
            month = YearMonth.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("must be a month written YYYY-MM");
        }
        checked(month.atDay(1));
        return new ReportingMonth(month);
    }
}
