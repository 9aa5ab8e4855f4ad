package dev.zielmonitor.query.audit;

import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.common.MonthlyReportId;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.failure.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import dev.zielmonitor.eventstore.EventLog;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
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

    private static final Duration MICROSECOND = Duration.ofNanos(1000);

    private final JsonMapper json;
    private final EventLog log;

    ChangeReports(JsonMapper json, EventLog log) {
        this.json = json;
        this.log = log;
    }

    /**
     * An event recorded between the two instants that a changed value depends on.
     *
     * @param origin who or what it came from (principal, producer, Kafka coordinates), {@code null} if unrecorded
     */
    public record Cause(long globalIndex, String eventIdentifier, String aggregateIdentifier, String type,
                        Instant recordedAt, String reason, OriginView origin) {
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
        months.forEach(m -> ids.add(MonthlyReportId.of(JobcenterId.of(jobcenterId), m).toString()));
        if (ids.isEmpty()) {
            return List.of();
        }
        // (from, to] as [from + 1 µs, to + 1 µs): PostgreSQL keeps recorded times to the microsecond
        List<Cause> causes = new ArrayList<>();
        log.forEach(EventLog.Selection.ofAggregates(ids).recordedIn(from.plus(MICROSECOND), to.plus(MICROSECOND)),
                event -> causes.add(new Cause(event.globalIndex(), event.eventId(), event.aggregateId(),
                        event.simpleType(), event.recordedAt(), reason(event.payload()), OriginView.of(event))));
        return causes;
    }

    /** The reason as stored, whatever the event's revision reads it as; none when the stored JSON is not readable. */
    private String reason(byte[] payload) {
        try {
            JsonNode reason = json.readTree(payload).path("reason");
            return reason.isString() ? reason.asString() : null;
        } catch (JacksonException e) {
            return null;
        }
    }
}
