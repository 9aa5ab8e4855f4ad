package dev.zielmonitor.query.audit;

import dev.zielmonitor.events.failure.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The event store as auditors read it: every event with its payload, revision, time and metadata (provenance:
 * Kafka topic, partition, offset and message id, or the principal of a REST command; correlation and trace
 * ids), filtered and paged by a cursor on the global index.
 */
@Component
public class EventHistory {

    static final int MAX_LIMIT = 1000;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    EventHistory(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * @param jobcenter  a Jobcenter: its registration, its monthly reports and its agreements
     * @param agreement  an agreement, e.g. {@code 05122-2014}
     * @param aggregate  any aggregate identifier, e.g. {@code report:05122:2014-03}
     * @param type       an event type, simple ({@code MonthlyFiguresCorrectedEvent}) or qualified
     * @param from       recorded at or after
     * @param to         recorded before
     * @param after      the cursor: global index of the last event of the previous page
     */
    public record Filter(String jobcenter, String agreement, String aggregate, String type, Instant from,
                         Instant to, Long after) {
    }

    public record Event(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                        String type, String payloadType, String revision, Instant recordedAt, JsonNode payload,
                        JsonNode metadata) {
    }

    /** @param next the cursor for the next page, {@code null} on the last */
    public record Page(List<Event> events, Long next) {
    }

    public Page find(Filter filter, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InvalidInput.parameter("limit", "must be between 1 and " + MAX_LIMIT);
        }
        StringBuilder sql = new StringBuilder("""
                SELECT globalindex, eventidentifier, aggregateidentifier, sequencenumber, payloadtype,
                       payloadrevision, timestamp, payload, metadata
                FROM domainevententry WHERE globalindex > :after""");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("after", filter.after() == null ? -1L : filter.after());
        if (filter.jobcenter() != null) {
            sql.append(" AND (aggregateidentifier = :jobcenter OR aggregateidentifier LIKE :reports"
                    + " OR aggregateidentifier LIKE :agreements)");
            params.put("jobcenter", filter.jobcenter());
            params.put("reports", "report:" + filter.jobcenter() + ":%");
            params.put("agreements", filter.jobcenter() + "-%");
        }
        if (filter.agreement() != null) {
            sql.append(" AND aggregateidentifier = :agreement");
            params.put("agreement", filter.agreement());
        }
        if (filter.aggregate() != null) {
            sql.append(" AND aggregateidentifier = :aggregate");
            params.put("aggregate", filter.aggregate());
        }
        if (filter.type() != null) {
            sql.append(" AND (payloadtype = :type OR payloadtype LIKE :simpleType)");
            params.put("type", filter.type());
            params.put("simpleType", "%." + filter.type());
        }
        if (filter.from() != null) {
            sql.append(" AND CAST(timestamp AS timestamptz) >= :from");
            params.put("from", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND CAST(timestamp AS timestamptz) < :to");
            params.put("to", Timestamp.from(filter.to()));
        }
        sql.append(" ORDER BY globalindex LIMIT :limit");
        params.put("limit", limit + 1);
        List<Event> events = jdbc.sql(sql.toString()).params(params).query((rs, row) -> event(rs)).list();
        Long next = null;
        if (events.size() > limit) {
            events = events.subList(0, limit);
            next = events.get(limit - 1).globalIndex();
        }
        return new Page(List.copyOf(events), next);
    }

    private Event event(ResultSet rs) throws SQLException {
        String payloadType = rs.getString("payloadtype");
        return new Event(rs.getLong("globalindex"), rs.getString("eventidentifier"),
                rs.getString("aggregateidentifier"), rs.getLong("sequencenumber"),
                payloadType.substring(payloadType.lastIndexOf('.') + 1), payloadType, rs.getString("payloadrevision"),
                Instant.parse(rs.getString("timestamp")), tree(rs.getBytes("payload")), tree(rs.getBytes("metadata")));
    }

    private JsonNode tree(byte[] bytes) {
        if (bytes == null) {
            return json.nullNode();
        }
        try {
            return json.readTree(bytes);
        } catch (JacksonException e) {
            // the store holds what it holds; an auditor sees it as text rather than not at all
            return json.getNodeFactory().stringNode(new String(bytes, StandardCharsets.UTF_8));
        }
    }
}
