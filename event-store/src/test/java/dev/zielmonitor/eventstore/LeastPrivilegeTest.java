package dev.zielmonitor.eventstore;

import dev.zielmonitor.events.common.CarrierType;
import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.registry.JobcenterRegisteredEvent;
import dev.zielmonitor.infra.DatabaseRoles;
import dev.zielmonitor.infra.TestDatabase;
import dev.zielmonitor.infra.TestInfrastructure;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The event store's roles (V4, docs/security.md#least-privilege-in-postgresql): the service appends as the command
 * role, which cannot change or remove a stored event or write the chain itself; the query role reads; the
 * append-only trigger refuses updates, deletes and truncation to the owner and a superuser too; and a service
 * connected as a role that could rewrite the history does not start.
 */
@SpringBootTest(classes = EventStoreTestApplication.class,
        properties = {"axon.axonserver.enabled=false", "spring.flyway.enabled=false",
                "axon.serializer.general=jackson", "axon.update-check.disabled=true"})
class LeastPrivilegeTest {

    static final TestDatabase DB = TestDatabase.another();
    static final DatabaseRoles ROLES = DB.roles();
    static final String INSUFFICIENT_PRIVILEGE = "42501";
    static final String RESTRICT_VIOLATION = "23001";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.databaseProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionManager transactionManager;
    @Autowired
    JdbcClient jdbc;

    private long appendOne() {
        String aggregateId = "test:" + UUID.randomUUID();
        transactionManager.executeInTransaction(() -> eventStore.publish(new GenericDomainEventMessage<>("Jobcenter",
                aggregateId, 0, new JobcenterRegisteredEvent(JobcenterId.of("05122"), "Jobcenter Solingen", "DE-NW",
                CarrierType.ZKT, null, null))));
        return jdbc.sql("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ?").param(aggregateId)
                .query(Long.class).single();
    }

    private static Connection as(DatabaseRoles.Role role) throws SQLException {
        return DriverManager.getConnection(DB.url(), role.name(), role.password());
    }

    private static Connection asSuperuser() throws SQLException {
        return DriverManager.getConnection(DB.url(), DB.user(), DB.password());
    }

