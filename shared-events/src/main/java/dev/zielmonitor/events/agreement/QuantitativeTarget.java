package dev.zielmonitor.events.agreement;

import dev.zielmonitor.events.common.IndicatorCode;

import java.math.BigDecimal;

/**
 * A target on an indicator, e.g. K2 {@code RELATIVE_CHANGE} +0.5 against 2013, rounded to two decimals.
 *
 * @param targetId  unique within the agreement, e.g. "II-K2"
 * @param value     percent for RELATIVE_CHANGE and MAX_CHANGE, the level for LEVEL; {@code null} for MONITORING
 * @param baseYear  the year compared with; {@code null} for LEVEL and MONITORING
 * @param decimals  the agreed rounding of the target level and the result (two, as published)
 */
public record QuantitativeTarget(String targetId, IndicatorCode indicator, TargetType type, BigDecimal value,
                                 Integer baseYear, int decimals) {
}
