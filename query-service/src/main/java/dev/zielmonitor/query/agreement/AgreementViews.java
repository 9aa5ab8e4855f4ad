package dev.zielmonitor.query.agreement;

import com.fasterxml.jackson.annotation.JsonInclude;
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
import dev.zielmonitor.indicators.Attainment;
import dev.zielmonitor.indicators.IndicatorResult;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the agreement endpoints answer: views of the agreement as known at an instant, never the events it was
 * recorded in, so that an event's revision can change without changing the API. Each view names its fields as the
 * API always did; the {@code of} methods are the one place that maps events to them.
 */
final class AgreementViews {

    private AgreementViews() {
    }

    /** An agreement in the list. */
    record SummaryView(String agreementId, String jobcenterId, int year, String title) {
    }

    /**
     * @param content           the agreement as concluded
     * @param targets           each target as it stands at {@code asOf}, as concluded, and its revisions
     * @param steeringDialogues the dialogues held, as recorded
     * @param goalProgress      per goal or sub-goal the progress recorded, oldest first
     * @param schedule          the dialogues expected in the year, with the one held in time or {@code overdue}
     */
    record AgreementView(String agreementId, Instant asOf, String jobcenterId, int year, Instant concludedAt,
                         List<SignatureView> signatures, LocalDate inForceSince, ContentView content,
                         List<TargetView> targets, List<DialogueView> steeringDialogues,
                         Map<String, List<GoalProgressView>> goalProgress, List<DialogueDueView> schedule,
                         AssessmentView assessment) {

        /** The agreement as known at {@code knownAt}, its targets as they stand on that day (Berlin). */
        static AgreementView of(String agreementId, Instant knownAt, Agreements.Agreement agreement) {
            LocalDate date = LocalDate.ofInstant(knownAt, AgreementProgress.BERLIN);
            List<TargetView> targets = new ArrayList<>();
            for (Goal goal : agreement.content().goals()) {
                for (QuantitativeTarget target : goal.targets()) {
                    targets.add(new TargetView(goal.goalId(), target.targetId(),
                            QuantitativeTargetView.of(agreement.targetOn(target, date)),
                            QuantitativeTargetView.of(target),
                            agreement.revisions().getOrDefault(target.targetId(), List.of()).stream()
                                    .map(RevisionView::of).toList()));
                }
            }
            Map<String, List<GoalProgressView>> goalProgress = new LinkedHashMap<>();
            agreement.progress().forEach((goal, recorded) -> goalProgress.put(goal,
                    recorded.stream().map(GoalProgressView::of).toList()));
            return new AgreementView(agreementId, knownAt, agreement.content().jobcenterId().value(),
                    agreement.content().year(), agreement.concludedAt(),
                    agreement.signatures().stream().map(SignatureView::of).toList(), agreement.inForceSince(),
                    ContentView.of(agreement.content()), targets,
                    agreement.dialogues().stream().map(DialogueView::of).toList(), goalProgress,
                    agreement.schedule(date), AssessmentView.of(agreement));
        }
    }

    record SignatureView(String agreementId, PartyRole party, String place, LocalDate date) {

        static SignatureView of(TargetAgreementSignedEvent signed) {
            return new SignatureView(signed.agreementId(), signed.party(), signed.place(), signed.date());
        }
    }

    /** The agreement's text and structure as concluded. */
    record ContentView(String agreementId, String jobcenterId, int year, String title, List<PartyView> parties,
                       String legalBasis, String preamble, List<String> priorities, List<String> referencedDocuments,
                       List<GoalView> goals, int dialoguesPerYear, String closingProvisions) {

        static ContentView of(TargetAgreementConcludedEvent concluded) {
            return new ContentView(concluded.agreementId(), concluded.jobcenterId().value(), concluded.year(),
                    concluded.title(), concluded.parties().stream().map(PartyView::of).toList(),
                    concluded.legalBasis(), concluded.preamble(), concluded.priorities(),
                    concluded.referencedDocuments(), concluded.goals().stream().map(GoalView::of).toList(),
                    concluded.dialoguesPerYear(), concluded.closingProvisions());
        }
    }

    record PartyView(PartyRole role, String organisation, String representativeOffice, String representativeName) {

        static PartyView of(AgreementParty party) {
            return new PartyView(party.role(), party.organisation(), party.representativeOffice(),
                    party.representativeName());
        }
    }

    record GoalView(String goalId, String title, String description, List<QuantitativeTargetView> targets,
                    List<SubGoalView> subGoals) {

        static GoalView of(Goal goal) {
            return new GoalView(goal.goalId(), goal.title(), goal.description(),
                    goal.targets().stream().map(QuantitativeTargetView::of).toList(),
                    goal.subGoals().stream().map(SubGoalView::of).toList());
        }
    }

    record SubGoalView(String subGoalId, SubGoalKind kind, String title, String text,
                       List<IndicatorCode> linkedIndicators, LocalDate until) {

        static SubGoalView of(SubGoal subGoal) {
            return new SubGoalView(subGoal.subGoalId(), subGoal.kind(), subGoal.title(), subGoal.text(),
                    subGoal.linkedIndicators(), subGoal.until());
        }
    }

    /** A quantitative target's terms: indicator, kind, value, base year, decimals. */
    record QuantitativeTargetView(String targetId, IndicatorCode indicator, TargetType type, BigDecimal value,
                                  Integer baseYear, int decimals) {

        static QuantitativeTargetView of(QuantitativeTarget target) {
            return target == null ? null : new QuantitativeTargetView(target.targetId(), target.indicator(),
                    target.type(), target.value(), target.baseYear(), target.decimals());
        }
    }

