package dev.zielmonitor.query.reporting;

import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.events.reporting.MonthlyFiguresCorrectedEvent;
import dev.zielmonitor.events.reporting.MonthlyFiguresRecordedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Date;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest known figures per Jobcenter and month, with how often they were corrected. Rows are written in
 * JDBC batches when the processor's batch commits (one transaction with its token): first the new months,
 * then the corrections in the order they happened.
 */
@Component
@ProcessingGroup("monthly-figures")
class MonthlyFiguresProjection {

    private static final String PENDING = MonthlyFiguresProjection.class.getName() + ".pending";
    private static final String INSERT = """
            INSERT INTO read_model.monthly_report (jobcenter_id, reporting_month, data_status, source, message_id,
                first_recorded_at, last_changed_at, corrections, figures)
            VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?::jsonb)""";
    private static final String CORRECT = """
            UPDATE read_model.monthly_report
            SET data_status = ?, source = ?, message_id = ?, last_changed_at = ?, corrections = corrections + 1,
                figures = figures || ?::jsonb
            WHERE jobcenter_id = ? AND reporting_month = ?""";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    MonthlyFiguresProjection(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(MonthlyFiguresRecordedEvent event, @Timestamp Instant recordedAt) {
        pending().inserts.add(new Object[] {event.jobcenterId().value(), firstDay(event.reportingMonth()),
                event.dataStatus(), event.source(), event.messageId(), java.sql.Timestamp.from(recordedAt),
                java.sql.Timestamp.from(recordedAt), toJson(event.figures())});
    }

    @EventHandler
    void on(MonthlyFiguresCorrectedEvent event, @Timestamp Instant recordedAt) {
        Map<FigureCode, Figure> after = new EnumMap<>(FigureCode.class);
        event.changes().forEach((code, change) -> after.put(code, change.after()));
        pending().corrections.add(new Object[] {event.dataStatus(), event.source(), event.messageId(),
                java.sql.Timestamp.from(recordedAt), toJson(after), event.jobcenterId().value(),
                firstDay(event.reportingMonth())});
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM read_model.monthly_report");
    }

    /** The writes of the current processor batch, flushed once before it commits. */
    private Pending pending() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(PENDING, key -> {
            Pending pending = new Pending();
            root.onPrepareCommit(uow -> pending.flush(jdbc));
            return pending;
        });
    }

    private String toJson(Map<FigureCode, Figure> figures) {
        Map<String, Object> document = new LinkedHashMap<>();
        figures.forEach((code, figure) -> {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("total", figure.total());
            if (figure.female() != null) {
                values.put("female", figure.female());
            }
            if (figure.male() != null) {
                values.put("male", figure.male());
            }
            document.put(code.name(), values);
        });
        return json.writeValueAsString(document);
    }

    static Date firstDay(ReportingMonth month) {
        return Date.valueOf(month.value().atDay(1));
    }

    private static final class Pending {
        final List<Object[]> inserts = new ArrayList<>();
        final List<Object[]> corrections = new ArrayList<>();

        void flush(JdbcTemplate jdbc) {
            if (!inserts.isEmpty()) {
                jdbc.batchUpdate(INSERT, inserts);
            }
            if (!corrections.isEmpty()) {
                // a JDBC batch runs in order: a month may be corrected twice in one processor batch
                jdbc.batchUpdate(CORRECT, corrections);
            }
        }
    }
}
