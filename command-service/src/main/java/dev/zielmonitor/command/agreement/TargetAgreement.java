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
import dev.zielmonitor.indicators.Attainment;
import dev.zielmonitor.indicators.FigureSource;
import dev.zielmonitor.indicators.Gender;
import dev.zielmonitor.indicators.IndicatorEngine;
import dev.zielmonitor.indicators.IndicatorResult;
import dev.zielmonitor.events.agreement.Goal;
import dev.zielmonitor.events.agreement.GoalProgressRecordedEvent;
import dev.zielmonitor.events.agreement.PartyRole;
import dev.zielmonitor.events.agreement.QuantitativeTarget;
import dev.zielmonitor.events.agreement.SteeringDialogueHeldEvent;
import dev.zielmonitor.events.agreement.SubGoal;
import dev.zielmonitor.events.agreement.TargetAgreementConcludedEvent;
import dev.zielmonitor.events.agreement.TargetAgreementInForceEvent;
import dev.zielmonitor.events.agreement.TargetAgreementSignedEvent;
import dev.zielmonitor.events.agreement.TargetRevisedEvent;
import dev.zielmonitor.events.agreement.TargetType;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A target agreement of one Jobcenter for one year. Concluding is idempotent (the same content again changes
 * nothing; other content is refused: a concluded agreement changes only by revising a target). It is in force when
 * both parties have signed, each once. Targets are revised, dialogues held and progress recorded against the goals
 * and targets it names.
 */
@Aggregate
class TargetAgreement {

    @AggregateIdentifier
    private String agreementId;
    private TargetAgreementConcludedEvent concluded;
    private int year;
    private final Map<PartyRole, LocalDate> signatures = new EnumMap<>(PartyRole.class);
    private final Map<String, QuantitativeTarget> targets = new HashMap<>();
    private final Set<String> goalAndSubGoalIds = new HashSet<>();
    private final Set<String> goalIds = new HashSet<>();
    private final Set<String> dialogueIds = new HashSet<>();
    private final List<SteeringDialogueHeldEvent> dialogues = new ArrayList<>();
    private final Map<String, List<TargetRevisedEvent>> revisions = new HashMap<>();
    private final Map<String, QuantitativeTarget> concludedTargets = new LinkedHashMap<>();
    private LocalDate assessedOn;

    TargetAgreement() {
        // for Axon
    }

