package dev.zielmonitor.command.agreement;

import dev.zielmonitor.command.agreement.TargetAgreement.ConclusionOutcome;
import dev.zielmonitor.command.registry.JobcenterDirectory;
import dev.zielmonitor.command.reporting.RecordedFigures;
import dev.zielmonitor.events.agreement.FrozenMonth;
import dev.zielmonitor.events.agreement.TargetResult;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.failure.InvalidInput;
import dev.zielmonitor.events.agreement.AgreementParty;
import dev.zielmonitor.events.agreement.Deviation;
import dev.zielmonitor.events.agreement.Goal;
import dev.zielmonitor.events.agreement.GoalStatus;
import dev.zielmonitor.events.agreement.PartyRole;
import dev.zielmonitor.events.agreement.QuantitativeTarget;
import dev.zielmonitor.events.agreement.SubGoal;
import dev.zielmonitor.events.agreement.SubGoalKind;
import dev.zielmonitor.events.agreement.TargetType;
import dev.zielmonitor.events.common.IndicatorCode;
import dev.zielmonitor.events.common.JobcenterId;
import io.swagger.v3.oas.annotations.Operation;
import dev.zielmonitor.web.FreeText;
import dev.zielmonitor.web.SingleLine;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Writing target agreements: conclude, sign, revise a target, record progress, hold a steering dialogue. 400 with
 * problem+json naming the field for invalid input, 404 for an agreement never concluded, 409 for what contradicts
 * the agreement as recorded.
 */
@RestController
@RequestMapping("/api/agreements")
class AgreementController {

    private final CommandGateway commands;
    private final JobcenterDirectory jobcenters;
    private final RecordedFigures recordedFigures;

    AgreementController(CommandGateway commands, JobcenterDirectory jobcenters, RecordedFigures recordedFigures) {
        this.commands = commands;
        this.jobcenters = jobcenters;
        this.recordedFigures = recordedFigures;
    }

    @Operation(summary = "Conclude a target agreement",
            description = "201 when concluded, 200 when the same agreement exists, 409 when one with other content "
                    + "does (a concluded agreement changes by revising a target).")
    @PostMapping
    ResponseEntity<Outcome> conclude(@Valid @RequestBody ConcludeRequest request) {
        JobcenterId jobcenterId = JobcenterId.of(request.jobcenterId());
        if (!jobcenters.isRegistered(jobcenterId)) {
            throw InvalidInput.field("jobcenterId", "is not a registered Jobcenter");
        }
        String id = TargetAgreement.idOf(request.jobcenterId(), request.year());
        ConclusionOutcome outcome = commands.sendAndWait(new ConcludeTargetAgreementCommand(id, jobcenterId,
                request.year(), request.title(), request.parties().stream().map(PartyRequest::toParty).toList(),
                request.legalBasis(), request.preamble(), orEmpty(request.priorities()),
                orEmpty(request.referencedDocuments()), request.goals().stream().map(GoalRequest::toGoal).toList(),
                request.dialoguesPerYear() == null ? 2 : request.dialoguesPerYear(), request.closingProvisions()));
        Outcome body = new Outcome(id, outcome.name());
        return outcome == ConclusionOutcome.CONCLUDED
                ? ResponseEntity.created(URI.create("/api/agreements/" + id)).body(body)
                : ResponseEntity.ok(body);
    }

    @Operation(summary = "Sign an agreement for one party; in force when both have signed; 409 when signed twice")
    @PostMapping("/{agreementId}/signatures")
    Outcome sign(@PathVariable String agreementId, @Valid @RequestBody SignatureRequest request) {
        commands.sendAndWait(new SignTargetAgreementCommand(agreementId, request.party(), request.place(),
                request.date()));
        return new Outcome(agreementId, "SIGNED");
    }

    @Operation(summary = "Revise a target; the earlier target stays in the history")
    @PostMapping("/{agreementId}/targets/{targetId}/revisions")
    Outcome revise(@PathVariable String agreementId, @PathVariable String targetId,
                   @Valid @RequestBody RevisionRequest request) {
        commands.sendAndWait(new ReviseTargetCommand(agreementId, new QuantitativeTarget(targetId,
                request.indicator(), request.type(), request.value(), request.baseYear(), request.decimals()),
                request.reason(), request.dialogueId(), request.effectiveFrom()));
        return new Outcome(agreementId, "REVISED");
    }

