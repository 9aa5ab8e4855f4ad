package dev.zielmonitor.command.reporting;

import dev.zielmonitor.contract.RejectionCode;

/**
 * The answer to {@link RecordMonthlyFiguresCommand}. A rejection (stale data status, figures that would break a
 * rule once merged) is an answer, not an exception: it must not roll back the other commands of a batch.
 */
public record RecordingResult(RecordingOutcome outcome, RejectionCode rejectionCode, String reason) {

    static RecordingResult of(RecordingOutcome outcome) {
        return new RecordingResult(outcome, null, null);
    }

    static RecordingResult rejected(RejectionCode code, String reason) {
        return new RecordingResult(RecordingOutcome.REJECTED, code, reason);
    }
}
