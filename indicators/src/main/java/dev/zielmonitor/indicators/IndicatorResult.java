package dev.zielmonitor.indicators;

import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.reporting.FigureCode;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/** An indicator value, or why it cannot be computed: never a wrong number, never a silent zero. */
public sealed interface IndicatorResult {

    /**
     * @param numerator   the quotient's numerator, unrounded (for mean rates: the sum of the monthly rates)
     * @param denominator the quotient's denominator, unrounded (for mean rates: the number of months)
     * @param percent     the published value in percent, rounded half-up to two decimals; for change
     *                    indicators the rate of change {@code (numerator / denominator − 1) × 100}
     */
    record Value(BigDecimal numerator, BigDecimal denominator, BigDecimal percent) implements IndicatorResult {
    }

    /** @param missing the figures (of which month, for which gender) that would be needed */
    record NotComputable(String reason, List<Missing> missing) implements IndicatorResult {

        public NotComputable {
            missing = List.copyOf(missing);
        }

        static NotComputable missing(List<Missing> missing) {
            return new NotComputable("missing: " + missing.stream().map(Missing::toString)
                    .collect(Collectors.joining(", ")), missing);
        }
    }

    /** A figure that is not known. */
    record Missing(FigureCode figure, ReportingMonth month, Gender gender) {

        @Override
        public String toString() {
            return figure + " " + month + (gender == Gender.TOTAL ? "" : " (" + gender.name().toLowerCase() + ")");
        }
    }
}
