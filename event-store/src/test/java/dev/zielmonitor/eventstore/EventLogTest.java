package dev.zielmonitor.eventstore;

import dev.zielmonitor.events.registry.JobcenterRegisteredEvent;
import dev.zielmonitor.infra.TestDatabase;
import dev.zielmonitor.infra.TestInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read API the services use instead of Axon's tables: streams as of a recorded time (inclusive, to the
 * microsecond PostgreSQL keeps), pages, counts per aggregate, and the stored fields the hash chain covers, exactly.
 */
@SpringBootTest(classes = EventStoreTestApplication.class,
        properties = {"axon.axonserver.enabled=false", "spring.flyway.enabled=false",
                "axon.serializer.general=jackson", "axon.update-check.disabled=true"})
class EventLogTest {

    static final TestDatabase DB = TestDatabase.another();
    static final Path GOLDEN = Path.of("../shared-events/src/test/resources/golden");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.databaseProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    EventLog log;
    @Autowired
    JdbcClient jdbc;

    private final String first = "05122-" + UUID.randomUUID();
    private final String second = "05122-" + UUID.randomUUID();

    @BeforeEach
    void store() throws IOException {
        insert(first, 0, "2014-03-01T10:00:00.123456Z");
        insert(first, 1, "2014-03-02T10:00:00.654321Z");
        insert(first, 2, "2014-03-03T10:00:00Z");
        insert(second, 0, "2014-03-02T11:00:00.5Z");
    }

    private void insert(String aggregate, long sequence, String timestamp) throws IOException {
        jdbc.sql("""
                INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                    payload, payloadrevision, payloadtype, timestamp)
                VALUES (?, ?, 'Jobcenter', ?, convert_to('{"principal":"tester"}', 'UTF8'), ?, '1', ?, ?)""")
                .params(aggregate, sequence, UUID.randomUUID().toString(),
                        Files.readAllBytes(GOLDEN.resolve("JobcenterRegisteredEvent.rev1.json")),
                        JobcenterRegisteredEvent.class.getName(), timestamp)
                .update();
    }

    @Test
    void aStreamAsOfARecordedTimeIncludesTheEventRecordedAtThatVeryMicrosecond() {
        List<EventLog.StoredEvent> upToSecond = log.stream(first, Instant.parse("2014-03-02T10:00:00.654321Z"));

        assertThat(upToSecond).extracting(EventLog.StoredEvent::sequenceNumber).containsExactly(0L, 1L);
        assertThat(log.stream(first, Instant.parse("2014-03-02T10:00:00.654320Z"))).hasSize(1);
        assertThat(log.stream(first, null)).hasSize(3);
    }

    @Test
    void keepsTheStoredAggregateTypeAndTimestampCharacterForCharacter() {
        EventLog.StoredEvent event = log.stream(second, null).get(0);

        assertThat(event.aggregateType()).isEqualTo("Jobcenter");
        assertThat(event.storedTimestamp()).isEqualTo("2014-03-02T11:00:00.5Z");
        assertThat(event.recordedAt()).isEqualTo(Instant.parse("2014-03-02T11:00:00.500Z"));
        assertThat(event.message().getPayload()).isInstanceOf(JobcenterRegisteredEvent.class);
        assertThat(event.metadata("principal")).contains("tester");
    }

    @Test
    void countsTheEventsOfTheGivenAggregatesOnly() {
        assertThat(log.countOf(List.of(first))).isEqualTo(3);
        assertThat(log.countOf(List.of(first, second, "05122-none"))).isEqualTo(4);
        assertThat(log.countOf(List.of())).isZero();
    }

    @Test
    void pagesASelectionByTheGlobalIndex() {
        EventLog.Selection both = EventLog.Selection.ofAggregates(List.of(first, second));

        EventLog.Page page = log.page(both, -1, 3);
        EventLog.Page rest = log.page(both, page.next(), 3);

        assertThat(page.events()).hasSize(3);
        assertThat(page.next()).isEqualTo(page.events().get(2).globalIndex());
        assertThat(rest.events()).hasSize(1);
        assertThat(rest.next()).isNull();
        assertThat(log.page(both.recordedIn(Instant.parse("2014-03-02T00:00:00Z"),
                Instant.parse("2014-03-03T00:00:00Z")), -1, 10).events())
                .extracting(EventLog.StoredEvent::storedTimestamp)
                .containsExactly("2014-03-02T10:00:00.654321Z", "2014-03-02T11:00:00.5Z");
    }
}
