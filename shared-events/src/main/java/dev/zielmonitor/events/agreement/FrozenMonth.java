package dev.zielmonitor.events.agreement;

import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;

import java.time.LocalDate;
import java.util.Map;

/** A month's figures as an assessment judged them: with their data status, whatever corrections come later. */
public record FrozenMonth(ReportingMonth month, LocalDate dataStatus, Map<FigureCode, Figure> figures) {

    public FrozenMonth {
        figures = Map.copyOf(figures);
    }
}