    /** The id of the agreement of a Jobcenter and year. */
    static String idOf(String jobcenterId, int year) {
        return jobcenterId + "-" + year;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    ConclusionOutcome handle(ConcludeTargetAgreementCommand command) {
        if (!command.agreementId().equals(idOf(command.jobcenterId().value(), command.year()))) {
            throw InvalidInput.field("agreementId", "must be <jobcenter id>-<year>");
        }
        TargetAgreementConcludedEvent wanted = new TargetAgreementConcludedEvent(command.agreementId(),
                command.jobcenterId(), command.year(), command.title(), command.parties(), command.legalBasis(),
                command.preamble(), command.priorities(), command.referencedDocuments(), command.goals(),
                command.dialoguesPerYear(), command.closingProvisions());
        if (concluded != null) {
            if (concluded.equals(wanted)) {
                return ConclusionOutcome.ALREADY_CONCLUDED;
            }
            throw new AgreementConflictException("agreement " + agreementId + " is already concluded with other "
                    + "content; a concluded agreement changes only by revising a target");
        }
        checkParties(command.parties());
        checkGoals(command.goals(), command.year());
        apply(wanted);
        return ConclusionOutcome.CONCLUDED;
    }

    @CommandHandler
    void handle(SignTargetAgreementCommand command) {
        LocalDate earlier = signatures.get(command.party());
        if (earlier != null) {
            throw new AgreementConflictException("agreement " + agreementId + " is already signed by the "
                    + command.party() + " (on " + earlier + ")");
        }
        apply(new TargetAgreementSignedEvent(agreementId, command.party(), command.place(), command.date()));
        if (signatures.size() == PartyRole.values().length) {
            LocalDate since = signatures.values().stream().max(LocalDate::compareTo).orElseThrow();
            apply(new TargetAgreementInForceEvent(agreementId, since));
        }
    }

    @CommandHandler
    void handle(ReviseTargetCommand command) {
        QuantitativeTarget revised = command.target();
        QuantitativeTarget current = targets.get(revised.targetId());
        if (current == null) {
            throw InvalidInput.field("target.targetId", "names no target of agreement " + agreementId
                    + " (targets: " + targets.keySet().stream().sorted().toList() + ")");
        }
        if (revised.indicator() != current.indicator()) {
            throw InvalidInput.field("target.indicator", "must stay " + current.indicator()
                    + "; a target on another indicator is a new agreement, not a revision");
        }
        checkTarget(revised, "target", year);
        if (command.dialogueId() != null && !dialogueIds.contains(command.dialogueId())) {
            throw InvalidInput.field("dialogueId", "names no steering dialogue of agreement " + agreementId);
        }
        if (revised.equals(current)) {
            throw new AgreementConflictException("target " + revised.targetId() + " already stands so");
        }
        apply(new TargetRevisedEvent(agreementId, revised, command.reason(), command.dialogueId(),
                command.effectiveFrom()));
    }

    @CommandHandler
    void handle(RecordGoalProgressCommand command) {
        if (!goalAndSubGoalIds.contains(command.goalOrSubGoalId())) {
            throw InvalidInput.field("goalOrSubGoalId", "names no goal, sub-goal or measure of agreement "
                    + agreementId);
        }
        apply(new GoalProgressRecordedEvent(agreementId, command.goalOrSubGoalId(), command.status(),
                command.note(), command.date()));
    }

    @CommandHandler
    void handle(HoldSteeringDialogueCommand command) {
        if (signatures.size() < PartyRole.values().length) {
            throw new AgreementConflictException("agreement " + agreementId + " is not in force (signed by "
                    + signatures.keySet() + "); steering dialogues follow the signatures");
        }
        if (dialogueIds.contains(command.dialogueId())) {
            throw new AgreementConflictException("steering dialogue " + command.dialogueId() + " is already recorded");
        }
        if (command.date().getYear() < year || command.date().getYear() > year + 1) {
            throw InvalidInput.field("date", "must be in " + year + " or, for a closing dialogue, "
                    + (year + 1));
        }
        for (String goal : command.findings().keySet()) {
            if (!goalIds.contains(goal)) {
                throw InvalidInput.field("findings." + goal, "names no goal of agreement " + agreementId);
            }
        }
        apply(new SteeringDialogueHeldEvent(agreementId, command.dialogueId(), command.date(),
                command.participants(), command.findings(), command.agreedActions(), command.deviations()));
    }

    /**
     * Judges every target on the December year-to-date value computed from the figures in the command, which are
     * frozen into the event. Only once the December figures are final: their data status at least three months
     * after the year (T-3, domain.md), else a conflict; a provisional assessment is not offered.
     */
    @CommandHandler
    void handle(AssessTargetAttainmentCommand command) {
        if (signatures.size() < PartyRole.values().length) {
            throw new AgreementConflictException("agreement " + agreementId + " is not in force; nothing to assess");
        }
        if (assessedOn != null) {
            throw new AgreementConflictException("agreement " + agreementId + " was assessed on " + assessedOn);
        }
        LocalDate finalFrom = LocalDate.of(year + 1, 3, 31);
        ReportingMonth december = ReportingMonth.of(year, 12);
        FrozenMonth decemberFigures = command.figures().stream().filter(m -> m.month().equals(december))
                .findFirst().orElseThrow(() -> new AgreementConflictException("there are no figures for "
                        + december + " yet; the year is assessed once they are final (data status from "
                        + finalFrom + ")"));
        if (decemberFigures.dataStatus().isBefore(finalFrom)) {
            throw new AgreementConflictException("the figures for " + december + " are not final: data status "
                    + decemberFigures.dataStatus() + ", final from " + finalFrom + " (three months after the year)");
        }
        for (String targetId : command.judgements().keySet()) {
            if (!concludedTargets.containsKey(targetId)) {
                throw InvalidInput.field("judgements." + targetId, "names no target of agreement "
                        + agreementId);
            }
        }
        Map<ReportingMonth, Map<FigureCode, Figure>> byMonth = new HashMap<>();
        command.figures().forEach(m -> byMonth.put(m.month(), m.figures()));
        FigureSource figures = FigureSource.of(byMonth);
        Attainment attainment = new Attainment(BigDecimal.ZERO);
        IndicatorEngine engine = new IndicatorEngine();
        List<TargetAssessment> assessments = new ArrayList<>();
        for (QuantitativeTarget concludedTarget : concludedTargets.values()) {
            QuantitativeTarget target = TargetRevisedEvent.standingOn(concludedTarget,
                    revisions.getOrDefault(concludedTarget.targetId(), List.of()), december.lastDay());
            List<Deviation> deviations = dialogues.stream().filter(d -> d.date().getYear() <= year + 1)
                    .flatMap(d -> d.deviations().stream())
                    .filter(d -> d.affectedIndicators().contains(target.indicator())).toList();
            AssessTargetAttainmentCommand.Judgement judgement = command.judgements().get(target.targetId());
            String field = "judgements." + target.targetId() + ".result";
            BigDecimal level = null;
            BigDecimal value;
            TargetResult computed;
            if (target.type() == TargetType.MONITORING) {
                value = engine.yearToDate(target.indicator(), december, Gender.TOTAL, figures)
                        instanceof IndicatorResult.Value v ? v.percent() : null;
                computed = TargetResult.MONITORED;
            } else {
                Attainment.Progress progress = attainment.progress(target, december, figures);
                if (progress.status() == Attainment.Status.NOT_COMPUTABLE) {
                    throw new AgreementConflictException("target " + target.targetId() + " cannot be judged: "
                            + progress.reason());
                }
                value = ((IndicatorResult.Value) progress.yearToDate()).percent();
                level = progress.targetLevel();
                computed = progress.status() == Attainment.Status.ON_TRACK ? TargetResult.ACHIEVED
                        : TargetResult.NOT_ACHIEVED;
            }
            TargetResult result = judgement == null || judgement.result() == null ? computed : judgement.result();
            if (result != computed) {
                if (result != TargetResult.ACHIEVED_CONSIDERING_DEVIATIONS || computed != TargetResult.NOT_ACHIEVED) {
                    throw InvalidInput.field(field, "must be " + computed + " as the figures say (" + value
                            + " against " + level + "), or ACHIEVED_CONSIDERING_DEVIATIONS for a missed target");
                }
                if (deviations.isEmpty()) {
                    throw InvalidInput.field(field, "needs a deviation recorded for "
                            + target.indicator() + " in a steering dialogue");
                }
                if (judgement.reasoning() == null || judgement.reasoning().isBlank()) {
                    throw InvalidInput.field("judgements." + target.targetId() + ".reasoning",
                            "is required when deviations decide the result");
                }
            }
            assessments.add(new TargetAssessment(target.targetId(), target, value, level, computed, result,
                    deviations, judgement == null ? null : judgement.reasoning()));
        }
        apply(new TargetAttainmentAssessedEvent(agreementId, command.assessedOn(), assessments, command.reasoning(),
                command.figures()));
    }

    private static void checkParties(List<AgreementParty> parties) {
        Set<PartyRole> roles = new HashSet<>();
        for (int i = 0; i < parties.size(); i++) {
            if (!roles.add(parties.get(i).role())) {
                throw InvalidInput.field("parties[" + i + "].role", "names a party a second time");
            }
        }
        if (roles.size() != PartyRole.values().length) {
            throw InvalidInput.field("parties", "must name the ministry and the Jobcenter, once each");
        }
    }

    private static void checkGoals(List<Goal> goals, int year) {
        Set<String> ids = new HashSet<>();
        for (int g = 0; g < goals.size(); g++) {
            Goal goal = goals.get(g);
            if (!ids.add(goal.goalId())) {
                throw InvalidInput.field("goals[" + g + "].goalId", "is used twice: " + goal.goalId());
            }
            for (int t = 0; t < goal.targets().size(); t++) {
                QuantitativeTarget target = goal.targets().get(t);
                String field = "goals[" + g + "].targets[" + t + "]";
                if (!ids.add(target.targetId())) {
                    throw InvalidInput.field(field + ".targetId", "is used twice: " + target.targetId());
                }
                checkTarget(target, field, year);
            }
            for (int s = 0; s < goal.subGoals().size(); s++) {
                SubGoal subGoal = goal.subGoals().get(s);
                if (!ids.add(subGoal.subGoalId())) {
                    throw InvalidInput.field("goals[" + g + "].subGoals[" + s + "].subGoalId",
                            "is used twice: " + subGoal.subGoalId());
                }
            }
        }
    }

    /** What a target's type demands of its value and base year (domain.md, "Targets"). */
    private static void checkTarget(QuantitativeTarget target, String field, int year) {
        if (target.type() == TargetType.MONITORING) {
            if (target.value() != null) {
                throw InvalidInput.field(field + ".value", "must be empty for a MONITORING target");
            }
            return;
        }
        if (target.value() == null) {
            throw InvalidInput.field(field + ".value", "is required for a " + target.type() + " target");
        }
        boolean comparesYears = target.type() == TargetType.RELATIVE_CHANGE || target.type() == TargetType.MAX_CHANGE;
        if (comparesYears && (target.baseYear() == null || target.baseYear() >= year)) {
            throw InvalidInput.field(field + ".baseYear", "must be a year before " + year + " for a "
                    + target.type() + " target");
        }
        if (target.decimals() < 0 || target.decimals() > 4) {
            throw InvalidInput.field(field + ".decimals", "must be 0 to 4");
        }
    }

    @EventSourcingHandler
    void on(TargetAgreementConcludedEvent event) {
        agreementId = event.agreementId();
        concluded = event;
        year = event.year();
        for (Goal goal : event.goals()) {
            goalIds.add(goal.goalId());
            goalAndSubGoalIds.add(goal.goalId());
            goal.targets().forEach(target -> {
                targets.put(target.targetId(), target);
                concludedTargets.put(target.targetId(), target);
            });
            goal.subGoals().forEach(subGoal -> goalAndSubGoalIds.add(subGoal.subGoalId()));
        }
    }

    @EventSourcingHandler
    void on(TargetAgreementSignedEvent event) {
        signatures.put(event.party(), event.date());
    }

    @EventSourcingHandler
    void on(TargetRevisedEvent event) {
        targets.put(event.target().targetId(), event.target());
        revisions.computeIfAbsent(event.target().targetId(), id -> new ArrayList<>()).add(event);
    }

    @EventSourcingHandler
    void on(SteeringDialogueHeldEvent event) {
        dialogueIds.add(event.dialogueId());
        dialogues.add(event);
    }

    @EventSourcingHandler
    void on(TargetAttainmentAssessedEvent event) {
        assessedOn = event.assessedOn();
    }

    enum ConclusionOutcome { CONCLUDED, ALREADY_CONCLUDED }
}
