package dev.zielmonitor.query.audit;

import dev.zielmonitor.eventstore.EventHashChain;
import dev.zielmonitor.query.audit.jobs.AuditJob;
import dev.zielmonitor.query.audit.jobs.AuditJobProperties;
import dev.zielmonitor.query.audit.jobs.AuditJobs;
import dev.zielmonitor.query.rebuild.AsOfReplay;
import dev.zielmonitor.query.web.InvalidParameterException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import javax.sql.DataSource;
import java.net.URI;
import java.security.Principal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

@RestController
class AuditController {

    private final EventHistory history;
    private final DataSource dataSource;
    private final AsOfReplay replays;
    private final AuditJobs jobs;
    private final AuditJobProperties limits;

    AuditController(EventHistory history, DataSource dataSource, AsOfReplay replays, AuditJobs jobs,
                    AuditJobProperties limits) {
        this.history = history;
        this.dataSource = dataSource;
        this.replays = replays;
        this.jobs = jobs;
        this.limits = limits;
    }

    @Operation(summary = "The event history with provenance, oldest first, a page at a time",
            description = "Filters combine: jobcenter (its registration, monthly reports and agreements), agreement, "
                    + "aggregate, type (simple or qualified event type), recorded time [from, to). Pages by the "
                    + "global index: pass a page's 'next' as 'after' for the next page.")
    @GetMapping("/api/audit/events")
    EventHistory.Page events(@RequestParam(required = false) String jobcenter,
                             @RequestParam(required = false) String agreement,
                             @RequestParam(required = false) String aggregate,
                             @RequestParam(required = false) String type,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                             Instant from,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                             Instant to,
                             @RequestParam(required = false) Long after,
                             @RequestParam(defaultValue = "100") int limit) {
        if (jobcenter != null && !jobcenter.matches("\\d{5}")) {
            throw new InvalidParameterException("jobcenter", "must be a five-digit Jobcenter id, e.g. 05122");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidParameterException("to", "must lie after 'from'");
        }
        if (after != null && after < 0) {
            throw new InvalidParameterException("after", "must be a global index, not negative");
        }
        return history.find(new EventHistory.Filter(jobcenter, agreement, aggregate, type, from, to, after), limit);
    }

    @Operation(summary = "Walk the hash chain over the event store and report the first broken link",
            description = "Recomputes every link from the stored events (independently of the database's own "
                    + "function). 'intact' false names the position, event and kind of break: EVENT_ALTERED, "
                    + "EVENT_MISSING, LINK_ALTERED or EVENT_NOT_CHAINED. Note the head hash: a chain rewritten "
                    + "later no longer ends in it.")
    @GetMapping("/api/audit/hash-chain")
    ChainView hashChain() throws SQLException {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            EventHashChain.Verification v = EventHashChain.verify(connection);
            return new ChainView(v.intact(), v.chained(), v.events(), v.headHash(), v.firstBroken(), Instant.now(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    @Operation(summary = "Start a replay of the history up to an instant, compared with the as-of view (a job)",
            description = "Rebuilds every read model from the events recorded up to 'asOf' into asof_<instant>_<n> "
                    + "and compares each table with what the live read models say was known at that instant. "
                    + "Answers 202 with the job's Location at once; the job's 'result' holds the comparison when it "
                    + "is COMPLETED ('agrees' true: the as-of answers of the API are what the history says). asOf "
                    + "lies between the platform's epoch and now. keep=true leaves the schema for inspection (drop "
                    + "it with DROP SCHEMA … CASCADE). 429 with Retry-After beyond the concurrent jobs allowed.")
    @PostMapping("/api/audit/replays")
    ResponseEntity<AuditJob.View> replay(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                         Instant asOf,
                                         @RequestParam(defaultValue = "false") boolean keep, Principal principal) {
        if (asOf.isAfter(Instant.now())) {
            throw new InvalidParameterException("asOf", "must not lie in the future");
        }
        if (asOf.isBefore(limits.epoch())) {
            throw new InvalidParameterException("asOf", "must not lie before the platform's epoch "
                    + limits.epoch() + " (nothing recorded is older)");
        }
        AuditJob.View job = jobs.start(AuditJob.Kind.REPLAY, principal.getName(),
                Map.of("asOf", asOf.toString(), "keep", keep), progress -> replays.run(asOf, keep, progress::progress));
        return ResponseEntity.accepted().location(URI.create(job.self())).body(job);
    }

    record ChainView(boolean intact, long chained, long events, String headHash,
                     EventHashChain.BrokenLink firstBroken, Instant checkedAt, long millis) {
    }
}
