package dev.zielmonitor.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The event store as it is stored, read only: a stream's events as known at a recorded time, global ranges for
 * histories, change reports and audit packages, counts, and the head of the hash chain. The one place that reads
 * Axon's tables with SQL (ADR 0001, issue 18): the services ask here, so Axon's schema stays this module's detail.
 * Payloads are read through the service's serializer and upcasters, exactly as the processors see them; the stored
 * bytes come along for those who must show them (audit packages).
 */
public class EventLog {

    private static final HexFormat HEX = HexFormat.of();
    private static final String COLUMNS = """
            e.globalindex, e.type, e.aggregateidentifier, e.sequencenumber, e.eventidentifier, e.timestamp,
            e.payloadtype, e.payloadrevision, e.payload, e.metadata, c.position, c.previous_hash, c.hash""";
    /** A plain string: a text block would strip the space that parts it from the columns. */
    private static final String FROM =
            " FROM domainevententry e LEFT JOIN event_hash_chain c ON c.globalindex = e.globalindex";
    /** Rows per round trip of a cursor: a few MB even for large events. */
    private static final int FETCH = 500;

    private final DataSource dataSource;
    private final Serializer serializer;
    private final EventUpcaster upcasters;

    public EventLog(DataSource dataSource, Serializer serializer, EventUpcaster upcasters) {
        this.dataSource = dataSource;
        this.serializer = serializer;
        this.upcasters = upcasters;
    }

    /**
     * One stored event.
     *
     * @param message     the event as the processors read it (upcast, deserialised), or {@code null} when it cannot
     *                    be read ({@code unreadable} says why): the store holds what it holds, and a history shows it
     * @param payload     the stored payload, byte for byte
     * @param metadata    the stored metadata, byte for byte ({@code null} when none)
     * @param chainLink   the event's link of the hash chain, {@code null} when it has none
     * @param aggregateType   the aggregate's type as stored (hashed by the chain, shown by audit packages)
     * @param storedTimestamp the recorded time as stored, character for character (hashed by the chain)
     */
    public record StoredEvent(long globalIndex, String aggregateId, long sequenceNumber, String eventId,
                              String payloadType, String payloadRevision, Instant recordedAt, byte[] payload,
                              byte[] metadata, DomainEventMessage<?> message, String unreadable, ChainLink chainLink,
                              String aggregateType, String storedTimestamp) {

        /** The event's type without its package, e.g. {@code MonthlyFiguresCorrectedEvent}. */
        public String simpleType() {
            return payloadType.substring(payloadType.lastIndexOf('.') + 1);
        }

        /** The metadata entry, e.g. {@code principal}, or empty. */
        public Optional<Object> metadata(String key) {
            return message == null ? Optional.empty() : Optional.ofNullable(message.getMetaData().get(key));
        }
    }

    /** @param previousHash hex; {@code hash} hex */
    public record ChainLink(long position, String previousHash, String hash) {
    }

    /**
     * Which events: any of the aggregates, or of the aggregates starting with any of the prefixes (none of both: all),
     * of the payload types (simple or qualified names; none: all), recorded in [{@code from}, {@code to}) (either may
     * be {@code null}).
     */
    public record Selection(List<String> aggregates, List<String> aggregatePrefixes, List<String> payloadTypes,
                            Instant from, Instant to) {

        public Selection {
            aggregates = aggregates == null ? List.of() : List.copyOf(aggregates);
            aggregatePrefixes = aggregatePrefixes == null ? List.of() : List.copyOf(aggregatePrefixes);
            payloadTypes = payloadTypes == null ? List.of() : List.copyOf(payloadTypes);
        }

        public static Selection all() {
            return new Selection(null, null, null, null, null);
        }

        public static Selection ofAggregates(Collection<String> aggregates) {
            return new Selection(List.copyOf(aggregates), null, null, null, null);
        }

        public Selection recordedIn(Instant from, Instant to) {
            return new Selection(aggregates, aggregatePrefixes, payloadTypes, from, to);
        }

        public Selection ofTypes(List<String> types) {
            return new Selection(aggregates, aggregatePrefixes, types, from, to);
        }
    }

    /** @param next the global index to continue after, {@code null} on the last page */
    public record Page(List<StoredEvent> events, Long next) {
    }

    /** The events of one aggregate recorded up to {@code recordedUpTo} (inclusive; {@code null}: all), in order. */
    public List<StoredEvent> stream(String aggregateId, Instant recordedUpTo) {
        List<StoredEvent> events = new ArrayList<>();
        // inclusive as "before the next microsecond": PostgreSQL keeps microseconds, its driver rounds a nanosecond away
        forEach(Selection.ofAggregates(List.of(aggregateId)).recordedIn(null,
                recordedUpTo == null ? null : recordedUpTo.plusNanos(1000)), events::add);
        return events;
    }

    /** The selected events after global index {@code after}, at most {@code limit}, oldest first. */
    public Page page(Selection selection, long after, int limit) {
        List<StoredEvent> events = new ArrayList<>();
        query(selection, after, limit + 1, events::add);
        Long next = null;
        if (events.size() > limit) {
            events = events.subList(0, limit);
            next = events.get(limit - 1).globalIndex();
        }
        return new Page(List.copyOf(events), next);
    }

    /** Every selected event, oldest first, through a cursor: memory holds one page of rows, never the whole range. */
    public void forEach(Selection selection, Consumer<StoredEvent> action) {
        query(selection, -1, Integer.MAX_VALUE, action);
    }

