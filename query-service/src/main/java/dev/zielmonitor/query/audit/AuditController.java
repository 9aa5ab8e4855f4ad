package dev.zielmonitor.query.audit;

import dev.zielmonitor.eventstore.EventHashChain;
import dev.zielmonitor.query.rebuild.AsOfReplay;
import dev.zielmonitor.query.web.InvalidParameterException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

@RestController
class AuditController {

    private final EventHistory history;
    private final DataSource dataSource;
    private final AsOfReplay replays;

    AuditController(EventHistory history, DataSource dataSource, AsOfReplay replays) {
        this.history = history;
        this.dataSource = dataSource;
        this.replays = replays;
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
                             @RequestParam(required = false) Instant from,
                             @RequestParam(required = false) Instant to,
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

    @Operation(summary = "Replay the history up to an instant into a schema of its own and compare with the as-of view",
            description = "Rebuilds every read model from the events recorded up to 'asOf' into asof_<instant>_<n> "
                    + "and compares each table with what the live read models say was known at that instant. "
                    + "'agrees' true: the as-of answers of the API are what the history says. Runs while you wait; "
                    + "keep=true leaves the schema for inspection (drop it with DROP SCHEMA … CASCADE).")
    @PostMapping("/api/audit/replays")
    AsOfReplay.Result replay(@RequestParam Instant asOf,
                             @RequestParam(defaultValue = "false") boolean keep) {
        if (asOf.isAfter(Instant.now())) {
            throw new InvalidParameterException("asOf", "must not lie in the future");
        }
        return replays.run(asOf, keep);
    }

    record ChainView(boolean intact, long chained, long events, String headHash,
                     EventHashChain.BrokenLink firstBroken, Instant checkedAt, long millis) {
    }
}
