package dev.zielmonitor.command.reporting;

import dev.zielmonitor.contract.ContractViolationException;
import dev.zielmonitor.contract.FigureRules;
import dev.zielmonitor.contract.RejectionCode;
import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureChange;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.events.reporting.MonthlyFiguresCorrectedEvent;
import dev.zielmonitor.events.reporting.MonthlyFiguresRecordedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The figures of one Jobcenter for one reporting month, with every correction. One aggregate per
 * (Jobcenter, month) keeps each stream a handful of events long however many years of history accumulate,
 * so loading it stays cheap without snapshots.
 */
@Aggregate
class MonthlyReport {

    @AggregateIdentifier
    private String reportId;
    private LocalDate dataStatus;
    private final Map<FigureCode, Figure> figures = new EnumMap<>(FigureCode.class);
    private final Set<String> messageIds = new HashSet<>();

    MonthlyReport() {
        // for Axon
    }

    /** The aggregate of a Jobcenter's month, e.g. {@code report:05122:2014-03}. */
    static String idOf(JobcenterId jobcenterId, ReportingMonth month) {
        return "report:" + jobcenterId + ":" + month;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    RecordingResult handle(RecordMonthlyFiguresCommand command) {
        if (reportId == null) {
            apply(new MonthlyFiguresRecordedEvent(command.jobcenterId(), command.reportingMonth(),
                    command.dataStatus(), command.source(), command.messageId(), command.figures()));
            return RecordingResult.of(RecordingOutcome.RECORDED);
        }
        if (messageIds.contains(command.messageId())) {
            return RecordingResult.of(RecordingOutcome.DUPLICATE);
        }
        if (command.dataStatus().isBefore(dataStatus)) {
            return RecordingResult.rejected(RejectionCode.STALE_DATA_STATUS, "data status " + command.dataStatus()
                    + " of message " + command.messageId() + " for " + command.jobcenterId() + " "
                    + command.reportingMonth() + " is older than the known data status " + dataStatus);
        }
        Map<FigureCode, FigureChange> changes = new EnumMap<>(FigureCode.class);
        command.figures().forEach((code, after) -> {
            Figure before = figures.get(code);
            if (!after.equals(before)) {
                changes.put(code, new FigureChange(before, after));
            }
        });
        if (changes.isEmpty()) {
            return RecordingResult.of(RecordingOutcome.UNCHANGED);
        }
        Map<FigureCode, Figure> merged = new EnumMap<>(figures);
        merged.putAll(command.figures());
        Optional<ContractViolationException> violation = FigureRules.firstViolation(merged);
        if (violation.isPresent()) {
            return RecordingResult.rejected(violation.get().code(), "with the figures already known for "
                    + command.reportingMonth() + ": " + violation.get().getMessage());
        }
        apply(new MonthlyFiguresCorrectedEvent(command.jobcenterId(), command.reportingMonth(),
                command.dataStatus(), command.source(), command.messageId(), command.correctionReason(), changes));
        return RecordingResult.of(RecordingOutcome.CORRECTED);
    }

    @EventSourcingHandler
    void on(MonthlyFiguresRecordedEvent event) {
        reportId = idOf(event.jobcenterId(), event.reportingMonth());
        dataStatus = event.dataStatus();
        figures.putAll(event.figures());
        messageIds.add(event.messageId());
    }

    @EventSourcingHandler
    void on(MonthlyFiguresCorrectedEvent event) {
        dataStatus = event.dataStatus();
        event.changes().forEach((code, change) -> figures.put(code, change.after()));
        messageIds.add(event.messageId());
    }
}
