package dev.zielmonitor.events.agreement;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A steering dialogue (Zielsteuerungsdialog) was held: who took part, what was found per goal, what was agreed,
 * and the deviations in framework conditions to consider when attainment is judged.
 *
 * @param findings findings by goal id
 */
@Revision("1")
public record SteeringDialogueHeldEvent(String agreementId, String dialogueId, LocalDate date,
                                        List<String> participants, Map<String, String> findings,
                                        List<String> agreedActions, List<Deviation> deviations) {

    public SteeringDialogueHeldEvent {
        participants = List.copyOf(participants);
        findings = Map.copyOf(findings);
        agreedActions = List.copyOf(agreedActions);
        deviations = List.copyOf(deviations);
    }
}
