package dev.zielmonitor.command.agreement;

import dev.zielmonitor.events.agreement.GoalStatus;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

record RecordGoalProgressCommand(@TargetAggregateIdentifier String agreementId, String goalOrSubGoalId,
                                 GoalStatus status, String note, LocalDate date) {
}
