package dev.zielmonitor.eventstore;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A keyed seal over the hash chain's head (ADR 0010, migration V5): an HMAC-SHA256, with a key from configuration,
 * over the head's position and hash and over the seal before it. The chain's links are plain SHA-256, which anyone
 * who can write the tables can recompute after a change; a seal cannot be recomputed without the key, so a rewrite
 * of anything a seal covers shows as a seal whose position no longer has its hash.
 *
 * <pre>
 * mac_n = HMAC-SHA256( key(keyId_n), UTF-8 of the lines
 *           "zielmonitor-hash-chain-seal-v1", n, position_n, headHash_n (hex), keyId_n,
 *           keyId_(n-1) or "", mac_(n-1) (hex) or "", sealedAt_n (ISO-8601, UTC)  joined by "\n" )
 * </pre>
 *
 * Every seal names its predecessor's key id and MAC, so the first seal with a new key vouches for the last one
 * made with the old key: a rotation is anchored, and a seal cannot be left out or slipped in between two others.
 *
 * @param headHash    hex, the hash of the link at {@code position}
 * @param sealedAt    as the MAC covers it ({@link Instant#toString()} of a time in whole microseconds)
 * @param previousMac hex, {@code null} for the first seal
 */
public record ChainSeal(long sealNumber, long position, String headHash, String keyId, String previousKeyId,
                        String previousMac, String sealedAt, String mac) {

    public static final String VERSION = "zielmonitor-hash-chain-seal-v1";
    /** Only one instance seals at a time (the appenders' lock is 4848480001, migration V2). */
    static final long LOCK = 4848480002L;
    private static final HexFormat HEX = HexFormat.of();
    private static final String COLUMNS = "seal_number, position, head_hash, key_id, previous_key_id, previous_mac, "
            + "sealed_at, mac";

    /**
     * A seal that does not hold.
     *
     * @param problem {@code UNKNOWN_KEY} (no key of its id is configured, so it cannot be checked),
     *                {@code SEAL_FORGED} (its MAC is not that of its fields under its key: altered, or not made
     *                with the key), {@code SEAL_MISSING} (the seal before it is gone), {@code SEAL_CHAIN_BROKEN}
     *                (it does not name the seal before it, or seals an earlier position), {@code KEY_RETIRED}
     *                (made with a key that a later key had already replaced), {@code CHAIN_REWRITTEN} (the chain
     *                no longer has the sealed hash at the sealed position), {@code PUBLISHED_SEAL_MISSING} /
     *                {@code PUBLISHED_SEAL_REPLACED} (a seal published outside the database is no longer in it, or
     *                another seal has its number)
     */
    public record BrokenSeal(long sealNumber, long position, String keyId, String problem, String expected,
                             String found) {
    }

    /** What a sealing run did; {@code seal} is the new seal when {@code SEALED}. */
    public record Outcome(Result result, ChainSeal seal, String reason) {
    }

    public enum Result {
        /** a new seal over the head */
        SEALED,
        /** the head is sealed already (or there is no chain yet) */
        UP_TO_DATE,
        /** another instance is sealing */
        BUSY,
        /** the chain or the seals do not hold: nothing sealed, since a seal would vouch for the damage */
        REFUSED
    }

    /** The text the MAC is computed over. */
    public String message() {
        return String.join("\n", VERSION, Long.toString(sealNumber), Long.toString(position), headHash, keyId,
                Objects.requireNonNullElse(previousKeyId, ""), Objects.requireNonNullElse(previousMac, ""), sealedAt);
    }

    /** {@code null} when the MAC holds under the configured key of its id, else UNKNOWN_KEY or SEAL_FORGED. */
    String macProblem(ChainKeys keys) {
        if (!keys.ids().contains(keyId)) {
            return "UNKNOWN_KEY";
        }
        return keys.verifies(keyId, message().getBytes(StandardCharsets.UTF_8), HEX.parseHex(mac)) ? null
                : "SEAL_FORGED";
    }

    static ChainSeal make(ChainKeys keys, long sealNumber, long position, byte[] headHash, ChainSeal previous,
                          Instant now) {
        String keyId = keys.currentId();
        ChainSeal unsigned = new ChainSeal(sealNumber, position, HEX.formatHex(headHash), keyId,
                previous == null ? null : previous.keyId(), previous == null ? null : previous.mac(),
                now.truncatedTo(ChronoUnit.MICROS).toString(), "");
        byte[] mac = keys.mac(keyId, unsigned.message().getBytes(StandardCharsets.UTF_8)).orElseThrow();
        return new ChainSeal(sealNumber, position, unsigned.headHash(), keyId, unsigned.previousKeyId(),
                unsigned.previousMac(), unsigned.sealedAt(), HEX.formatHex(mac));
    }

    /** Every seal, oldest first. */
    static List<ChainSeal> all(Connection connection) throws SQLException {
        List<ChainSeal> seals = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM event_hash_seal ORDER BY seal_number")) {
            while (rs.next()) {
                seals.add(read(rs));
            }
        }
        return seals;
    }

    /** The newest seal, or {@code null}. */
    public static ChainSeal latest(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM event_hash_seal ORDER BY seal_number DESC "
                     + "LIMIT 1")) {
            return rs.next() ? read(rs) : null;
        }
    }

    private static ChainSeal byNumber(Connection connection, long sealNumber) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT " + COLUMNS + " FROM event_hash_seal "
                + "WHERE seal_number = ?")) {
            s.setLong(1, sealNumber);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    private static ChainSeal read(ResultSet rs) throws SQLException {
        byte[] previousMac = rs.getBytes("previous_mac");
        return new ChainSeal(rs.getLong("seal_number"), rs.getLong("position"), HEX.formatHex(rs.getBytes("head_hash")),
                rs.getString("key_id"), rs.getString("previous_key_id"),
                previousMac == null ? null : HEX.formatHex(previousMac),
                rs.getObject("sealed_at", OffsetDateTime.class).toInstant().toString(), HEX.formatHex(rs.getBytes("mac")));
    }

    /**
     * Seals the chain's head if it moved since the latest seal, in a transaction of its own; safe to run on every
     * instance at once (one advisory lock, and the seal number is the primary key). Before it seals, it checks
     * that what it vouches for holds: the latest seal's MAC, the chain still having that seal's hash at its
     * position, every link after it recomputed from its event, and the seal last published outside the database
     * still being in it. Otherwise it refuses: a seal over a rewritten chain would make the rewrite look sealed.
     *
     * @param published the seal this installation published last (its append-only file), or {@code null}
     */
    public static Outcome seal(Connection connection, ChainKeys keys, ChainSeal published, Instant now)
            throws SQLException {
        if (keys.isEmpty()) {
            throw new IllegalStateException("no hash chain key configured: cannot seal");
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            // one snapshot for every check and the head: seals deleted (and links rewritten) between two reads of
            // a run must not make it seal the rewrite; the snapshot starts with the lock's statement
            try (Statement s = connection.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            }
            Outcome outcome = sealLocked(connection, keys, published, now);
            if (outcome.result() == Result.SEALED) {
                connection.commit();
            } else {
                connection.rollback();
            }
            return outcome;
        } catch (SQLException e) {
            connection.rollback();
            if ("23505".equals(e.getSQLState()) || "40001".equals(e.getSQLState())) {
                return new Outcome(Result.BUSY, null, "another instance sealed the same head at the same time");
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static Outcome sealLocked(Connection c, ChainKeys keys, ChainSeal published, Instant now)
            throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_try_advisory_xact_lock(" + LOCK + ")")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return new Outcome(Result.BUSY, null, "another instance is sealing");
            }
        }
        if (published != null) {
            ChainSeal stored = byNumber(c, published.sealNumber());
            if (stored == null) {
                return refused("seal " + published.sealNumber() + " (position " + published.position()
                        + "), published outside the database, is no longer in it: PUBLISHED_SEAL_MISSING");
            }
            if (!stored.mac().equals(published.mac())) {
                return refused("seal " + published.sealNumber() + " in the database is not the one published "
                        + "outside it: PUBLISHED_SEAL_REPLACED");
            }
        }
        ChainSeal last = latest(c);
        long after = 0;
        byte[] previous = EventHashChain.GENESIS;
        if (last != null) {
            String problem = last.macProblem(keys);
            if (problem != null) {
                return refused("the latest seal " + last.sealNumber() + " (key " + last.keyId()
                        + ") does not verify: " + problem);
            }
            byte[] at = EventHashChain.hashAt(c, last.position());
            if (at == null || !HEX.formatHex(at).equals(last.headHash())) {
                return refused("the chain no longer has seal " + last.sealNumber() + "'s hash at position "
                        + last.position() + ": CHAIN_REWRITTEN");
            }
            after = last.position();
            previous = at;
        }
        EventHashChain.Link head = EventHashChain.head(c);
        if (head == null || head.position() <= after) {
            return new Outcome(Result.UP_TO_DATE, null, "the head is sealed");
        }
        EventHashChain.Walked segment = EventHashChain.walkLinks(c, after, previous, head.position(), Set.of(), after);
        if (segment.broken() != null) {
            EventHashChain.BrokenLink broken = segment.broken();
            return refused("the link at position " + broken.position() + " (event " + broken.globalIndex()
                    + ") does not hold: " + broken.problem());
        }
        ChainSeal seal = make(keys, last == null ? 1 : last.sealNumber() + 1, head.position(), head.hash(), last,
                now);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO event_hash_seal (" + COLUMNS + ") "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, seal.sealNumber());
            insert.setLong(2, seal.position());
            insert.setBytes(3, HEX.parseHex(seal.headHash()));
            insert.setString(4, seal.keyId());
            insert.setString(5, seal.previousKeyId());
            insert.setBytes(6, seal.previousMac() == null ? null : HEX.parseHex(seal.previousMac()));
            insert.setObject(7, Instant.parse(seal.sealedAt()).atOffset(ZoneOffset.UTC));
            insert.setBytes(8, HEX.parseHex(seal.mac()));
            insert.executeUpdate();
        }
        return new Outcome(Result.SEALED, seal, null);
    }

    private static Outcome refused(String reason) {
        return new Outcome(Result.REFUSED, null, reason);
    }

    /**
     * The first seal of the series (oldest first) that does not hold by itself or against the one before it;
     * without keys the MACs are not checked. Positions are the chain walk's business.
     */
    static BrokenSeal firstBrokenInSeries(List<ChainSeal> seals, ChainKeys keys) {
        Set<String> replaced = new HashSet<>();
        ChainSeal before = null;
        for (ChainSeal seal : seals) {
            String macProblem = keys.isEmpty() ? null : seal.macProblem(keys);
            if (macProblem != null) {
                return broken(seal, macProblem, null, null);
            }
            long expectedNumber = before == null ? 1 : before.sealNumber() + 1;
            if (seal.sealNumber() != expectedNumber) {
                return broken(seal, "SEAL_MISSING", Long.toString(expectedNumber), Long.toString(seal.sealNumber()));
            }
            String expectedLink = before == null ? null : before.keyId() + ":" + before.mac();
            String foundLink = seal.previousMac() == null && seal.previousKeyId() == null ? null
                    : seal.previousKeyId() + ":" + seal.previousMac();
            if (!Objects.equals(expectedLink, foundLink)) {
                return broken(seal, "SEAL_CHAIN_BROKEN", expectedLink, foundLink);
            }
            if (before != null && seal.position() <= before.position()) {
                return broken(seal, "SEAL_CHAIN_BROKEN", "a position after " + before.position(),
                        Long.toString(seal.position()));
            }
            if (before != null && !seal.keyId().equals(before.keyId())) {
                if (replaced.contains(seal.keyId())) {
                    return broken(seal, "KEY_RETIRED", null, seal.keyId());
                }
                replaced.add(before.keyId());
            }
            before = seal;
        }
        return null;
    }

    static BrokenSeal broken(ChainSeal seal, String problem, String expected, String found) {
        return new BrokenSeal(seal.sealNumber(), seal.position(), seal.keyId(), problem, expected, found);
    }
}
