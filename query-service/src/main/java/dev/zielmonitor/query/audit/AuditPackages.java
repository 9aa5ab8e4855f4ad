package dev.zielmonitor.query.audit;

import dev.zielmonitor.query.rebuild.AsOfReplay;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The audit package of an agreement and year (docs/audit.md): one zip with every relevant event as JSON lines
 * (each with the exact stored bytes and its link of the hash chain), the progress as of the assessment and as of
 * now, a replay of the history compared with the as-of view, the walk of the whole hash chain with its latest keyed
 * seal, a checker script, and a manifest with SHA-256 checksums ({@code sha256sum -c SHA256SUMS}).
 */
@Component
public class AuditPackages {

    private static final HexFormat HEX = HexFormat.of();

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final HashChainSealer chain;
    private final AsOfReplay replays;

    AuditPackages(JdbcClient jdbc, JsonMapper json, HashChainSealer chain, AsOfReplay replays) {
        this.jdbc = jdbc;
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

    public void write(Contents contents, OutputStream target) {
        Instant now = Instant.now();
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<Map<String, Object>> events = events(contents.aggregates());
        files.put("events.jsonl", jsonLines(events));
        if (contents.progressAtAssessment() != null) {
            files.put("progress-at-assessment.json", pretty(contents.progressAtAssessment()));
        }
        files.put("progress-now.json", pretty(contents.progressNow()));
        files.put("replay-verification.json", pretty(replays.run(now, false)));
        files.put("hash-chain.json", pretty(chain.verify(null)));
        files.put("verify_events.py", resource("verify_events.py"));
        files.put("README.txt", resource("README.txt"));
        ObjectNode manifest = json.createObjectNode();
        manifest.put("agreementId", contents.agreementId());
        manifest.put("jobcenterId", contents.jobcenterId());
        manifest.put("year", contents.year());
        manifest.put("createdAt", now.toString());
        manifest.put("assessmentRecordedAt", contents.assessedAt() == null ? null : contents.assessedAt().toString());
        manifest.put("events", events.size());
        ObjectNode sums = manifest.putObject("sha256");
        StringBuilder sha256sums = new StringBuilder();
        files.forEach((name, bytes) -> {
            String sum = sha256(bytes);
            sums.put(name, sum);
            sha256sums.append(sum).append("  ").append(name).append('\n');
        });
        files.put("manifest.json", pretty(manifest));
        sha256sums.append(sha256(files.get("manifest.json"))).append("  manifest.json\n");
        files.put("SHA256SUMS", sha256sums.toString().getBytes(StandardCharsets.UTF_8));

        String folder = "audit-" + contents.agreementId() + "/";
        try (ZipOutputStream zip = new ZipOutputStream(target)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(folder + file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The events of the aggregates in global order, each with every hashed field as stored and its link. */
    private List<Map<String, Object>> events(List<String> aggregates) {
        Base64.Encoder base64 = Base64.getEncoder();
        return jdbc.sql("""
                        SELECT e.globalindex, e.aggregateidentifier, e.sequencenumber, e.type, e.eventidentifier,
                               e.payloadtype, e.payloadrevision, e.timestamp, e.payload, e.metadata,
                               c.position, c.previous_hash, c.hash
                        FROM domainevententry e LEFT JOIN event_hash_chain c ON c.globalindex = e.globalindex
                        WHERE e.aggregateidentifier = ANY(:ids) ORDER BY e.globalindex""")
                .param("ids", aggregates.toArray(String[]::new))
                .query((rs, row) -> {
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
                    return event;
                }).list();
    }

    private byte[] jsonLines(List<Map<String, Object>> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map<String, Object> event : events) {
            out.writeBytes(json.writeValueAsBytes(event));
            out.write('\n');
        }
        return out.toByteArray();
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
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
