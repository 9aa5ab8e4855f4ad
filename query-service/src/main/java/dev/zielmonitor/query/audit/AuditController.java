package dev.zielmonitor.query.audit;

import jakarta.validation.constraints.Size;
import dev.zielmonitor.web.SingleLine;
import dev.zielmonitor.events.common.AgreementId;
import dev.zielmonitor.eventstore.EventHashChain;
import dev.zielmonitor.query.audit.jobs.AuditJob;
import dev.zielmonitor.query.audit.jobs.AuditJobs;
import dev.zielmonitor.events.failure.InvalidInput;
import dev.zielmonitor.query.web.Stand;
import dev.zielmonitor.query.readmodel.AsOfReplay;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.Map;

@RestController
class AuditController {

    private final EventHistory history;
    private final HashChainSealer sealer;
    private final AsOfReplay replays;
    private final AuditJobs jobs;

    AuditController(EventHistory history, HashChainSealer sealer, AsOfReplay replays, AuditJobs jobs) {
        this.history = history;
        this.sealer = sealer;
        this.replays = replays;
        this.jobs = jobs;
    }

    @Operation(summary = "The event history with provenance, oldest first, a page at a time",
            description = "Filters combine: jobcenter (its registration, monthly reports and agreements), agreement, "
                    + "aggregate, type (simple or qualified event type), recorded time [from, to). Pages by the "
                    + "global index: pass a page's 'next' as 'after' for the next page.")
    @GetMapping("/api/audit/events")
    EventHistory.Page events(@RequestParam(required = false) String jobcenter,
                             @RequestParam(required = false) @Size(max = 200) @SingleLine String agreement,
                             @RequestParam(required = false) @Size(max = 200) @SingleLine String aggregate,
                             @RequestParam(required = false) @Size(max = 200) @SingleLine String type,
                             @RequestParam(required = false) Instant from,
                             @RequestParam(required = false) Instant to,
                             @RequestParam(required = false) Long after,
                             @RequestParam(defaultValue = "100") int limit) {
        if (jobcenter != null && !jobcenter.matches("\\d{5}")) {
            throw InvalidInput.parameter("jobcenter", "must be a five-digit Jobcenter id, e.g. 05122");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw InvalidInput.parameter("to", "must lie after 'from'");
        }
        if (agreement != null && !AgreementId.isWellFormed(agreement)) {
            throw InvalidInput.parameter("agreement", "must be an agreement id, e.g. 05122-2014");
        }
        if (aggregate != null && !aggregate.matches("[\\p{Graph} ]{1,200}")) {
            throw InvalidInput.parameter("aggregate", "must be an aggregate identifier, e.g. "
                    + "report:05122:2014-03");
        }
        if (type != null && !type.matches("[A-Za-z0-9_.$]{1,200}")) {
            throw InvalidInput.parameter("type", "must be an event type, e.g. MonthlyFiguresCorrectedEvent");
        }
        if (after != null && after < 0) {
            throw InvalidInput.parameter("after", "must be a global index, not negative");
        }
        return history.find(new EventHistory.Filter(jobcenter, agreement, aggregate, type, from, to, after), limit);
    }

    @Operation(summary = "Walk the hash chain over the event store, check its keyed seals, report the first break",
            description = "Recomputes every link from the stored events (independently of the database's own "
                    + "function) and checks every keyed seal with the configured keys (ADR 0010). 'firstBroken' names "
                    + "a broken link: EVENT_ALTERED, EVENT_MISSING, LINK_ALTERED or EVENT_NOT_CHAINED; "
                    + "'seals.firstBroken' a broken seal: CHAIN_REWRITTEN (a rewrite that every link hides), "
                    + "SEAL_FORGED, UNKNOWN_KEY, SEAL_MISSING, SEAL_CHAIN_BROKEN, KEY_RETIRED, PUBLISHED_SEAL_MISSING "
                    + "or PUBLISHED_SEAL_REPLACED. With 'position' and 'hash' (a head noted earlier, e.g. from an "
                    + "audit package or the published seals) 'notedHead.contained' says whether the chain still has it.")
    @GetMapping("/api/audit/hash-chain")
    ChainView hashChain(@RequestParam(required = false) Long position, @RequestParam(required = false) String hash) {
        EventHashChain.Head noted = null;
        if (position != null || hash != null) {
            if (hash == null) {
                throw InvalidInput.parameter("hash", "is needed with 'position': the noted head's hash");
            }
            if (position == null) {
                throw InvalidInput.parameter("position", "is needed with 'hash': the noted head's position");
            }
            if (position < 1) {
                throw InvalidInput.parameter("position", "must be a chain position, 1 or more");
            }
            if (!hash.matches("[0-9a-fA-F]{64}")) {
                throw InvalidInput.parameter("hash", "must be a SHA-256 hash, 64 hexadecimal digits");
            }
            noted = new EventHashChain.Head(position, hash);
        }
        long started = System.nanoTime();
        EventHashChain.Verification v = sealer.verify(noted);
        return new ChainView(v.intact(), v.chained(), v.events(), v.headPosition(), v.headHash(), v.firstBroken(),
                v.seals(), v.notedHead(), EventHashChain.describe(v), Instant.now(),
                (System.nanoTime() - started) / 1_000_000);
    }

    @Operation(summary = "Start a replay of the history up to an instant, compared with the as-of view (a job)",
            description = "Rebuilds every read model from the events recorded up to 'asOf' into asof_<instant>_<n> "
                    + "and compares each table with what the live read models say was known at that instant. "
                    + "Answers 202 with the job's Location at once; the job's 'result' holds the comparison when it "
                    + "is COMPLETED ('agrees' true: the as-of answers of the API are what the history says). asOf "
                    + "lies between the platform's epoch and now. keep=true leaves the schema for inspection (drop "
                    + "it with DROP SCHEMA … CASCADE). 429 with Retry-After beyond the concurrent jobs allowed.")
    @PostMapping("/api/audit/replays")
    ResponseEntity<AuditJob.View> replay(Stand stand, @RequestParam(defaultValue = "false") boolean keep,
                                         Principal principal) {
        Instant asOf = stand.required().instant();
        if (asOf.isAfter(Instant.now())) {
            throw InvalidInput.parameter("asOf", "must not lie in the future");
        }
        AuditJob.View job = jobs.start(AuditJob.Kind.REPLAY, principal.getName(),
                Map.of("asOf", asOf.toString(), "keep", keep), progress -> replays.run(asOf, keep, progress::progress));
        return ResponseEntity.accepted().location(URI.create(job.self())).body(job);
    }

    record ChainView(boolean intact, long chained, long events, Long headPosition, String headHash,
                     EventHashChain.BrokenLink firstBroken, EventHashChain.Seals seals,
                     EventHashChain.HeadCheck notedHead, String summary, Instant checkedAt, long millis) {
    }
}
