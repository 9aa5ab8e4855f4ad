package dev.zielmonitor.contract;

import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;

import java.time.LocalDate;
import java.util.Map;

/**
 * A message that passed the contract: counts are whole numbers, amounts carry two decimals, so that equal
 * figures compare equal.
 *
 * @param correctionReason the {@code correction.reason} of the message, or {@code null}
 */
public record MonthlyFigures(
        JobcenterId jobcenterId,
        ReportingMonth reportingMonth,
        LocalDate dataStatus,
        String source,
        String messageId,
        Map<FigureCode, Figure> figures,
        String correctionReason) {

    public MonthlyFigures {
        figures = Map.copyOf(figures);
    }
}
