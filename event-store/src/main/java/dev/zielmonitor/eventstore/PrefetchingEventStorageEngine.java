package dev.zielmonitor.eventstore;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.postgresql.PGStatement;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Axon's JDBC storage engine, with a batch mode for many commands in one transaction (ADR 0003). Inside
 * {@link #inBatch}, the event streams of all the batch's aggregates are read with one query up front, no
 * snapshot is looked up (we take none, ADR 0002), and appended events are kept in memory, visible to the next
 * command on the same aggregate, then written with one JDBC batch before the transaction commits. Outside a
 * batch it behaves exactly like {@link JdbcEventStorageEngine}. A concurrent writer to the same aggregate is
 * still caught by the unique (aggregate, sequence) constraint when the batch is written.
 * <p>
 * For replays, {@link #readUpTo} reads the whole event table through one server-side cursor.
 */
public class PrefetchingEventStorageEngine extends JdbcEventStorageEngine {

    private static final int REPLAY_CHUNK = 1000;

    private final ThreadLocal<Batch> batch = new ThreadLocal<>();

    public PrefetchingEventStorageEngine(JdbcEventStorageEngine.Builder builder) {
        super(builder);
    }

    /**
     * Runs {@code work} (commands for the given aggregates) with their streams prefetched and their new events
     * written at the end in one JDBC batch. Call it inside a transaction: the write must commit with whatever
     * else the work did, and a failure must roll all of it back.
     */
    public <T> T inBatch(Collection<String> aggregateIds, Supplier<T> work) {
        if (batch.get() != null) {
            throw new IllegalStateException("batches do not nest");
        }
        Batch current = new Batch(prefetch(new LinkedHashSet<>(aggregateIds)));
        batch.set(current);
        try {
            T result = work.get();
            if (!current.appended.isEmpty()) {
                super.appendEvents(current.appended, getEventSerializer());
            }
            return result;
        } finally {
            batch.remove();
        }
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        Batch current = batch.get();
        if (current == null || !current.stored.containsKey(aggregateIdentifier)) {
            return super.readEvents(aggregateIdentifier, firstSequenceNumber);
        }
        DomainEventStream stored = EventStreamUtils.upcastAndDeserializeDomainEvents(
                current.stored.get(aggregateIdentifier).stream()
                        .filter(data -> data.getSequenceNumber() >= firstSequenceNumber),
                getEventSerializer(), upcasterChain);
        List<DomainEventMessage<?>> fresh = current.appendedByAggregate
                .getOrDefault(aggregateIdentifier, List.of()).stream()
                .filter(event -> event.getSequenceNumber() >= firstSequenceNumber).toList();
        if (fresh.isEmpty()) {
            return stored;
        }
        // a concatenated stream reports the last sequence number of its last part, which must not be empty
        Long last = fresh.get(fresh.size() - 1).getSequenceNumber();
        return DomainEventStream.concat(stored, DomainEventStream.of(fresh.stream(), () -> last));
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return batch.get() != null ? Optional.empty() : super.readSnapshot(aggregateIdentifier);
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        Batch current = batch.get();
        if (current == null) {
            super.appendEvents(events, serializer);
            return;
        }
        for (EventMessage<?> event : events) {
            current.appended.add(event);
            if (event instanceof DomainEventMessage<?> domainEvent) {
                current.appendedByAggregate.computeIfAbsent(domainEvent.getAggregateIdentifier(),
                        id -> new ArrayList<>()).add(domainEvent);
            }
        }
    }

    /** All stored events of the aggregates, by aggregate, in sequence order; an entry for every id asked for. */
    private Map<String, List<DomainEventData<?>>> prefetch(Collection<String> aggregateIds) {
        Map<String, List<DomainEventData<?>>> stored = new HashMap<>();
        aggregateIds.forEach(id -> stored.put(id, new ArrayList<>()));
        if (aggregateIds.isEmpty()) {
            return stored;
        }
        String sql = "SELECT " + domainEventFields() + " FROM " + schema().domainEventTable()
                + " WHERE " + schema().aggregateIdentifierColumn() + " = ANY (?)"
                + " ORDER BY " + schema().aggregateIdentifierColumn() + ", " + schema().sequenceNumberColumn();
        try (Connection connection = getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            Array ids = connection.createArrayOf("varchar", aggregateIds.toArray());
            statement.setArray(1, ids);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    DomainEventData<?> data = getDomainEventData(rs);
                    stored.get(data.getAggregateIdentifier()).add(data);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not prefetch the event streams of " + aggregateIds.size()
                    + " aggregates", e);
        }
        return stored;
    }

    /**
     * Reads every event up to {@code lastIndex} (inclusive) in index order through one server-side cursor and
     * hands each, upcast and deserialisable like any tracked event, to {@code consumer}; returns the token after
     * the last one ({@code null} when there was none). Its gaps are the indexes not (yet) committed, so a
     * tracking read from it later still picks up events whose transactions were in flight. Axon's
     * {@link #readEvents(org.axonframework.eventhandling.TrackingToken, boolean)} asks the database once per
     * 100 events; a replay of millions wants one query. Call it outside a transaction.
     */
    public GapAwareTrackingToken readUpTo(long lastIndex, Consumer<TrackedEventMessage<?>> consumer) {
        String sql = "SELECT " + trackedEventFields() + " FROM " + schema().domainEventTable()
                + " WHERE " + schema().globalIndexColumn() + " <= ? ORDER BY " + schema().globalIndexColumn();
        GapAwareTrackingToken token = null;
        try (Connection connection = getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(REPLAY_CHUNK);
                // prepared on the server at once, so that bytea arrives in binary, not as hex text to decode
                statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
                statement.setLong(1, lastIndex);
                try (ResultSet rows = statement.executeQuery()) {
                    List<TrackedEventData<?>> chunk = new ArrayList<>(REPLAY_CHUNK);
                    while (rows.next()) {
                        TrackedEventData<?> data = getTrackedEventData(rows, token);
                        token = (GapAwareTrackingToken) data.trackingToken();
                        chunk.add(data);
                        if (chunk.size() == REPLAY_CHUNK) {
                            deliver(chunk, consumer);
                        }
                    }
                    deliver(chunk, consumer);
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the event table up to index " + lastIndex, e);
        }
        return token;
    }

    private void deliver(List<TrackedEventData<?>> chunk, Consumer<TrackedEventMessage<?>> consumer) {
        EventUtils.upcastAndDeserializeTrackedEvents(chunk.stream(), getEventSerializer(), upcasterChain)
                .forEach(consumer);
        chunk.clear();
    }

    private static final class Batch {
        final Map<String, List<DomainEventData<?>>> stored;
        final List<EventMessage<?>> appended = new ArrayList<>();
        final Map<String, List<DomainEventMessage<?>>> appendedByAggregate = new HashMap<>();

        Batch(Map<String, List<DomainEventData<?>>> stored) {
            this.stored = stored;
        }
    }
}
