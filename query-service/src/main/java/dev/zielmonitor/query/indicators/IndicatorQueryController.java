package dev.zielmonitor.query.indicators;

import dev.zielmonitor.events.common.IndicatorCode;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.indicators.FigureSource;
import dev.zielmonitor.indicators.Gender;
import dev.zielmonitor.indicators.IndicatorEngine;
import dev.zielmonitor.indicators.IndicatorResult;
import dev.zielmonitor.query.registry.JobcenterIds;
import dev.zielmonitor.query.reporting.FigureVersions;
import dev.zielmonitor.query.web.InvalidParameterException;
import dev.zielmonitor.query.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An indicator's monthly series for a year, computed from the figures as known at {@code asOf} (ADR 0004):
 * the 12-month value, the year-to-date value and both a year earlier, each with numerator and denominator or
 * the reason it cannot be computed.
 */
@RestController
class IndicatorQueryController {

    private final JdbcClient jdbc;
    private final FigureVersions versions;
    private final IndicatorEngine engine = new IndicatorEngine();

    IndicatorQueryController(JdbcClient jdbc, FigureVersions versions) {
        this.jdbc = jdbc;
        this.versions = versions;
    }

    @GetMapping("/api/jobcenters/{jobcenterId}/indicators/{code}")
    SeriesView series(@PathVariable String jobcenterId, @PathVariable IndicatorCode code, @RequestParam int year,
                      @RequestParam(required = false) Instant asOf,
                      @RequestParam(defaultValue = "TOTAL") Gender gender) {
        String id = JobcenterIds.checked(jobcenterId);
        if (year < 2007 || year > 2100) {
            throw new InvalidParameterException("year", "must be a year from 2007 (two years of SGB II) to 2100");
        }
        if (jdbc.sql("SELECT count(*) FROM read_model.jobcenter WHERE jobcenter_id = ?").param(id)
                .query(Long.class).single() == 0) {
            throw new NotFoundException("No Jobcenter " + id + " is registered");
        }
        Instant knownAt = asOf == null ? Instant.now() : asOf;
        // the longest look-back: a year-earlier comparison of a 12-month change, 24 months before January
        Map<ReportingMonth, Map<FigureCode, Figure>> figures = new HashMap<>();
        versions.asOf(id, ReportingMonth.of(year - 2, 1), ReportingMonth.of(year, 12), knownAt)
                .forEach(v -> figures.put(v.month(), v.figures()));
        FigureSource source = FigureSource.of(figures);

        List<MonthView> months = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            ReportingMonth month = ReportingMonth.of(year, m);
            ReportingMonth yearBefore = month.minusMonths(12);
            months.add(new MonthView(month.toString(),
                    view(engine.twelveMonth(code, month, gender, source)),
                    view(engine.yearToDate(code, month, gender, source)),
                    view(engine.twelveMonth(code, yearBefore, gender, source)),
                    view(engine.yearToDate(code, yearBefore, gender, source))));
        }
        return new SeriesView(id, code, code.germanName(), year, gender, knownAt, months);
    }

    private static ResultView view(IndicatorResult result) {
        if (result instanceof IndicatorResult.Value v) {
            return new ResultView(v.percent(), v.numerator(), v.denominator(), null);
        }
        return new ResultView(null, null, null, ((IndicatorResult.NotComputable) result).reason());
    }

    record SeriesView(String jobcenterId, IndicatorCode code, String name, int year, Gender gender, Instant asOf,
                      List<MonthView> months) {
    }

    /**
     * @param previousYearTwelveMonth the 12-month value of the same month a year earlier
     * @param previousYearToDate      the year-to-date value of the same month a year earlier
     */
    record MonthView(String reportingMonth, ResultView twelveMonth, ResultView yearToDate,
                     ResultView previousYearTwelveMonth, ResultView previousYearToDate) {
    }

    /** A value in percent with its quotient, or {@code notComputable} with the reason. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record ResultView(BigDecimal percent, BigDecimal numerator, BigDecimal denominator, String notComputable) {
    }
}
