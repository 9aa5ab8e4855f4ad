package dev.zielmonitor.events.agreement;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;

/**
 * The ministry assessed the year once its December figures were final: a result and reasoning per target, and the
 * figures judged, frozen as they were.
 */
@Revision("1")
public record TargetAttainmentAssessedEvent(String agreementId, LocalDate assessedOn, List<TargetAssessment> targets,
                                            String reasoning, List<FrozenMonth> figures) {

    public TargetAttainmentAssessedEvent {
        targets = List.copyOf(targets);
        figures = List.copyOf(figures);
    }
}
