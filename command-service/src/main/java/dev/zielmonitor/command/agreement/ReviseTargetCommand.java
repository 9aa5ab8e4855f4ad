package dev.zielmonitor.command.agreement;

import dev.zielmonitor.events.agreement.QuantitativeTarget;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

record ReviseTargetCommand(@TargetAggregateIdentifier String agreementId, QuantitativeTarget target, String reason,
                           String dialogueId, LocalDate effectiveFrom) {
}
