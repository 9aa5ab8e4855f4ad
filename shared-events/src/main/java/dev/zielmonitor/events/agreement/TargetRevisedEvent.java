package dev.zielmonitor.events.agreement;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;

/**
 * A target of an agreement in force was changed; what it was before stays in the history, so progress can be
 * shown against the target as it stood on any date.
 *
 * @param target     the target as it stands from {@code effectiveFrom}
 * @param dialogueId the steering dialogue that agreed the change, or {@code null}
 */
@Revision("1")
public record TargetRevisedEvent(String agreementId, QuantitativeTarget target, String reason, String dialogueId,
                                 LocalDate effectiveFrom) {

    /**
     * The target as it stood on {@code date}: of the revisions (in the order they were recorded) the one effective
     * latest by then, the later recorded on a tie; else the target as concluded.
     */
    public static QuantitativeTarget standingOn(QuantitativeTarget concluded, List<TargetRevisedEvent> revisions,
                                                LocalDate date) {
        QuantitativeTarget standing = concluded;
        LocalDate since = null;
        for (TargetRevisedEvent revision : revisions) {
            if (!revision.effectiveFrom().isAfter(date)
                    && (since == null || !revision.effectiveFrom().isBefore(since))) {
                standing = revision.target();
                since = revision.effectiveFrom();
            }
        }
        return standing;
    }
}
