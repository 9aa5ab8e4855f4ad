package dev.zielmonitor.query.agreement;

import jakarta.validation.constraints.Size;
import dev.zielmonitor.web.SingleLine;
import dev.zielmonitor.events.agreement.QuantitativeTarget;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.query.audit.AuditPackages;
import dev.zielmonitor.web.PlatformTime;
import dev.zielmonitor.query.audit.jobs.AuditJob;
import dev.zielmonitor.query.audit.jobs.AuditJobProperties;
import dev.zielmonitor.query.audit.jobs.AuditJobs;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.OutputStream;
import java.net.URI;
import java.security.Principal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The audit package of an agreement (one Jobcenter, one year), produced by a job: docs/audit.md. */
@RestController
class AuditPackageController {

    private final AgreementProgress agreements;
    private final AuditPackages packages;
    private final AuditJobs jobs;
    private final AuditJobProperties limits;
    private final JdbcClient jdbc;

    AuditPackageController(AgreementProgress agreements, AuditPackages packages, AuditJobs jobs,
                           AuditJobProperties limits, JdbcClient jdbc) {
        this.agreements = agreements;
        this.packages = packages;
        this.jobs = jobs;
        this.limits = limits;
        this.jdbc = jdbc;
    }

    @Operation(summary = "Start the audit package of an agreement and year (a job producing a zip)",
            description = "Every relevant event as JSON lines with its stored bytes and hash-chain link, the "
                    + "progress as of the assessment and as of now, a replay compared with the as-of view, the hash "
                    + "chain's walk, a checker script and SHA-256 checksums; how to check it: README.txt inside. "
                    + "Answers 202 with the job's Location at once; the job offers the download when COMPLETED. "
                    + "The package covers the one agreement: its events, the Jobcenter's registration and its "
                    + "monthly reports from the year before the earliest base year (at most "
                    + "zielmonitor.audit.jobs.package-years before the agreement's year, never before the "
                    + "platform's epoch) to December of the agreement's year. 429 with Retry-After beyond the "
                    + "concurrent jobs allowed.")
    @PostMapping("/api/audit/packages")
    ResponseEntity<AuditJob.View> start(@RequestParam @Size(max = 40) @SingleLine String agreementId, Principal principal) {
        Agreements.Agreement agreement = agreements.find(agreementId, Instant.now());
        String jobcenterId = agreement.content().jobcenterId().value();
        int year = agreement.content().year();
        List<String> aggregates = aggregates(agreementId, jobcenterId, year, agreement.content().goals().stream()
                .flatMap(g -> g.targets().stream()).map(QuantitativeTarget::baseYear).filter(Objects::nonNull)
                .min(Integer::compare).orElse(year - 1));
        AuditJob.View job = jobs.start(AuditJob.Kind.PACKAGE, principal.getName(), Map.of("agreementId", agreementId),
                progress -> {
                    write(agreementId, jobcenterId, year, aggregates, progress);
                    return null;
                });
        return ResponseEntity.accepted().location(URI.create(job.self())).body(job);
    }

    /**
     * The agreement, the Jobcenter and its months from January of the year before the earliest base year to
     * December of the agreement's year, cut to the package's range: no figures are older than the epoch, and a
     * base year far back (the command side only checks that it lies before the agreement's year) must not turn
     * one package into a scan of centuries.
     */
    private List<String> aggregates(String agreementId, String jobcenterId, int year, int earliestBase) {
        int epochYear = PlatformTime.FIRST_DAY.getYear();
        int from = Math.max(Math.min(earliestBase, year - 1) - 1, Math.max(epochYear, year - limits.packageYears()));
        List<String> aggregates = new ArrayList<>(List.of(jobcenterId, agreementId));
        for (ReportingMonth m = ReportingMonth.of(Math.min(from, year), 1);
             m.compareTo(ReportingMonth.of(year, 12)) <= 0; m = m.plusMonths(1)) {
            aggregates.add("report:" + jobcenterId + ":" + m);
        }
        return aggregates;
    }

    private void write(String agreementId, String jobcenterId, int year, List<String> aggregates,
                       AuditJob.Progress progress) throws Exception {
        progress.progress("PROGRESS", 0, 2);
        Instant now = Instant.now();
        Timestamp assessed = jdbc.sql("SELECT max(recorded_at) FROM read_model.agreement_history "
                        + "WHERE agreement_id = ? AND event_type = 'TargetAttainmentAssessedEvent'")
                .param(agreementId).query(Timestamp.class).optional().orElse(null);
        Instant assessedAt = assessed == null ? null : assessed.toInstant();
        Object atAssessment = assessedAt == null ? null : agreements.compute(agreementId, assessedAt).view();
        progress.progress("PROGRESS", 1, 2);
        Object current = agreements.compute(agreementId, now).view();
        try (OutputStream zip = progress.file("audit-" + agreementId + ".zip")) {
            packages.write(new AuditPackages.Contents(agreementId, jobcenterId, year, aggregates, assessedAt,
                    atAssessment, current), zip, progress);
        }
    }
}
