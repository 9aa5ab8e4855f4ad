package dev.zielmonitor.query.audit;

import dev.zielmonitor.query.audit.jobs.AuditJob;
import dev.zielmonitor.query.readmodel.AsOfReplay;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The audit package of an agreement and year (docs/audit.md), written by a package job: one zip with every
 * relevant event as JSON lines (each with the exact stored bytes and its link of the hash chain), the progress as
 * of the assessment and as of now, a replay of the history compared with the as-of view, the walk of the whole
 * hash chain with its latest keyed seal, a checker script, and a manifest with SHA-256 checksums
 * ({@code sha256sum -c SHA256SUMS}).
 */
@Component
public class AuditPackages {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] NEWLINE = {'\n'};
    /** Rows per round trip of the events' cursor: a few MB even for large events. */
    private static final int EVENTS_FETCHED = 200;
    private static final int REPORT_EVERY = 500;

    private final JsonMapper json;
    private final DataSource dataSource;
    private final HashChainSealer chain;
    private final AsOfReplay replays;

    AuditPackages(JsonMapper json, DataSource dataSource, HashChainSealer chain, AsOfReplay replays) {
        this.dataSource = dataSource;
        this.json = json;
        this.chain = chain;
        this.replays = replays;
    }

    /**
     * What goes into a package besides the events.
     *
     * @param assessedAt          when the assessment was recorded, {@code null} if there is none yet
     * @param progressAtAssessment the progress as known then, {@code null} without an assessment
     */
    public record Contents(String agreementId, String jobcenterId, int year, List<String> aggregates,
                           Instant assessedAt, Object progressAtAssessment, Object progressNow) {
    }

    /**
     * Writes the package to {@code target} as it is produced (and closes it): the events come through a cursor and
     * go out line by line, each file's SHA-256 is taken while it is written, so that memory holds one event and the
     * small files (progress, replay, chain), never the package. Reports its phases to {@code progress}: EVENTS,
     * then the replay's REPLAYING and COMPARING, HASH_CHAIN, FINISHING.
     */
    public void write(Contents contents, OutputStream target, AuditJob.Progress progress) {
        Instant now = Instant.now();
        Map<String, String> sums = new LinkedHashMap<>();
        String folder = "audit-" + contents.agreementId() + "/";
        try (ZipOutputStream zip = new ZipOutputStream(target)) {
            zip.putNextEntry(new ZipEntry(folder + "events.jsonl"));
            MessageDigest eventsDigest = sha256();
            long events = writeEvents(contents.aggregates(), bytes -> {
                eventsDigest.update(bytes);
                zip.write(bytes);
            }, progress);
            zip.closeEntry();
            sums.put("events.jsonl", HEX.formatHex(eventsDigest.digest()));

            if (contents.progressAtAssessment() != null) {
                put(zip, folder, "progress-at-assessment.json", pretty(contents.progressAtAssessment()), sums);
            }
            put(zip, folder, "progress-now.json", pretty(contents.progressNow()), sums);
            put(zip, folder, "replay-verification.json", pretty(replays.run(now, false, progress::progress)), sums);
            progress.progress("HASH_CHAIN", 0, -1);
            put(zip, folder, "hash-chain.json", pretty(chain.verify(null)), sums);
            progress.progress("FINISHING", 0, -1);
            put(zip, folder, "verify_events.py", resource("verify_events.py"), sums);
            put(zip, folder, "README.txt", resource("README.txt"), sums);

            ObjectNode manifest = json.createObjectNode();
            manifest.put("agreementId", contents.agreementId());
            manifest.put("jobcenterId", contents.jobcenterId());
            manifest.put("year", contents.year());
            manifest.put("createdAt", now.toString());
            manifest.put("assessmentRecordedAt", contents.assessedAt() == null ? null
                    : contents.assessedAt().toString());
            manifest.put("events", events);
            ObjectNode manifestSums = manifest.putObject("sha256");
            StringBuilder sha256sums = new StringBuilder();
            sums.forEach((name, sum) -> {
                manifestSums.put(name, sum);
                sha256sums.append(sum).append("  ").append(name).append('\n');
            });
            byte[] manifestBytes = pretty(manifest);
            put(zip, folder, "manifest.json", manifestBytes, sums);
            sha256sums.append(sums.get("manifest.json")).append("  manifest.json\n");
            put(zip, folder, "SHA256SUMS", sha256sums.toString().getBytes(StandardCharsets.UTF_8), sums);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(ZipOutputStream zip, String folder, String name, byte[] bytes, Map<String, String> sums)
            throws IOException {
        zip.putNextEntry(new ZipEntry(folder + name));
        zip.write(bytes);
        zip.closeEntry();
        sums.put(name, sha256(bytes));
    }

    private interface Lines {
        void write(byte[] line) throws IOException;
    }

    /**
     * The events of the aggregates in global order, each with every hashed field as stored and its link, one JSON
     * line each, read through a server-side cursor (PostgreSQL streams only inside a transaction). Returns how many.
     */
    private long writeEvents(List<String> aggregates, Lines out, AuditJob.Progress progress) throws IOException {
        Base64.Encoder base64 = Base64.getEncoder();
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                java.sql.Array ids = connection.createArrayOf("text", aggregates.toArray());
                long expected;
                try (PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ANY(?)")) {
                    count.setArray(1, ids);
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        expected = rs.getLong(1);
                    }
                }
                progress.progress("EVENTS", 0, expected);
                long written = 0;
                try (PreparedStatement select = connection.prepareStatement("""
                        SELECT e.globalindex, e.aggregateidentifier, e.sequencenumber, e.type, e.eventidentifier,
                               e.payloadtype, e.payloadrevision, e.timestamp, e.payload, e.metadata,
                               c.position, c.previous_hash, c.hash
                        FROM domainevententry e LEFT JOIN event_hash_chain c ON c.globalindex = e.globalindex
                        WHERE e.aggregateidentifier = ANY(?) ORDER BY e.globalindex""")) {
                    select.setFetchSize(EVENTS_FETCHED);
                    select.setArray(1, ids);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            Map<String, Object> event = new LinkedHashMap<>();
                            event.put("globalIndex", rs.getLong("globalindex"));
                            event.put("aggregateIdentifier", rs.getString("aggregateidentifier"));
                            event.put("sequenceNumber", rs.getLong("sequencenumber"));
                            event.put("type", rs.getString("type"));
                            event.put("eventIdentifier", rs.getString("eventidentifier"));
                            event.put("payloadType", rs.getString("payloadtype"));
                            event.put("payloadRevision", rs.getString("payloadrevision"));
                            event.put("timestamp", rs.getString("timestamp"));
                            byte[] payload = rs.getBytes("payload");
                            byte[] metadata = rs.getBytes("metadata");
                            event.put("payload", json.readTree(payload));
                            event.put("metadata", metadata == null ? null : json.readTree(metadata));
                            event.put("payloadBase64", base64.encodeToString(payload));
                            event.put("metadataBase64", metadata == null ? null : base64.encodeToString(metadata));
                            event.put("chainPosition", rs.getObject("position"));
                            byte[] previous = rs.getBytes("previous_hash");
                            byte[] hash = rs.getBytes("hash");
                            event.put("previousHash", previous == null ? null : HEX.formatHex(previous));
                            event.put("hash", hash == null ? null : HEX.formatHex(hash));
                            byte[] line = json.writeValueAsBytes(event);
                            out.write(line);
                            out.write(NEWLINE);
                            if (++written % REPORT_EVERY == 0) {
                                progress.progress("EVENTS", written, Math.max(written, expected));
                            }
                        }
                    }
                }
                progress.progress("EVENTS", written, Math.max(written, expected));
                return written;
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the package's events", e);
        }
    }

    private byte[] pretty(Object value) {
        return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
    }

    private static byte[] resource(String name) {
        try (var in = AuditPackages.class.getResourceAsStream("package/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource package/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        return HEX.formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
