package dev.zielmonitor.query.indicators;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import dev.zielmonitor.events.common.IndicatorCode;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.indicators.FigureSource;
import dev.zielmonitor.indicators.Gender;
import dev.zielmonitor.indicators.IndicatorEngine;
import dev.zielmonitor.indicators.IndicatorResult;
import dev.zielmonitor.query.audit.ChangeReports;
import dev.zielmonitor.query.registry.JobcenterIds;
import dev.zielmonitor.query.registry.RegisteredJobcenters;
import dev.zielmonitor.query.reporting.FigureVersions;
import dev.zielmonitor.events.failure.InvalidInput;
import dev.zielmonitor.web.PlatformTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An indicator's monthly series for a year, computed from the figures as known at {@code asOf} (ADR 0004):
 * the 12-month value, the year-to-date value and both a year earlier, each with numerator and denominator or
 * the reason it cannot be computed.
 */
@RestController
class IndicatorQueryController {

    private final JdbcClient jdbc;
    private final RegisteredJobcenters jobcenters;
    private final FigureVersions versions;
    private final ChangeReports changeReports;
    private final IndicatorEngine engine = new IndicatorEngine();

    IndicatorQueryController(JdbcClient jdbc, RegisteredJobcenters jobcenters, FigureVersions versions,
                             ChangeReports changeReports) {
        this.jdbc = jdbc;
        this.jobcenters = jobcenters;
        this.versions = versions;
        this.changeReports = changeReports;
    }

    @GetMapping("/api/jobcenters/{jobcenterId}/indicators/{code}")
    SeriesView series(@PathVariable String jobcenterId, @PathVariable IndicatorCode code, @RequestParam @Min(2005) @Max(2199) int year,
                      @RequestParam(required = false) Instant asOf,
                      @RequestParam(defaultValue = "TOTAL") Gender gender) {
        return compute(jobcenterId, code, year, asOf == null ? Instant.now() : asOf, gender).view();
    }

