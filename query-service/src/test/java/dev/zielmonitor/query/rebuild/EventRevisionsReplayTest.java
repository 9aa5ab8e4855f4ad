package dev.zielmonitor.query.rebuild;

import dev.zielmonitor.events.common.CarrierType;
import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.registry.JobcenterRegisteredEvent;
import dev.zielmonitor.infra.TestDatabase;
import dev.zielmonitor.infra.TestInfrastructure;
import dev.zielmonitor.query.CommandSideEvents;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A store holding both revisions of {@link JobcenterRegisteredEvent}: one registration stored as revision 1 (the
 * golden fixture's shape, written straight into the table as an old installation holds it), the same registration
 * of another Jobcenter stored as revision 2 by the current code. Projected live and replayed by a rebuild, both
 * give the same read-model row, and the replay agrees with the live read models.
 */
// a context of its own, used by this class only: closed after it, so its connections do not pile up
@DirtiesContext
@SpringBootTest
class EventRevisionsReplayTest {

    static final TestDatabase DB = TestDatabase.another();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.databaseProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    }

    CommandSideEvents events;

    @Autowired
    void commandSide(@Qualifier("eventSerializer") Serializer eventSerializer) {
        events = new CommandSideEvents(DB, eventSerializer);
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Rebuilds rebuilds;

    @Test
    void bothRevisionsGiveIdenticalReadModelsLiveAndReplayed() throws Exception {
        String revision1 = Files.readString(Path.of("../shared-events/src/test/resources/golden/"
                + "JobcenterRegisteredEvent.rev1.json")).replace("05122", "05111");
        events.jdbc().sql("""
                INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                    payload, payloadrevision, payloadtype, timestamp)
                VALUES ('05111', 0, 'Jobcenter', ?, convert_to('{}', 'UTF8'), ?, '1', ?, '2012-01-01T00:00:00Z')""")
                .params(UUID.randomUUID().toString(), revision1.getBytes(StandardCharsets.UTF_8),
                        JobcenterRegisteredEvent.class.getName())
                .update();
        events.append(new GenericDomainEventMessage<>("Jobcenter",
                "05122", 0, new JobcenterRegisteredEvent(JobcenterId.of("05122"), "Jobcenter Solingen", "DE-NW",
                CarrierType.ZKT, null, LocalDate.of(2005, 1, 1)), MetaData.emptyInstance(),
                UUID.randomUUID().toString(), Instant.parse("2012-01-01T00:00:00Z")));
        assertThat(jdbc.sql("SELECT payloadrevision FROM domainevententry ORDER BY globalindex")
                .query(String.class).list()).containsExactly("1", "2");
        await().atMost(Duration.ofSeconds(30)).until(() -> rows().size() == 2);
        List<Map<String, Object>> live = rows();
        assertThat(live.get(0)).containsEntry("land", "NW").containsEntry("carrier_type", "zkT")
                .containsEntry("valid_from", java.sql.Date.valueOf("2005-01-01"));
        assertThat(live.get(0)).isEqualTo(live.get(1));

        Rebuild verification = rebuilds.start(Rebuild.Mode.VERIFY);
        await().atMost(Duration.ofSeconds(60)).until(() -> verification.view().state() != Rebuild.State.RUNNING);
        assertThat(verification.view().state()).isEqualTo(Rebuild.State.COMPLETED);
        assertThat(verification.view().verification().agrees()).as(verification.view().summary()).isTrue();

        Rebuild replay = rebuilds.start(Rebuild.Mode.SWITCH);
        await().atMost(Duration.ofSeconds(60)).until(() -> replay.view().state() != Rebuild.State.RUNNING);
        assertThat(replay.view().state()).as(replay.view().summary()).isEqualTo(Rebuild.State.COMPLETED);
        assertThat(rows()).isEqualTo(live);
    }

    /** The read-model rows without the Jobcenter's id and name, which are all the two registrations differ in. */
    private List<Map<String, Object>> rows() {
        return jdbc.sql("SELECT land, carrier_type, comparison_type, valid_from, registered_at "
                + "FROM read_model.jobcenter ORDER BY jobcenter_id").query().listOfRows();
    }
}
