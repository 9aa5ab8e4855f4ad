package dev.zielmonitor.query.agreement;

import dev.zielmonitor.access.Caller;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.zielmonitor.events.agreement.Deviation;
import dev.zielmonitor.events.agreement.Goal;
import dev.zielmonitor.events.agreement.GoalProgressRecordedEvent;
import dev.zielmonitor.events.agreement.QuantitativeTarget;
import dev.zielmonitor.events.agreement.SteeringDialogueHeldEvent;
import dev.zielmonitor.events.agreement.TargetAgreementSignedEvent;
import dev.zielmonitor.events.common.IndicatorCode;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.indicators.Attainment;
import dev.zielmonitor.query.audit.ChangeReports;
import dev.zielmonitor.query.registry.JobcenterIds;
import dev.zielmonitor.events.failure.InvalidInput;
import dev.zielmonitor.events.failure.NotFound;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Target agreements as known at {@code asOf} (default now): the list, one agreement whole, and its progress: per
 * target and month the year-to-date value against the target as it stood, with forecast, status and the deviations
 * recorded in steering dialogues (docs/agreements.md).
 */
@RestController
class AgreementQueryController {

    private final Agreements agreements;
    private final AgreementProgress progress;
    private final ChangeReports changeReports;

    AgreementQueryController(Agreements agreements, AgreementProgress progress, ChangeReports changeReports) {
        this.agreements = agreements;
        this.progress = progress;
        this.changeReports = changeReports;
    }

    @GetMapping("/api/agreements")
    List<Agreements.Summary> list(@RequestParam(required = false) Integer year,
                                  @RequestParam(required = false) String jobcenterId,
                                  @RequestParam(required = false) Instant asOf) {
        if (year != null && (year < 2005 || year > 2100)) {
            throw InvalidInput.parameter("year", "must be a year from 2005 to 2100");
        }
        String jobcenter = jobcenterId == null ? null : JobcenterIds.checked(jobcenterId);
        Caller caller = Caller.current().orElseThrow();
        if (caller.limitedToOwnJobcenter()) {
            // a Jobcenter user lists its own Jobcenter's agreements, whether it names it or not
            if (caller.jobcenterId() == null || (jobcenter != null && !caller.mayRead(jobcenter))) {
                throw new AccessDeniedException("A Jobcenter user reads only its own Jobcenter's agreements");
            }
            jobcenter = caller.jobcenterId();
        }
        return agreements.list(year, jobcenter, asOf == null ? Instant.now() : asOf);
    }

    @GetMapping("/api/agreements/{agreementId}")
    AgreementView agreement(@PathVariable String agreementId, @RequestParam(required = false) Instant asOf) {
        Instant knownAt = asOf == null ? Instant.now() : asOf;
        Agreements.Agreement agreement = progress.find(agreementId, knownAt);
        LocalDate date = LocalDate.ofInstant(knownAt, AgreementProgress.BERLIN);
        List<TargetView> targets = new ArrayList<>();
        for (Goal goal : agreement.content().goals()) {
            for (QuantitativeTarget target : goal.targets()) {
                targets.add(new TargetView(goal.goalId(), target.targetId(), agreement.targetOn(target, date), target,
                        agreement.revisions().getOrDefault(target.targetId(), List.of())));
            }
        }
        return new AgreementView(agreementId, knownAt, agreement.content().jobcenterId().value(),
                agreement.content().year(), agreement.concludedAt(), agreement.signatures(), agreement.inForceSince(),
                agreement.content(), targets, agreement.dialogues(), agreement.progress(), agreement.schedule(date),
                AgreementProgress.assessment(agreement));
    }

    @GetMapping("/api/agreements/{agreementId}/progress")
    ProgressView progress(@PathVariable String agreementId, @RequestParam(required = false) Instant asOf) {
        return progress.compute(agreementId, asOf == null ? Instant.now() : asOf).view();
    }

