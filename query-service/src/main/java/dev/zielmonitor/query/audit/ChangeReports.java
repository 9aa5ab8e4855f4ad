package dev.zielmonitor.query.audit;

import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.failure.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * "What changed between two recorded times": the same view computed as known at {@code from} and at {@code to},
 * compared value by value; each changed value with the events recorded in between that touched what it is
 * computed from (figures of the months it reads, the agreement's own events).
 */
@Component
public class ChangeReports {

    private final JsonMapper json;
    private final JdbcClient jdbc;

    ChangeReports(JsonMapper json, JdbcClient jdbc) {
        this.json = json;
        this.jdbc = jdbc;
    }

    /** An event recorded between the two instants that a changed value depends on. */
    public record Cause(long globalIndex, String eventIdentifier, String aggregateIdentifier, String type,
                        Instant recordedAt, String reason) {
    }

    /**
     * @param month  the month of the value, {@code YYYY-MM}
     * @param target the agreement's target, or {@code null} for an indicator series
     * @param value  which value of the month, e.g. {@code yearToDate}, {@code targetLevel}, {@code status}
     */
    public record Change(String month, String target, String value, JsonNode before, JsonNode after,
                         List<Cause> causes) {
    }

    public record Report(String subject, Instant from, Instant to, List<Change> changes) {
    }

    public static void checkInterval(Instant from, Instant to) {
        if (from == null) {
            throw InvalidInput.parameter("from", "is required: the earlier recorded time, ISO-8601");
        }
        if (to != null && !from.isBefore(to)) {
            throw InvalidInput.parameter("to", "must lie after 'from'");
        }
    }

    /** The fields of two views that differ; {@code null} and a missing field count as the same. */
    public List<String> differing(Object before, Object after, Collection<String> fields) {
        JsonNode a = json.valueToTree(before);
        JsonNode b = json.valueToTree(after);
        List<String> differing = new ArrayList<>();
        for (String field : fields) {
            JsonNode x = a.get(field);
            JsonNode y = b.get(field);
            if (!Objects.equals(normal(x), normal(y))) {
                differing.add(field);
            }
        }
        return differing;
    }

    public JsonNode tree(Object view, String field) {
        JsonNode node = json.valueToTree(view).get(field);
        return node == null ? json.nullNode() : node;
    }

    private static JsonNode normal(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    /**
     * Events recorded in ({@code from}, {@code to}] of the Jobcenter's monthly reports for the given months and of
     * the given other aggregates, oldest first, with a correction's or revision's reason.
     */
    public List<Cause> causes(String jobcenterId, Set<ReportingMonth> months, Collection<String> aggregates,
                              Instant from, Instant to) {
        Set<String> ids = new TreeSet<>(aggregates);
        months.forEach(m -> ids.add("report:" + jobcenterId + ":" + m));
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT globalindex, eventidentifier, aggregateidentifier, payloadtype, timestamp,
                               convert_from(payload, 'UTF8')::jsonb ->> 'reason' AS reason
                        FROM domainevententry
                        WHERE aggregateidentifier = ANY(:ids)
                          AND CAST(timestamp AS timestamptz) > :from AND CAST(timestamp AS timestamptz) <= :to
                        ORDER BY globalindex""")
                .param("ids", ids.toArray(String[]::new))
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, row) -> {
                    String type = rs.getString("payloadtype");
                    return new Cause(rs.getLong("globalindex"), rs.getString("eventidentifier"),
                            rs.getString("aggregateidentifier"), type.substring(type.lastIndexOf('.') + 1),
                            Instant.parse(rs.getString("timestamp")), rs.getString("reason"));
                }).list();
    }
}
