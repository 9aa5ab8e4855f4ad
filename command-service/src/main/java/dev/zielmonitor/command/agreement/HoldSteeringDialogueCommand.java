package dev.zielmonitor.command.agreement;

import dev.zielmonitor.events.agreement.Deviation;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

record HoldSteeringDialogueCommand(@TargetAggregateIdentifier String agreementId, String dialogueId, LocalDate date,
                                   List<String> participants, Map<String, String> findings,
                                   List<String> agreedActions, List<Deviation> deviations) {
}
