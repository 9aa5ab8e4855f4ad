package dev.zielmonitor.eventstore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The hash chain over the event store (migration V2, docs/audit.md), computed again here, independently of the
 * database's own function: {@link #verify} walks the chain in its order, recomputes every link from the stored
 * event and reports the first that does not hold.
 */
public final class EventHashChain {

    public static final byte[] GENESIS = new byte[32];
    private static final HexFormat HEX = HexFormat.of();

    private EventHashChain() {
    }

    /** One event as stored, every field that its hash covers. */
    public record StoredEvent(long globalIndex, String aggregateIdentifier, long sequenceNumber, String type,
                              String eventIdentifier, String payloadType, String payloadRevision, String timestamp,
                              byte[] payload, byte[] metadata) {
    }

    /**
     * What a walk found.
     *
     * @param intact      no broken link
     * @param chained     links walked
     * @param events      events in the store
     * @param headHash    the last link's hash (hex): note it, and a later rewrite of the chain shows
     * @param firstBroken the first link that does not hold, or {@code null}
     */
    public record Verification(boolean intact, long chained, long events, String headHash, BrokenLink firstBroken) {
        Verification(long chained, long events, String headHash, BrokenLink firstBroken) {
            this(firstBroken == null, chained, events, headHash, firstBroken);
        }
    }

    /**
     * @param problem {@code EVENT_ALTERED} (the event's content no longer gives the stored hash),
     *                {@code EVENT_MISSING} (a chained event was deleted), {@code LINK_ALTERED} (a link does not
     *                point at the hash before it), {@code EVENT_NOT_CHAINED} (an event without a link)
     */
    public record BrokenLink(Long position, long globalIndex, String eventIdentifier, String problem,
                             String expected, String found) {
    }

    public static byte[] contentHash(StoredEvent e) {
        MessageDigest outer = sha256();
        outer.update(sha256(text(Long.toString(e.globalIndex()))));
        outer.update(sha256(text(e.aggregateIdentifier())));
        outer.update(sha256(text(Long.toString(e.sequenceNumber()))));
        outer.update(sha256(text(e.type() == null ? "" : e.type())));
        outer.update(sha256(text(e.eventIdentifier())));
        outer.update(sha256(text(e.payloadType())));
        outer.update(sha256(text(e.payloadRevision() == null ? "" : e.payloadRevision())));
        outer.update(sha256(text(e.timestamp())));
        outer.update(sha256(e.payload()));
        outer.update(sha256(e.metadata() == null ? new byte[0] : e.metadata()));
        return outer.digest();
    }

    public static byte[] link(byte[] previous, byte[] contentHash) {
        MessageDigest digest = sha256();
        digest.update(previous);
        digest.update(contentHash);
        return digest.digest();
    }

    /** Walks the whole chain in one read-only transaction (a server-side cursor, so memory stays flat). */
    public static Verification verify(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            connection.createStatement().execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            Verification result = walk(connection);
            connection.commit();
            return result;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static Verification walk(Connection connection) throws SQLException {
        long events;
        try (Statement count = connection.createStatement();
             ResultSet rs = count.executeQuery("SELECT count(*) FROM domainevententry")) {
            rs.next();
            events = rs.getLong(1);
        }
        byte[] expectedPrevious = GENESIS;
        long chained = 0;
        BrokenLink broken = null;
        try (PreparedStatement walk = connection.prepareStatement("""
                SELECT c.position, c.globalindex AS chained_index, c.eventidentifier AS chained_id,
                       c.previous_hash, c.hash, e.globalindex, e.aggregateidentifier, e.sequencenumber, e.type,
                       e.eventidentifier, e.payloadtype, e.payloadrevision, e.timestamp, e.payload, e.metadata
                FROM event_hash_chain c LEFT JOIN domainevententry e ON e.globalindex = c.globalindex
                ORDER BY c.position""")) {
            walk.setFetchSize(1000);
            try (ResultSet rs = walk.executeQuery()) {
                while (rs.next()) {
                    chained++;
                    long position = rs.getLong("position");
                    long index = rs.getLong("chained_index");
                    String id = rs.getString("chained_id");
                    byte[] previous = rs.getBytes("previous_hash");
                    byte[] hash = rs.getBytes("hash");
                    if (broken == null) {
                        if (!Arrays.equals(previous, expectedPrevious)) {
                            broken = new BrokenLink(position, index, id, "LINK_ALTERED", hex(expectedPrevious),
                                    hex(previous));
                        } else if (rs.getObject("globalindex") == null) {
                            broken = new BrokenLink(position, index, id, "EVENT_MISSING", id, null);
                        } else {
                            byte[] recomputed = link(expectedPrevious, contentHash(event(rs)));
                            if (!Arrays.equals(recomputed, hash) || !id.equals(rs.getString("eventidentifier"))) {
                                broken = new BrokenLink(position, index, id, "EVENT_ALTERED", hex(hash),
                                        hex(recomputed));
                            }
                        }
                    }
                    expectedPrevious = hash;
                }
            }
        }
        if (broken == null) {
            try (Statement unchained = connection.createStatement();
                 ResultSet rs = unchained.executeQuery("""
                         SELECT e.globalindex, e.eventidentifier FROM domainevententry e
                         WHERE NOT EXISTS (SELECT 1 FROM event_hash_chain c WHERE c.globalindex = e.globalindex)
                         ORDER BY e.globalindex LIMIT 1""")) {
                if (rs.next()) {
                    broken = new BrokenLink(null, rs.getLong(1), rs.getString(2), "EVENT_NOT_CHAINED", null, null);
                }
            }
        }
        return new Verification(chained, events, hex(expectedPrevious), broken);
    }

    private static StoredEvent event(ResultSet rs) throws SQLException {
        return new StoredEvent(rs.getLong("globalindex"), rs.getString("aggregateidentifier"),
                rs.getLong("sequencenumber"), rs.getString("type"), rs.getString("eventidentifier"),
                rs.getString("payloadtype"), rs.getString("payloadrevision"), rs.getString("timestamp"),
                rs.getBytes("payload"), rs.getBytes("metadata"));
    }

    public static String hex(byte[] bytes) {
        return bytes == null ? null : HEX.formatHex(bytes);
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
