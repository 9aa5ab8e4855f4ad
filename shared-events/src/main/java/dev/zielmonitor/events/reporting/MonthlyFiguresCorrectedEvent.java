package dev.zielmonitor.events.reporting;

import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.common.ReportingMonth;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.Map;

/**
 * Later figures (same or later data status) superseded what was known for a Jobcenter and month. Only the
 * figures that changed or became known are listed; the others keep their values.
 *
 * @param reason the correction reason the message gave, or {@code null}
 */
@Revision("1")
public record MonthlyFiguresCorrectedEvent(
        JobcenterId jobcenterId,
        ReportingMonth reportingMonth,
        LocalDate dataStatus,
        String source,
        String messageId,
        String reason,
        Map<FigureCode, FigureChange> changes) {

    public MonthlyFiguresCorrectedEvent {
        changes = Map.copyOf(changes);
    }
}
