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
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hash chain over the event store (migration V2, docs/audit.md), computed again here, independently of the
 * database's own function: {@link #verify} walks the chain in its order, recomputes every link from the stored
 * event and reports the first that does not hold; with the keys from configuration it checks every keyed seal
 * over the chain ({@link ChainSeal}, ADR 0010), and it tells whether a head noted outside is still in the chain.
 */
public final class EventHashChain {

    public static final byte[] GENESIS = new byte[32];
    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{64}");

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
     * @param intact       no broken link, no broken seal, and the noted head (if one was given) still in the chain
     * @param chained      links walked
     * @param events       events in the store
     * @param headPosition the last link's position, {@code null} without links
     * @param headHash     the last link's hash (hex): note it with its position, and a later rewrite shows
     * @param firstBroken  the first link that does not hold, or {@code null}
     * @param seals        the keyed seals over the chain
     * @param notedHead    the head noted outside that was asked about, or {@code null}
     */
    public record Verification(boolean intact, long chained, long events, Long headPosition, String headHash,
                               BrokenLink firstBroken, Seals seals, HeadCheck notedHead) {
    }

    /**
     * @param keyed         the MACs were checked (keys configured); without keys only order and positions
     * @param count         seals in the store
     * @param latest        the newest seal: the head it names is what was vouched for last
     * @param unsealedLinks links after the newest seal's position (appended since; not yet vouched for)
     * @param published     number of the seal last published outside the database that was checked, or {@code null}
     * @param firstBroken   the first seal that does not hold, or {@code null}
     */
    public record Seals(boolean keyed, long count, ChainSeal latest, long unsealedLinks, Long published,
                        ChainSeal.BrokenSeal firstBroken) {
    }

    /** A head noted outside the database, e.g. from an audit package, a log or the publication file. */
    public record Head(long position, String hash) {
        public Head {
            if (position < 1) {
                throw new IllegalArgumentException("a chain position is 1 or more");
            }
            if (hash == null || !HASH.matcher(hash).matches()) {
                throw new IllegalArgumentException("a head hash is 64 hexadecimal digits");
            }
            hash = hash.toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param contained the chain has this hash at this position and every link up to it holds
     * @param found     the hash the chain has at that position now, {@code null} if it has no link there
     */
    public record HeadCheck(long position, String hash, boolean contained, String found) {
    }

    /**
     * @param problem {@code EVENT_ALTERED} (the event's content no longer gives the stored hash),
     *                {@code EVENT_MISSING} (a chained event was deleted), {@code LINK_ALTERED} (a link does not
     *                point at the hash before it), {@code EVENT_NOT_CHAINED} (an event without a link)
     */
    public record BrokenLink(Long position, long globalIndex, String eventIdentifier, String problem,
                             String expected, String found) {
    }

    /** One link of the chain: its position and hash. */
    record Link(long position, byte[] hash) {
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

    /** Walks the whole chain without keys: links, and the seals' order and positions but not their MACs. */
    public static Verification verify(Connection connection) throws SQLException {
        return verify(connection, ChainKeys.none(), null, null);
    }

    /**
     * Walks the whole chain in one read-only transaction (a server-side cursor, so memory stays flat but for the
     * seals), checks every seal, and whether the published seal and the noted head are still there.
     *
     * @param published the seal last published outside the database (its append-only file), or {@code null}
     * @param noted     a head noted outside the database, or {@code null}
     */
    public static Verification verify(Connection connection, ChainKeys keys, ChainSeal published, Head noted)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            connection.createStatement().execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            Verification result = verifyInTransaction(connection, keys, published, noted);
            connection.commit();
            return result;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static Verification verifyInTransaction(Connection connection, ChainKeys keys, ChainSeal published,
                                                    Head noted) throws SQLException {
        long events;
        try (Statement count = connection.createStatement();
             ResultSet rs = count.executeQuery("SELECT count(*) FROM domainevententry")) {
            rs.next();
            events = rs.getLong(1);
        }
        List<ChainSeal> seals = ChainSeal.all(connection);
        ChainSeal latest = seals.isEmpty() ? null : seals.get(seals.size() - 1);
        Set<Long> watched = new HashSet<>();
        seals.forEach(seal -> watched.add(seal.position()));
        if (noted != null) {
            watched.add(noted.position());
        }
        Walked walked = walkLinks(connection, 0, GENESIS, Long.MAX_VALUE, watched,
                latest == null ? 0 : latest.position());
        BrokenLink broken = walked.broken();
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

        ChainSeal.BrokenSeal brokenSeal = ChainSeal.firstBrokenInSeries(seals, keys);
        for (ChainSeal seal : seals) {
            if (brokenSeal != null && brokenSeal.sealNumber() <= seal.sealNumber()) {
                break;
            }
            String found = hex(walked.hashesAt().get(seal.position()));
            if (!seal.headHash().equals(found)) {
                brokenSeal = ChainSeal.broken(seal, "CHAIN_REWRITTEN", seal.headHash(), found);
            }
        }
        if (brokenSeal == null && published != null) {
            ChainSeal stored = seals.stream().filter(s -> s.sealNumber() == published.sealNumber()).findFirst()
                    .orElse(null);
            if (stored == null) {
                brokenSeal = ChainSeal.broken(published, "PUBLISHED_SEAL_MISSING", published.mac(), null);
            } else if (!stored.mac().equals(published.mac())) {
                brokenSeal = ChainSeal.broken(published, "PUBLISHED_SEAL_REPLACED", published.mac(), stored.mac());
            }
        }

        HeadCheck headCheck = null;
        if (noted != null) {
            String found = hex(walked.hashesAt().get(noted.position()));
            boolean holdsUpToIt = walked.broken() == null || walked.broken().position() > noted.position();
            headCheck = new HeadCheck(noted.position(), noted.hash(), noted.hash().equals(found) && holdsUpToIt,
                    found);
        }
        Seals sealCheck = new Seals(!keys.isEmpty(), seals.size(), latest, walked.countedAfter(),
                published == null ? null : published.sealNumber(), brokenSeal);
        boolean intact = broken == null && brokenSeal == null && (headCheck == null || headCheck.contained());
        return new Verification(intact, walked.links(), events, walked.lastPosition(), hex(walked.lastHash()), broken,
                sealCheck, headCheck);
    }

    /**
     * What a walk over the links in {@code (after, upTo]} found.
     *
     * @param hashesAt     the stored hash at each watched position the chain has
     * @param countedAfter links with a position after the one given
     */
    record Walked(long links, Long lastPosition, byte[] lastHash, BrokenLink broken, Map<Long, byte[]> hashesAt,
                  long countedAfter) {
    }

    /**
     * Recomputes the links in {@code (after, upTo]} in their order, starting from the hash at {@code after}, and
     * reports the first that does not hold.
     */
    static Walked walkLinks(Connection connection, long after, byte[] previousHash, long upTo, Set<Long> watched,
                            long countAfter) throws SQLException {
        byte[] expectedPrevious = previousHash;
        long chained = 0;
        long counted = 0;
        Long lastPosition = null;
        BrokenLink broken = null;
        Map<Long, byte[]> hashesAt = new HashMap<>();
        try (PreparedStatement walk = connection.prepareStatement("""
                SELECT c.position, c.globalindex AS chained_index, c.eventidentifier AS chained_id,
                       c.previous_hash, c.hash, e.globalindex, e.aggregateidentifier, e.sequencenumber, e.type,
                       e.eventidentifier, e.payloadtype, e.payloadrevision, e.timestamp, e.payload, e.metadata
                FROM event_hash_chain c LEFT JOIN domainevententry e ON e.globalindex = c.globalindex
                WHERE c.position > ? AND c.position <= ?
                ORDER BY c.position""")) {
            walk.setLong(1, after);
            walk.setLong(2, upTo);
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
                    if (watched.contains(position)) {
                        hashesAt.put(position, hash);
                    }
                    if (position > countAfter) {
                        counted++;
                    }
                    expectedPrevious = hash;
                    lastPosition = position;
                }
            }
        }
        return new Walked(chained, lastPosition, lastPosition == null ? null : expectedPrevious, broken, hashesAt,
                counted);
    }

