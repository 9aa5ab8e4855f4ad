package dev.zielmonitor.query.audit.jobs;

import dev.zielmonitor.events.failure.NotFound;
import dev.zielmonitor.events.failure.LimitReached;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts, runs and reports auditors' jobs (ADR 0012). Everything another instance needs is in {@code audit_job}:
 * a start counts the queued and running jobs of all instances under a transaction-scoped advisory lock, so limits
 * hold across instances; the runner writes progress and extends its lease every heartbeat; whoever looks after a
 * lease ran out (any instance: on a start, a read, or its own heartbeat) marks the job FAILED, and a runner that
 * finds its job taken from it stops. Finished jobs are deleted with their results after {@code keep}.
 */
@Component
public class AuditJobs implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AuditJobs.class);
    /** The advisory lock key of admissions ("zm-audit-jobs"), the same on every instance. */
    private static final long ADMISSION_LOCK = 0x7a6d_6175_6469_7473L;
    private static final String ACTIVE = "state IN ('QUEUED', 'RUNNING')";
    private static final int LISTED = 50;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final AuditJobProperties limits;
    /** This instance, as the jobs it runs name their runner. */
    private final String runner = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 25), 36);
    private final Map<UUID, Running> running = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(daemon(
            "audit-job-heartbeat"));

    AuditJobs(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, JsonMapper json,
              AuditJobProperties limits) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.json = json;
        this.limits = limits;
        // never more than the total limit runs anywhere, so never more here: no job waits for a thread
        this.workers = Executors.newFixedThreadPool(limits.total(), daemon("audit-job"));
        long every = limits.heartbeat().toMillis();
        heartbeats.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Accepts a job for {@code owner} and runs it in the background; refused with 429 when the owner or everybody
     * together already has as many jobs queued or running as the limits allow.
     */
    public AuditJob.View start(AuditJob.Kind kind, String owner, Map<String, ?> parameters, AuditJob.Work work) {
        UUID id = UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            jdbc.execute("SELECT pg_advisory_xact_lock(" + ADMISSION_LOCK + ")");
            expireLost();
            List<String[]> active = jdbc.query("SELECT job_id, owner FROM audit_job.job WHERE " + ACTIVE
                    + " ORDER BY created_at", (rs, n) -> new String[] {rs.getString(1), rs.getString(2)});
            List<String> own = active.stream().filter(job -> job[1].equals(owner)).map(job -> href(job[0])).toList();
            if (own.size() >= limits.perUser()) {
                throw new LimitReached("You have " + own.size() + " audit job(s) queued or running, as "
                        + "many as one user may (" + limits.perUser() + "); start the next when one has finished",
                        limits.retryAfter(), Map.of("limit", "perUser", "running", own));
            }
            if (active.size() >= limits.total()) {
                throw new LimitReached(active.size() + " audit jobs are queued or running, as many as "
                        + "the platform runs at a time (" + limits.total() + "); try again later",
                        limits.retryAfter(), Map.of("limit", "total", "running",
                        active.stream().map(job -> href(job[0])).toList()));
            }
            jdbc.update("""
                    INSERT INTO audit_job.job (job_id, kind, owner, parameters, state, runner, created_at,
                                               heartbeat_at, lease_until)
                    VALUES (?, ?, ?, ?::jsonb, 'QUEUED', ?, now(), now(), now() + make_interval(secs => ?))""",
                    id, kind.name(), owner, json.writeValueAsString(parameters), runner, seconds(limits.lease()));
        });
        Running job = new Running(id);
        running.put(id, job);
        try {
            workers.execute(() -> run(job, work));
        } catch (RuntimeException e) { // shutting down
            running.remove(id);
            fail(id, e);
            throw e;
        }
        return find(id).orElseThrow();
    }

    /** A job as the API shows it; a job whose lease ran out is reported FAILED first. */
    public Optional<AuditJob.View> find(UUID id) {
        expireLost();
        return jdbc.query("SELECT * FROM audit_job.job WHERE job_id = ?", view(), id).stream().findFirst();
    }

    public AuditJob.View get(UUID id) {
        return find(id).orElseThrow(() -> new NotFound("No audit job " + id + " (finished jobs are kept "
                + limits.keep() + ")"));
    }

    /** The latest jobs of every auditor, newest first. */
    public List<AuditJob.View> latest() {
        expireLost();
        return jdbc.query("SELECT * FROM audit_job.job ORDER BY created_at DESC LIMIT " + LISTED, view());
    }

    /** A completed package job's zip, read chunk by chunk as it is consumed. */
    InputStream file(AuditJob.View job) {
        return new PackageChunks.Reader(jdbc, job.id(), job.download().bytes());
    }

    static String href(Object id) {
        return "/api/audit/jobs/" + id;
    }

    private void run(Running job, AuditJob.Work work) {
        try {
            int claimed = jdbc.update("""
                    UPDATE audit_job.job SET state = 'RUNNING', started_at = now(), heartbeat_at = now(),
                           lease_until = now() + make_interval(secs => ?)
                    WHERE job_id = ? AND state = 'QUEUED' AND runner = ?""", seconds(limits.lease()), job.id, runner);
            if (claimed == 0) {
                log.warn("audit job {} was taken from this instance before it started", job.id);
                return;
            }
            Object result = work.run(job);
            if (job.file != null) {
                job.file.close(); // idempotent: the work usually closed it
            }
            job.check();
            int completed = jdbc.update("""
                    UPDATE audit_job.job SET state = 'COMPLETED', phase = 'DONE', done = ?, expected = ?,
                           result = ?::jsonb, file_name = ?, file_bytes = ?, file_sha256 = ?,
                           heartbeat_at = now(), finished_at = now(), expires_at = now() + make_interval(secs => ?)
                    WHERE job_id = ? AND state = 'RUNNING' AND runner = ?""",
                    job.done, job.expected < 0 ? null : job.expected,
                    result == null ? null : json.writeValueAsString(result),
                    job.file == null ? null : job.file.fileName(), job.file == null ? null : job.file.bytes(),
                    job.file == null ? null : job.file.sha256(), seconds(limits.keep()), job.id, runner);
            if (completed == 0) {
                throw new AuditJob.LostException("the job was taken from this instance before it finished");
            }
            log.info("audit job {} completed", job.id);
        } catch (Exception | Error e) {
            if (job.lost) {
                log.warn("audit job {} stopped: its lease ran out and another instance marked it FAILED", job.id);
            } else {
                log.error("audit job {} failed", job.id, e);
                fail(job.id, e);
            }
            jdbc.update("DELETE FROM audit_job.package_chunk WHERE job_id = ?", job.id);
        } finally {
            running.remove(job.id);
        }
    }

    private void fail(UUID id, Throwable cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        jdbc.update("""
                UPDATE audit_job.job SET state = 'FAILED', error = ?, finished_at = now(),
                       expires_at = now() + make_interval(secs => ?)
                WHERE job_id = ? AND state IN ('QUEUED', 'RUNNING') AND runner = ?""",
                reason, seconds(limits.keep()), id, runner);
    }

    /** Writes the progress of this instance's jobs and extends their leases; stops a job it finds taken. */
    private void heartbeat() {
        try {
            for (Running job : running.values()) {
                int kept = jdbc.update("""
                        UPDATE audit_job.job SET phase = coalesce(?, phase), done = ?, expected = ?,
                               heartbeat_at = now(), lease_until = now() + make_interval(secs => ?)
                        WHERE job_id = ? AND runner = ? AND state IN ('QUEUED', 'RUNNING')""", job.phase, job.done,
                        job.expected < 0 ? null : job.expected, seconds(limits.lease()), job.id, runner);
                if (kept == 0 && running.containsKey(job.id)) {
                    job.lose();
                }
            }
            expireLost();
        } catch (RuntimeException e) {
            // the database may be away for a moment; leases outlast a few missed heartbeats
            log.warn("audit job heartbeat failed: {}", e.toString());
        }
    }

    /** Jobs whose runner fell silent become FAILED, with the reason; expired jobs go with their results. */
    private void expireLost() {
        jdbc.update("""
                WITH lost AS (
                    UPDATE audit_job.job SET state = 'FAILED', finished_at = now(),
                           expires_at = now() + make_interval(secs => ?),
                           error = 'its runner ' || runner || ' has sent no heartbeat since '
                                   || to_char(heartbeat_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                                   || ' (instance stopped or cut off from the database); start the job again'
                    WHERE state IN ('QUEUED', 'RUNNING') AND lease_until < now() RETURNING job_id)
                DELETE FROM audit_job.package_chunk WHERE job_id IN (SELECT job_id FROM lost)""",
                seconds(limits.keep()));
        jdbc.update("DELETE FROM audit_job.job WHERE expires_at < now()");
    }

    private RowMapper<AuditJob.View> view() {
        return (rs, n) -> {
            UUID id = rs.getObject("job_id", UUID.class);
            AuditJob.Kind kind = AuditJob.Kind.valueOf(rs.getString("kind"));
            AuditJob.State state = AuditJob.State.valueOf(rs.getString("state"));
            String phase = rs.getString("phase");
            long done = rs.getLong("done");
            Long expected = rs.getObject("expected", Long.class);
            String error = rs.getString("error");
            String result = rs.getString("result");
            String fileName = rs.getString("file_name");
            AuditJob.Download download = state == AuditJob.State.COMPLETED && fileName != null
                    ? new AuditJob.Download(href(id) + "/package", fileName, rs.getLong("file_bytes"),
                    rs.getString("file_sha256")) : null;
            return new AuditJob.View(id, kind, rs.getString("owner"), json.readTree(rs.getString("parameters")),
                    state, phase, done, expected, instant(rs.getTimestamp("created_at")),
                    instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("heartbeat_at")),
                    instant(rs.getTimestamp("finished_at")), instant(rs.getTimestamp("expires_at")), error,
                    result == null ? null : json.readTree(result), download, href(id),
                    AuditJob.View.summary(kind, state, phase, done, expected, error));
        };
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static double seconds(java.time.Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Jobs still running here at shutdown are left as they are: like after a crash, their leases run out and any
     * other instance marks them FAILED (one way for both, and nothing to write while the pool closes).
     */
    @Override
    public void destroy() {
        heartbeats.shutdownNow();
        workers.shutdownNow();
    }

    /** A job running here: what its work reported, for the next heartbeat. */
    private final class Running implements AuditJob.Progress {
        final UUID id;
        volatile String phase;
        volatile long done;
        volatile long expected = -1;
        volatile boolean lost;
        PackageChunks.Writer file;

        Running(UUID id) {
            this.id = id;
        }

        @Override
        public void progress(String phase, long done, long expected) {
            check();
            this.phase = phase;
            this.done = done;
            this.expected = expected;
        }

        @Override
        public OutputStream file(String fileName) {
            if (file != null) {
                throw new IllegalStateException("a job has one file");
            }
            file = new PackageChunks.Writer(jdbc, id, fileName, limits.maxPackageSize().toBytes(), this::check);
            return file;
        }

        void check() {
            if (lost) {
                throw new AuditJob.LostException("audit job " + id + " is no longer this instance's");
            }
        }

        /** The work notices at its next report or chunk (a statement under way is not cut short). */
        void lose() {
            lost = true;
        }
    }
}
