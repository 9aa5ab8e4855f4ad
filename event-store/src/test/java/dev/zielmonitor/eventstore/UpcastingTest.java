package dev.zielmonitor.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zielmonitor.events.common.CarrierType;
import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.registry.JobcenterRegisteredEvent;
import dev.zielmonitor.eventstore.upcasting.JobcenterRegisteredEventUpcaster;
import dev.zielmonitor.infra.TestDatabase;
import dev.zielmonitor.infra.TestInfrastructure;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A registration stored as revision 1 (the golden fixture's bytes, as an installation from before the change
 * holds them) reads as revision 2 everywhere: by the aggregate's stream, by tracking, by the rebuild's cursor.
 */
@SpringBootTest(classes = EventStoreTestApplication.class,
        properties = {"axon.axonserver.enabled=false", "spring.flyway.enabled=false",
                "axon.serializer.general=jackson", "axon.update-check.disabled=true"})
class UpcastingTest {

    static final TestDatabase DB = TestDatabase.another();
    static final Path GOLDEN = Path.of("../shared-events/src/test/resources/golden");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.databaseProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    EventStore eventStore;
    @Autowired
    PrefetchingEventStorageEngine engine;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper defaultAxonObjectMapper;

    private static final JobcenterRegisteredEvent AS_REVISION_2 = new JobcenterRegisteredEvent(JobcenterId.of("05122"),
            "Jobcenter Solingen", "DE-NW", CarrierType.ZKT, null, LocalDate.of(2005, 1, 1));

    @Test
    void theUpcasterTurnsTheRevision1FixtureIntoTheRevision2Fixture() throws IOException {
        JsonNode revision1 = defaultAxonObjectMapper.readTree(GOLDEN.resolve("JobcenterRegisteredEvent.rev1.json")
                .toFile());
        JsonNode revision2 = defaultAxonObjectMapper.readTree(GOLDEN.resolve("JobcenterRegisteredEvent.rev2.json")
                .toFile());

        assertThat(JobcenterRegisteredEventUpcaster.upcast(revision1)).isEqualTo(revision2);
        assertThat(revision1.has("land")).as("the fixture is left as it was").isTrue();
    }

    @Test
    void aStoredRevision1EventReadsAsRevision2ByEveryPath() throws IOException {
        String aggregate = "05122-" + UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                    payload, payloadrevision, payloadtype, timestamp)
                VALUES (?, 0, 'Jobcenter', ?, convert_to('{}', 'UTF8'), ?, '1', ?, '2012-01-01T00:00:00Z')""")
                .params(aggregate, UUID.randomUUID().toString(),
                        Files.readAllBytes(GOLDEN.resolve("JobcenterRegisteredEvent.rev1.json")),
                        JobcenterRegisteredEvent.class.getName())
                .update();

        assertThat(eventStore.readEvents(aggregate).next().getPayload()).isEqualTo(AS_REVISION_2);
        try (var stream = eventStore.openStream(null)) {
            TrackedEventMessage<?> tracked = stream.nextAvailable();
            assertThat(tracked.getPayload()).isEqualTo(AS_REVISION_2);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        List<Object> replayed = new ArrayList<>();
        engine.readUpTo(Long.MAX_VALUE, e -> replayed.add(e.getPayload()));
        assertThat(replayed).containsExactly(AS_REVISION_2);
    }
}
