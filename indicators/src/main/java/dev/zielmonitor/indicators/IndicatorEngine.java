package dev.zielmonitor.indicators;

import dev.zielmonitor.events.common.IndicatorCode;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.indicators.IndicatorResult.Missing;
import dev.zielmonitor.indicators.IndicatorResult.NotComputable;
import dev.zielmonitor.indicators.IndicatorResult.Value;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes the § 48a indicators of one Jobcenter from its monthly figures: the 12-month value published each
 * month, and the year-to-date value (Jahresfortschrittswert) from January. Stateless and thread-safe.
 */
public final class IndicatorEngine {

    /** The value published for {@code month}: windows of the 12 months up to it, as the regulation defines. */
    public IndicatorResult twelveMonth(IndicatorCode code, ReportingMonth month, Gender gender, FigureSource source) {
        IndicatorDefinition d = IndicatorDefinition.of(code);
        Inputs in = new Inputs(source, gender);
        ReportingMonth first = month.minusMonths(11);
        return switch (d.kind()) {
            case CHANGE -> change(in, in.get(d.flow(), month), in.get(d.flow(), month.minusMonths(12)));
            case QUOTA -> quota(in, in.sum(d.flow(), first, month),
                    in.average(d.stock(), month.minusMonths(12), month.minusMonths(1)));
            case SHARE_OF_SUMS -> quota(in, in.sum(d.flow(), first, month), in.sum(d.stock(), first, month));
            case MEAN_RATE_SAME_MONTH -> meanRate(in, d, first, month, 0);
            case MEAN_RATE_PREVIOUS_MONTH -> meanRate(in, d, first, month, 1);
            case STOCK_RATIO -> quota(in, in.get(d.flow(), month), in.get(d.stock(), month));
        };
    }

    /** The year-to-date value for {@code month}: from January of its year up to it. */
    public IndicatorResult yearToDate(IndicatorCode code, ReportingMonth month, Gender gender, FigureSource source) {
        IndicatorDefinition d = IndicatorDefinition.of(code);
        Inputs in = new Inputs(source, gender);
        ReportingMonth january = ReportingMonth.of(month.year(), 1);
        return switch (d.kind()) {
            case CHANGE -> d.sumsMoney()
                    ? change(in, in.sum(d.flow(), january, month),
                            in.sum(d.flow(), january.minusMonths(12), month.minusMonths(12)))
                    : change(in, in.average(d.flow(), january, month),
                            in.average(d.flow(), january.minusMonths(12), month.minusMonths(12)));
            case QUOTA -> quota(in, in.sum(d.flow(), january, month),
                    in.average(d.stock(), january.minusMonths(1), month.minusMonths(1)));
            case SHARE_OF_SUMS -> quota(in, in.sum(d.flow(), january, month), in.sum(d.stock(), january, month));
            case MEAN_RATE_SAME_MONTH -> meanRate(in, d, january, month, 0);
            case MEAN_RATE_PREVIOUS_MONTH -> meanRate(in, d, january, month, 1);
            case STOCK_RATIO -> quota(in, in.average(d.flow(), january, month), in.average(d.stock(), january, month));
        };
    }

    private static IndicatorResult quota(Inputs in, BigDecimal numerator, BigDecimal denominator) {
        if (!in.missing.isEmpty()) {
            return NotComputable.missing(in.missing);
        }
        if (denominator.signum() == 0) {
            return new NotComputable("the denominator is zero", List.of());
        }
        return new Value(numerator, denominator, Rounding.percent(Rounding.divide(numerator, denominator)));
    }

    private static IndicatorResult change(Inputs in, BigDecimal current, BigDecimal yearBefore) {
        if (!in.missing.isEmpty()) {
            return NotComputable.missing(in.missing);
        }
        if (yearBefore.signum() == 0) {
            return new NotComputable("the value a year earlier is zero", List.of());
        }
        return new Value(current, yearBefore, Rounding.changePercent(Rounding.divide(current, yearBefore)));
    }

    /** Mean of monthly rates flow(i) ÷ stock(i − shift); numerator = their sum, denominator = their count. */
    private static IndicatorResult meanRate(Inputs in, IndicatorDefinition d, ReportingMonth first,
                                            ReportingMonth last, int shift) {
        BigDecimal sum = BigDecimal.ZERO;
        int months = 0;
        for (ReportingMonth m = first; m.compareTo(last) <= 0; m = m.plusMonths(1)) {
            BigDecimal flow = in.get(d.flow(), m);
            BigDecimal stock = in.get(d.stock(), m.minusMonths(shift));
            months++;
            if (flow == null || stock == null) {
                continue;
            }
            if (stock.signum() == 0) {
                return new NotComputable(d.stock() + " " + m.minusMonths(shift) + " is zero", List.of());
            }
            sum = sum.add(Rounding.divide(flow, stock));
        }
        if (!in.missing.isEmpty()) {
            return NotComputable.missing(in.missing);
        }
        BigDecimal count = BigDecimal.valueOf(months);
        return new Value(sum, count, Rounding.percent(Rounding.divide(sum, count)));
    }

    /** Reads figures and remembers every one that is missing, so that the reason names them all. */
    private static final class Inputs {
        private final FigureSource source;
        private final Gender gender;
        private final List<Missing> missing = new ArrayList<>();

        Inputs(FigureSource source, Gender gender) {
            this.source = source;
            this.gender = gender;
        }

        BigDecimal get(FigureCode code, ReportingMonth month) {
            return source.value(code, month, gender).orElseGet(() -> {
                missing.add(new Missing(code, month, gender));
                return null;
            });
        }

        BigDecimal sum(FigureCode code, ReportingMonth from, ReportingMonth to) {
            BigDecimal sum = BigDecimal.ZERO;
            for (ReportingMonth m = from; m.compareTo(to) <= 0; m = m.plusMonths(1)) {
                BigDecimal value = get(code, m);
                if (value != null) {
                    sum = sum.add(value);
                }
            }
            return sum;
        }

        BigDecimal average(FigureCode code, ReportingMonth from, ReportingMonth to) {
            int months = 0;
            for (ReportingMonth m = from; m.compareTo(to) <= 0; m = m.plusMonths(1)) {
                months++;
            }
            return Rounding.divide(sum(code, from, to), BigDecimal.valueOf(months));
        }
    }
}
