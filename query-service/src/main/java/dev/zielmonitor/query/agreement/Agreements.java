package dev.zielmonitor.query.agreement;

import dev.zielmonitor.events.agreement.GoalProgressRecordedEvent;
import dev.zielmonitor.events.agreement.QuantitativeTarget;
import dev.zielmonitor.events.agreement.SteeringDialogueHeldEvent;
import dev.zielmonitor.events.agreement.TargetAgreementConcludedEvent;
import dev.zielmonitor.events.agreement.TargetAgreementInForceEvent;
import dev.zielmonitor.events.agreement.TargetAgreementSignedEvent;
import dev.zielmonitor.events.agreement.TargetAttainmentAssessedEvent;
import dev.zielmonitor.events.agreement.TargetRevisedEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an agreement's history and folds it into the agreement as known at an instant: the read side's model,
 * which the endpoints answer as {@link AgreementViews}.
 */
@Component
class Agreements {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Agreements(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A target's revision as recorded (the API answers {@link AgreementViews.RevisionView}). */
    record Revision(QuantitativeTarget target, String reason, String dialogueId, LocalDate effectiveFrom,
                    Instant recordedAt, TargetRevisedEvent event) {
    }

    /** The agreement as known at {@code asOf}: what was concluded and everything recorded since. */
    record Agreement(TargetAgreementConcludedEvent content, Instant concludedAt, List<TargetAgreementSignedEvent> signatures,
                     LocalDate inForceSince, Map<String, List<Revision>> revisions,
                     List<SteeringDialogueHeldEvent> dialogues, Map<String, List<GoalProgressRecordedEvent>> progress,
                     TargetAttainmentAssessedEvent assessment) {

        /** The target as it stood on {@code date} ({@link TargetRevisedEvent#standingOn}). */
        QuantitativeTarget targetOn(QuantitativeTarget concluded, LocalDate date) {
            return TargetRevisedEvent.standingOn(concluded, revisions.getOrDefault(concluded.targetId(), List.of())
                    .stream().map(Revision::event).toList(), date);
        }

        /**
         * The dialogues the agreement expects, each due by the end of its share of the year (two a year: by 30 June
         * and by 31 December), with the one held as that number (by date), and whether it is overdue on
         * {@code date}: its day has passed and it was not held by then (a late one stays flagged, with its date).
         */
        List<AgreementViews.DialogueDueView> schedule(LocalDate date) {
            int expected = content.dialoguesPerYear();
            List<SteeringDialogueHeldEvent> byDate = dialogues.stream()
                    .sorted(Comparator.comparing(SteeringDialogueHeldEvent::date)).toList();
            List<AgreementViews.DialogueDueView> due = new ArrayList<>();
            for (int i = 1; i <= expected; i++) {
                LocalDate dueBy = YearMonth.of(content.year(), 12 * i / expected).atEndOfMonth();
                SteeringDialogueHeldEvent held = byDate.size() >= i ? byDate.get(i - 1) : null;
                boolean inTime = held != null && !held.date().isAfter(dueBy);
                due.add(new AgreementViews.DialogueDueView(i, dueBy, held == null ? null : held.dialogueId(),
                        held == null ? null : held.date(), !inTime && date.isAfter(dueBy)));
            }
            return due;
        }
    }

    List<AgreementViews.SummaryView> list(Integer year, String jobcenterId, Instant asOf) {
        return jdbc.sql("""
                        SELECT agreement_id, jobcenter_id, year, payload->>'title' AS title
                        FROM read_model.agreement_history
                        WHERE event_type = 'TargetAgreementConcludedEvent' AND recorded_at <= ?
                          AND (CAST(? AS INTEGER) IS NULL OR year = ?) AND (CAST(? AS TEXT) IS NULL OR jobcenter_id = ?)
                        ORDER BY year, jobcenter_id""")
                .params(Timestamp.from(asOf), year, year, jobcenterId, jobcenterId)
                .query((rs, n) -> new AgreementViews.SummaryView(rs.getString(1), rs.getString(2).strip(), rs.getInt(3),
                        rs.getString(4)))
                .list();
    }

    Optional<Agreement> asOf(String agreementId, Instant asOf) {
        List<Map.Entry<String, Map.Entry<Instant, String>>> rows = jdbc.sql("""
                        SELECT event_type, recorded_at, payload::text FROM read_model.agreement_history
                        WHERE agreement_id = ? AND recorded_at <= ? ORDER BY sequence""")
                .params(agreementId, Timestamp.from(asOf))
                .query((rs, n) -> Map.entry(rs.getString(1), Map.entry(rs.getTimestamp(2).toInstant(),
                        rs.getString(3))))
                .list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        TargetAgreementConcludedEvent content = null;
        Instant concludedAt = null;
        LocalDate inForce = null;
        List<TargetAgreementSignedEvent> signatures = new ArrayList<>();
        Map<String, List<Revision>> revisions = new LinkedHashMap<>();
        List<SteeringDialogueHeldEvent> dialogues = new ArrayList<>();
        Map<String, List<GoalProgressRecordedEvent>> progress = new LinkedHashMap<>();
        TargetAttainmentAssessedEvent assessment = null;
        for (Map.Entry<String, Map.Entry<Instant, String>> row : rows) {
            String payload = row.getValue().getValue();
            Instant at = row.getValue().getKey();
            switch (row.getKey()) {
                case "TargetAgreementConcludedEvent" -> {
                    content = json.readValue(payload, TargetAgreementConcludedEvent.class);
                    concludedAt = at;
                }
                case "TargetAgreementSignedEvent" -> signatures.add(json.readValue(payload,
                        TargetAgreementSignedEvent.class));
                case "TargetAgreementInForceEvent" -> inForce = json.readValue(payload,
                        TargetAgreementInForceEvent.class).since();
                case "TargetRevisedEvent" -> {
                    TargetRevisedEvent revised = json.readValue(payload, TargetRevisedEvent.class);
                    revisions.computeIfAbsent(revised.target().targetId(), k -> new ArrayList<>()).add(new Revision(
                            revised.target(), revised.reason(), revised.dialogueId(), revised.effectiveFrom(), at,
                            revised));
                }
                case "SteeringDialogueHeldEvent" -> dialogues.add(json.readValue(payload,
                        SteeringDialogueHeldEvent.class));
                case "GoalProgressRecordedEvent" -> {
                    GoalProgressRecordedEvent recorded = json.readValue(payload, GoalProgressRecordedEvent.class);
                    progress.computeIfAbsent(recorded.goalOrSubGoalId(), k -> new ArrayList<>()).add(recorded);
                }
                case "TargetAttainmentAssessedEvent" -> assessment = json.readValue(payload,
                        TargetAttainmentAssessedEvent.class);
                default -> throw new IllegalStateException("unknown agreement event " + row.getKey());
            }
        }
        if (content == null) {
            return Optional.empty();
        }
        return Optional.of(new Agreement(content, concludedAt, signatures, inForce, revisions, dialogues, progress,
                assessment));
    }
}
