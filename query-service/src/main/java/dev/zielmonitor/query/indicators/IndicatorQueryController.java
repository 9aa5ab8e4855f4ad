package dev.zielmonitor.query.indicators;

import dev.zielmonitor.query.web.Stand;
import dev.zielmonitor.events.common.IndicatorCode;
import dev.zielmonitor.indicators.Gender;
import dev.zielmonitor.indicators.IndicatorDefinition;
import dev.zielmonitor.query.audit.ChangeReports;
import dev.zielmonitor.query.indicators.IndicatorViews.GenderSplitView;
import dev.zielmonitor.query.indicators.IndicatorViews.IndicatorView;
import dev.zielmonitor.query.indicators.IndicatorViews.ProvenanceView;
import dev.zielmonitor.query.indicators.IndicatorViews.SeriesView;
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

import java.time.Instant;
import java.util.List;

/**
 * The indicators: their catalogue, and per Jobcenter a series for a year computed from the figures as known at
 * {@code asOf} (ADR 0004), in total and split by gender, what changed in it between two recorded times, and where a
 * month's values come from.
 */
@RestController
class IndicatorQueryController {

    private static final List<IndicatorView> CATALOGUE = IndicatorDefinition.all().stream().map(IndicatorView::of)
            .toList();

    private final IndicatorSeries series;
    private final IndicatorChanges changes;
    private final IndicatorProvenance provenance;

    IndicatorQueryController(IndicatorSeries series, IndicatorChanges changes, IndicatorProvenance provenance) {
        this.series = series;
        this.changes = changes;
        this.provenance = provenance;
    }

    /** Every indicator with its German name, direction and unit: the dashboard keeps no copy of its own. */
    @GetMapping("/api/indicators")
    List<IndicatorView> catalogue() {
        return CATALOGUE;
    }

    /** The 12-month value, the year-to-date value and both a year earlier, each with its quotient or reason. */
    @GetMapping("/api/jobcenters/{jobcenterId}/indicators/{code}")
    SeriesView series(@PathVariable String jobcenterId, @PathVariable IndicatorCode code,
                      @RequestParam @Min(2005) @Max(2199) int year, Stand stand,
                      @RequestParam(defaultValue = "TOTAL") Gender gender) {
        return series.view(jobcenterId, code, year, stand.instant(), gender);
    }

    /** The series in total, for women and for men in one answer, all three as known at the same instant. */
    @GetMapping("/api/jobcenters/{jobcenterId}/indicators/{code}/genders")
    GenderSplitView genders(@PathVariable String jobcenterId, @PathVariable IndicatorCode code,
                            @RequestParam @Min(2005) @Max(2199) int year,
                            Stand stand) {
        return series.genders(jobcenterId, code, year, stand.instant());
    }

    /**
     * Every value of the series that differs between what was known at {@code from} and at {@code to} (default
     * now), with the old and the new value and the events recorded in between that changed what it is computed
     * from: first figures that came late, corrections.
     */
    @GetMapping("/api/jobcenters/{jobcenterId}/indicators/{code}/changes")
    ChangeReports.Report changes(@PathVariable String jobcenterId, @PathVariable IndicatorCode code,
                                 @RequestParam @Min(2005) @Max(2199) int year,
                                 @RequestParam(required = false) Instant from,
                                 @RequestParam(required = false) Instant to,
                                 @RequestParam(defaultValue = "TOTAL") Gender gender) {
        return changes.between(jobcenterId, code, year, from, to, gender);
    }

    /**
     * Where a month's values come from: every figure version they were computed from (as known at
     * {@code asOf}), with the event that produced it and that event's origin (Kafka coordinates, message id).
     */
    @GetMapping("/api/jobcenters/{jobcenterId}/indicators/{code}/{month}/provenance")
    ProvenanceView provenance(@PathVariable String jobcenterId, @PathVariable IndicatorCode code,
                              @PathVariable String month, Stand stand,
                              @RequestParam(defaultValue = "TOTAL") Gender gender) {
        return provenance.of(jobcenterId, code, month, stand.instant(), gender);
    }
}
