package dev.zielmonitor.events.reporting;

import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.common.ReportingMonth;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.Map;

/**
 * The first figures the platform learned for a Jobcenter and reporting month. Figures left out of
 * {@code figures} are unknown. Where the figures came from (Kafka coordinates, message id, user) is in the
 * event's metadata, see {@link Provenance}.
 *
 * @param dataStatus the date the figures were produced (Datenstand)
 * @param source     who produced them, e.g. {@code BA_STATISTIK}
 * @param messageId  the id of the contract message that carried them
 */
@Revision("1")
public record MonthlyFiguresRecordedEvent(
        JobcenterId jobcenterId,
        ReportingMonth reportingMonth,
        LocalDate dataStatus,
        String source,
        String messageId,
        Map<FigureCode, Figure> figures) {

    public MonthlyFiguresRecordedEvent {
        figures = Map.copyOf(figures);
    }
}
