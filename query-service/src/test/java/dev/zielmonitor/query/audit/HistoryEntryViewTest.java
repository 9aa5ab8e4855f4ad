package dev.zielmonitor.query.audit;

import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureChange;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.events.reporting.MonthlyFiguresCorrectedEvent;
import dev.zielmonitor.events.reporting.Provenance;
import dev.zielmonitor.eventstore.EventLog;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A history entry says what an auditor needs from the event, not how the event is serialised. */
class HistoryEntryViewTest {

    private static final Instant RECORDED = Instant.parse("2015-03-04T10:00:00.123456Z");

    @Test
    void aCorrectionShowsItsSubjectTheOldAndNewFiguresItsReasonAndWhereItCameFrom() {
        MonthlyFiguresCorrectedEvent corrected = new MonthlyFiguresCorrectedEvent(JobcenterId.of("05122"),
                ReportingMonth.of(2014, 3), LocalDate.of(2015, 3, 1), "BA", "m-1", "Nachmeldung",
                Map.of(FigureCode.ELB, new FigureChange(Figure.total(275), Figure.total(375))));
        var message = new GenericDomainEventMessage<>("MonthlyReport", "report:05122:2014-03", 1, corrected,
                MetaData.with(Provenance.KAFKA_TOPIC, "zielmonitor.monthly-figures.v1")
                        .and(Provenance.KAFKA_PARTITION, 2).and(Provenance.KAFKA_OFFSET, 999L)
                        .and(Provenance.PRINCIPAL, "system:kafka-ingestion").and(Provenance.MESSAGE_ID, "m-1"),
                "e-1", RECORDED);

        HistoryEntryView entry = EventHistory.view(stored(message, null, "{}"));

        assertThat(entry.type()).isEqualTo("MonthlyFiguresCorrectedEvent");
        assertThat(entry.revision()).isEqualTo("1");
        assertThat(entry.jobcenterId()).isEqualTo("05122");
        assertThat(entry.reportingMonth()).isEqualTo("2014-03");
        assertThat(entry.dataStatus()).isEqualTo(LocalDate.of(2015, 3, 1));
        assertThat(entry.reason()).isEqualTo("Nachmeldung");
        assertThat(entry.changes()).containsExactly(
                new HistoryEntryView.ChangeView("ELB", Figure.total(275), Figure.total(375)));
        assertThat(entry.origin()).isEqualTo(new OriginView("system:kafka-ingestion", null, null,
                "zielmonitor.monthly-figures.v1", 2, 999L, null, "m-1", null, null, null, null));
        assertThat(entry.recordedAt()).isEqualTo(RECORDED);
        assertThat(entry.unreadable()).isNull();
        assertThat(entry.storedPayload()).isNull();
    }

    @Test
    void anEventTheServiceCannotReadStillShowsItsIdentityAndItsStoredText() {
        HistoryEntryView entry = EventHistory.view(stored(null, "SerializationException: no such type",
                "{\"was\":\"here\"}"));

        assertThat(entry.globalIndex()).isEqualTo(7);
        assertThat(entry.aggregateIdentifier()).isEqualTo("report:05122:2014-03");
        assertThat(entry.unreadable()).contains("no such type");
        assertThat(entry.storedPayload()).isEqualTo("{\"was\":\"here\"}");
        assertThat(entry.origin()).isNull();
        assertThat(entry.changes()).isEmpty();
    }

    private static EventLog.StoredEvent stored(GenericDomainEventMessage<?> message, String unreadable,
                                               String payload) {
        return new EventLog.StoredEvent(7, "report:05122:2014-03", 1, "e-1",
                MonthlyFiguresCorrectedEvent.class.getName(), "1", RECORDED,
                payload.getBytes(StandardCharsets.UTF_8), null, message, unreadable, null, "MonthlyReport",
                RECORDED.toString());
    }
}
