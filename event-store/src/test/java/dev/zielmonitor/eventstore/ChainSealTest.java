package dev.zielmonitor.eventstore;

import dev.zielmonitor.infra.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.zielmonitor.eventstore.EventHashChainTest.append;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The keyed seals (ADR 0010) on a database of their own: what an unkeyed chain cannot show (a rewrite by someone
 * who can write every table) shows as a seal that no longer holds; rotation keeps old seals verifiable while
 * their key is configured; a noted head that a rewrite removed is reported; several sealers seal once.
 */
class ChainSealTest {

    static final String K1 = "k1:" + key("k1-test-key-for-the-hash-chain-0");
    static final String K2 = "k2:" + key("k2-test-key-for-the-hash-chain-0");
    static final ChainKeys KEYS = ChainKeys.parse(K1);

    private TestDatabase db;

    static String key(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void freshStore() {
        db = TestDatabase.another();
        Flyway.configure().dataSource(db.url(), db.roles().owner().name(), db.roles().owner().password())
                .placeholders(Map.of("command-role", db.roles().command().name(),
                        "query-role", db.roles().query().name()))
                .locations("classpath:db/event-store").table("flyway_history_event_store").load().migrate();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(db.url(), db.user(), db.password());
    }

    private ChainSeal.Outcome seal(ChainKeys keys, ChainSeal published) throws SQLException {
        try (Connection c = connect()) {
            return ChainSeal.seal(c, keys, published, Instant.now());
        }
    }

    private EventHashChain.Verification verify(ChainKeys keys, ChainSeal published, EventHashChain.Head noted)
            throws SQLException {
        try (Connection c = connect()) {
            return EventHashChain.verify(c, keys, published, noted);
        }
    }

    private void appendEvents(String aggregate, int from, int count) throws SQLException {
        try (Connection c = connect()) {
            for (int i = from; i < from + count; i++) {
                append(c, aggregate, i, "{\"INT\":" + (100 + i) + "}");
            }
        }
    }

    /** A statement of the tampering superuser, who skips the append-only trigger for its session. */
    private void sql(String statement) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("SET session_replication_role = replica");
            s.execute(statement);
        }
    }

    /**
     * Changes an event's payload and recomputes every link from it on with the database's own function, as the
     * trigger would have: what someone with full rights on the database but without the key can do.
     */
    static void rewriteConsistently(Connection c, long globalIndex, String payload) throws SQLException {
        try (Statement s = c.createStatement()) {
            // a superuser past the append-only trigger (ADR 0009): the only way to rewrite the store at all
            s.execute("SET session_replication_role = replica");
            s.executeUpdate("UPDATE domainevententry SET payload = convert_to('" + payload + "', 'UTF8') "
                    + "WHERE globalindex = " + globalIndex);
            s.execute("""
                    DO $$
                    DECLARE
                        link     record;
                        previous bytea;
                    BEGIN
                        FOR link IN SELECT c.position, c.previous_hash, e
                                    FROM event_hash_chain c JOIN domainevententry e ON e.globalindex = c.globalindex
                                    WHERE c.position >= (SELECT position FROM event_hash_chain WHERE globalindex = %d)
                                    ORDER BY c.position LOOP
                            previous := coalesce(previous, link.previous_hash);
                            UPDATE event_hash_chain SET previous_hash = previous,
                                                        hash = sha256(previous || zm_event_content_hash(link.e))
                            WHERE position = link.position RETURNING hash INTO previous;
                        END LOOP;
                    END
                    $$""".formatted(globalIndex));
        }
    }

    private long globalIndexAt(long position) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT globalindex FROM event_hash_chain WHERE position = " + position)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void sealsTheHeadWhenItMoved_eachSealNamingTheOneBefore() throws SQLException {
        assertThat(seal(KEYS, null).result()).as("no chain yet").isEqualTo(ChainSeal.Result.UP_TO_DATE);
        appendEvents("a", 0, 3);

        ChainSeal first = seal(KEYS, null).seal();
        assertThat(first).extracting(ChainSeal::sealNumber, ChainSeal::position, ChainSeal::keyId,
                ChainSeal::previousMac).containsExactly(1L, 3L, "k1", null);
        assertThat(seal(KEYS, null).result()).as("nothing new").isEqualTo(ChainSeal.Result.UP_TO_DATE);
        appendEvents("a", 3, 2);
        ChainSeal second = seal(KEYS, first).seal();
        assertThat(second).extracting(ChainSeal::sealNumber, ChainSeal::position, ChainSeal::previousKeyId,
                ChainSeal::previousMac).containsExactly(2L, 5L, "k1", first.mac());
        appendEvents("a", 5, 1);

        EventHashChain.Verification verification = verify(KEYS, second, null);
        assertThat(verification.intact()).as(String.valueOf(verification.seals())).isTrue();
        assertThat(verification.seals()).extracting(EventHashChain.Seals::keyed, EventHashChain.Seals::count,
                EventHashChain.Seals::unsealedLinks, EventHashChain.Seals::published)
                .containsExactly(true, 2L, 1L, 2L);
        assertThat(verification.seals().latest()).isEqualTo(second);
        assertThat(verification.headHash()).isNotEqualTo(second.headHash());
    }

    @Test
    void aConsistentRewriteHoldsLinkByLink_butNotAgainstTheSealOverIt_andNothingIsSealedOverIt() throws SQLException {
        appendEvents("a", 0, 4);
        ChainSeal sealed = seal(KEYS, null).seal();
        appendEvents("a", 4, 2);
        long rewritten = globalIndexAt(2);
        try (Connection c = connect()) {
            rewriteConsistently(c, rewritten, "{\"INT\":999}");
        }

        EventHashChain.Verification keyless;
        try (Connection c = connect()) {
            keyless = EventHashChain.verify(c);
        }
        assertThat(keyless.firstBroken()).as("every link holds: the walk alone cannot see it").isNull();

        EventHashChain.Verification verification = verify(KEYS, null, null);
        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBroken()).isNull();
        assertThat(verification.seals().firstBroken()).extracting(ChainSeal.BrokenSeal::sealNumber,
                ChainSeal.BrokenSeal::position, ChainSeal.BrokenSeal::problem, ChainSeal.BrokenSeal::expected)
                .containsExactly(1L, 4L, "CHAIN_REWRITTEN", sealed.headHash());
        ChainSeal.Outcome refused = seal(KEYS, sealed);
        assertThat(refused.result()).isEqualTo(ChainSeal.Result.REFUSED);
        assertThat(refused.reason()).contains("seal 1").contains("CHAIN_REWRITTEN");

        // the seal changed to match the rewritten chain: without the key its MAC cannot follow
        sql("UPDATE event_hash_seal SET head_hash = (SELECT hash FROM event_hash_chain WHERE position = 4)");
        assertThat(verify(KEYS, null, null).seals().firstBroken()).extracting(ChainSeal.BrokenSeal::sealNumber,
                ChainSeal.BrokenSeal::problem).containsExactly(1L, "SEAL_FORGED");
        assertThat(seal(KEYS, null).reason()).contains("SEAL_FORGED");
    }

    @Test
    void aRewriteAfterTheLatestSealIsNotSealed_theSealerChecksEveryLinkSinceThen() throws SQLException {
        appendEvents("a", 0, 2);
        seal(KEYS, null);
        appendEvents("a", 2, 2);
        sql("UPDATE domainevententry SET payload = convert_to('{}', 'UTF8') WHERE globalindex = " + globalIndexAt(3));

        ChainSeal.Outcome refused = seal(KEYS, null);

        assertThat(refused.result()).isEqualTo(ChainSeal.Result.REFUSED);
        assertThat(refused.reason()).contains("position 3").contains("EVENT_ALTERED");
    }

    @Test
    void aRotatedOutKeyStillVerifiesItsSealsWhileConfigured_anUnknownKeyIdIsReported_andNoWayBack()
            throws SQLException {
        appendEvents("a", 0, 2);
        ChainSeal old = seal(KEYS, null).seal();
        ChainKeys rotated = ChainKeys.parse(K2 + "," + K1);
        appendEvents("a", 2, 2);

        ChainSeal anchored = seal(rotated, old).seal();

        assertThat(anchored).extracting(ChainSeal::keyId, ChainSeal::previousKeyId, ChainSeal::previousMac)
                .containsExactly("k2", "k1", old.mac());
        EventHashChain.Verification both = verify(rotated, anchored, null);
        assertThat(both.intact()).as(String.valueOf(both.seals().firstBroken())).isTrue();

        EventHashChain.Verification withoutTheOldKey = verify(ChainKeys.parse(K2), anchored, null);
        assertThat(withoutTheOldKey.intact()).isFalse();
        assertThat(withoutTheOldKey.seals().firstBroken()).extracting(ChainSeal.BrokenSeal::sealNumber,
                ChainSeal.BrokenSeal::keyId, ChainSeal.BrokenSeal::problem).containsExactly(1L, "k1", "UNKNOWN_KEY");

        // whoever holds only the replaced key cannot carry on the chain of seals with it
        appendEvents("a", 4, 1);
        ChainSeal back = seal(ChainKeys.parse(K1 + "," + K2), anchored).seal();
        assertThat(verify(rotated, back, null).seals().firstBroken()).extracting(ChainSeal.BrokenSeal::sealNumber,
                ChainSeal.BrokenSeal::problem, ChainSeal.BrokenSeal::found).containsExactly(3L, "KEY_RETIRED", "k1");
    }

    @Test
    void aNotedHeadThatARewriteRemovedIsReported() throws SQLException {
        appendEvents("a", 0, 5);
        EventHashChain.Verification before = verify(KEYS, null, null);
        EventHashChain.Head noted = new EventHashChain.Head(before.headPosition(), before.headHash().toUpperCase());
        assertThat(verify(KEYS, null, noted).notedHead()).extracting(EventHashChain.HeadCheck::contained)
                .isEqualTo(true);

        try (Connection c = connect()) {
            rewriteConsistently(c, globalIndexAt(1), "{\"INT\":1}");
        }
        EventHashChain.Verification after = verify(KEYS, null, noted);

        assertThat(after.firstBroken()).isNull();
        assertThat(after.intact()).isFalse();
        assertThat(after.notedHead()).extracting(EventHashChain.HeadCheck::position, EventHashChain.HeadCheck::hash,
                EventHashChain.HeadCheck::contained, EventHashChain.HeadCheck::found)
                .containsExactly(5L, before.headHash(), false, after.headHash());
        assertThat(verify(KEYS, null, new EventHashChain.Head(6, before.headHash())).notedHead().found())
                .as("no link there").isNull();
    }

    @Test
    void deletedSealsShow_inTheSeriesAndAgainstTheSealPublishedOutsideTheDatabase() throws SQLException {
        List<ChainSeal> seals = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            appendEvents("a", i, 1);
            seals.add(seal(KEYS, null).seal());
        }
        sql("DELETE FROM event_hash_seal WHERE seal_number = 3");
        assertThat(verify(KEYS, null, null).intact()).as("the series alone ends earlier, and holds").isTrue();
        assertThat(verify(KEYS, seals.get(2), null).seals().firstBroken()).extracting(
                ChainSeal.BrokenSeal::sealNumber, ChainSeal.BrokenSeal::problem)
                .containsExactly(3L, "PUBLISHED_SEAL_MISSING");
        ChainSeal.Outcome refused = seal(KEYS, seals.get(2));
        assertThat(refused.result()).isEqualTo(ChainSeal.Result.REFUSED);
        assertThat(refused.reason()).contains("PUBLISHED_SEAL_MISSING");

        sql("DELETE FROM event_hash_seal WHERE seal_number = 1");
        assertThat(verify(KEYS, null, null).seals().firstBroken()).extracting(ChainSeal.BrokenSeal::sealNumber,
                ChainSeal.BrokenSeal::problem).containsExactly(2L, "SEAL_MISSING");
    }

    @Test
    void severalSealersAtOnceSealEachHeadOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<ChainSeal.Result>>> sealers = new ArrayList<>();
        Future<?> appender = pool.submit(() -> {
            start.await();
            for (int i = 0; i < 30; i++) {
                appendEvents("a", i, 1);
            }
            return null;
        });
        for (int s = 0; s < 2; s++) {
            sealers.add(pool.submit(() -> {
                start.await();
                List<ChainSeal.Result> results = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    results.add(seal(KEYS, null).result());
                }
                return results;
            }));
        }
        start.countDown();
        appender.get();
        List<ChainSeal.Result> results = new ArrayList<>();
        for (Future<List<ChainSeal.Result>> sealer : sealers) {
            results.addAll(sealer.get());
        }
        pool.shutdown();
        ChainSeal.Outcome last = seal(KEYS, null);

        assertThat(results).doesNotContain(ChainSeal.Result.REFUSED).contains(ChainSeal.Result.SEALED);
        long sealed = results.stream().filter(ChainSeal.Result.SEALED::equals).count()
                + (last.result() == ChainSeal.Result.SEALED ? 1 : 0);
        EventHashChain.Verification verification = verify(KEYS, null, null);
        assertThat(verification.intact()).as(String.valueOf(verification.seals().firstBroken())).isTrue();
        assertThat(verification.seals().count()).as("one seal per sealing that said so").isEqualTo(sealed);
        assertThat(verification.seals().latest().position()).isEqualTo(30);
    }

    @Test
    void keysFromConfiguration_malformedOnesAreRefusedWithoutShowingThem() {
        ChainKeys keys = ChainKeys.parse(" " + K2 + " , " + K1);
        assertThat(keys.currentId()).isEqualTo("k2");
        assertThat(keys.ids()).containsExactly("k2", "k1");
        assertThat(keys.toString()).doesNotContain(key("k2-test-key-for-the-hash-chain-0"));
        assertThat(ChainKeys.parse("  ").isEmpty()).isTrue();

        assertThatThrownBy(() -> ChainKeys.parse(key("k2-test-key-for-the-hash-chain-0")))
                .hasMessageContaining("no key id");
        assertThatThrownBy(() -> ChainKeys.parse("short:" + key("too short")))
                .hasMessageContaining("9 bytes").hasMessageContaining("at least 32");
        assertThatThrownBy(() -> ChainKeys.parse("k1:not base64!")).hasMessageContaining("not base64")
                .hasMessageNotContaining("not base64!");
        assertThatThrownBy(() -> ChainKeys.parse(K1 + "," + K1)).hasMessageContaining("k1 is given twice");
        assertThatThrownBy(() -> ChainKeys.parse("bad id:" + key("k2-test-key-for-the-hash-chain-0")))
                .hasMessageContaining("key id");
    }
}
