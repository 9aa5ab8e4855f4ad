package dev.zielmonitor.events.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of one Jobcenter for one reporting month (ADR 0002), written {@code report:<jobcenter id>:<YYYY-MM>}
 * ({@code report:05122:2014-03}); the identifier of its aggregate and of its events' stream. Built and parsed only
 * here.
 */
public record MonthlyReportId(JobcenterId jobcenterId, ReportingMonth month) implements Comparable<MonthlyReportId> {

    private static final String PREFIX = "report:";
    private static final Pattern FORM = Pattern.compile("report:(\\d{5}):(\\d{4}-\\d{2})");

    public MonthlyReportId {
        Objects.requireNonNull(jobcenterId, "a monthly report's Jobcenter must not be null");
        Objects.requireNonNull(month, "a monthly report's month must not be null");
    }

    public static MonthlyReportId of(JobcenterId jobcenterId, ReportingMonth month) {
        return new MonthlyReportId(jobcenterId, month);
    }

    /** @throws IllegalArgumentException unless the text is {@code report:<5 digits>:<YYYY-MM>} */
    @JsonCreator
    public static MonthlyReportId parse(String text) {
        Matcher form = FORM.matcher(Objects.requireNonNull(text, "a monthly report id must not be null"));
        if (!form.matches()) {
            throw new IllegalArgumentException("a monthly report id is written report:<jobcenter id>:<YYYY-MM>, e.g. "
                    + "report:05122:2014-03, got '" + text + "'");
        }
        return new MonthlyReportId(JobcenterId.of(form.group(1)), ReportingMonth.parse(form.group(2)));
    }

    /** The start every monthly report id of the Jobcenter shares, for finding its streams by prefix. */
    public static String prefixOf(JobcenterId jobcenterId) {
        return PREFIX + jobcenterId + ":";
    }

    @Override
    public int compareTo(MonthlyReportId other) {
        int byJobcenter = jobcenterId.compareTo(other.jobcenterId);
        return byJobcenter != 0 ? byJobcenter : month.compareTo(other.month);
    }

    @JsonValue
    @Override
    public String toString() {
        return prefixOf(jobcenterId) + month;
    }
}