    /**
     * Every value of the series that differs between what was known at {@code from} and at {@code to} (default
     * now), with the old and the new value and the events recorded in between that changed what it is computed
     * from: first figures that came late, corrections.
     */
    @GetMapping("/api/jobcenters/{jobcenterId}/indicators/{code}/changes")
    ChangeReports.Report changes(@PathVariable String jobcenterId, @PathVariable IndicatorCode code,
                                 @RequestParam @Min(2005) @Max(2199) int year, @RequestParam(required = false) Instant from,
                                 @RequestParam(required = false) Instant to,
                                 @RequestParam(defaultValue = "TOTAL") Gender gender) {
        ChangeReports.checkInterval(from, to);
        Instant until = to == null ? Instant.now() : to;
        Computed before = compute(jobcenterId, code, year, from, gender);
        Computed after = compute(jobcenterId, code, year, until, gender);
        List<ChangeReports.Change> changes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            MonthView old = before.view().months().get(i);
            MonthView now = after.view().months().get(i);
            List<String> differing = changeReports.differing(old, now, VALUES);
            if (differing.isEmpty()) {
                continue;
            }
            Set<ReportingMonth> read = new TreeSet<>(before.read().get(i));
            read.addAll(after.read().get(i));
            List<ChangeReports.Cause> causes = changeReports.causes(after.view().jobcenterId(), read, List.of(),
                    from, until);
            for (String value : differing) {
                changes.add(new ChangeReports.Change(now.reportingMonth(), null, value,
                        changeReports.tree(old, value), changeReports.tree(now, value), causes));
            }
        }
        return new ChangeReports.Report(after.view().jobcenterId() + " " + code + " " + year + " " + gender, from,
                until, changes);
    }

    private static final List<String> VALUES = List.of("twelveMonth", "yearToDate", "previousYearTwelveMonth",
            "previousYearToDate");

    /** A series and, per month, the months whose figures its values read. */
    private record Computed(SeriesView view, List<Set<ReportingMonth>> read) {
    }

    private Computed compute(String jobcenterId, IndicatorCode code, int year, Instant knownAt, Gender gender) {
        String id = JobcenterIds.checked(jobcenterId);
        if (year < 2007 || year > 2100) {
            throw InvalidInput.parameter("year", "must be a year from 2007 (two years of SGB II) to 2100");
        }
        jobcenters.require(id);
        // the longest look-back: a year-earlier comparison of a 12-month change, 24 months before January
        ReportingMonth first = ReportingMonth.of(year - 2, 1);
        ReportingMonth last = ReportingMonth.of(year, 12);
        Map<ReportingMonth, FigureVersions.MonthVersion> byMonth = new HashMap<>();
        versions.asOf(id, first, last, knownAt).forEach(v -> byMonth.put(v.month(), v));
        Map<ReportingMonth, Instant> nextChanges = versions.nextChanges(id, first, last, knownAt);
        Map<ReportingMonth, Map<FigureCode, Figure>> figures = new HashMap<>();
        byMonth.forEach((m, v) -> figures.put(m, v.figures()));

        List<MonthView> months = new ArrayList<>();
        List<Set<ReportingMonth>> reads = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            ReportingMonth month = ReportingMonth.of(year, m);
            ReportingMonth yearBefore = month.minusMonths(12);
            Set<ReportingMonth> read = new HashSet<>();
            FigureSource source = (figure, sourceMonth, g) -> {
                read.add(sourceMonth);
                return FigureSource.of(figures).value(figure, sourceMonth, g);
            };
            ResultView twelveMonth = view(engine.twelveMonth(code, month, gender, source));
            ResultView yearToDate = view(engine.yearToDate(code, month, gender, source));
            ResultView previousTwelveMonth = view(engine.twelveMonth(code, yearBefore, gender, source));
            ResultView previousYearToDate = view(engine.yearToDate(code, yearBefore, gender, source));
            Instant knownFrom = read.stream().map(byMonth::get).filter(Objects::nonNull)
                    .map(FigureVersions.MonthVersion::recordedFrom).max(Instant::compareTo).orElse(null);
            Instant knownUntil = read.stream().map(nextChanges::get).filter(Objects::nonNull)
                    .min(Instant::compareTo).orElse(null);
            months.add(new MonthView(month.toString(), twelveMonth, yearToDate, previousTwelveMonth,
                    previousYearToDate, knownFrom, knownUntil));
            reads.add(read);
        }
        return new Computed(new SeriesView(id, code, code.germanName(), year, gender, knownAt, months), reads);
    }

    /**
     * Where a month's values come from: every figure version they were computed from (as known at
     * {@code asOf}), with the event that produced it and that event's origin (Kafka coordinates, message id).
     */
    @GetMapping("/api/jobcenters/{jobcenterId}/indicators/{code}/{month}/provenance")
    ProvenanceView provenance(@PathVariable String jobcenterId, @PathVariable IndicatorCode code,
                              @PathVariable String month, @RequestParam(required = false) Instant asOf,
                              @RequestParam(defaultValue = "TOTAL") Gender gender) {
        String id = jobcenters.require(jobcenterId);
        ReportingMonth reportingMonth;
        try {
            reportingMonth = PlatformTime.month(month);
        } catch (IllegalArgumentException e) {
            throw InvalidInput.parameter("month", e.getMessage());
        }
        Instant knownAt = asOf == null ? Instant.now() : asOf;
        Map<ReportingMonth, FigureVersions.MonthVersion> byMonth = new HashMap<>();
        versions.asOf(id, reportingMonth.minusMonths(24), reportingMonth, knownAt)
                .forEach(v -> byMonth.put(v.month(), v));
        Map<ReportingMonth, Map<FigureCode, Figure>> figures = new HashMap<>();
        byMonth.forEach((m, v) -> figures.put(m, v.figures()));

        // the months the engine actually reads for this month's two values
        java.util.SortedSet<ReportingMonth> read = new TreeSet<>();
        FigureSource recording = (figure, m, g) -> {
            read.add(m);
            return FigureSource.of(figures).value(figure, m, g);
        };
        ResultView twelveMonth = view(engine.twelveMonth(code, reportingMonth, gender, recording));
        ResultView yearToDate = view(engine.yearToDate(code, reportingMonth, gender, recording));

        List<SourceView> sources = new ArrayList<>();
        for (ReportingMonth m : read) {
            FigureVersions.MonthVersion v = byMonth.get(m);
            if (v != null) {
                Map<String, Object> origin = jdbc.sql("SELECT convert_from(metadata, 'UTF8') AS metadata, payloadtype "
                                + "FROM domainevententry WHERE eventidentifier = ?")
                        .param(v.eventId()).query().listOfRows().stream().findFirst().orElse(Map.of());
                sources.add(new SourceView(m.toString(), v.version(), v.dataStatus(), v.source(), v.messageId(),
                        v.eventId(), (String) origin.get("payloadtype"), v.recordedFrom(), v.recordedTo(),
                        (String) origin.get("metadata")));
            }
        }
        return new ProvenanceView(id, code, reportingMonth.toString(), gender, knownAt, twelveMonth, yearToDate,
                read.stream().filter(m -> !byMonth.containsKey(m)).map(ReportingMonth::toString).toList(), sources);
    }

    private static ResultView view(IndicatorResult result) {
        if (result instanceof IndicatorResult.Value v) {
            return new ResultView(v.percent(), v.numerator(), v.denominator(), null);
        }
        return new ResultView(null, null, null, ((IndicatorResult.NotComputable) result).reason());
    }

    /**
     * @param monthsWithoutFigures months the values need that had no figures at {@code asOf}
     * @param sources              the figure versions the values were computed from
     */
    record ProvenanceView(String jobcenterId, IndicatorCode code, String reportingMonth, Gender gender, Instant asOf,
                          ResultView twelveMonth, ResultView yearToDate, List<String> monthsWithoutFigures,
                          List<SourceView> sources) {
    }

    /** @param eventMetadata the producing event's metadata as stored: Kafka topic, partition, offset, message id, … */
    record SourceView(String reportingMonth, int version, java.time.LocalDate dataStatus, String source,
                      String messageId, String eventId, String eventType, Instant recordedFrom, Instant recordedTo,
                      @com.fasterxml.jackson.annotation.JsonRawValue String eventMetadata) {
    }

    record SeriesView(String jobcenterId, IndicatorCode code, String name, int year, Gender gender, Instant asOf,
                      List<MonthView> months) {
    }

    /**
     * @param previousYearTwelveMonth the 12-month value of the same month a year earlier
     * @param previousYearToDate      the year-to-date value of the same month a year earlier
     * @param knownFrom               start of the recorded-time interval in which these four values were the known
     *                                ones: when the latest of the figure versions they were computed from was
     *                                recorded ({@code null} when they read no figures at all)
     * @param knownUntil              its end: the first later change of any month they read (a correction, or
     *                                figures for a month that had none); {@code null} while none has come
     */
    record MonthView(String reportingMonth, ResultView twelveMonth, ResultView yearToDate,
                     ResultView previousYearTwelveMonth, ResultView previousYearToDate, Instant knownFrom,
                     Instant knownUntil) {
    }

    /** A value in percent with its quotient, or {@code notComputable} with the reason. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record ResultView(BigDecimal percent, BigDecimal numerator, BigDecimal denominator, String notComputable) {
    }
}
