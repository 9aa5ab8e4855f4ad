package dev.zielmonitor.query.audit.jobs;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Limits of the auditors' jobs (docs/audit.md).
 *
 * @param perUser        jobs one user may have queued or running at a time, on all instances together
 * @param total          jobs queued or running at a time, all users and instances together
 * @param retryAfter     what a refused start suggests in {@code Retry-After}
 * @param heartbeat      how often a runner writes its progress and extends its lease
 * @param lease          how long a job stays QUEUED or RUNNING without a heartbeat before it counts as lost (FAILED)
 * @param keep           how long a finished job and its result (a package's zip) are kept
 * @param maxPackageSize a package that grows beyond this fails rather than fill the database
 * @param packageYears   how many years before the agreement's year a package's monthly figures reach back at most
 *                       (and never before the platform's epoch, web-support's {@code PlatformTime})
 */
@ConfigurationProperties("zielmonitor.audit.jobs")
public record AuditJobProperties(
        @DefaultValue("1") int perUser,
        @DefaultValue("2") int total,
        @DefaultValue("10s") Duration retryAfter,
        @DefaultValue("1s") Duration heartbeat,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("24h") Duration keep,
        @DefaultValue("1GB") DataSize maxPackageSize,
        @DefaultValue("10") int packageYears) {

    public AuditJobProperties {
        if (perUser < 1 || total < perUser) {
            throw new IllegalArgumentException("zielmonitor.audit.jobs: need 1 <= per-user <= total, got per-user "
                    + perUser + ", total " + total);
        }
        if (heartbeat.isNegative() || heartbeat.isZero() || lease.compareTo(heartbeat.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("zielmonitor.audit.jobs: the lease (" + lease
                    + ") must be at least three heartbeats (" + heartbeat + ")");
        }
        if (packageYears < 1) {
            throw new IllegalArgumentException("zielmonitor.audit.jobs.package-years must be at least 1");
        }
    }
}
