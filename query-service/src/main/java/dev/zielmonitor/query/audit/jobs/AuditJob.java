package dev.zielmonitor.query.audit.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

import java.io.OutputStream;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** An auditor's job as the API shows it, and what its work sees of it while it runs. */
public final class AuditJob {

    public enum Kind { REPLAY, PACKAGE }

    public enum State { QUEUED, RUNNING, COMPLETED, FAILED }

    private AuditJob() {
    }

    /**
     * What a job's work reports and writes to. Its methods throw {@link LostException} once the job is no longer
     * this runner's (its lease ran out, e.g. after a long stall), so that the work stops.
     */
    public interface Progress {

        /** Where the work is: a phase and how far in it ({@code expected} -1 when not known). */
        void progress(String phase, long done, long expected);

        /**
         * The job's download (a package's zip): written in chunks to the database as it is produced, readable by
         * every instance once the job is COMPLETED. One per job; the work closes it.
         */
        OutputStream file(String fileName);
    }

    /** What a job does, on a thread of the instance that accepted it; returns its result (JSON), or null. */
    @FunctionalInterface
    public interface Work {
        Object run(Progress progress) throws Exception;
    }

    /** Thrown into the work of a job whose lease another instance has ended. */
    public static final class LostException extends RuntimeException {
        LostException(String message) {
            super(message);
        }
    }

    /** A package job's zip: where to download it, its size and SHA-256 (to check the download itself). */
    public record Download(String href, String fileName, long bytes, String sha256) {
    }

    /**
     * @param done      progress within {@code phase}
     * @param expected  what {@code done} counts up to; null when not known
     * @param result    a completed replay's comparison
     * @param download  a completed package's zip
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(UUID id, Kind kind, String owner, JsonNode parameters, State state, String phase, long done,
                       Long expected, Instant createdAt, Instant startedAt, Instant heartbeatAt, Instant finishedAt,
                       Instant expiresAt, String error, JsonNode result, Download download, String self,
                       String summary) {

        static String summary(Kind kind, State state, String phase, long done, Long expected, String error) {
            StringBuilder text = new StringBuilder(kind + " " + state);
            if (phase != null) {
                text.append(' ').append(phase);
            }
            if (state == State.RUNNING && expected != null && expected > 0) {
                text.append(String.format(Locale.ROOT, ": %,d of %,d (%.0f %%)", done, expected,
                        100.0 * Math.min(done, expected) / expected));
            } else if (state == State.RUNNING && done > 0) {
                text.append(String.format(Locale.ROOT, ": %,d", done));
            }
            if (error != null) {
                text.append(": ").append(error);
            }
            return text.toString();
        }
    }
}
