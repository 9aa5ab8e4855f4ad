package dev.zielmonitor.query.agreement;

import dev.zielmonitor.events.agreement.QuantitativeTarget;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.query.audit.AuditPackages;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.io.ByteArrayOutputStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The audit package of an agreement (one Jobcenter, one year): docs/audit.md. */
@RestController
class AuditPackageController {

    private final AgreementProgress agreements;
    private final AuditPackages packages;
    private final JdbcClient jdbc;

    AuditPackageController(AgreementProgress agreements, AuditPackages packages, JdbcClient jdbc) {
        this.agreements = agreements;
        this.packages = packages;
        this.jdbc = jdbc;
    }

    @Operation(summary = "Download the audit package of an agreement and year (zip)",
            description = "Every relevant event as JSON lines with its stored bytes and hash-chain link, the "
                    + "progress as of the assessment and as of now, a replay compared with the as-of view, the hash "
                    + "chain's walk, a checker script and SHA-256 checksums. How to check it: README.txt inside.")
    @GetMapping(value = "/api/audit/packages/{agreementId}", produces = "application/zip")
    ResponseEntity<byte[]> download(@PathVariable String agreementId) {
        Instant now = Instant.now();
        Agreements.Agreement agreement = agreements.find(agreementId, now);
        String jobcenterId = agreement.content().jobcenterId().value();
        int year = agreement.content().year();
        Timestamp assessed = jdbc.sql("SELECT max(recorded_at) FROM read_model.agreement_history "
                        + "WHERE agreement_id = ? AND event_type = 'TargetAttainmentAssessedEvent'")
                .param(agreementId).query(Timestamp.class).optional().orElse(null);
        Instant assessedAt = assessed == null ? null : assessed.toInstant();

        int earliestBase = agreement.content().goals().stream().flatMap(g -> g.targets().stream())
                .map(QuantitativeTarget::baseYear).filter(Objects::nonNull).min(Integer::compare).orElse(year - 1);
        List<String> aggregates = new ArrayList<>(List.of(jobcenterId, agreementId));
        for (ReportingMonth m = ReportingMonth.of(Math.min(earliestBase, year - 1) - 1, 1);
             m.compareTo(ReportingMonth.of(year, 12)) <= 0; m = m.plusMonths(1)) {
            aggregates.add("report:" + jobcenterId + ":" + m);
        }
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        packages.write(new AuditPackages.Contents(agreementId, jobcenterId, year, aggregates, assessedAt,
                assessedAt == null ? null : agreements.compute(agreementId, assessedAt).view(),
                agreements.compute(agreementId, now).view()), zip);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("audit-" + agreementId + ".zip").build().toString())
                .body(zip.toByteArray());
    }
}
