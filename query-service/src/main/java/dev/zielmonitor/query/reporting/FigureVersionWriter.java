package dev.zielmonitor.query.reporting;

import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.events.reporting.MonthlyFiguresCorrectedEvent;
import dev.zielmonitor.events.reporting.MonthlyFiguresRecordedEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns figures events into rows of {@code <schema>.monthly_figures_version}, collected and then written in two
 * JDBC batches: first the new months, then the corrections in the order they happened. The live projection
 * writes into {@code read_model}; a verification replay writes the same way into a schema of its own.
 */
public final class FigureVersionWriter {

    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final String insert;
    private final String correct;
    private final List<Object[]> inserts = new ArrayList<>();
    private final List<Object[]> corrections = new ArrayList<>();

    public FigureVersionWriter(JdbcTemplate jdbc, JsonMapper json, String schema) {
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a plain schema name: " + schema);
        }
        this.jdbc = jdbc;
        this.json = json;
        this.insert = """
                INSERT INTO %s.monthly_figures_version (jobcenter_id, reporting_month, version, data_status,
                    source, message_id, event_id, figures, recorded_from)
                VALUES (?, ?, 1, ?, ?, ?, ?, ?::jsonb, ?)""".formatted(schema);
        // closes the current version and adds the next one with the changed figures merged in, in one statement
        this.correct = """
                WITH closed AS (
                    UPDATE %1$s.monthly_figures_version SET recorded_to = ?
                    WHERE jobcenter_id = ? AND reporting_month = ? AND recorded_to IS NULL
                    RETURNING jobcenter_id, reporting_month, version, figures)
                INSERT INTO %1$s.monthly_figures_version (jobcenter_id, reporting_month, version, data_status,
                    source, message_id, event_id, figures, recorded_from)
                SELECT jobcenter_id, reporting_month, version + 1, ?, ?, ?, ?, figures || ?::jsonb, ?
                FROM closed""".formatted(schema);
    }

    public void recorded(MonthlyFiguresRecordedEvent event, String eventId, Instant recordedAt) {
        inserts.add(new Object[] {event.jobcenterId().value(), Date.valueOf(event.reportingMonth().value().atDay(1)),
                event.dataStatus(), event.source(), event.messageId(), eventId, toJson(event.figures()),
                Timestamp.from(recordedAt)});
    }

    public void corrected(MonthlyFiguresCorrectedEvent event, String eventId, Instant recordedAt) {
        Map<FigureCode, Figure> after = new EnumMap<>(FigureCode.class);
        event.changes().forEach((code, change) -> after.put(code, change.after()));
        Timestamp at = Timestamp.from(recordedAt);
        corrections.add(new Object[] {at, event.jobcenterId().value(),
                Date.valueOf(event.reportingMonth().value().atDay(1)), event.dataStatus(), event.source(),
                event.messageId(), eventId, toJson(after), at});
    }

    /** Writes what was collected; a JDBC batch runs in order, so a month may be corrected twice in one flush. */
    public void flush() {
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate(insert, inserts);
            inserts.clear();
        }
        if (!corrections.isEmpty()) {
            jdbc.batchUpdate(correct, corrections);
            corrections.clear();
        }
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
}
