package dev.zielmonitor.command.reporting;

import dev.zielmonitor.events.agreement.FrozenMonth;
import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.events.reporting.MonthlyFiguresCorrectedEvent;
import dev.zielmonitor.events.reporting.MonthlyFiguresRecordedEvent;
import dev.zielmonitor.events.common.ReportingMonth;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The figures of a Jobcenter's months as the command side knows them now, from the months' own event streams. */
@Component
public class RecordedFigures {

    private final EventStore eventStore;

    RecordedFigures(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Every month from {@code from} to {@code to} that has figures, with its latest figures and data status. */
    public List<FrozenMonth> current(JobcenterId jobcenterId, ReportingMonth from, ReportingMonth to) {
        List<FrozenMonth> months = new ArrayList<>();
        for (ReportingMonth month = from; month.compareTo(to) <= 0; month = month.plusMonths(1)) {
            Map<FigureCode, Figure> figures = new EnumMap<>(FigureCode.class);
            LocalDate[] dataStatus = new LocalDate[1];
            eventStore.readEvents(MonthlyReport.idOf(jobcenterId, month)).asStream().forEach(event -> {
                if (event.getPayload() instanceof MonthlyFiguresRecordedEvent recorded) {
                    figures.putAll(recorded.figures());
                    dataStatus[0] = recorded.dataStatus();
                } else if (event.getPayload() instanceof MonthlyFiguresCorrectedEvent corrected) {
                    corrected.changes().forEach((code, change) -> figures.put(code, change.after()));
                    dataStatus[0] = corrected.dataStatus();
                }
            });
            if (dataStatus[0] != null) {
                months.add(new FrozenMonth(month, dataStatus[0], figures));
            }
        }
        return months;
    }
}
