package dev.zielmonitor.command.reporting;

import dev.zielmonitor.contract.MonthlyFigures;
import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.Map;

/** Figures of one Jobcenter and month, as a contract message (or a user) states them. */
public record RecordMonthlyFiguresCommand(
        JobcenterId jobcenterId,
        ReportingMonth reportingMonth,
        LocalDate dataStatus,
        String source,
        String messageId,
        Map<FigureCode, Figure> figures,
        String correctionReason) {

    public RecordMonthlyFiguresCommand {
        figures = Map.copyOf(figures);
    }

    public static RecordMonthlyFiguresCommand of(MonthlyFigures message) {
        return new RecordMonthlyFiguresCommand(message.jobcenterId(), message.reportingMonth(), message.dataStatus(),
                message.source(), message.messageId(), message.figures(), message.correctionReason());
    }

    @TargetAggregateIdentifier
    public String reportId() {
        return MonthlyReport.idOf(jobcenterId, reportingMonth);
    }
}
