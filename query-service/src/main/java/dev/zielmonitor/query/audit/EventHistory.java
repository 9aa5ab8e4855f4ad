package dev.zielmonitor.query.audit;

import dev.zielmonitor.events.failure.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import dev.zielmonitor.events.agreement.GoalProgressRecordedEvent;
import dev.zielmonitor.events.agreement.SteeringDialogueHeldEvent;
import dev.zielmonitor.events.agreement.TargetAgreementConcludedEvent;
import dev.zielmonitor.events.agreement.TargetAgreementInForceEvent;
import dev.zielmonitor.events.agreement.TargetAgreementSignedEvent;
import dev.zielmonitor.events.agreement.TargetAttainmentAssessedEvent;
import dev.zielmonitor.events.agreement.TargetRevisedEvent;
import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.common.MonthlyReportId;
import dev.zielmonitor.events.registry.JobcenterRegisteredEvent;
import dev.zielmonitor.events.reporting.MonthlyFiguresCorrectedEvent;
import dev.zielmonitor.events.reporting.MonthlyFiguresRecordedEvent;
import dev.zielmonitor.eventstore.EventLog;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The event store as auditors read it: every event as a {@link HistoryEntryView} (subject, what changed, reason,
 * provenance: Kafka topic, partition, offset and message id, or the principal of a REST command; correlation and
 * trace ids), filtered and paged by a cursor on the global index. Read through the event-store module's
 * {@link EventLog}, so the history speaks of events as the processors read them, whatever revision is stored.
 */
@Component
public class EventHistory {

    static final int MAX_LIMIT = 1000;

    private final EventLog log;

    EventHistory(EventLog log) {
        this.log = log;
    }

    /**
     * @param jobcenter  a Jobcenter: its registration, its monthly reports and its agreements
     * @param agreement  an agreement, e.g. {@code 05122-2014}
     * @param aggregate  any aggregate identifier, e.g. {@code report:05122:2014-03}
     * @param type       an event type, simple ({@code MonthlyFiguresCorrectedEvent}) or qualified
     * @param from       recorded at or after
     * @param to         recorded before
     * @param after      the cursor: global index of the last event of the previous page
     */
    public record Filter(String jobcenter, String agreement, String aggregate, String type, Instant from,
                         Instant to, Long after) {
    }

    /** @param next the cursor for the next page, {@code null} on the last */
    public record Page(List<HistoryEntryView> events, Long next) {
    }

