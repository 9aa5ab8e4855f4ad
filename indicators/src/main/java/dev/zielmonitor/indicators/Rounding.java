package dev.zielmonitor.indicators;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How the engine rounds: every division to 34 significant digits (IEEE 754 decimal128), so that no
 * intermediate rounding shows; the published value once, at the end, half-up to two decimals, as the
 * statistics office publishes percentages.
 */
public final class Rounding {

    public static final MathContext INTERMEDIATE = MathContext.DECIMAL128;
    public static final int PUBLISHED_SCALE = 2;
    public static final RoundingMode PUBLISHED_MODE = RoundingMode.HALF_UP;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Rounding() {
    }

    static BigDecimal divide(BigDecimal numerator, BigDecimal denominator) {
        return numerator.divide(denominator, INTERMEDIATE);
    }

    static BigDecimal percent(BigDecimal quotient) {
        return quotient.multiply(HUNDRED).setScale(PUBLISHED_SCALE, PUBLISHED_MODE);
    }

    static BigDecimal changePercent(BigDecimal quotient) {
        return quotient.subtract(BigDecimal.ONE).multiply(HUNDRED).setScale(PUBLISHED_SCALE, PUBLISHED_MODE);
    }
}
