package dev.zielmonitor.query.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One entry of the event history as an auditor reads it: what happened to which subject, what changed from what to
 * what, the reason given, where it came from and when the platform recorded it. A view, not the stored event: the
 * events' revisions may change without changing this answer (issue 18); the audit package keeps the stored bytes.
 *
 * @param type        the event's type name, e.g. {@code MonthlyFiguresCorrectedEvent}
 * @param revision    the revision it is stored in
 * @param changes     what changed, old and new value (a first report: every figure, without an old value)
 * @param reason      the reason the event gave (a correction's, a revision's, an assessment's reasoning)
 * @param unreadable  why the stored event cannot be read, with {@code storedPayload} its text; the rest is then empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEntryView(long globalIndex, String eventIdentifier, String aggregateIdentifier,
                               long sequenceNumber, String type, String revision, Instant recordedAt,
                               String jobcenterId, String reportingMonth, LocalDate dataStatus, String agreementId,
                               String dialogueId, String name, String reason,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ChangeView> changes,
                               OriginView origin, String unreadable, String storedPayload) {

    /**
     * @param what   what changed: a figure code ({@code eLb}), a target ({@code target T1}), a goal's status, …
     * @param before the value before, {@code null} when there was none or the event does not say
     * @param after  the value after
     */
    public record ChangeView(String what, Object before, Object after) {
    }
}
