package dev.zielmonitor.indicators;

import dev.zielmonitor.events.agreement.QuantitativeTarget;
import dev.zielmonitor.events.agreement.TargetType;
import dev.zielmonitor.events.common.IndicatorCode;
import dev.zielmonitor.events.common.ReportingMonth;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Set;

/**
 * How a target stands in a month (docs/agreements.md, "Attainment"). Targets are judged on year-to-date values
 * (domain.md): the target level for the year, the same-period target, a forecast for December and a status.
 * <ul>
 *   <li><b>Target level</b>: RELATIVE_CHANGE: the base year's December year-to-date value, rounded to the agreed
 *   decimals as published, × (1 + value / 100), rounded again (19.88 × 1.005 = 19.9794 → 19.98); LEVEL and
 *   MAX_CHANGE: the value; MONITORING: none.</li>
 *   <li><b>Same-period target</b> (RELATIVE_CHANGE): the previous year's value of the same month × (1 + value / 100),
 *   what the month must show to be on the agreed path.</li>
 *   <li><b>Forecast</b> for December: a quota accumulates over the year (integrations January…month over the average
 *   stock), so it is scaled by last year's ratio of December to the same month; every other kind of indicator is a
 *   rate or a share already comparable over the year, and is carried forward. In December the forecast is the
 *   value.</li>
 *   <li><b>Status</b>: whether the forecast meets the target level, in the indicator's direction (more integrations
 *   are better, a rising stock of long-term recipients or rising benefits are not): ON_TRACK; missing it by at most
 *   the tolerance (percentage points): AT_RISK; else OFF_TRACK. MONITORING targets are not judged.</li>
 * </ul>
 */
public final class Attainment {

    /** Indicators where a higher value is better; for all others a lower one is. */
    private static final Set<IndicatorCode> HIGHER_IS_BETTER = Set.of(IndicatorCode.K1E4, IndicatorCode.K2,
            IndicatorCode.K2E1, IndicatorCode.K2E2, IndicatorCode.K2E3, IndicatorCode.K2E4, IndicatorCode.K3E1,
            IndicatorCode.K3E2, IndicatorCode.K3E4);

    public enum Status { ON_TRACK, AT_RISK, OFF_TRACK, MONITORING, NOT_COMPUTABLE }

    /** Which way an indicator is better: the direction a target is judged in, and the dashboard's colours. */
    public enum Direction { HIGHER_IS_BETTER, LOWER_IS_BETTER }

    /**
     * @param yearToDate         the target's indicator, year to date, in the month
     * @param previousYearToDate the same a year earlier
     * @param targetLevel        the level the year must reach (or not exceed); {@code null} for MONITORING or when
     *                           the base year's value is not computable
     * @param samePeriodTarget   the previous year's value of the month × (1 + value / 100), RELATIVE_CHANGE only
     * @param forecast           the December forecast, {@code null} when not computable
     * @param gap                forecast − target level, in percentage points
     * @param reason             why the status is NOT_COMPUTABLE, else {@code null}
     */
    public record Progress(ReportingMonth month, IndicatorResult yearToDate, IndicatorResult previousYearToDate,
                           BigDecimal targetLevel, BigDecimal samePeriodTarget, BigDecimal forecast,
                           String forecastMethod, BigDecimal gap, Status status, String reason) {
    }

    private final IndicatorEngine engine = new IndicatorEngine();
    private final BigDecimal tolerance;

    /** @param tolerance how far (percentage points) a forecast may miss the level and still be AT_RISK, not OFF_TRACK */
    public Attainment(BigDecimal tolerance) {
        this.tolerance = tolerance;
    }

    public static boolean higherIsBetter(IndicatorCode code) {
        return HIGHER_IS_BETTER.contains(code);
    }

    public static Direction direction(IndicatorCode code) {
        return higherIsBetter(code) ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER;
    }

