package dev.zielmonitor.eventstore;

import dev.zielmonitor.events.common.CarrierType;
import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.registry.JobcenterRegisteredEvent;
import dev.zielmonitor.infra.TestInfrastructure;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The batch mode against the real event store: what a command sees, and what is written when. */
@SpringBootTest(classes = EventStoreTestApplication.class,
        properties = {"axon.axonserver.enabled=false", "spring.flyway.enabled=false",
                "axon.serializer.general=jackson", "axon.update-check.disabled=true"})
class PrefetchingEventStorageEngineTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.databaseProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    PrefetchingEventStorageEngine engine;
    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcClient jdbc;

    private static GenericDomainEventMessage<JobcenterRegisteredEvent> event(String aggregateId, long sequence) {
        return new GenericDomainEventMessage<>("Test", aggregateId, sequence, new JobcenterRegisteredEvent(
                JobcenterId.of("05122"), "Jobcenter Solingen " + sequence, "DE-NW", CarrierType.ZKT, null, null));
    }

    private static List<Long> sequences(DomainEventStream stream) {
        List<Long> sequences = new ArrayList<>();
        stream.forEachRemaining(e -> sequences.add(e.getSequenceNumber()));
        return sequences;
    }

    private long stored(String aggregateId) {
        return jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?").param(aggregateId)
                .query(Long.class).single();
    }

    @Test
    void readUpToHandsOverEveryEventUpToAnIndexAndATrackingReadGoesOnFromItsToken() {
        String id = "test:" + UUID.randomUUID();
        transaction.executeWithoutResult(s -> engine.appendEvents(event(id, 0), event(id, 1)));
        long head = jdbc.sql("SELECT max(globalindex) FROM domainevententry").query(Long.class).single();
        long stored = jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
        transaction.executeWithoutResult(s -> engine.appendEvents(event(id, 2)));

        List<String> read = new ArrayList<>();
        TrackingToken token = engine.readUpTo(head, e -> read.add(e.getIdentifier()));
        assertThat(read).hasSize((int) stored).doesNotHaveDuplicates();
        assertThat(token.position()).hasValue(head);

        transaction.executeWithoutResult(s -> engine.appendEvents(event(id, 3)));
        try (Stream<? extends TrackedEventMessage<?>> after = engine.readEvents(token, false)) {
            assertThat(after.map(e -> ((DomainEventMessage<?>) e).getSequenceNumber()).toList())
                    .containsExactly(2L, 3L);
        }
    }

    @Test
    void aStoredStreamIsReadFromThePrefetchAndReportsItsLastSequenceNumber() {
        String id = "test:" + UUID.randomUUID();
        transaction.executeWithoutResult(s -> engine.appendEvents(event(id, 0), event(id, 1)));

        assertThatThrownBy(() -> transaction.executeWithoutResult(s -> engine.inBatch(List.of(id), () -> {
            // from here on the transaction cannot see the event tables (the role may not delete the events)
            jdbc.sql("SET LOCAL search_path TO pg_catalog").update();
            assertThatThrownBy(() -> stored(id)).hasMessageContaining("domainevententry");
            DomainEventStream stream = engine.readEvents(id, 0);
            assertThat(sequences(stream)).as("served from the prefetch, not the table").containsExactly(0L, 1L);
            assertThat(stream.getLastSequenceNumber()).isEqualTo(1L);
            assertThat(engine.readSnapshot(id)).isEmpty();
            throw new IllegalStateException("roll back");
        }))).hasMessage("roll back");
        assertThat(stored(id)).isEqualTo(2);
    }

    @Test
    void eventsAppendedInABatchAreVisibleToTheNextCommandAndWrittenAtItsEnd() {
        String existing = "test:" + UUID.randomUUID();
        String fresh = "test:" + UUID.randomUUID();
        transaction.executeWithoutResult(s -> engine.appendEvents(event(existing, 0)));

        transaction.executeWithoutResult(s -> engine.inBatch(List.of(existing, fresh), () -> {
            engine.appendEvents(event(existing, 1));
            engine.appendEvents(event(fresh, 0));
            assertThat(stored(existing)).as("not yet written").isEqualTo(1);
            DomainEventStream stream = engine.readEvents(existing, 0);
            assertThat(sequences(stream)).containsExactly(0L, 1L);
            assertThat(stream.getLastSequenceNumber()).isEqualTo(1L);
            assertThat(sequences(engine.readEvents(fresh, 0))).containsExactly(0L);
            return null;
        }));

        assertThat(stored(existing)).isEqualTo(2);
        assertThat(stored(fresh)).isEqualTo(1);
        List<DomainEventMessage<?>> read = new ArrayList<>();
        eventStore.readEvents(existing).forEachRemaining(read::add);
        assertThat(read).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L);
    }

    @Test
    void aFailedBatchWritesNothing() {
        String id = "test:" + UUID.randomUUID();
        assertThatThrownBy(() -> transaction.executeWithoutResult(s -> engine.inBatch(List.of(id), () -> {
            engine.appendEvents(event(id, 0));
            throw new IllegalStateException("a command failed");
        }))).hasMessage("a command failed");
        assertThat(stored(id)).isZero();
    }

    @Test
    void aConflictingWriteFailsTheBatchAtItsEnd() {
        String id = "test:" + UUID.randomUUID();
        assertThatThrownBy(() -> transaction.executeWithoutResult(s -> engine.inBatch(List.of(id), () -> {
            // another writer stores sequence 0 after the prefetch
            jdbc.sql("""
                    INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,
                        payload, payloadtype, timestamp) VALUES (?, 0, 'Test', ?, '\\x7b7d', 'x', '2026-01-01T00:00:00Z')""")
                    .params(id, UUID.randomUUID().toString()).update();
            engine.appendEvents(event(id, 0));
            return null;
        }))).isNotNull();
        assertThat(stored(id)).isZero();
    }

    @Test
    void outsideABatchItIsAxonsJdbcEngine() {
        String id = "test:" + UUID.randomUUID();
        transaction.executeWithoutResult(s -> engine.appendEvents(event(id, 0)));
        assertThat(stored(id)).isEqualTo(1);
        assertThat(sequences(engine.readEvents(id, 0))).containsExactly(0L);
        assertThatThrownBy(() -> engine.inBatch(List.of(id), () -> engine.inBatch(List.of(id), () -> null)))
                .hasMessageContaining("do not nest");
    }
}
