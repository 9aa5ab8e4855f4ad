package dev.zielmonitor.events.agreement;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** The parties recorded where a qualitative goal or measure stands. */
@Revision("1")
public record GoalProgressRecordedEvent(String agreementId, String goalOrSubGoalId, GoalStatus status, String note,
                                        LocalDate date) {
}
