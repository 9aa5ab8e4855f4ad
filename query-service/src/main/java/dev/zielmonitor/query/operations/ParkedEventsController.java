package dev.zielmonitor.query.operations;

import jakarta.validation.constraints.Size;
import dev.zielmonitor.web.SingleLine;
import dev.zielmonitor.eventstore.deadletter.ParkedEvents;
import dev.zielmonitor.events.failure.InvalidInput;
import dev.zielmonitor.events.failure.NotFound;
import dev.zielmonitor.query.readmodel.LiveWriters;
import dev.zielmonitor.query.readmodel.ReadModel;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Events the projections could not apply, parked with their sequence so that the processors go on with the others
 * (issue 17): listed with the failure for operators and auditors, retried by operators once the cause is fixed.
 */
@RestController
class ParkedEventsController {

    private final ParkedEvents parked;
    private final LiveWriters live;
    private final List<ReadModel> readModels;

    ParkedEventsController(ParkedEvents parked, LiveWriters live, List<ReadModel> readModels) {
        this.parked = parked;
        this.live = live;
        this.readModels = readModels;
    }

    /** @param parkedEvents events waiting in the group, in {@code sequences} sequences */
    record GroupView(String processingGroup, long parkedEvents, long sequences) {
    }

    record ParkedView(List<GroupView> groups, List<ParkedEvents.ParkedSequence> sequences) {
    }

    /**
     * @param applied     whether every event of the sequence was applied (false: one failed again and stays parked,
     *                    or another instance is retrying the sequence)
     * @param stillParked events of the group parked after the retry
     */
    record RetryView(String processingGroup, String sequence, boolean applied, long stillParked) {
    }

    @Operation(summary = "Parked events of the projections, by processing group and sequence, with the failure",
            description = "A parked sequence is one Jobcenter's month (monthly-figures), one agreement (agreements) or "
                    + "one Jobcenter (jobcenters): its first event failed, the later ones wait behind it.")
    @GetMapping("/api/admin/parked-events")
    ParkedView list(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        List<GroupView> groups = parked.processingGroups().stream().map(group -> {
            long events = parked.count(group);
            long sequences = parked.list(Integer.MAX_VALUE).stream()
                    .filter(s -> s.processingGroup().equals(group)).count();
            return new GroupView(group, events, sequences);
        }).toList();
        return new ParkedView(groups, parked.list(limit));
    }

    @Operation(summary = "Handle a parked sequence again, after its cause is fixed",
            description = "Applies its events in order; an event that fails again stays parked with the new failure "
                    + "and a retry count. 404 for a sequence that is not parked.")
    @PostMapping("/api/admin/parked-events/{processingGroup}/{sequence}/retry")
    RetryView retry(@PathVariable String processingGroup, @PathVariable @Size(max = 500) @SingleLine String sequence) {
        checkGroup(processingGroup);
        boolean known = parked.list(Integer.MAX_VALUE).stream().anyMatch(s -> s.processingGroup()
                .equals(processingGroup) && sequence.equals(s.sequence()));
        if (!known) {
            throw new NotFound("No sequence " + sequence + " is parked in " + processingGroup);
        }
        ReadModel model = readModels.stream().filter(m -> m.processingGroup().equals(processingGroup)).findFirst()
                .orElseThrow(() -> InvalidInput.parameter("processingGroup", "has no read model"));
        boolean applied = live.retry(model, sequence);
        return new RetryView(processingGroup, sequence, applied, parked.count(processingGroup));
    }

    private void checkGroup(String processingGroup) {
        if (!parked.processingGroups().contains(processingGroup)) {
            throw InvalidInput.parameter("processingGroup", "must be one of " + parked.processingGroups());
        }
    }
}
