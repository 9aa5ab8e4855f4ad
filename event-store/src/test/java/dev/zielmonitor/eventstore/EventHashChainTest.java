package dev.zielmonitor.eventstore;

import dev.zielmonitor.infra.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hash chain on a database of its own: every append is chained in its transaction, concurrent appenders
 * form one chain, and the Java walk finds an event altered, deleted or slipped in with the trigger off. The store
 * is migrated by the owner role and appended to by the command role, as the services do; the tampering is a
 * superuser's, the only one who can get past the append-only trigger without changing the schema (V4).
 */
class EventHashChainTest {

    private TestDatabase db;

    @BeforeEach
    void freshStore() throws SQLException {
        db = TestDatabase.another();
        // a store with history, as an existing installation has it when V2 arrives
        migrate("1");
        try (Connection c = asOwner()) {
            for (int i = 0; i < 3; i++) {
                append(c, "old-" + i, 0, "{\"n\":" + i + "}");
            }
        }
        migrate(null);
    }

    private void migrate(String target) {
        var flyway = Flyway.configure().dataSource(db.url(), db.roles().owner().name(), db.roles().owner().password())
                .placeholders(Map.of("command-role", db.roles().command().name(),
                        "query-role", db.roles().query().name()))
                .locations("classpath:db/event-store").table("flyway_history_event_store");
        (target == null ? flyway : flyway.target(target)).load().migrate();
    }

    /** As the command service appends. */
    private Connection connect() throws SQLException {
        return DriverManager.getConnection(db.url(), db.roles().command().name(), db.roles().command().password());
    }

    private Connection asOwner() throws SQLException {
        return DriverManager.getConnection(db.url(), db.roles().owner().name(), db.roles().owner().password());
    }

    /**
     * A superuser who skips ordinary triggers for this session (session_replication_role, which only a superuser
     * may set): the append-only trigger no longer stops the tampering below, and the chain's trigger no longer
     * links what this session appends.
     */
    private Connection asTamperingSuperuser() throws SQLException {
        Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
        c.createStatement().execute("SET session_replication_role = replica");
        return c;
    }

    static long append(Connection c, String aggregate, long sequence, String payload) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                    payload, payloadrevision, payloadtype, timestamp)
                VALUES (?, ?, 'MonthlyReport', ?, ?, ?, '1', 'dev.zielmonitor.events.Test', ?)
                RETURNING globalindex""")) {
            insert.setString(1, aggregate);
            insert.setLong(2, sequence);
            insert.setString(3, UUID.randomUUID().toString());
            insert.setBytes(4, "{\"traceId\":\"t\"}".getBytes(StandardCharsets.UTF_8));
            insert.setBytes(5, payload.getBytes(StandardCharsets.UTF_8));
            insert.setString(6, "2026-11-25T10:00:00.000Z");
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** As the query service verifies. */
    private EventHashChain.Verification verify() throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.roles().query().name(),
                db.roles().query().password())) {
            return EventHashChain.verify(c);
        }
    }

    @Test
    void chainsTheHistoryOnMigrationAndEveryAppendAfterIt_theJavaWalkAgreesWithTheDatabase() throws SQLException {
        try (Connection c = connect()) {
            append(c, "new", 0, "{\"ä\":\"Übersicht\"}");
            append(c, "new", 1, "{}");
        }

        EventHashChain.Verification verification = verify();

        assertThat(verification.intact()).as(String.valueOf(verification.firstBroken())).isTrue();
        assertThat(verification.chained()).isEqualTo(5);
        assertThat(verification.events()).isEqualTo(5);
        try (Connection c = asOwner(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT encode(hash, 'hex') FROM event_hash_chain ORDER BY position DESC "
                     + "LIMIT 1")) {
            rs.next();
            assertThat(verification.headHash()).isEqualTo(rs.getString(1));
        }
    }

    @Test
    void aRolledBackAppendLeavesNoLinkAndConcurrentAppendersFormOneChain() throws Exception {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            append(c, "rolled-back", 0, "{}");
            c.rollback();
            // a savepoint rolled back in the middle of a transaction: its links go, the transaction's go on
            append(c, "kept", 0, "{}");
            var savepoint = c.setSavepoint();
            append(c, "rolled-back", 1, "{}");
            c.rollback(savepoint);
            append(c, "kept", 1, "{}");
            c.commit();
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            String aggregate = "writer-" + w;
            writers.add(pool.submit(() -> {
                start.await();
                try (Connection c = connect()) {
                    c.setAutoCommit(false);
                    for (int i = 0; i < 25; i++) {
                        append(c, aggregate, i, "{\"i\":" + i + "}");
                        if (i % 5 == 4) {
                            c.commit();
                        }
                    }
                    c.commit();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> writer : writers) {
            writer.get();
        }
        pool.shutdown();

        EventHashChain.Verification verification = verify();

        assertThat(verification.intact()).as(String.valueOf(verification.firstBroken())).isTrue();
        assertThat(verification.chained()).isEqualTo(3 + 2 + 100);
        assertThat(verification.events()).isEqualTo(3 + 2 + 100);
    }

    @Test
    void findsAnEventAlteredInSql() throws SQLException {
        long altered;
        try (Connection c = connect()) {
            append(c, "a", 0, "{\"INT\":187}");
            altered = append(c, "a", 1, "{\"INT\":199}");
            append(c, "a", 2, "{\"INT\":201}");
        }
        try (Connection c = asTamperingSuperuser()) {
            c.createStatement().executeUpdate("UPDATE domainevententry SET payload = convert_to('{\"INT\":299}', "
                    + "'UTF8') WHERE globalindex = " + altered);
        }

        EventHashChain.Verification verification = verify();

        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBroken().problem()).isEqualTo("EVENT_ALTERED");
        assertThat(verification.firstBroken().globalIndex()).isEqualTo(altered);
        assertThat(verification.firstBroken().position()).isEqualTo(5);
    }

    @Test
    void findsAnEventDeletedALinkRewrittenAndAnEventSlippedInWithoutTheTrigger() throws SQLException {
        long deleted;
        try (Connection c = connect()) {
            deleted = append(c, "d", 0, "{}");
        }
        try (Connection c = asTamperingSuperuser(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM domainevententry WHERE globalindex = " + deleted);
        }
        assertThat(verify().firstBroken()).extracting(EventHashChain.BrokenLink::problem,
                EventHashChain.BrokenLink::globalIndex).containsExactly("EVENT_MISSING", deleted);

        freshStore();
        try (Connection c = asTamperingSuperuser(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE event_hash_chain SET previous_hash = sha256('x'::bytea) WHERE position = 2");
        }
        assertThat(verify().firstBroken().problem()).isEqualTo("LINK_ALTERED");

        freshStore();
        long slipped;
        try (Connection c = asTamperingSuperuser()) {
            slipped = append(c, "s", 0, "{}");
        }
        assertThat(verify().firstBroken()).extracting(EventHashChain.BrokenLink::problem,
                EventHashChain.BrokenLink::globalIndex).containsExactly("EVENT_NOT_CHAINED", slipped);
    }
}