    /**
     * Every value of the progress that differs between what was known at {@code from} and at {@code to} (default
     * now): year-to-date values, target levels, forecasts, gaps, statuses; each with the old and the new value
     * and the events recorded in between that it depends on (figures of the months it reads, late or corrected;
     * the agreement's own events such as a target revision or an assessment).
     */
    @GetMapping("/api/agreements/{agreementId}/progress/changes")
    ChangeReports.Report changes(@PathVariable String agreementId, @RequestParam(required = false) Instant from,
                                 @RequestParam(required = false) Instant to) {
        ChangeReports.checkInterval(from, to);
        Instant until = to == null ? Instant.now() : to;
        AgreementProgress.Computed after = progress.compute(agreementId, until);
        AgreementProgress.Computed before;
        try {
            before = progress.compute(agreementId, from);
        } catch (NotFound notYetConcluded) {
            before = null;
        }
        List<ChangeReports.Change> changes = new ArrayList<>();
        for (int t = 0; t < after.view().targets().size(); t++) {
            TargetProgressView now = after.view().targets().get(t);
            for (int m = 0; m < now.months().size(); m++) {
                MonthView newMonth = now.months().get(m);
                MonthView oldMonth = before == null ? null : before.view().targets().get(t).months().get(m);
                List<String> differing = oldMonth == null ? PROGRESS_VALUES
                        : changeReports.differing(oldMonth, newMonth, PROGRESS_VALUES);
                if (differing.isEmpty()) {
                    continue;
                }
                Set<ReportingMonth> read = new TreeSet<>(after.read().get(t).get(m));
                if (before != null) {
                    read.addAll(before.read().get(t).get(m));
                }
                List<ChangeReports.Cause> causes = changeReports.causes(after.view().jobcenterId(), read,
                        List.of(agreementId), from, until);
                for (String value : differing) {
                    changes.add(new ChangeReports.Change(newMonth.reportingMonth(), now.targetId(), value,
                            oldMonth == null ? null : changeReports.tree(oldMonth, value),
                            changeReports.tree(newMonth, value), causes));
                }
            }
        }
        return new ChangeReports.Report(agreementId, from, until, changes);
    }

    private static final List<String> PROGRESS_VALUES = List.of("target", "yearToDate", "targetLevel", "forecast",
            "gap", "status", "adjustedTargetLevel", "statusConsideringDeviations");

    /**
     * @param targets  each target as it stands at {@code asOf}, as concluded, and its revisions
     * @param schedule the dialogues expected in the year, with the one held in time or {@code overdue}
     */
    record AgreementView(String agreementId, Instant asOf, String jobcenterId, int year, Instant concludedAt,
                         List<TargetAgreementSignedEvent> signatures, LocalDate inForceSince,
                         dev.zielmonitor.events.agreement.TargetAgreementConcludedEvent content,
                         List<TargetView> targets, List<SteeringDialogueHeldEvent> steeringDialogues,
                         Map<String, List<GoalProgressRecordedEvent>> goalProgress,
                         List<Agreements.DialogueDue> schedule, AssessmentView assessment) {
    }

    /** The assessment without the frozen figures, which it names by month and data status only. */
    record AssessmentView(LocalDate assessedOn, String reasoning,
                          List<dev.zielmonitor.events.agreement.TargetAssessment> targets,
                          Map<String, LocalDate> figuresJudged) {
    }

    record TargetView(String goalId, String targetId, QuantitativeTarget current, QuantitativeTarget concluded,
                      List<Agreements.Revision> revisions) {
    }

    record ProgressView(String agreementId, Instant asOf, int year, String jobcenterId, LocalDate inForceSince,
                        List<TargetProgressView> targets, List<Agreements.DialogueDue> schedule,
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
    record MonthView(String reportingMonth, QuantitativeTarget target, ValueView yearToDate,
                     ValueView previousYearToDate, BigDecimal targetLevel, BigDecimal samePeriodTarget,
                     BigDecimal forecast, String forecastMethod, BigDecimal gap, Attainment.Status status,
                     String reason, List<DeviationView> deviations, BigDecimal adjustedTargetLevel,
                     Attainment.Status statusConsideringDeviations) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ValueView(BigDecimal percent, BigDecimal numerator, BigDecimal denominator, String notComputable) {
    }

    record DeviationView(String dialogueId, LocalDate dialogueDate, Deviation deviation) {
    }
}
