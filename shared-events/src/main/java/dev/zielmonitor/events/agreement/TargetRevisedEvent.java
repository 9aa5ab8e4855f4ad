package dev.zielmonitor.events.agreement;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

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
}
