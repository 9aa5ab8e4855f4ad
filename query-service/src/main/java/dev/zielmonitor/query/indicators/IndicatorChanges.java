package dev.zielmonitor.query.indicators;

import dev.zielmonitor.events.common.IndicatorCode;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.indicators.Gender;
import dev.zielmonitor.query.audit.ChangeReports;
import dev.zielmonitor.query.indicators.IndicatorViews.MonthView;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every value of a series that differs between what was known at {@code from} and at {@code to}, with the old and
 * the new value and the events recorded in between that changed what it is computed from: first figures that came
 * late, corrections.
 */
@Component
class IndicatorChanges {

    private static final List<String> VALUES = List.of("twelveMonth", "yearToDate", "previousYearTwelveMonth",
            "previousYearToDate");

    private final IndicatorSeries series;
    private final ChangeReports changeReports;

    IndicatorChanges(IndicatorSeries series, ChangeReports changeReports) {
        this.series = series;
        this.changeReports = changeReports;
    }

    ChangeReports.Report between(String jobcenterId, IndicatorCode code, int year, Instant from, Instant to,
                                 Gender gender) {
        ChangeReports.checkInterval(from, to);
        Instant until = to == null ? Instant.now() : to;
        IndicatorSeries.Computed before = series.compute(jobcenterId, code, year, from, gender);
        IndicatorSeries.Computed after = series.compute(jobcenterId, code, year, until, gender);
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
}
