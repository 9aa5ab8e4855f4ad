package dev.zielmonitor.query.audit;

import dev.zielmonitor.eventstore.EventLog;
import dev.zielmonitor.query.audit.jobs.AuditJob;
import dev.zielmonitor.query.readmodel.AsOfReplay;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

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
    private static final int REPORT_EVERY = 500;

    private final JsonMapper json;
    private final EventLog log;
    private final HashChainSealer chain;
    private final AsOfReplay replays;

    AuditPackages(JsonMapper json, EventLog log, HashChainSealer chain, AsOfReplay replays) {
        this.log = log;
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
     * line each, read through the event log's cursor (memory holds a page of rows). Returns how many.
     */
    private long writeEvents(List<String> aggregates, Lines out, AuditJob.Progress progress) throws IOException {
        Base64.Encoder base64 = Base64.getEncoder();
        long expected = log.countOf(aggregates);
        progress.progress("EVENTS", 0, expected);
        long[] written = {0};
        try {
            log.forEach(EventLog.Selection.ofAggregates(aggregates), stored -> {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("globalIndex", stored.globalIndex());
                event.put("aggregateIdentifier", stored.aggregateId());
                event.put("sequenceNumber", stored.sequenceNumber());
                event.put("type", stored.aggregateType());
                event.put("eventIdentifier", stored.eventId());
                event.put("payloadType", stored.payloadType());
                event.put("payloadRevision", stored.payloadRevision());
                event.put("timestamp", stored.storedTimestamp());
                event.put("payload", json.readTree(stored.payload()));
                event.put("metadata", stored.metadata() == null ? null : json.readTree(stored.metadata()));
                event.put("payloadBase64", base64.encodeToString(stored.payload()));
                event.put("metadataBase64", stored.metadata() == null ? null
                        : base64.encodeToString(stored.metadata()));
                EventLog.ChainLink link = stored.chainLink();
                event.put("chainPosition", link == null ? null : link.position());
                event.put("previousHash", link == null ? null : link.previousHash());
                event.put("hash", link == null ? null : link.hash());
                try {
                    out.write(json.writeValueAsBytes(event));
                    out.write(NEWLINE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (++written[0] % REPORT_EVERY == 0) {
                    progress.progress("EVENTS", written[0], Math.max(written[0], expected));
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        progress.progress("EVENTS", written[0], Math.max(written[0], expected));
        return written[0];
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