    /** The events with these identifiers, by identifier (the ones not stored are left out). */
    public Map<String, StoredEvent> byEventIds(Collection<String> eventIds) {
        Map<String, StoredEvent> events = new LinkedHashMap<>();
        if (eventIds.isEmpty()) {
            return events;
        }
        run("SELECT " + COLUMNS + FROM + " WHERE e.eventidentifier = ANY (?) ORDER BY e.globalindex",
                (connection, statement) -> statement.setArray(1, connection.createArrayOf("varchar",
                        eventIds.toArray())), event -> events.put(event.eventId(), event));
        return events;
    }

    /** How many events are stored. */
    public long count() {
        return single("SELECT count(*) FROM domainevententry", -1);
    }

    /** How many events are stored up to the global index {@code upTo} (inclusive). */
    public long countUpTo(long upTo) {
        return single("SELECT count(*) FROM domainevententry WHERE globalindex <= ?", upTo);
    }

    /** The highest global index, -1 for an empty store. */
    public long head() {
        return single("SELECT coalesce(max(globalindex), -1) FROM domainevententry", -1);
    }

    private long single(String sql, long parameter) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            if (sql.contains("?")) {
                statement.setLong(1, parameter);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the event store", e);
        }
    }

    private void query(Selection selection, long after, int limit, Consumer<StoredEvent> action) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(FROM).append(" WHERE e.globalindex > ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(after);
        List<String> sameAggregate = new ArrayList<>();
        if (!selection.aggregates().isEmpty()) {
            sameAggregate.add("e.aggregateidentifier = ANY (?)");
            parameters.add(selection.aggregates());
        }
        for (String prefix : selection.aggregatePrefixes()) {
            sameAggregate.add("starts_with(e.aggregateidentifier, ?)");
            parameters.add(prefix);
        }
        if (!sameAggregate.isEmpty()) {
            sql.append(" AND (").append(String.join(" OR ", sameAggregate)).append(')');
        }
        if (!selection.payloadTypes().isEmpty()) {
            List<String> types = new ArrayList<>();
            for (String type : selection.payloadTypes()) {
                types.add("(e.payloadtype = ? OR e.payloadtype LIKE ?)");
                parameters.add(type);
                parameters.add("%." + type.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"));
            }
            sql.append(" AND (").append(String.join(" OR ", types)).append(')');
        }
        if (selection.from() != null) {
            sql.append(" AND CAST(e.timestamp AS timestamptz) >= ?");
            parameters.add(Timestamp.from(selection.from()));
        }
        if (selection.to() != null) {
            sql.append(" AND CAST(e.timestamp AS timestamptz) < ?");
            parameters.add(Timestamp.from(selection.to()));
        }
        sql.append(" ORDER BY e.globalindex");
        if (limit < Integer.MAX_VALUE) {
            sql.append(" LIMIT ").append(limit);
        }
        run(sql.toString(), (connection, statement) -> {
            for (int i = 0; i < parameters.size(); i++) {
                Object parameter = parameters.get(i);
                if (parameter instanceof List<?> list) {
                    Array array = connection.createArrayOf("varchar", list.toArray());
                    statement.setArray(i + 1, array);
                } else {
                    statement.setObject(i + 1, parameter);
                }
            }
        }, action);
    }

    private interface Binder {
        void bind(Connection connection, PreparedStatement statement) throws SQLException;
    }

    /** Runs a query in a read-only transaction so that the cursor's fetch size holds (PostgreSQL's driver). */
    private void run(String sql, Binder binder, Consumer<StoredEvent> action) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(FETCH);
                binder.bind(connection, statement);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        action.accept(event(rs));
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the event store", e);
        }
    }

    private StoredEvent event(ResultSet rs) throws SQLException {
        byte[] payload = rs.getBytes("payload");
        byte[] metadata = rs.getBytes("metadata");
        String timestamp = rs.getString("timestamp");
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>(rs.getString("type"),
                rs.getString("aggregateidentifier"), rs.getLong("sequencenumber"), rs.getString("eventidentifier"),
                timestamp, rs.getString("payloadtype"), rs.getString("payloadrevision"), payload, metadata);
        DomainEventMessage<?> message = null;
        String unreadable = null;
        try {
            message = EventStreamUtils.upcastAndDeserializeDomainEvents(java.util.stream.Stream.of(entry), serializer,
                    upcasters).asStream().findFirst().orElse(null);
            if (message != null) {
                message.getPayload(); // deserialised lazily: a failure belongs here, not to the caller
            } else {
                unreadable = "an upcaster dropped it";
            }
        } catch (RuntimeException e) {
            message = null;
            unreadable = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        Long position = rs.getObject("position") == null ? null : rs.getLong("position");
        ChainLink link = position == null ? null : new ChainLink(position, HEX.formatHex(rs.getBytes("previous_hash")),
                HEX.formatHex(rs.getBytes("hash")));
        return new StoredEvent(rs.getLong("globalindex"), entry.getAggregateIdentifier(), entry.getSequenceNumber(),
                entry.getEventIdentifier(), entry.getPayload().getType().getName(), entry.getPayload().getType()
                .getRevision(), Instant.parse(timestamp), payload, metadata, message, unreadable, link,
                entry.getType(), timestamp);
    }

    /** How many events the aggregates have (an audit package's expected size). */
    public long countOf(Collection<String> aggregates) {
        if (aggregates.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("varchar", aggregates.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the event store", e);
        }
    }
}