    @Operation(summary = "Record where a qualitative goal, sub-goal or measure stands")
    @PostMapping("/{agreementId}/goals/{goalOrSubGoalId}/progress")
    Outcome progress(@PathVariable String agreementId, @PathVariable String goalOrSubGoalId,
                     @Valid @RequestBody ProgressRequest request) {
        commands.sendAndWait(new RecordGoalProgressCommand(agreementId, goalOrSubGoalId, request.status(),
                request.note(), request.date()));
        return new Outcome(agreementId, "PROGRESS_RECORDED");
    }

    @Operation(summary = "Record a steering dialogue: findings per goal, agreed actions, deviations in framework "
            + "conditions; 409 before both signatures or for a dialogue id used before")
    @PostMapping("/{agreementId}/steering-dialogues")
    Outcome holdDialogue(@PathVariable String agreementId, @Valid @RequestBody DialogueRequest request) {
        commands.sendAndWait(new HoldSteeringDialogueCommand(agreementId, request.dialogueId(), request.date(),
                request.participants(), request.findings() == null ? Map.of() : request.findings(),
                orEmpty(request.agreedActions()), request.deviations() == null ? List.of()
                : request.deviations().stream().map(DeviationRequest::toDeviation).toList()));
        return new Outcome(agreementId, "DIALOGUE_RECORDED");
    }