    /** The level a target sets for {@code year}; {@code null} for MONITORING or when the base is not computable. */
    public BigDecimal targetLevel(QuantitativeTarget target, int year, FigureSource figures) {
        return switch (target.type()) {
            case MONITORING -> null;
            case LEVEL, MAX_CHANGE -> target.value();
            case RELATIVE_CHANGE -> engine.yearToDate(target.indicator(), ReportingMonth.of(target.baseYear(), 12),
                    Gender.TOTAL, figures) instanceof IndicatorResult.Value base
                    ? grown(base.percent(), target).setScale(target.decimals(), RoundingMode.HALF_UP) : null;
        };
    }

    public Progress progress(QuantitativeTarget target, ReportingMonth month, FigureSource figures) {
        IndicatorCode code = target.indicator();
        IndicatorResult current = engine.yearToDate(code, month, Gender.TOTAL, figures);
        IndicatorResult previous = engine.yearToDate(code, month.minusMonths(12), Gender.TOTAL, figures);
        if (target.type() == TargetType.MONITORING) {
            return new Progress(month, current, previous, null, null, null, null, null, Status.MONITORING, null);
        }
        BigDecimal level = targetLevel(target, month.year(), figures);
        BigDecimal samePeriod = target.type() == TargetType.RELATIVE_CHANGE
                && previous instanceof IndicatorResult.Value p
                ? grown(p.percent(), target).setScale(target.decimals(), RoundingMode.HALF_UP) : null;
        if (!(current instanceof IndicatorResult.Value value)) {
            return new Progress(month, current, previous, level, samePeriod, null, null, null,
                    Status.NOT_COMPUTABLE, ((IndicatorResult.NotComputable) current).reason());
        }
        if (level == null) {
            return new Progress(month, current, previous, null, samePeriod, null, null, null, Status.NOT_COMPUTABLE,
                    "the base year " + target.baseYear() + " has no December value of " + code);
        }
        String method;
        BigDecimal forecast;
        if (month.month() == 12) {
            method = "December: the value itself";
            forecast = value.percent();
        } else if (IndicatorDefinition.of(code).kind() == IndicatorDefinition.Kind.QUOTA) {
            method = "value so far × last year's December value ÷ last year's value of the same month";
            IndicatorResult lastDecember = engine.yearToDate(code, ReportingMonth.of(month.year() - 1, 12),
                    Gender.TOTAL, figures);
            forecast = lastDecember instanceof IndicatorResult.Value dec && previous instanceof IndicatorResult.Value p
                    && p.percent().signum() != 0
                    ? value.percent().multiply(dec.percent()).divide(p.percent(), Rounding.INTERMEDIATE)
                    .setScale(Rounding.PUBLISHED_SCALE, RoundingMode.HALF_UP) : null;
        } else {
            method = "value so far, carried to December";
            forecast = value.percent();
        }
        if (forecast == null) {
            return new Progress(month, current, previous, level, samePeriod, null, method, null,
                    Status.NOT_COMPUTABLE, "last year's values of " + code + " are needed for the forecast");
        }
        return new Progress(month, current, previous, level, samePeriod, forecast, method,
                forecast.subtract(level), statusAgainst(forecast, level, code), null);
    }

    /**
     * Whether {@code forecast} meets {@code level} in the indicator's direction, or misses it by at most the
     * tolerance; also used against a level shifted by the effects estimated for deviations (indicative only).
     */
    public Status statusAgainst(BigDecimal forecast, BigDecimal level, IndicatorCode code) {
        BigDecimal gap = forecast.subtract(level);
        boolean meets = higherIsBetter(code) ? gap.signum() >= 0 : gap.signum() <= 0;
        return meets ? Status.ON_TRACK : gap.abs().compareTo(tolerance) <= 0 ? Status.AT_RISK : Status.OFF_TRACK;
    }

    private static BigDecimal grown(BigDecimal base, QuantitativeTarget target) {
        return base.multiply(BigDecimal.ONE.add(target.value().movePointLeft(2)), Rounding.INTERMEDIATE);
    }
}