    /** The SQLSTATE of what {@code sql} fails with, or "none". */
    private static String refusal(Connection c, String sql) {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
            return "none";
        } catch (SQLException e) {
            return e.getSQLState() + ": " + e.getMessage();
        }
    }

    @Test
    void theServiceConnectsAsTheCommandRole_notAsASuperuserNorTheOwner() {
        Map<String, Object> role = jdbc.sql("""
                SELECT current_user AS name, rolsuper, pg_has_role(current_user, ?, 'MEMBER') AS owner
                FROM pg_roles WHERE rolname = current_user""").param(ROLES.owner().name()).query().singleRow();

        assertThat(role).containsEntry("name", ROLES.command().name()).containsEntry("rolsuper", false)
                .containsEntry("owner", false);
    }

    @Test
    void theCommandRoleAppends_andTheTriggerChainsTheEvent_butTheRoleCannotChangeRemoveOrChainAnythingItself()
            throws SQLException {
        long index = appendOne();

        try (Connection c = asSuperuser(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM event_hash_chain WHERE globalindex = " + index)) {
            rs.next();
            assertThat(rs.getInt(1)).as("the link the trigger wrote for the command role's append").isOne();
        }
        try (Connection c = as(ROLES.command())) {
            for (String sql : List.of("UPDATE domainevententry SET payload = payload WHERE globalindex = " + index,
                    "DELETE FROM domainevententry WHERE globalindex = " + index,
                    "TRUNCATE domainevententry CASCADE",
                    "INSERT INTO event_hash_chain (globalindex, eventidentifier, previous_hash, hash) "
                            + "VALUES (-1, 'forged', ''::bytea, ''::bytea)",
                    "UPDATE event_hash_chain SET hash = hash",
                    "DELETE FROM event_hash_chain",
                    "SELECT zm_chain_event()",
                    "ALTER TABLE domainevententry DISABLE TRIGGER domainevententry_append_only",
                    "DROP TRIGGER domainevententry_hash_chain ON domainevententry",
                    "SET session_replication_role = replica",
                    "CREATE TEMP TABLE event_hash_chain (x int)",
                    "CREATE TABLE public.anything (x int)")) {
                assertThat(refusal(c, sql)).as(sql).startsWith(INSUFFICIENT_PRIVILEGE);
            }
        }
    }

    @Test
    void theQueryRoleReadsTheEventsAndTheChainAndKeepsTokens_butAppendsOrChangesNoEvent() throws SQLException {
        long index = appendOne();
        try (Connection c = as(ROLES.query())) {
            assertThat(refusal(c, "SELECT count(*) FROM domainevententry")).isEqualTo("none");
            assertThat(refusal(c, "SELECT count(*) FROM event_hash_chain")).isEqualTo("none");
            assertThat(refusal(c, "INSERT INTO tokenentry (processorname, segment) VALUES ('t', 0)")).isEqualTo("none");
            assertThat(EventHashChain.verify(c).intact()).isTrue();
            for (String sql : List.of("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, "
                            + "eventidentifier, payload, payloadtype, timestamp) VALUES ('x', 0, 'x', ''::bytea, 'x', 'x')",
                    "UPDATE domainevententry SET payload = payload WHERE globalindex = " + index,
                    "DELETE FROM domainevententry WHERE globalindex = " + index,
                    "TRUNCATE domainevententry CASCADE",
                    "DELETE FROM event_hash_chain")) {
                assertThat(refusal(c, sql)).as(sql).startsWith(INSUFFICIENT_PRIVILEGE);
            }
        }
    }

    @Test
    void theAppendOnlyTriggerRefusesUpdatesDeletesAndTruncationToTheOwnerAndASuperuserToo() throws SQLException {
        long index = appendOne();
        for (DatabaseRoles.Role role : List.of(ROLES.owner(), new DatabaseRoles.Role(DB.user(), DB.password()))) {
            try (Connection c = as(role)) {
                for (String sql : List.of("UPDATE domainevententry SET payload = payload WHERE globalindex = " + index,
                        "DELETE FROM domainevententry WHERE globalindex = " + index,
                        "TRUNCATE domainevententry CASCADE",
                        "UPDATE event_hash_chain SET hash = hash WHERE globalindex = " + index,
                        "DELETE FROM event_hash_chain WHERE globalindex = " + index,
                        "TRUNCATE event_hash_chain")) {
                    assertThat(refusal(c, sql)).as(role.name() + ": " + sql).startsWith(RESTRICT_VIOLATION)
                            .contains("append-only");
                }
            }
        }
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE globalindex = ?").param(index)
                .query(Long.class).single()).isOne();
    }

    @Test
    void aServiceConnectedAsASuperuserOrAsTheOwnerDoesNotStart() {
        for (Map.Entry<String, String> role : Map.of(DB.user(), "is a superuser",
                ROLES.owner().name(), "owns the event store").entrySet()) {
            Map<String, Object> properties = new HashMap<>(TestInfrastructure.databaseProperties(DB));
            properties.put("axon.axonserver.enabled", "false");
            properties.put("spring.flyway.enabled", "false");
            properties.put("spring.main.web-application-type", "none");
            String password = role.getKey().equals(DB.user()) ? DB.password() : ROLES.owner().password();
            assertThatThrownBy(() -> new SpringApplicationBuilder(EventStoreTestApplication.class)
                    .properties(properties)
                    .run("--spring.datasource.username=" + role.getKey(), "--spring.datasource.password=" + password)
                    .close())
                    .hasRootCauseMessage("refusing to run as database role " + role.getKey() + ", which "
                            + role.getValue() + ": a service connects as its own runtime role "
                            + "(spring.datasource.username, docs/security.md#least-privilege-in-postgresql)");
        }
    }
}
