package dev.zielmonitor.query.reporting;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;
import java.util.List;

/**
 * When accepted figures are flagged as implausible (contract.md): a stock that changes against the previous
 * month by more than {@code maxMonthlyChangePercent} percent.
 *
 * @param stocks the figures checked: stocks and monthly sums, whose month-to-month change is normally small
 */
@ConfigurationProperties("zielmonitor.plausibility")
record PlausibilityProperties(
        @DefaultValue("20") BigDecimal maxMonthlyChangePercent,
        @DefaultValue({"ELB", "LZB", "ELB_SINGLE_PARENT", "LLU_EUR", "LUH_EUR"}) List<String> stocks) {
}