    /** What a verification found, in a few lines for people (the command line, the log). */
    public static String describe(Verification v) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add(v.chained() + " of " + v.events() + " events chained"
                + (v.headPosition() == null ? "" : ", head at position " + v.headPosition() + ": " + v.headHash()));
        if (v.firstBroken() != null) {
            BrokenLink b = v.firstBroken();
            lines.add("Broken link" + (b.position() == null ? "" : " at position " + b.position()) + " (event "
                    + b.globalIndex() + "): " + b.problem());
        }
        Seals seals = v.seals();
        if (seals.latest() == null) {
            lines.add("Not sealed yet");
        } else {
            ChainSeal latest = seals.latest();
            lines.add("Latest seal " + latest.sealNumber() + " of " + seals.count() + ": position " + latest.position()
                    + ", key " + latest.keyId() + ", sealed at " + latest.sealedAt() + "; " + seals.unsealedLinks()
                    + " links since" + (seals.keyed() ? "" : " (no keys: the seals' MACs were not checked)"));
        }
        if (seals.firstBroken() != null) {
            ChainSeal.BrokenSeal b = seals.firstBroken();
            lines.add("Broken seal " + b.sealNumber() + " (position " + b.position() + ", key " + b.keyId() + "): "
                    + b.problem() + ", " + SEAL_PROBLEMS.getOrDefault(b.problem(), ""));
        }
        if (v.notedHead() != null) {
            HeadCheck h = v.notedHead();
            lines.add("Noted head " + h.position() + ":" + h.hash() + (h.contained() ? " is in the chain"
                    : " is NOT in the chain (it has " + (h.found() == null ? "no link" : h.found()) + " there)"));
        }
        return String.join("\n", lines);
    }

    private static final Map<String, String> SEAL_PROBLEMS = Map.of(
            "CHAIN_REWRITTEN", "the chain no longer has the sealed hash at the sealed position: it was rewritten",
            "SEAL_FORGED", "its MAC does not hold under its key: the seal was altered or not made with the key",
            "UNKNOWN_KEY", "no key of this id is configured, so the seal cannot be checked",
            "SEAL_MISSING", "the seal before it is missing",
            "SEAL_CHAIN_BROKEN", "it does not name the seal before it, or seals an earlier position",
            "KEY_RETIRED", "made with a key that a later key had already replaced",
            "PUBLISHED_SEAL_MISSING", "published outside the database, but no longer in it: seals were deleted",
            "PUBLISHED_SEAL_REPLACED", "another seal than the one published outside the database has its number");

    /** The stored hash at a position, or {@code null} if the chain has no link there. */
    static byte[] hashAt(Connection connection, long position) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT hash FROM event_hash_chain WHERE position = ?")) {
            s.setLong(1, position);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }

    /** The last link, or {@code null} without links. */
    static Link head(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT position, hash FROM event_hash_chain ORDER BY position DESC LIMIT 1")) {
            return rs.next() ? new Link(rs.getLong(1), rs.getBytes(2)) : null;
        }
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
