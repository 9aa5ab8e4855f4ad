package dev.zielmonitor.command.agreement;

import dev.zielmonitor.events.failure.InvalidInput;
import dev.zielmonitor.events.agreement.AgreementParty;
import dev.zielmonitor.events.agreement.Deviation;
import dev.zielmonitor.events.agreement.FrozenMonth;
import dev.zielmonitor.events.agreement.TargetAssessment;
import dev.zielmonitor.events.agreement.TargetAttainmentAssessedEvent;
import dev.zielmonitor.events.agreement.TargetResult;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.events.agreement.Goal;
import dev.zielmonitor.events.agreement.GoalProgressRecordedEvent;
import dev.zielmonitor.events.agreement.GoalStatus;
import dev.zielmonitor.events.agreement.PartyRole;
import dev.zielmonitor.events.agreement.QuantitativeTarget;
import dev.zielmonitor.events.agreement.SteeringDialogueHeldEvent;
import dev.zielmonitor.events.agreement.SubGoal;
import dev.zielmonitor.events.agreement.SubGoalKind;
import dev.zielmonitor.events.agreement.TargetAgreementConcludedEvent;
import dev.zielmonitor.events.agreement.TargetAgreementInForceEvent;
import dev.zielmonitor.events.agreement.TargetAgreementSignedEvent;
import dev.zielmonitor.events.agreement.TargetRevisedEvent;
import dev.zielmonitor.events.agreement.TargetType;
import dev.zielmonitor.events.common.IndicatorCode;
import dev.zielmonitor.events.common.JobcenterId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;

/** Every rule of the target agreement, given events, when a command, then events or the error. */
class TargetAgreementTest {

    private static final String ID = "05122-2014";
    private static final JobcenterId SOLINGEN = JobcenterId.of("05122");
    private static final QuantitativeTarget K1 = new QuantitativeTarget("I-K1", IndicatorCode.K1,
            TargetType.MONITORING, null, null, 2);
    private static final QuantitativeTarget K2 = new QuantitativeTarget("II-K2", IndicatorCode.K2,
            TargetType.RELATIVE_CHANGE, new BigDecimal("0.5"), 2013, 2);
    private static final QuantitativeTarget K3 = new QuantitativeTarget("III-K3", IndicatorCode.K3,
            TargetType.MAX_CHANGE, BigDecimal.ZERO, 2013, 2);
    private static final List<AgreementParty> PARTIES = List.of(
            new AgreementParty(PartyRole.MINISTRY, "MAIS NRW", "Staatssekretär", "Dr. Wilhelm Schäffer"),
            new AgreementParty(PartyRole.JOBCENTER, "Stadt Solingen", "Oberbürgermeister", "Norbert Feith"));
    private static final List<Goal> GOALS = List.of(
            new Goal("I", "Verringerung der Hilfebedürftigkeit", "Monitoring", List.of(K1), List.of()),
            new Goal("II", "Verbesserung der Integration in Erwerbstätigkeit", "+0,5 %", List.of(K2),
                    List.of(new SubGoal("II.2", SubGoalKind.SUB_GOAL, "Ältere", "50plus", List.of(IndicatorCode.K2),
                            null))),
            new Goal("III", "Vermeidung von langfristigem Leistungsbezug", "0 %", List.of(K3),
                    List.of(new SubGoal("III.3", SubGoalKind.MEASURE, "Schritt für Schritt", "Pilot", List.of(),
                            LocalDate.of(2015, 11, 30)))));
    private static final TargetAgreementConcludedEvent CONCLUDED = new TargetAgreementConcludedEvent(ID, SOLINGEN,
            2014, "Vereinbarung 2014", PARTIES, "§ 48b SGB II", "Präambel", List.of("Schwerpunkt 1"),
            List.of("Lokales Planungsdokument 2014"), GOALS, 2, "zwei Dialoge");
    private static final TargetAgreementSignedEvent SIGNED_BY_JOBCENTER = new TargetAgreementSignedEvent(ID,
            PartyRole.JOBCENTER, "Solingen", LocalDate.of(2014, 4, 14));
    private static final TargetAgreementSignedEvent SIGNED_BY_MINISTRY = new TargetAgreementSignedEvent(ID,
            PartyRole.MINISTRY, "Düsseldorf", LocalDate.of(2014, 5, 7));
    private static final TargetAgreementInForceEvent IN_FORCE = new TargetAgreementInForceEvent(ID,
            LocalDate.of(2014, 5, 7));

