package dev.zielmonitor.query.agreement;

import dev.zielmonitor.events.agreement.AgreementParty;
import dev.zielmonitor.events.agreement.Deviation;
import dev.zielmonitor.events.agreement.Goal;
import dev.zielmonitor.events.agreement.GoalProgressRecordedEvent;
import dev.zielmonitor.events.agreement.GoalStatus;
import dev.zielmonitor.events.agreement.PartyRole;
import dev.zielmonitor.events.agreement.QuantitativeTarget;
import dev.zielmonitor.events.agreement.SteeringDialogueHeldEvent;
import dev.zielmonitor.events.agreement.SubGoal;
import dev.zielmonitor.events.agreement.SubGoalKind;
import dev.zielmonitor.events.agreement.TargetAgreementConcludedEvent;
import dev.zielmonitor.events.agreement.TargetAgreementSignedEvent;
import dev.zielmonitor.events.agreement.TargetAssessment;
import dev.zielmonitor.events.agreement.TargetResult;
import dev.zielmonitor.events.agreement.TargetType;
import dev.zielmonitor.events.common.IndicatorCode;
import dev.zielmonitor.events.common.JobcenterId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agreement endpoints answered with the events' records until issue 18; their views write the same JSON,
 * byte for byte, so that no client notices that the events are no longer the API.
 */
class AgreementViewsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final QuantitativeTarget K2 = new QuantitativeTarget("II-K2", IndicatorCode.K2,
            TargetType.RELATIVE_CHANGE, new BigDecimal("0.5"), 2013, 2);
    private static final QuantitativeTarget K3 = new QuantitativeTarget("III-K3", IndicatorCode.K3, TargetType.LEVEL,
            new BigDecimal("-1.00"), null, 2);
    private static final Deviation DEVIATION = new Deviation("Werksschließung", List.of(IndicatorCode.K2,
            IndicatorCode.K2E4), new BigDecimal("-0.30"));

    private static void sameJson(Object event, Object view) {
        assertThat(JSON.writeValueAsString(view)).isEqualTo(JSON.writeValueAsString(event));
    }

    @Test
    void theConcludedAgreementsViewWritesTheEventsJson() {
        TargetAgreementConcludedEvent concluded = new TargetAgreementConcludedEvent("05122-2014",
                JobcenterId.of("05122"), 2014, "Zielvereinbarung 2014", List.of(
                new AgreementParty(PartyRole.MINISTRY, "MAIS NRW", "Staatssekretär", "S"),
                new AgreementParty(PartyRole.JOBCENTER, "Stadt Solingen", "Oberbürgermeister", null)),
                "§ 48b SGB II", "Präambel", List.of("Integration"), List.of("Anlage 1"), List.of(
                new Goal("II", "Integration", "mehr Integrationen", List.of(K2), List.of(
                        new SubGoal("II.1", SubGoalKind.MEASURE, "Arbeitgeberservice", "Text",
                                List.of(IndicatorCode.K2), LocalDate.of(2014, 12, 31)))),
                new Goal("III", "Langzeitbezug", null, List.of(K3), List.of())), 2, null);
        sameJson(concluded, AgreementViews.ContentView.of(concluded));
    }

    @Test
    void signaturesDialoguesProgressAndTargetsWriteTheEventsJson() {
        TargetAgreementSignedEvent signed = new TargetAgreementSignedEvent("05122-2014", PartyRole.JOBCENTER,
                "Solingen", LocalDate.of(2014, 2, 3));
        sameJson(signed, AgreementViews.SignatureView.of(signed));
        SteeringDialogueHeldEvent held = new SteeringDialogueHeldEvent("05122-2014", "D1", LocalDate.of(2014, 6, 20),
                List.of("MAIS", "Jobcenter"), Map.of("K2", "unter Plan"), List.of("Arbeitgebertag"),
                List.of(DEVIATION, new Deviation("Umzug", null, null)));
        sameJson(held, AgreementViews.DialogueView.of(held));
        GoalProgressRecordedEvent progress = new GoalProgressRecordedEvent("05122-2014", "II.1",
                GoalStatus.IN_PROGRESS, null, LocalDate.of(2014, 7, 1));
        sameJson(progress, AgreementViews.GoalProgressView.of(progress));
        sameJson(K3, AgreementViews.QuantitativeTargetView.of(K3));
        sameJson(DEVIATION, AgreementViews.DeviationView.of(DEVIATION));
    }

    @Test
    void anAssessedTargetWritesTheEventsJson() {
        TargetAssessment assessment = new TargetAssessment("II-K2", K2, new BigDecimal("19.50"),
                new BigDecimal("19.98"), TargetResult.NOT_ACHIEVED, TargetResult.ACHIEVED_CONSIDERING_DEVIATIONS,
                List.of(DEVIATION), "Werksschließung im März");
        sameJson(assessment, AgreementViews.TargetAssessmentView.of(assessment));
    }

    @Test
    void aDialoguesFindingsAreWrittenInTheTopicsOrder() {
        SteeringDialogueHeldEvent held = new SteeringDialogueHeldEvent("05122-2014", "D1", LocalDate.of(2014, 6, 20),
                List.of(), Map.of("K3", "c", "K1", "a", "K2", "b"), List.of(), List.of());
        assertThat(AgreementViews.DialogueView.of(held).findings().keySet()).containsExactly("K1", "K2", "K3");
    }
}