    @Operation(summary = "Assess the year's attainment once its December figures are final",
            description = "Judges every target on the December year-to-date value computed from the figures recorded "
                    + "now, which the event freezes. 409 before the December figures are final (data status at least "
                    + "three months after the year), or when assessed already; a result other than the computed one "
                    + "only as ACHIEVED_CONSIDERING_DEVIATIONS, with a deviation on record and reasoning.")
    @PostMapping("/{agreementId}/assessment")
    Outcome assess(@PathVariable String agreementId, @Valid @RequestBody AssessmentRequest request) {
        if (!agreementId.matches("\\d{5}-\\d{4}")) {
            throw new dev.zielmonitor.events.failure.NotFound("No agreement " + agreementId);
        }
        JobcenterId jobcenterId = JobcenterId.of(agreementId.substring(0, 5));
        int year = Integer.parseInt(agreementId.substring(6));
        // from January three years before: the base year's December value needs the December before it
        List<FrozenMonth> figures = recordedFigures.current(jobcenterId, ReportingMonth.of(year - 3, 1),
                ReportingMonth.of(year, 12));
        Map<String, AssessTargetAttainmentCommand.Judgement> judgements = new java.util.LinkedHashMap<>();
        if (request.judgements() != null) {
            request.judgements().forEach((targetId, judgement) -> judgements.put(targetId,
                    new AssessTargetAttainmentCommand.Judgement(judgement.result(), judgement.reasoning())));
        }
        commands.sendAndWait(new AssessTargetAttainmentCommand(agreementId, request.assessedOn(), judgements,
                request.reasoning(), figures));
        return new Outcome(agreementId, "ASSESSED");
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    record Outcome(String agreementId, String outcome) {
    }

    /** Bounds of a target's value: percentages, percentage points and counts, each far inside (issue 17). */
    static final String MAX_VALUE = "1000000000";
    static final String MIN_VALUE = "-1000000000";

    record ConcludeRequest(
            @NotBlank @Pattern(regexp = "\\d{5}", message = "must be the 5-digit official district key")
            String jobcenterId,
            @Min(2005) @Max(2100) int year,
            @NotBlank @Size(max = 500) @SingleLine String title,
            @NotNull @Size(min = 2, max = 2) List<@Valid @NotNull PartyRequest> parties,
            @NotBlank @Size(max = 500) @SingleLine String legalBasis,
            @Size(max = 20000) @FreeText String preamble,
            @Size(max = 50) List<@NotBlank @Size(max = 20000) @FreeText String> priorities,
            @Size(max = 50) List<@NotBlank @Size(max = 1000) @SingleLine String> referencedDocuments,
            @NotEmpty @Size(max = 50) List<@Valid @NotNull GoalRequest> goals,
            @Min(1) @Max(12) Integer dialoguesPerYear,
            @Size(max = 20000) @FreeText String closingProvisions) {
    }

    record PartyRequest(@NotNull PartyRole role, @NotBlank @Size(max = 500) @SingleLine String organisation,
                        @NotBlank @Size(max = 200) @SingleLine String representativeOffice,
                        @NotBlank @Size(max = 200) @SingleLine String representativeName) {
        AgreementParty toParty() {
            return new AgreementParty(role, organisation.strip(), representativeOffice.strip(),
                    representativeName.strip());
        }
    }

    record GoalRequest(@NotBlank @Size(max = 20) @SingleLine String goalId,
                       @NotBlank @Size(max = 500) @SingleLine String title,
                       @Size(max = 20000) @FreeText String description,
                       @Size(max = 50) List<@Valid @NotNull TargetRequest> targets,
                       @Size(max = 100) List<@Valid @NotNull SubGoalRequest> subGoals) {
        Goal toGoal() {
            return new Goal(goalId, title, description, orEmpty(targets).stream().map(TargetRequest::toTarget).toList(),
                    orEmpty(subGoals).stream().map(SubGoalRequest::toSubGoal).toList());
        }
    }

    record TargetRequest(@NotBlank @Size(max = 40) @SingleLine String targetId, @NotNull IndicatorCode indicator,
                         @NotNull TargetType type,
                         @Digits(integer = 10, fraction = 6) @DecimalMin(MIN_VALUE) @DecimalMax(MAX_VALUE)
                         BigDecimal value,
                         @Min(2005) @Max(2100) Integer baseYear, @Min(0) @Max(4) Integer decimals) {
        QuantitativeTarget toTarget() {
            return new QuantitativeTarget(targetId, indicator, type, value, baseYear, decimals == null ? 2 : decimals);
        }
    }

    record SubGoalRequest(@NotBlank @Size(max = 40) @SingleLine String subGoalId, @NotNull SubGoalKind kind,
                          @NotBlank @Size(max = 500) @SingleLine String title, @Size(max = 20000) @FreeText String text,
                          @Size(max = 20) List<@NotNull IndicatorCode> linkedIndicators, LocalDate until) {
        SubGoal toSubGoal() {
            return new SubGoal(subGoalId, kind, title, text, linkedIndicators, until);
        }
    }

    record SignatureRequest(@NotNull PartyRole party, @NotBlank @Size(max = 200) @SingleLine String place,
                            @NotNull LocalDate date) {
    }

    record RevisionRequest(@NotNull IndicatorCode indicator, @NotNull TargetType type,
                           @Digits(integer = 10, fraction = 6) @DecimalMin(MIN_VALUE) @DecimalMax(MAX_VALUE)
                           BigDecimal value,
                           @Min(2005) @Max(2100) Integer baseYear, @Min(0) @Max(4) int decimals,
                           @NotBlank @Size(max = 5000) @FreeText String reason,
                           @Size(max = 40) @SingleLine String dialogueId, @NotNull LocalDate effectiveFrom) {
    }

    record ProgressRequest(@NotNull GoalStatus status, @Size(max = 5000) @FreeText String note,
                           @NotNull LocalDate date) {
    }

    record DialogueRequest(@NotBlank @Size(max = 40) @SingleLine String dialogueId, @NotNull LocalDate date,
                           @NotEmpty @Size(max = 100) List<@NotBlank @Size(max = 500) @SingleLine String> participants,
                           @Size(max = 50) Map<@Size(max = 20) @SingleLine String,
                                   @NotBlank @Size(max = 20000) @FreeText String> findings,
                           @Size(max = 100) List<@NotBlank @Size(max = 5000) @FreeText String> agreedActions,
                           @Size(max = 100) List<@Valid @NotNull DeviationRequest> deviations) {
    }

    record AssessmentRequest(@NotNull LocalDate assessedOn, @NotBlank @Size(max = 20000) @FreeText String reasoning,
                             @Size(max = 100) Map<@Size(max = 40) @SingleLine String,
                                     @Valid @NotNull JudgementRequest> judgements) {
    }

    record JudgementRequest(TargetResult result, @Size(max = 20000) @FreeText String reasoning) {
    }

    record DeviationRequest(@NotBlank @Size(max = 5000) @FreeText String description,
                            @Size(max = 20) List<@NotNull IndicatorCode> affectedIndicators,
                            @Digits(integer = 10, fraction = 6) @DecimalMin(MIN_VALUE) @DecimalMax(MAX_VALUE)
                            BigDecimal estimatedEffect) {
        Deviation toDeviation() {
            return new Deviation(description, affectedIndicators, estimatedEffect);
        }
    }
}