    private AggregateTestFixture<TargetAgreement> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TargetAgreement.class);
    }

    private static ConcludeTargetAgreementCommand conclude(List<AgreementParty> parties, List<Goal> goals) {
        return new ConcludeTargetAgreementCommand(ID, SOLINGEN, 2014, "Vereinbarung 2014", parties, "§ 48b SGB II",
                "Präambel", List.of("Schwerpunkt 1"), List.of("Lokales Planungsdokument 2014"), goals, 2,
                "zwei Dialoge");
    }

    private static HoldSteeringDialogueCommand dialogue(String id, LocalDate date, Map<String, String> findings) {
        return new HoldSteeringDialogueCommand(ID, id, date, List.of("MAIS NRW", "Jobcenter Solingen"), findings,
                List.of("Minijob-Initiative verstärken"), List.of(new Deviation("Schließung eines Großbetriebs",
                List.of(IndicatorCode.K2), new BigDecimal("-0.4"))));
    }

    /** An {@link InvalidInput} naming {@code field}. */
    private static org.hamcrest.Matcher<?> invalid(String field) {
        return new org.hamcrest.TypeSafeMatcher<InvalidInput>() {
            @Override
            protected boolean matchesSafely(InvalidInput e) {
                return e.path().equals(field);
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("an invalid field " + field);
            }
        };
    }

    @Test
    void concludesAnAgreementAndIsIdempotentButRefusesOtherContent() {
        fixture.givenNoPriorActivity().when(conclude(PARTIES, GOALS))
                .expectEvents(CONCLUDED).expectResultMessagePayload(TargetAgreement.ConclusionOutcome.CONCLUDED);
        fixture.given(CONCLUDED).when(conclude(PARTIES, GOALS))
                .expectNoEvents().expectResultMessagePayload(TargetAgreement.ConclusionOutcome.ALREADY_CONCLUDED);
        fixture.given(CONCLUDED, SIGNED_BY_JOBCENTER, SIGNED_BY_MINISTRY, IN_FORCE)
                .when(conclude(PARTIES, GOALS.subList(0, 2)))
                .expectException(AgreementConflictException.class)
                .expectExceptionMessage(containsString("changes only by revising a target"));
    }

    @Test
    void refusesAnAgreementWhoseGoalsAndTargetsDoNotHold() {
        new AggregateTestFixture<>(TargetAgreement.class).givenNoPriorActivity()
                .when(new ConcludeTargetAgreementCommand("05122-2015", SOLINGEN, 2014, "t", PARTIES, "b", null,
                        List.of(), List.of(), GOALS, 2, null))
                .expectException(invalid("agreementId"));
        fixture.givenNoPriorActivity().when(conclude(List.of(PARTIES.get(0), PARTIES.get(0)), GOALS))
                .expectException(invalid("parties[1].role"));
        fixture.givenNoPriorActivity().when(conclude(PARTIES, List.of(GOALS.get(0), GOALS.get(0))))
                .expectException(invalid("goals[1].goalId"));
        fixture.givenNoPriorActivity().when(conclude(PARTIES, List.of(new Goal("II", "t", "d", List.of(
                        new QuantitativeTarget("II-K2", IndicatorCode.K2, TargetType.RELATIVE_CHANGE,
                                new BigDecimal("0.5"), null, 2)), List.of()))))
                .expectException(invalid("goals[0].targets[0].baseYear"));
        fixture.givenNoPriorActivity().when(conclude(PARTIES, List.of(new Goal("II", "t", "d", List.of(
                        new QuantitativeTarget("II-K2", IndicatorCode.K2, TargetType.LEVEL, null, null, 2)),
                        List.of()))))
                .expectException(invalid("goals[0].targets[0].value"));
        fixture.givenNoPriorActivity().when(conclude(PARTIES, List.of(new Goal("I", "t", "d", List.of(
                        new QuantitativeTarget("I-K1", IndicatorCode.K1, TargetType.MONITORING, BigDecimal.ONE, null,
                                2)), List.of()))))
                .expectException(invalid("goals[0].targets[0].value"));
        fixture.givenNoPriorActivity().when(conclude(PARTIES, List.of(new Goal("II", "t", "d", List.of(K2),
                        List.of(new SubGoal("II", SubGoalKind.MEASURE, "t", "x", List.of(), null))))))
                .expectException(invalid("goals[0].subGoals[0].subGoalId"));
    }

    @Test
    void isInForceWhenBothPartiesHaveSignedOnceEach() {
        fixture.given(CONCLUDED)
                .when(new SignTargetAgreementCommand(ID, PartyRole.JOBCENTER, "Solingen", LocalDate.of(2014, 4, 14)))
                .expectEvents(SIGNED_BY_JOBCENTER);
        fixture.given(CONCLUDED, SIGNED_BY_JOBCENTER)
                .when(new SignTargetAgreementCommand(ID, PartyRole.MINISTRY, "Düsseldorf", LocalDate.of(2014, 5, 7)))
                .expectEvents(SIGNED_BY_MINISTRY, IN_FORCE);
        fixture.given(CONCLUDED, SIGNED_BY_JOBCENTER)
                .when(new SignTargetAgreementCommand(ID, PartyRole.JOBCENTER, "Solingen", LocalDate.of(2014, 4, 15)))
                .expectException(AgreementConflictException.class)
                .expectExceptionMessage(containsString("already signed by the JOBCENTER (on 2014-04-14)"));
    }

    @Test
    void revisesATargetKeepingItsIndicatorAndNamingTheDialogue() {
        QuantitativeTarget lower = new QuantitativeTarget("II-K2", IndicatorCode.K2, TargetType.RELATIVE_CHANGE,
                new BigDecimal("0.2"), 2013, 2);
        SteeringDialogueHeldEvent held = new SteeringDialogueHeldEvent(ID, "2014-1", LocalDate.of(2014, 6, 20),
                List.of("MAIS"), Map.of(), List.of(), List.of());
        fixture.given(CONCLUDED, SIGNED_BY_JOBCENTER, SIGNED_BY_MINISTRY, IN_FORCE, held)
                .when(new ReviseTargetCommand(ID, lower, "Großbetrieb geschlossen", "2014-1", LocalDate.of(2014, 7, 1)))
                .expectEvents(new TargetRevisedEvent(ID, lower, "Großbetrieb geschlossen", "2014-1",
                        LocalDate.of(2014, 7, 1)));
        fixture.given(CONCLUDED)
                .when(new ReviseTargetCommand(ID, new QuantitativeTarget("II-K9", IndicatorCode.K2,
                        TargetType.LEVEL, BigDecimal.TEN, null, 2), "r", null, LocalDate.of(2014, 7, 1)))
                .expectException(invalid("target.targetId"));
        fixture.given(CONCLUDED)
                .when(new ReviseTargetCommand(ID, new QuantitativeTarget("II-K2", IndicatorCode.K3,
                        TargetType.LEVEL, BigDecimal.TEN, null, 2), "r", null, LocalDate.of(2014, 7, 1)))
                .expectException(invalid("target.indicator"));
        fixture.given(CONCLUDED)
                .when(new ReviseTargetCommand(ID, lower, "r", "2014-9", LocalDate.of(2014, 7, 1)))
                .expectException(invalid("dialogueId"));
        fixture.given(CONCLUDED)
                .when(new ReviseTargetCommand(ID, K2, "r", null, LocalDate.of(2014, 7, 1)))
                .expectException(AgreementConflictException.class);
        fixture.given(CONCLUDED, new TargetRevisedEvent(ID, lower, "r", null, LocalDate.of(2014, 7, 1)))
                .when(new ReviseTargetCommand(ID, K2, "zurück", null, LocalDate.of(2014, 9, 1)))
                .expectEvents(new TargetRevisedEvent(ID, K2, "zurück", null, LocalDate.of(2014, 9, 1)));
    }

    @Test
    void recordsProgressOfGoalsAndMeasuresItNames() {
        fixture.given(CONCLUDED)
                .when(new RecordGoalProgressCommand(ID, "III.3", GoalStatus.IN_PROGRESS, "12 Haushalte erreicht",
                        LocalDate.of(2014, 9, 30)))
                .expectEvents(new GoalProgressRecordedEvent(ID, "III.3", GoalStatus.IN_PROGRESS,
                        "12 Haushalte erreicht", LocalDate.of(2014, 9, 30)));
        fixture.given(CONCLUDED)
                .when(new RecordGoalProgressCommand(ID, "VII", GoalStatus.ACHIEVED, null, LocalDate.of(2014, 9, 30)))
                .expectException(invalid("goalOrSubGoalId"));
    }

    @Test
    void holdsSteeringDialoguesOnlyForAnAgreementInForceEachOnce() {
        HoldSteeringDialogueCommand first = dialogue("2014-1", LocalDate.of(2014, 6, 20),
                Map.of("II", "K2 liegt im Plan"));
        fixture.given(CONCLUDED, SIGNED_BY_JOBCENTER)
                .when(first)
                .expectException(AgreementConflictException.class)
                .expectExceptionMessage(containsString("not in force"));
        fixture.given(CONCLUDED, SIGNED_BY_JOBCENTER, SIGNED_BY_MINISTRY, IN_FORCE)
                .when(first)
                .expectEvents(new SteeringDialogueHeldEvent(ID, "2014-1", LocalDate.of(2014, 6, 20),
                        first.participants(), first.findings(), first.agreedActions(), first.deviations()));
        fixture.given(CONCLUDED, SIGNED_BY_JOBCENTER, SIGNED_BY_MINISTRY, IN_FORCE,
                        new SteeringDialogueHeldEvent(ID, "2014-1", LocalDate.of(2014, 6, 20), List.of("MAIS"),
                                Map.of(), List.of(), List.of()))
                .when(first)
                .expectException(AgreementConflictException.class);
        fixture.given(CONCLUDED, SIGNED_BY_JOBCENTER, SIGNED_BY_MINISTRY, IN_FORCE)
                .when(dialogue("2014-2", LocalDate.of(2014, 11, 20), Map.of("VI", "?")))
                .expectException(invalid("findings.VI"));
        fixture.given(CONCLUDED, SIGNED_BY_JOBCENTER, SIGNED_BY_MINISTRY, IN_FORCE)
                .when(dialogue("2013-2", LocalDate.of(2013, 11, 20), Map.of()))
                .expectException(invalid("date"));
    }

    /** Dec 2012 … Dec 2014: K2 2013 19.88 %, 2014 20.99 %; LZB +1 % (K3 missed); December's data status given. */
    private static List<FrozenMonth> figures(LocalDate decemberDataStatus) {
        List<FrozenMonth> months = new java.util.ArrayList<>();
        for (ReportingMonth m = ReportingMonth.of(2012, 12); m.compareTo(ReportingMonth.of(2014, 12)) <= 0;
             m = m.plusMonths(1)) {
            Map<FigureCode, Figure> f = new java.util.EnumMap<>(FigureCode.class);
            f.put(FigureCode.ELB, Figure.total(10_000));
            if (m.year() >= 2013) {
                f.put(FigureCode.INT, Figure.total(m.year() == 2013 ? (m.month() <= 8 ? 166 : 165)
                        : (m.month() <= 11 ? 175 : 174)));
                f.put(FigureCode.LZB, Figure.total(m.year() == 2013 ? 7000 : 7070));
                f.put(FigureCode.LLU_EUR, Figure.total(new BigDecimal(m.year() == 2013 ? "3500000.00" : "3465000.00")));
            }
            boolean december = m.equals(ReportingMonth.of(2014, 12));
            months.add(new FrozenMonth(m, december ? decemberDataStatus : m.plusMonths(3).lastDay(), f));
        }
        return months;
    }

    private static AssessTargetAttainmentCommand assess(LocalDate decemberDataStatus,
                                                        Map<String, AssessTargetAttainmentCommand.Judgement> judgements) {
        return new AssessTargetAttainmentCommand(ID, LocalDate.of(2015, 4, 20), judgements, "Jahresgespräch",
                figures(decemberDataStatus));
    }

    /** The one event is an assessment that passes {@code check}. */
    private static org.hamcrest.Matcher<List<? super org.axonframework.eventhandling.EventMessage<?>>> assessed(
            java.util.function.Consumer<TargetAttainmentAssessedEvent> check) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            private AssertionError failure;

            @Override
            protected boolean matchesSafely(List<? super org.axonframework.eventhandling.EventMessage<?>> events) {
                try {
                    org.assertj.core.api.Assertions.assertThat(events).hasSize(1);
                    check.accept((TargetAttainmentAssessedEvent)
                            ((org.axonframework.eventhandling.EventMessage<?>) events.get(0)).getPayload());
                    return true;
                } catch (AssertionError e) {
                    failure = e;
                    return false;
                }
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("an assessment: " + (failure == null ? "" : failure.getMessage()));
            }
        };
    }

    @Test
    void assessesTheYearOnFinalFiguresFreezingThemAndOnlyOnce() {
        Object[] inForce = {CONCLUDED, SIGNED_BY_JOBCENTER, SIGNED_BY_MINISTRY, IN_FORCE};
        fixture.given(inForce).when(assess(LocalDate.of(2015, 2, 28), Map.of()))
                .expectException(AgreementConflictException.class)
                .expectExceptionMessage(containsString("not final: data status 2015-02-28, final from 2015-03-31"));
        fixture.given(CONCLUDED).when(assess(LocalDate.of(2015, 3, 31), Map.of()))
                .expectException(AgreementConflictException.class);
        fixture.given(inForce).when(assess(LocalDate.of(2015, 3, 31), Map.of()))
                .expectEventsMatching(assessed(event -> {
                    org.assertj.core.api.Assertions.assertThat(event.figures()).hasSize(25);
                    TargetAssessment k1 = event.targets().get(0);
                    org.assertj.core.api.Assertions.assertThat(k1.computed()).isEqualTo(TargetResult.MONITORED);
                    org.assertj.core.api.Assertions.assertThat(k1.yearValue()).isEqualByComparingTo("-1.00");
                    TargetAssessment k2 = event.targets().get(1);
                    org.assertj.core.api.Assertions.assertThat(k2.yearValue()).isEqualByComparingTo("20.99");
                    org.assertj.core.api.Assertions.assertThat(k2.targetLevel()).isEqualByComparingTo("19.98");
                    org.assertj.core.api.Assertions.assertThat(k2.result()).isEqualTo(TargetResult.ACHIEVED);
                    TargetAssessment k3 = event.targets().get(2);
                    org.assertj.core.api.Assertions.assertThat(k3.yearValue()).isEqualByComparingTo("1.00");
                    org.assertj.core.api.Assertions.assertThat(k3.result()).isEqualTo(TargetResult.NOT_ACHIEVED);
                }));
        fixture.given(inForce).when(assess(LocalDate.of(2015, 3, 31), Map.of("III-K3",
                        new AssessTargetAttainmentCommand.Judgement(TargetResult.ACHIEVED_CONSIDERING_DEVIATIONS,
                                "Insolvenz"))))
                .expectException(invalid("judgements.III-K3.result"));
        fixture.given(inForce).when(assess(LocalDate.of(2015, 3, 31), Map.of("II-K2",
                        new AssessTargetAttainmentCommand.Judgement(TargetResult.NOT_ACHIEVED, "?"))))
                .expectException(invalid("judgements.II-K2.result"));
    }

    @Test
    void aMissedTargetIsAchievedConsideringDeviationsOnlyWithOneOnRecordAndReasoning() {
        SteeringDialogueHeldEvent withDeviation = new SteeringDialogueHeldEvent(ID, "2014-1",
                LocalDate.of(2014, 6, 20), List.of("MAIS"), Map.of(), List.of(), List.of(new Deviation(
                "Insolvenz eines Großbetriebs", List.of(IndicatorCode.K3), new BigDecimal("1.2"))));
        fixture.given(CONCLUDED, SIGNED_BY_JOBCENTER, SIGNED_BY_MINISTRY, IN_FORCE, withDeviation)
                .when(assess(LocalDate.of(2015, 3, 31), Map.of("III-K3", new AssessTargetAttainmentCommand.Judgement(
                        TargetResult.ACHIEVED_CONSIDERING_DEVIATIONS, " "))))
                .expectException(invalid("judgements.III-K3.reasoning"));
        fixture.given(CONCLUDED, SIGNED_BY_JOBCENTER, SIGNED_BY_MINISTRY, IN_FORCE, withDeviation)
                .when(assess(LocalDate.of(2015, 3, 31), Map.of("III-K3", new AssessTargetAttainmentCommand.Judgement(
                        TargetResult.ACHIEVED_CONSIDERING_DEVIATIONS, "Insolvenz erklärt +1,2 Punkte"))))
                .expectEventsMatching(assessed(event -> {
                    TargetAssessment k3 = event.targets().get(2);
                    org.assertj.core.api.Assertions.assertThat(k3.computed()).isEqualTo(TargetResult.NOT_ACHIEVED);
                    org.assertj.core.api.Assertions.assertThat(k3.result())
                            .isEqualTo(TargetResult.ACHIEVED_CONSIDERING_DEVIATIONS);
                    org.assertj.core.api.Assertions.assertThat(k3.deviationsConsidered()).hasSize(1);
                    org.assertj.core.api.Assertions.assertThat(k3.reasoning()).contains("Insolvenz");
                }));
        fixture.given(CONCLUDED, SIGNED_BY_JOBCENTER, SIGNED_BY_MINISTRY, IN_FORCE, new TargetAttainmentAssessedEvent(
                        ID, LocalDate.of(2015, 4, 20), List.of(), "r", List.of()))
                .when(assess(LocalDate.of(2015, 3, 31), Map.of()))
                .expectException(AgreementConflictException.class)
                .expectExceptionMessage(containsString("was assessed on 2015-04-20"));
    }
}
