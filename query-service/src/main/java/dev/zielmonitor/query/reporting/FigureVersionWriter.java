package dev.zielmonitor.query.reporting;

import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.events.reporting.MonthlyFiguresCorrectedEvent;
import dev.zielmonitor.events.reporting.MonthlyFiguresRecordedEvent;
import dev.zielmonitor.query.readmodel.CopyRows;
import dev.zielmonitor.query.readmodel.ReadModel;
import dev.zielmonitor.query.readmodel.ReadModelWriter;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns figures events into rows of {@code <schema>.monthly_figures_version}. It remembers the current version
 * of the months it has seen (up to {@value #REMEMBERED}), so a correction of one of them becomes a new row with
 * the figures merged in memory and, if the old row is already handed over, an update of its {@code recorded_to};
 * a correction of a month it has not seen closes and copies the current row in the database with one statement.
 * A processor batch of the live projection sees few months twice; a rebuild, which keeps one writer from the
 * first event to the last, sees nearly every correction's month before.
 * <p>
 * New rows go in with one {@code COPY}. A drained write runs in an order that keeps one open version per month
 * at every step: closings of written rows, then the new rows, then the corrections done in the database, in the
 * order they happened.
 */
final class FigureVersionWriter implements ReadModelWriter {

    static final int REMEMBERED = 20_000;

    private record Key(String jobcenterId, LocalDate month) {
    }

    /** A version of a month's figures; {@code to} is set when it is superseded. */
    private static final class Version {
        final Key key;
        final int number;
        final Object[] fields; // data status, source, message id, event id
        final Map<FigureCode, Figure> figures;
        final Instant from;
        Instant to;
        boolean drained;

        Version(Key key, int number, Object[] fields, Map<FigureCode, Figure> figures, Instant from) {
            this.key = key;
            this.number = number;
            this.fields = fields;
            this.figures = figures;
            this.from = from;
        }
    }

    private final JdbcTemplate jdbc;
    private final String copy;
    private final String close;
    private final String correctInDatabase;
    private final Map<Key, Version> current = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Version> eldest) {
            return size() > REMEMBERED;
        }
    };
    private List<Version> rows = new ArrayList<>();
    private List<Object[]> closings = new ArrayList<>();
    private List<Object[]> databaseCorrections = new ArrayList<>();
    /** Months corrected in the database since the last drain: their current version is known only there. */
    private final Set<Key> correctedInDatabase = new HashSet<>();

    FigureVersionWriter(JdbcTemplate jdbc, String schema) {
        String table = ReadModel.plainSchema(schema) + ".monthly_figures_version";
        this.jdbc = jdbc;
        this.copy = "COPY " + table + " (jobcenter_id, reporting_month, version, data_status, source, message_id,"
                + " event_id, figures, recorded_from, recorded_to) FROM STDIN";
        this.close = "UPDATE " + table + " SET recorded_to = ? WHERE jobcenter_id = ? AND reporting_month = ?"
                + " AND version = ?";
        this.correctInDatabase = """
                WITH closed AS (
                    UPDATE %1$s SET recorded_to = ?
                    WHERE jobcenter_id = ? AND reporting_month = ? AND recorded_to IS NULL
                    RETURNING jobcenter_id, reporting_month, version, figures)
                INSERT INTO %1$s (jobcenter_id, reporting_month, version, data_status, source, message_id,
                    event_id, figures, recorded_from)
                SELECT jobcenter_id, reporting_month, version + 1, ?, ?, ?, ?, figures || ?::jsonb, ?
                FROM closed""".formatted(table);
    }

    @Override
    public void apply(EventMessage<?> message) {
        Object payload = message.getPayload();
        Instant at = message.getTimestamp();
        if (payload instanceof MonthlyFiguresRecordedEvent event) {
            Key key = new Key(event.jobcenterId().value(), event.reportingMonth().value().atDay(1));
            Version first = new Version(key, 1, new Object[] {event.dataStatus(), event.source(), event.messageId(),
                    message.getIdentifier()}, event.figures(), at);
            current.put(key, first);
            rows.add(first);
        } else if (payload instanceof MonthlyFiguresCorrectedEvent event) {
            Key key = new Key(event.jobcenterId().value(), event.reportingMonth().value().atDay(1));
            Map<FigureCode, Figure> after = new EnumMap<>(FigureCode.class);
            event.changes().forEach((code, change) -> after.put(code, change.after()));
            Version before = correctedInDatabase.contains(key) ? null : current.get(key);
            if (before == null) {
                correctedInDatabase.add(key);
                Timestamp time = Timestamp.from(at);
                databaseCorrections.add(new Object[] {time, key.jobcenterId(), Date.valueOf(key.month()),
                        event.dataStatus(), event.source(), event.messageId(), message.getIdentifier(),
                        json(after), time});
                return;
            }
            before.to = at;
            if (before.drained) {
                closings.add(new Object[] {Timestamp.from(at), key.jobcenterId(), Date.valueOf(key.month()),
                        before.number});
            }
            Map<FigureCode, Figure> merged = new EnumMap<>(FigureCode.class);
            merged.putAll(before.figures);
            merged.putAll(after);
            Version next = new Version(key, before.number + 1, new Object[] {event.dataStatus(), event.source(),
                    event.messageId(), message.getIdentifier()}, merged, at);
            current.put(key, next);
            rows.add(next);
        }
    }

    @Override
    public Runnable drain() {
        if (rows.isEmpty() && closings.isEmpty() && databaseCorrections.isEmpty()) {
            return null;
        }
        // what the write needs, taken now: later corrections change only versions still to come
        List<Object[]> newRows = new ArrayList<>(rows.size());
        for (Version row : rows) {
            newRows.add(new Object[] {row.key.jobcenterId(), row.key.month(), row.number, row.fields[0],
                    row.fields[1], row.fields[2], row.fields[3], row.figures, row.from, row.to});
            row.drained = true;
        }
        List<Object[]> closed = closings;
        List<Object[]> inDatabase = databaseCorrections;
        rows = new ArrayList<>();
        closings = new ArrayList<>();
        databaseCorrections = new ArrayList<>();
        correctedInDatabase.forEach(current::remove);
        correctedInDatabase.clear();
        return () -> {
            if (!closed.isEmpty()) {
                jdbc.batchUpdate(close, closed);
            }
            if (!newRows.isEmpty()) {
                CopyRows.copy(jdbc, copy, newRows, FigureVersionWriter::format);
            }
            if (!inDatabase.isEmpty()) {
                jdbc.batchUpdate(correctInDatabase, inDatabase); // a JDBC batch runs in order
            }
        };
    }

    private static void format(Object[] row, CopyRows copy) {
        for (int i = 0; i < 7; i++) {
            copy.value(row[i]);
        }
        @SuppressWarnings("unchecked")
        Map<FigureCode, Figure> figures = (Map<FigureCode, Figure>) row[7];
        json(figures, copy.unescaped()); // names of figures and numbers: nothing to escape
        copy.value(row[8]).value(row[9]);
    }

    /** The figures as the jsonb document of the table: {@code {"ELB": {"total": …, "female": …, "male": …}, …}}. */
    static String json(Map<FigureCode, Figure> figures) {
        return json(figures, new StringBuilder(figures.size() * 48)).toString();
    }

    private static StringBuilder json(Map<FigureCode, Figure> figures, StringBuilder json) {
        json.append('{');
        boolean first = true;
        for (Map.Entry<FigureCode, Figure> entry : figures.entrySet()) {
            Figure figure = entry.getValue();
            if (!first) {
                json.append(", ");
            }
            first = false;
            json.append('"').append(entry.getKey().name()).append("\": {");
            number(json, "total", figure.total());
            if (figure.female() != null) {
                number(json.append(", "), "female", figure.female());
            }
            if (figure.male() != null) {
                number(json.append(", "), "male", figure.male());
            }
            json.append('}');
        }
        return json.append('}');
    }

    private static void number(StringBuilder json, String name, BigDecimal value) {
        json.append('"').append(name).append("\": ");
        if (value.scale() == 0 && value.precision() < 19) {
            json.append(value.longValue()); // counts: no string in between
        } else {
            json.append(value.toPlainString());
        }
    }
}
