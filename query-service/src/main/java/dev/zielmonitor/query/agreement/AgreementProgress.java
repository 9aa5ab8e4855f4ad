package dev.zielmonitor.query.agreement;

import dev.zielmonitor.events.agreement.Goal;
import dev.zielmonitor.events.agreement.QuantitativeTarget;
import dev.zielmonitor.events.agreement.SteeringDialogueHeldEvent;
import dev.zielmonitor.events.common.IndicatorCode;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.indicators.Attainment;
import dev.zielmonitor.indicators.FigureSource;
import dev.zielmonitor.query.reporting.FigureVersions;
import dev.zielmonitor.events.failure.InvalidInput;
import dev.zielmonitor.events.failure.NotFound;
import dev.zielmonitor.query.agreement.AgreementViews.AssessmentView;
import dev.zielmonitor.query.agreement.AgreementViews.DeviationView;
import dev.zielmonitor.query.agreement.AgreementViews.DialogueDeviationView;
import dev.zielmonitor.query.agreement.AgreementViews.MonthView;
import dev.zielmonitor.query.agreement.AgreementViews.ProgressView;
import dev.zielmonitor.query.agreement.AgreementViews.QuantitativeTargetView;
import dev.zielmonitor.query.agreement.AgreementViews.TargetProgressView;
import dev.zielmonitor.query.agreement.AgreementViews.ValueView;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An agreement's progress as known at an instant: per target and month the year-to-date value against the target as
 * it stood, with forecast, status and the deviations recorded in steering dialogues, and the months each value read.
 * Used by the agreement endpoints, the audit package and the dashboard's overview.
 */
@Component
class AgreementProgress {

    /** Dates of the agreement world (signatures, dialogues, revisions) are German calendar dates. */
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final Agreements agreements;
    private final FigureVersions versions;
    private final Attainment attainment;

    AgreementProgress(Agreements agreements, FigureVersions versions, AttainmentProperties properties) {
        this.agreements = agreements;
        this.versions = versions;
        this.attainment = new Attainment(properties.atRiskTolerance());
    }

    /** The progress and, per target and month, the months whose figures it read. */
    record Computed(ProgressView view, List<List<Set<ReportingMonth>>> read) {
    }

    Computed compute(String agreementId, Instant knownAt) {
        Agreements.Agreement agreement = find(agreementId, knownAt);
        int year = agreement.content().year();
        String jobcenterId = agreement.content().jobcenterId().value();
        int earliestBase = agreement.content().goals().stream().flatMap(g -> g.targets().stream())
                .map(QuantitativeTarget::baseYear).filter(Objects::nonNull).min(Integer::compare).orElse(year - 1);
        Map<ReportingMonth, Map<FigureCode, Figure>> figures = new HashMap<>();
        versions.asOf(jobcenterId, ReportingMonth.of(Math.min(earliestBase, year - 1) - 1, 1),
                ReportingMonth.of(year, 12), knownAt).forEach(v -> figures.put(v.month(), v.figures()));
        FigureSource known = FigureSource.of(figures);

        List<TargetProgressView> targets = new ArrayList<>();
        List<List<Set<ReportingMonth>>> reads = new ArrayList<>();
        for (Goal goal : agreement.content().goals()) {
            for (QuantitativeTarget concluded : goal.targets()) {
                List<MonthView> months = new ArrayList<>();
                List<Set<ReportingMonth>> targetReads = new ArrayList<>();
                for (int m = 1; m <= 12; m++) {
                    ReportingMonth month = ReportingMonth.of(year, m);
                    Set<ReportingMonth> read = new TreeSet<>();
                    FigureSource source = (figure, sourceMonth, gender) -> {
                        read.add(sourceMonth);
                        return known.value(figure, sourceMonth, gender);
                    };
                    QuantitativeTarget target = agreement.targetOn(concluded, month.lastDay());
                    Attainment.Progress p = attainment.progress(target, month, source);
                    List<DialogueDeviationView> deviations = deviations(agreement, target.indicator(), month.lastDay());
                    BigDecimal effect = deviations.stream().map(d -> d.deviation().estimatedEffect())
                            .filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
                    BigDecimal adjusted = p.targetLevel() == null || effect.signum() == 0 ? null
                            : p.targetLevel().add(effect);
                    Attainment.Status considering = adjusted == null || p.forecast() == null ? null
                            : attainment.statusAgainst(p.forecast(), adjusted, target.indicator());
                    months.add(new MonthView(month.toString(),
                            QuantitativeTargetView.of(target), ValueView.of(p.yearToDate()),
                            ValueView.of(p.previousYearToDate()), p.targetLevel(), p.samePeriodTarget(), p.forecast(),
                            p.forecastMethod(), p.gap(), p.status(), p.reason(), deviations, adjusted, considering));
                    targetReads.add(read);
                }
                targets.add(new TargetProgressView(goal.goalId(), concluded.targetId(), concluded.indicator(),
                        concluded.indicator().germanName(), months));
                reads.add(targetReads);
            }
        }
        return new Computed(new ProgressView(agreementId, knownAt, year, jobcenterId, agreement.inForceSince(),
                targets, agreement.schedule(LocalDate.ofInstant(knownAt, BERLIN)), AssessmentView.of(agreement)), reads);
    }

    Agreements.Agreement find(String agreementId, Instant knownAt) {
        if (!agreementId.matches("\\d{5}-\\d{4}")) {
            throw InvalidInput.parameter("agreementId", "must be <jobcenter id>-<year>, e.g. 05122-2014");
        }
        return agreements.asOf(agreementId, knownAt).orElseThrow(() -> new NotFound(
                "No agreement " + agreementId + " was known at " + knownAt));
    }

    /** The deviations recorded in dialogues held by {@code until} that name {@code indicator}. */
    private static List<DialogueDeviationView> deviations(Agreements.Agreement agreement, IndicatorCode indicator,
                                                  LocalDate until) {
        List<DialogueDeviationView> found = new ArrayList<>();
        for (SteeringDialogueHeldEvent dialogue : agreement.dialogues()) {
            if (!dialogue.date().isAfter(until)) {
                dialogue.deviations().stream().filter(d -> d.affectedIndicators().contains(indicator))
                        .forEach(d -> found.add(new DialogueDeviationView(dialogue.dialogueId(),
                                dialogue.date(), DeviationView.of(d))));
            }
        }
        return found;
    }

}
