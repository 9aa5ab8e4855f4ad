package dev.zielmonitor.query.agreement;

import dev.zielmonitor.query.web.Stand;
import dev.zielmonitor.access.Caller;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.query.agreement.AgreementViews.AgreementView;
import dev.zielmonitor.query.agreement.AgreementViews.MonthView;
import dev.zielmonitor.query.agreement.AgreementViews.ProgressView;
import dev.zielmonitor.query.agreement.AgreementViews.SummaryView;
import dev.zielmonitor.query.agreement.AgreementViews.TargetProgressView;
import dev.zielmonitor.query.audit.ChangeReports;
import dev.zielmonitor.query.registry.JobcenterIds;
import dev.zielmonitor.events.failure.InvalidInput;
import dev.zielmonitor.events.failure.NotFound;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    List<SummaryView> list(@RequestParam(required = false) Integer year,
                                  @RequestParam(required = false) String jobcenterId,
                                  Stand stand) {
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
        return agreements.list(year, jobcenter, stand.instant());
    }

    @GetMapping("/api/agreements/{agreementId}")
    AgreementView agreement(@PathVariable String agreementId, Stand stand) {
        Instant knownAt = stand.instant();
        return AgreementView.of(agreementId, knownAt, progress.find(agreementId, knownAt));
    }

    @GetMapping("/api/agreements/{agreementId}/progress")
    ProgressView progress(@PathVariable String agreementId, Stand stand) {
        return progress.compute(agreementId, stand.instant()).view();
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
}
