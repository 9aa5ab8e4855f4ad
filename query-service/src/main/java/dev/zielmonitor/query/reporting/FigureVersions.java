package dev.zielmonitor.query.reporting;

import dev.zielmonitor.contract.FiguresCodec;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.eventstore.EventLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Reads the bitemporal figures: for each month, the version that was the known one at an instant. */
@Component
public class FigureVersions {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final EventLog log;

    FigureVersions(JdbcClient jdbc, JsonMapper json, EventLog log) {
        this.jdbc = jdbc;
        this.json = json;
        this.log = log;
    }

    /**
     * One version of a month's figures.
     *
     * @param eventId      the event that produced it
     * @param recordedFrom when the platform learned it
     * @param recordedTo   when a later version superseded it, {@code null} while it is the latest
     */
    public record MonthVersion(ReportingMonth month, LocalDate dataStatus, String source, String messageId,
                               String eventId, int version, Instant recordedFrom, Instant recordedTo,
                               Map<FigureCode, Figure> figures) {
    }

    /** The versions known at {@code asOf} of the months {@code from} … {@code to}, in month order. */
    public List<MonthVersion> asOf(String jobcenterId, ReportingMonth from, ReportingMonth to, Instant asOf) {
        return asOf(List.of(jobcenterId), from, to, asOf).getOrDefault(jobcenterId, List.of());
    }

    /** The same for several Jobcenters in one query, by Jobcenter. */
    public Map<String, List<MonthVersion>> asOf(List<String> jobcenterIds, ReportingMonth from, ReportingMonth to,
                                                Instant asOf) {
        Map<String, List<MonthVersion>> byJobcenter = new java.util.LinkedHashMap<>();
        jdbc.sql("""
                        SELECT jobcenter_id, reporting_month, data_status, source, message_id, event_id, version,
                               recorded_from, recorded_to, figures::text AS figures
                        FROM read_model.monthly_figures_version
                        WHERE jobcenter_id = ANY (?) AND reporting_month BETWEEN ? AND ?
                          AND recorded_from <= ? AND (recorded_to IS NULL OR recorded_to > ?)
                        ORDER BY jobcenter_id, reporting_month
                        """)
                .params(jobcenterIds.toArray(String[]::new), Date.valueOf(from.value().atDay(1)),
                        Date.valueOf(to.value().atDay(1)), Timestamp.from(asOf), Timestamp.from(asOf))
                .query((rs, n) -> Map.entry(rs.getString("jobcenter_id"), new MonthVersion(
                        new ReportingMonth(YearMonth.from(rs.getDate("reporting_month").toLocalDate())),
                        rs.getDate("data_status").toLocalDate(), rs.getString("source"), rs.getString("message_id"),
                        rs.getString("event_id"), rs.getInt("version"), rs.getTimestamp("recorded_from").toInstant(),
                        rs.getTimestamp("recorded_to") == null ? null : rs.getTimestamp("recorded_to").toInstant(),
                        figures(rs.getString("figures")))))
                .list()
                .forEach(e -> byJobcenter.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).add(e.getValue()));
        return byJobcenter;
    }

    /**
     * For each month {@code from} … {@code to} whose figures changed after {@code asOf}: the first instant they
     * did (a first version of a month that had none, or a correction).
     */
    public Map<ReportingMonth, Instant> nextChanges(String jobcenterId, ReportingMonth from, ReportingMonth to,
                                                    Instant asOf) {
        Map<ReportingMonth, Instant> changes = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT reporting_month, min(recorded_from) AS next_change
                        FROM read_model.monthly_figures_version
                        WHERE jobcenter_id = ? AND reporting_month BETWEEN ? AND ? AND recorded_from > ?
                        GROUP BY reporting_month
                        """)
                .params(jobcenterId, Date.valueOf(from.value().atDay(1)), Date.valueOf(to.value().atDay(1)),
                        Timestamp.from(asOf))
                .query((rs, n) -> Map.entry(new ReportingMonth(YearMonth.from(
                        rs.getDate("reporting_month").toLocalDate())), rs.getTimestamp("next_change").toInstant()))
                .list().forEach(e -> changes.put(e.getKey(), e.getValue()));
        return changes;
    }

    /**
     * The reasons the correction events among {@code eventIds} gave, by event id (none for first figures). Read from
     * the stored JSON (the event log's bytes) in Java: a reason stored before issue 17 may hold a NUL, which
     * PostgreSQL's jsonb cannot.
     */
    public Map<String, String> correctionReasons(List<String> eventIds) {
        Map<String, String> reasons = new java.util.HashMap<>();
        if (eventIds.isEmpty()) {
            return reasons;
        }
        log.byEventIds(eventIds).forEach((id, event) -> {
            try {
                JsonNode reason = json.readTree(event.payload()).path("reason");
                if (reason.isString()) {
                    reasons.put(id, reason.asString());
                }
            } catch (JacksonException e) {
                // not readable as stored: the month shows no reason rather than failing
            }
        });
        return reasons;
    }

    private Map<FigureCode, Figure> figures(String document) {
        Map<FigureCode, Figure> figures = new EnumMap<>(FigureCode.class);
        JsonNode root = json.readTree(document);
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            FigureCode code = FigureCode.valueOf(entry.getKey());
            JsonNode figure = entry.getValue();
            figures.put(code, new Figure(scaled(code, figure.get("total")), scaled(code, figure.get("female")),
                    scaled(code, figure.get("male"))));
        }
        return figures;
    }

    /** In the codec's number format (counts whole, amounts with two decimals), as the view and the CSV show them. */
    private static BigDecimal scaled(FigureCode code, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        return FiguresCodec.canonical(code, value.decimalValue());
    }
}
