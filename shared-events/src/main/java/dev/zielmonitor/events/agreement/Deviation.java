package dev.zielmonitor.events.agreement;

import dev.zielmonitor.events.common.IndicatorCode;

import java.math.BigDecimal;
import java.util.List;

/**
 * An in-year deviation in framework conditions (unterjährige Abweichung von den Rahmenbedingungen) recorded in a
 * steering dialogue, to be considered when attainment is judged.
 *
 * @param estimatedEffect the effect the parties estimate on the affected indicators, in percentage points;
 *                        {@code null} when they give none
 */
public record Deviation(String description, List<IndicatorCode> affectedIndicators, BigDecimal estimatedEffect) {

    public Deviation {
        affectedIndicators = affectedIndicators == null ? List.of() : List.copyOf(affectedIndicators);
    }
}
