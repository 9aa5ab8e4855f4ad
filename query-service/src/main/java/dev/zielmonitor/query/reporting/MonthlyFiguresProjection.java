package dev.zielmonitor.query.reporting;

import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.events.reporting.MonthlyFiguresCorrectedEvent;
import dev.zielmonitor.events.reporting.MonthlyFiguresRecordedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
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
 * Every known version of the figures per Jobcenter and month, each with its interval of recorded time
 * (bitemporal: reporting month = valid time, event time = recorded time). Rows are written in JDBC batches when
 * the processor's batch commits (one transaction with its token): first the new months, then the corrections
 * in the order they happened.
 */
@Component
@ProcessingGroup("monthly-figures")
class MonthlyFiguresProjection {

    private static final String PENDING = MonthlyFiguresProjection.class.getName() + ".pending";
    private static final String INSERT = """
            INSERT INTO read_model.monthly_figures_version (jobcenter_id, reporting_month, version, data_status,
                source, message_id, event_id, figures, recorded_from)
            VALUES (?, ?, 1, ?, ?, ?, ?, ?::jsonb, ?)""";
    /** Closes the current version and adds the next one with the changed figures merged in, in one statement. */
    private static final String CORRECT = """
            WITH closed AS (
                UPDATE read_model.monthly_figures_version SET recorded_to = ?
                WHERE jobcenter_id = ? AND reporting_month = ? AND recorded_to IS NULL
                RETURNING jobcenter_id, reporting_month, version, figures)
            INSERT INTO read_model.monthly_figures_version (jobcenter_id, reporting_month, version, data_status,
                source, message_id, event_id, figures, recorded_from)
            SELECT jobcenter_id, reporting_month, version + 1, ?, ?, ?, ?, figures || ?::jsonb, ?
            FROM closed""";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    MonthlyFiguresProjection(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(MonthlyFiguresRecordedEvent event, EventMessage<?> message, @Timestamp Instant recordedAt) {
        pending().inserts.add(new Object[] {event.jobcenterId().value(), firstDay(event.reportingMonth()),
                event.dataStatus(), event.source(), event.messageId(), message.getIdentifier(),
                toJson(event.figures()), java.sql.Timestamp.from(recordedAt)});
    }

    @EventHandler
    void on(MonthlyFiguresCorrectedEvent event, EventMessage<?> message, @Timestamp Instant recordedAt) {
        Map<FigureCode, Figure> after = new EnumMap<>(FigureCode.class);
        event.changes().forEach((code, change) -> after.put(code, change.after()));
        java.sql.Timestamp at = java.sql.Timestamp.from(recordedAt);
        pending().corrections.add(new Object[] {at, event.jobcenterId().value(), firstDay(event.reportingMonth()),
                event.dataStatus(), event.source(), event.messageId(), message.getIdentifier(), toJson(after), at});
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM read_model.monthly_figures_version");
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