    record TargetView(String goalId, String targetId, QuantitativeTargetView current,
                      QuantitativeTargetView concluded, List<RevisionView> revisions) {
    }

    /** A target's revision as recorded. */
    record RevisionView(QuantitativeTargetView target, String reason, String dialogueId, LocalDate effectiveFrom,
                        Instant recordedAt) {

        static RevisionView of(Agreements.Revision revision) {
            return new RevisionView(QuantitativeTargetView.of(revision.target()), revision.reason(),
                    revision.dialogueId(), revision.effectiveFrom(), revision.recordedAt());
        }
    }

    /** A steering dialogue as held; findings by topic, in the topics' order. */
    record DialogueView(String agreementId, String dialogueId, LocalDate date, List<String> participants,
                        Map<String, String> findings, List<String> agreedActions, List<DeviationView> deviations) {

        static DialogueView of(SteeringDialogueHeldEvent held) {
            return new DialogueView(held.agreementId(), held.dialogueId(), held.date(), held.participants(),
                    new TreeMap<>(held.findings()), held.agreedActions(),
                    held.deviations().stream().map(DeviationView::of).toList());
        }
    }

    /** A deviation in the framework conditions, with the indicators it affects and its estimated effect. */
    record DeviationView(String description, List<IndicatorCode> affectedIndicators, BigDecimal estimatedEffect) {

        static DeviationView of(Deviation deviation) {
            return new DeviationView(deviation.description(), deviation.affectedIndicators(),
                    deviation.estimatedEffect());
        }
    }

    record GoalProgressView(String agreementId, String goalOrSubGoalId, GoalStatus status, String note,
                            LocalDate date) {

        static GoalProgressView of(GoalProgressRecordedEvent recorded) {
            return new GoalProgressView(recorded.agreementId(), recorded.goalOrSubGoalId(), recorded.status(),
                    recorded.note(), recorded.date());
        }
    }

    /** A dialogue the agreement expects, due by {@code dueBy}, with the one held as that number. */
    record DialogueDueView(int number, LocalDate dueBy, String dialogueId, LocalDate heldOn, boolean overdue) {
    }

    /** The assessment without the frozen figures, which it names by month and data status only. */
    record AssessmentView(LocalDate assessedOn, String reasoning, List<TargetAssessmentView> targets,
                          Map<String, LocalDate> figuresJudged) {

        /** {@code null} while the agreement is not assessed. */
        static AssessmentView of(Agreements.Agreement agreement) {
            if (agreement.assessment() == null) {
                return null;
            }
            Map<String, LocalDate> judged = new TreeMap<>();
            agreement.assessment().figures().forEach(m -> judged.put(m.month().toString(), m.dataStatus()));
            return new AssessmentView(agreement.assessment().assessedOn(), agreement.assessment().reasoning(),
                    agreement.assessment().targets().stream().map(TargetAssessmentView::of).toList(), judged);
        }
    }

    /** One target's judgement: the year's value against the level, computed and decided result, reasoning. */
    record TargetAssessmentView(String targetId, QuantitativeTargetView target, BigDecimal yearValue,
                                BigDecimal targetLevel, TargetResult computed, TargetResult result,
                                List<DeviationView> deviationsConsidered, String reasoning) {

        static TargetAssessmentView of(TargetAssessment assessment) {
            return new TargetAssessmentView(assessment.targetId(), QuantitativeTargetView.of(assessment.target()),
                    assessment.yearValue(), assessment.targetLevel(), assessment.computed(), assessment.result(),
                    assessment.deviationsConsidered().stream().map(DeviationView::of).toList(),
                    assessment.reasoning());
        }
    }

    record ProgressView(String agreementId, Instant asOf, int year, String jobcenterId, LocalDate inForceSince,
                        List<TargetProgressView> targets, List<DialogueDueView> schedule,
                        AssessmentView assessment) {
    }

    record TargetProgressView(String goalId, String targetId, IndicatorCode indicator, String name,
                              List<MonthView> months) {
    }

    /**
     * @param target                      the target as it stood at the end of the month
     * @param adjustedTargetLevel         the level shifted by the effects estimated for deviations (indicative)
     * @param statusConsideringDeviations the status against that level
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MonthView(String reportingMonth, QuantitativeTargetView target, ValueView yearToDate,
                     ValueView previousYearToDate, BigDecimal targetLevel, BigDecimal samePeriodTarget,
                     BigDecimal forecast, String forecastMethod, BigDecimal gap, Attainment.Status status,
                     String reason, List<DialogueDeviationView> deviations, BigDecimal adjustedTargetLevel,
                     Attainment.Status statusConsideringDeviations) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ValueView(BigDecimal percent, BigDecimal numerator, BigDecimal denominator, String notComputable) {

        static ValueView of(IndicatorResult result) {
            if (result instanceof IndicatorResult.Value v) {
                return new ValueView(v.percent(), v.numerator(), v.denominator(), null);
            }
            return new ValueView(null, null, null, ((IndicatorResult.NotComputable) result).reason());
        }
    }

    /** A deviation that bears on a target's month, with the dialogue that recorded it. */
    record DialogueDeviationView(String dialogueId, LocalDate dialogueDate, DeviationView deviation) {
    }
}
