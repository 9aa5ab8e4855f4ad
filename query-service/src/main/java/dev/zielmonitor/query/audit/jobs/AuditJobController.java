package dev.zielmonitor.query.audit.jobs;

import dev.zielmonitor.events.failure.Conflict;
import dev.zielmonitor.events.failure.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** Following an auditor's job and downloading what it produced; starting one is the replay's or package's. */
@RestController
class AuditJobController {

    private final AuditJobs jobs;

    AuditJobController(AuditJobs jobs) {
        this.jobs = jobs;
    }

    @Operation(summary = "The latest audit jobs of every auditor, newest first (at most 50)",
            description = "Replays and audit packages, with owner, state, phase and progress; finished jobs are "
                    + "kept for zielmonitor.audit.jobs.keep (24 h by default).")
    @GetMapping("/api/audit/jobs")
    List<AuditJob.View> latest() {
        return jobs.latest();
    }

    @Operation(summary = "An audit job: state, phase, progress, timing, error; the result when it is done",
            description = "state QUEUED, RUNNING, COMPLETED or FAILED; 'done' of 'expected' within the phase. A "
                    + "completed replay carries its comparison in 'result', a completed package a 'download' link "
                    + "with size and SHA-256. A job whose instance stopped sending heartbeats shows FAILED with the "
                    + "reason. Any instance answers for any job.")
    @GetMapping("/api/audit/jobs/{id}")
    AuditJob.View job(@PathVariable UUID id) {
        return jobs.get(id);
    }

    @Operation(summary = "Download a completed package job's zip",
            description = "Streamed from the database chunk by chunk, with Content-Length; 409 while the job is "
                    + "not COMPLETED. Check the download against the job's sha256.")
    @GetMapping(value = "/api/audit/jobs/{id}/package", produces = "application/zip")
    ResponseEntity<Resource> download(@PathVariable UUID id) {
        AuditJob.View job = jobs.get(id);
        if (job.kind() != AuditJob.Kind.PACKAGE) {
            throw new NotFound("Audit job " + id + " is a " + job.kind() + "; its result is in the job");
        }
        if (job.state() != AuditJob.State.COMPLETED) {
            throw new Conflict("Audit job " + id + " is " + job.state()
                    + (job.error() == null ? "; download its package once it is COMPLETED" : ": " + job.error()));
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .contentLength(job.download().bytes())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(job.download().fileName()).build().toString())
                .body(new InputStreamResource(jobs.file(job)));
    }
}
