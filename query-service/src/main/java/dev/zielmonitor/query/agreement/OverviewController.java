package dev.zielmonitor.query.agreement;

import dev.zielmonitor.query.web.Stand;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import dev.zielmonitor.access.Caller;
import dev.zielmonitor.events.common.IndicatorCode;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.indicators.Attainment;
import dev.zielmonitor.query.reporting.FigureVersions;
import dev.zielmonitor.events.failure.InvalidInput;
import dev.zielmonitor.query.agreement.AgreementViews.DialogueDueView;
import dev.zielmonitor.query.agreement.AgreementViews.MonthView;
import dev.zielmonitor.query.agreement.AgreementViews.ProgressView;
import dev.zielmonitor.query.agreement.AgreementViews.TargetProgressView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The dashboard's first page: every Jobcenter of a Land (or comparison type, or carrier type) for one year as known
 * at {@code asOf}, with its latest reported month and data status, the months it is overdue with, and for its
 * agreement of the year each target's latest status and value and the steering dialogues that are overdue.
 */
@RestController
class OverviewController {

    /** Reports for a month are due when its figures have had this long to arrive (the statistics' waiting time). */
    static final int REPORTING_DELAY_MONTHS = 3;

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final JdbcClient jdbc;
    private final FigureVersions versions;
    private final Agreements agreements;
    private final AgreementProgress progress;

    OverviewController(JdbcClient jdbc, FigureVersions versions, Agreements agreements,
                       AgreementProgress progress) {
        this.jdbc = jdbc;
        this.versions = versions;
        this.agreements = agreements;
        this.progress = progress;
    }

    @GetMapping("/api/overview")
    OverviewView overview(@RequestParam @Min(2005) @Max(2199) int year, @RequestParam(defaultValue = "NW") String land,
                          @RequestParam(required = false) String comparisonType,
                          @RequestParam(required = false) String carrierType,
                          Stand stand) {
        if (year < 2005 || year > 2100) {
            throw InvalidInput.parameter("year", "must be a year from 2005 to 2100");
        }
        if (!land.matches("[A-Z]{2}")) {
            throw InvalidInput.parameter("land", "must be a Land's two-letter code, e.g. NW");
        }
        if (carrierType != null && !carrierType.matches("gE|zkT")) {
            throw InvalidInput.parameter("carrierType", "must be gE or zkT");
        }
        if (comparisonType != null && !comparisonType.matches("[A-Za-z0-9]{1,10}")) {
            throw InvalidInput.parameter("comparisonType", "must be a comparison type such as IIIe");
        }
        Instant knownAt = stand.instant();
        Caller caller = Caller.current().orElseThrow();
        List<Map<String, Object>> jobcenters = jdbc.sql("""
                        SELECT jobcenter_id, name, carrier_type, comparison_type FROM read_model.jobcenter
                        WHERE land = ? AND (CAST(? AS TEXT) IS NULL OR carrier_type = ?)
                          AND (CAST(? AS TEXT) IS NULL OR comparison_type = ?)
                        ORDER BY jobcenter_id""")
                .params(land, carrierType, carrierType, comparisonType, comparisonType)
                .query().listOfRows().stream()
                .filter(j -> caller.mayRead(((String) j.get("jobcenter_id")).strip()))
                .toList();
        List<String> ids = jobcenters.stream().map(j -> ((String) j.get("jobcenter_id")).strip()).toList();
        YearMonth due = YearMonth.from(LocalDate.ofInstant(knownAt, BERLIN)).minusMonths(REPORTING_DELAY_MONTHS);
        YearMonth expected = due.getYear() > year ? YearMonth.of(year, 12) : due.getYear() < year ? null : due;

        Map<String, List<FigureVersions.MonthVersion>> figures = versions.asOf(ids, ReportingMonth.of(year, 1),
                ReportingMonth.of(year, 12), knownAt);
        Map<String, String> agreementIds = new HashMap<>();
        agreements.list(year, null, knownAt).forEach(a -> agreementIds.put(a.jobcenterId(), a.agreementId()));

        List<JobcenterRow> rows = new ArrayList<>();
        for (Map<String, Object> jobcenter : jobcenters) {
            String id = ((String) jobcenter.get("jobcenter_id")).strip();
            List<FigureVersions.MonthVersion> months = figures.getOrDefault(id, List.of());
            FigureVersions.MonthVersion latest = months.isEmpty() ? null : months.get(months.size() - 1);
            Set<YearMonth> reported = new TreeSet<>();
            months.forEach(m -> reported.add(m.month().value()));
            List<String> missing = new ArrayList<>();
            if (expected != null) {
                for (YearMonth m = YearMonth.of(year, 1); !m.isAfter(expected); m = m.plusMonths(1)) {
                    if (!reported.contains(m)) {
                        missing.add(m.toString());
                    }
                }
            }
            String agreementId = agreementIds.get(id);
            List<TargetStatus> targets = new ArrayList<>();
            int dialoguesOverdue = 0;
            if (agreementId != null) {
                ProgressView view = progress.compute(agreementId, knownAt).view();
                for (TargetProgressView target : view.targets()) {
                    targets.add(latestStatus(target));
                }
                dialoguesOverdue = (int) view.schedule().stream().filter(DialogueDueView::overdue).count();
            }
            rows.add(new JobcenterRow(id, (String) jobcenter.get("name"), (String) jobcenter.get("carrier_type"),
                    (String) jobcenter.get("comparison_type"), latest == null ? null : latest.month().toString(),
                    latest == null ? null : latest.dataStatus(), missing, agreementId, targets, dialoguesOverdue));
        }
        return new OverviewView(year, land, carrierType, comparisonType, knownAt,
                expected == null ? null : expected.toString(), rows);
    }

    /** The target's status in the last month that has a year-to-date value, or not computable in January. */
    private static TargetStatus latestStatus(TargetProgressView target) {
        MonthView shown = target.months().get(0);
        for (MonthView month : target.months()) {
            if (month.yearToDate() != null && month.yearToDate().percent() != null) {
                shown = month;
            }
        }
        return new TargetStatus(target.targetId(), target.indicator(), target.name(), shown.reportingMonth(),
                shown.yearToDate() == null ? null : shown.yearToDate().percent(), shown.targetLevel(),
                shown.forecast(), shown.status());
    }

    /**
     * @param expectedMonth the latest month whose figures are due at {@code asOf} ({@value #REPORTING_DELAY_MONTHS}
     *                      months of waiting time), {@code null} when none of the year is due yet
     */
    record OverviewView(int year, String land, String carrierType, String comparisonType, Instant asOf,
                        String expectedMonth, List<JobcenterRow> jobcenters) {
    }

    /**
     * @param missingMonths months up to the expected one without figures: the reports that are overdue
     * @param dialoguesOverdue steering dialogues whose day has passed without them being held
     */
    record JobcenterRow(String jobcenterId, String name, String carrierType, String comparisonType,
                        String latestMonth, LocalDate dataStatus, List<String> missingMonths, String agreementId,
                        List<TargetStatus> targets, int dialoguesOverdue) {
    }

    /** A target's status in {@code month}, the latest month with a year-to-date value. */
    record TargetStatus(String targetId, IndicatorCode indicator, String name, String month, BigDecimal value,
                        BigDecimal targetLevel, BigDecimal forecast, Attainment.Status status) {
    }
}
