package dev.zielmonitor.query.indicators;

import dev.zielmonitor.events.common.IndicatorCode;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.indicators.FigureSource;
import dev.zielmonitor.indicators.Gender;
import dev.zielmonitor.indicators.IndicatorDefinition;
import dev.zielmonitor.indicators.IndicatorEngine;
import dev.zielmonitor.query.indicators.IndicatorViews.GenderSplitView;
import dev.zielmonitor.query.indicators.IndicatorViews.MonthView;
import dev.zielmonitor.query.indicators.IndicatorViews.ResultView;
import dev.zielmonitor.query.indicators.IndicatorViews.SeriesView;
import dev.zielmonitor.query.registry.JobcenterIds;
import dev.zielmonitor.query.registry.RegisteredJobcenters;
import dev.zielmonitor.query.reporting.FigureVersions;
import dev.zielmonitor.events.failure.InvalidInput;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An indicator's monthly series for a year, computed from the figures as known at an instant (ADR 0004): per month
 * the 12-month value, the year-to-date value and both a year earlier, and the months each month's values read.
 */
@Component
class IndicatorSeries {

    private final RegisteredJobcenters jobcenters;
    private final FigureVersions versions;
    private final IndicatorEngine engine = new IndicatorEngine();

    IndicatorSeries(RegisteredJobcenters jobcenters, FigureVersions versions) {
        this.jobcenters = jobcenters;
        this.versions = versions;
    }

    /** A series and, per month, the months whose figures its values read. */
    record Computed(SeriesView view, List<Set<ReportingMonth>> read) {
    }

    SeriesView view(String jobcenterId, IndicatorCode code, int year, Instant knownAt, Gender gender) {
        return compute(jobcenterId, code, year, knownAt, gender).view();
    }

    Computed compute(String jobcenterId, IndicatorCode code, int year, Instant knownAt, Gender gender) {
        String id = checked(jobcenterId, year);
        return compute(id, code, year, knownAt, gender, figures(id, year, knownAt));
    }

    /** The three series from one reading of the figures, so that they are known at the very same instant. */
    GenderSplitView genders(String jobcenterId, IndicatorCode code, int year, Instant knownAt) {
        String id = checked(jobcenterId, year);
        KnownFigures figures = figures(id, year, knownAt);
        return new GenderSplitView(compute(id, code, year, knownAt, Gender.TOTAL, figures).view(),
                compute(id, code, year, knownAt, Gender.FEMALE, figures).view(),
                compute(id, code, year, knownAt, Gender.MALE, figures).view());
    }

    private String checked(String jobcenterId, int year) {
        String id = JobcenterIds.checked(jobcenterId);
        if (year < 2007 || year > 2100) {
            throw InvalidInput.parameter("year", "must be a year from 2007 (two years of SGB II) to 2100");
        }
        jobcenters.require(id);
        return id;
    }

    /** The longest look-back: a year-earlier comparison of a 12-month change, 24 months before January. */
    private KnownFigures figures(String id, int year, Instant knownAt) {
        return KnownFigures.read(versions, id, ReportingMonth.of(year - 2, 1), ReportingMonth.of(year, 12), knownAt);
    }

    private Computed compute(String id, IndicatorCode code, int year, Instant knownAt, Gender gender,
                             KnownFigures figures) {
        List<MonthView> months = new ArrayList<>();
        List<Set<ReportingMonth>> reads = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            ReportingMonth month = ReportingMonth.of(year, m);
            ReportingMonth yearBefore = month.minusMonths(12);
            Set<ReportingMonth> read = new HashSet<>();
            FigureSource source = figures.recording(read);
            ResultView twelveMonth = ResultView.of(engine.twelveMonth(code, month, gender, source));
            ResultView yearToDate = ResultView.of(engine.yearToDate(code, month, gender, source));
            ResultView previousTwelveMonth = ResultView.of(engine.twelveMonth(code, yearBefore, gender, source));
            ResultView previousYearToDate = ResultView.of(engine.yearToDate(code, yearBefore, gender, source));
            months.add(new MonthView(month.toString(), twelveMonth, yearToDate, previousTwelveMonth,
                    previousYearToDate, figures.knownFrom(read), figures.knownUntil(read)));
            reads.add(read);
        }
        return new Computed(new SeriesView(id, code, IndicatorDefinition.of(code).name(), year, gender, knownAt, months), reads);
    }
}