    public Page find(Filter filter, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InvalidInput.parameter("limit", "must be between 1 and " + MAX_LIMIT);
        }
        EventLog.Selection selection = selection(filter);
        if (selection == null) {
            return new Page(List.of(), null);
        }
        EventLog.Page page = log.page(selection, filter.after() == null ? -1L : filter.after(), limit);
        return new Page(page.events().stream().map(EventHistory::view).toList(), page.next());
    }

    /**
     * The filters combine (all must hold); {@code null} when they exclude each other, e.g. an agreement of another
     * Jobcenter than the one asked for.
     */
    private static EventLog.Selection selection(Filter filter) {
        Set<String> exact = new LinkedHashSet<>();
        if (filter.agreement() != null) {
            exact.add(filter.agreement());
        }
        if (filter.aggregate() != null) {
            exact.add(filter.aggregate());
        }
        if (exact.size() > 1) {
            return null;
        }
        List<String> aggregates = new ArrayList<>(exact);
        List<String> prefixes = new ArrayList<>();
        if (filter.jobcenter() != null) {
            String jobcenter = filter.jobcenter();
            List<String> ownPrefixes = List.of(MonthlyReportId.prefixOf(JobcenterId.of(jobcenter)),
                    jobcenter + "-" /* its agreements, AgreementId's form */);
            if (exact.isEmpty()) {
                aggregates.add(jobcenter);
                prefixes.addAll(ownPrefixes);
            } else {
                String id = exact.iterator().next();
                if (!id.equals(jobcenter) && ownPrefixes.stream().noneMatch(id::startsWith)) {
                    return null;
                }
            }
        }
        return new EventLog.Selection(aggregates, prefixes, filter.type() == null ? null : List.of(filter.type()),
                filter.from(), filter.to());
    }

    static HistoryEntryView view(EventLog.StoredEvent event) {
        Subject s = event.message() == null ? new Subject() : subject(event.message().getPayload());
        return new HistoryEntryView(event.globalIndex(), event.eventId(), event.aggregateId(), event.sequenceNumber(),
                event.simpleType(), event.payloadRevision(), event.recordedAt(), s.jobcenterId, s.reportingMonth,
                s.dataStatus, s.agreementId, s.dialogueId, s.name, s.reason, List.copyOf(s.changes),
                OriginView.of(event), event.unreadable(),
                // the store holds what it holds; an auditor sees it as text rather than not at all
                event.unreadable() == null ? null : new String(event.payload(), StandardCharsets.UTF_8));
    }

    private static final class Subject {
        String jobcenterId;
        String reportingMonth;
        java.time.LocalDate dataStatus;
        String agreementId;
        String dialogueId;
        String name;
        String reason;
        final List<HistoryEntryView.ChangeView> changes = new ArrayList<>();

        void change(String what, Object before, Object after) {
            changes.add(new HistoryEntryView.ChangeView(what, before, after));
        }
    }

    private static Subject subject(Object payload) {
        Subject s = new Subject();
        if (payload instanceof MonthlyFiguresRecordedEvent e) {
            s.jobcenterId = e.jobcenterId().toString();
            s.reportingMonth = e.reportingMonth().toString();
            s.dataStatus = e.dataStatus();
            new java.util.TreeMap<>(e.figures()).forEach((code, figure) -> s.change(code.name(), null, figure));
        } else if (payload instanceof MonthlyFiguresCorrectedEvent e) {
            s.jobcenterId = e.jobcenterId().toString();
            s.reportingMonth = e.reportingMonth().toString();
            s.dataStatus = e.dataStatus();
            s.reason = e.reason();
            new java.util.TreeMap<>(e.changes()).forEach((code, change) ->
                    s.change(code.name(), change.before(), change.after()));
        } else if (payload instanceof JobcenterRegisteredEvent e) {
            s.jobcenterId = e.jobcenterId().toString();
            s.name = e.name();
        } else if (payload instanceof TargetAgreementConcludedEvent e) {
            s.agreementId = e.agreementId();
            s.jobcenterId = e.jobcenterId().toString();
            s.name = e.title();
        } else if (payload instanceof TargetAgreementSignedEvent e) {
            s.agreementId = e.agreementId();
            s.change("signature " + e.party(), null, e.place() + ", " + e.date());
        } else if (payload instanceof TargetAgreementInForceEvent e) {
            s.agreementId = e.agreementId();
            s.change("inForceSince", null, e.since());
        } else if (payload instanceof TargetRevisedEvent e) {
            s.agreementId = e.agreementId();
            s.dialogueId = e.dialogueId();
            s.reason = e.reason();
            // the target standing before is the agreement's view to tell (its revisions), not one event's
            s.change("target " + e.target().targetId(), null, e.target());
        } else if (payload instanceof SteeringDialogueHeldEvent e) {
            s.agreementId = e.agreementId();
            s.dialogueId = e.dialogueId();
        } else if (payload instanceof GoalProgressRecordedEvent e) {
            s.agreementId = e.agreementId();
            s.reason = e.note();
            s.change("status " + e.goalOrSubGoalId(), null, e.status());
        } else if (payload instanceof TargetAttainmentAssessedEvent e) {
            s.agreementId = e.agreementId();
            s.reason = e.reasoning();
        }
        // another type (one the history does not know yet): its identity, type and origin still show
        return s;
    }
}
