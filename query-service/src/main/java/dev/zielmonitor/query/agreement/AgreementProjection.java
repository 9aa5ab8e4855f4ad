package dev.zielmonitor.query.agreement;

import dev.zielmonitor.events.agreement.GoalProgressRecordedEvent;
import dev.zielmonitor.events.agreement.SteeringDialogueHeldEvent;
import dev.zielmonitor.events.agreement.TargetAgreementConcludedEvent;
import dev.zielmonitor.events.agreement.TargetAgreementInForceEvent;
import dev.zielmonitor.events.agreement.TargetAgreementSignedEvent;
import dev.zielmonitor.events.agreement.TargetAttainmentAssessedEvent;
import dev.zielmonitor.events.agreement.TargetRevisedEvent;
import dev.zielmonitor.query.readmodel.LiveWriters;
import dev.zielmonitor.query.readmodel.ReadModel;
import dev.zielmonitor.query.readmodel.ReadModelWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.util.List;
import java.util.Set;

/** Every event of every target agreement, in order, with its recorded time: {@code read_model.agreement_history}. */
@Component
@ProcessingGroup(AgreementProjection.PROCESSING_GROUP)
class AgreementProjection implements ReadModel {

    static final String PROCESSING_GROUP = "agreements";
    static final Set<Class<?>> EVENTS = Set.of(TargetAgreementConcludedEvent.class, TargetAgreementSignedEvent.class,
            TargetAgreementInForceEvent.class, TargetRevisedEvent.class, GoalProgressRecordedEvent.class,
            SteeringDialogueHeldEvent.class, TargetAttainmentAssessedEvent.class);

    private final JdbcTemplate jdbc;
    private final LiveWriters live;
    private final JsonMapper json;

    AgreementProjection(JdbcTemplate jdbc, JsonMapper json, LiveWriters live) {
        this.live = live;
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(TargetAgreementConcludedEvent event, EventMessage<?> message) {
        live.writer(this).apply(message);
    }

    @EventHandler
    void on(TargetAgreementSignedEvent event, EventMessage<?> message) {
        live.writer(this).apply(message);
    }

    @EventHandler
    void on(TargetAgreementInForceEvent event, EventMessage<?> message) {
        live.writer(this).apply(message);
    }

    @EventHandler
    void on(TargetRevisedEvent event, EventMessage<?> message) {
        live.writer(this).apply(message);
    }

    @EventHandler
    void on(GoalProgressRecordedEvent event, EventMessage<?> message) {
        live.writer(this).apply(message);
    }

    @EventHandler
    void on(SteeringDialogueHeldEvent event, EventMessage<?> message) {
        live.writer(this).apply(message);
    }

    @EventHandler
    void on(TargetAttainmentAssessedEvent event, EventMessage<?> message) {
        live.writer(this).apply(message);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM read_model.agreement_history");
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<String> tables() {
        return List.of("agreement_history");
    }

    @Override
    public ReadModelWriter writerFor(String schema) {
        String insert = """
                INSERT INTO %s.agreement_history (agreement_id, sequence, jobcenter_id, year, event_type, event_id,
                    recorded_at, payload)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)""".formatted(ReadModel.plainSchema(schema));
        return ReadModelWriter.batched(jdbc, insert, message -> {
            if (!EVENTS.contains(message.getPayloadType()) || !(message instanceof DomainEventMessage<?> event)) {
                return null;
            }
            String agreementId = event.getAggregateIdentifier();
            int dash = agreementId.lastIndexOf('-');
            return new Object[] {agreementId, event.getSequenceNumber(), agreementId.substring(0, dash),
                    Integer.parseInt(agreementId.substring(dash + 1)), message.getPayloadType().getSimpleName(),
                    message.getIdentifier(), Timestamp.from(message.getTimestamp()),
                    json.writeValueAsString(message.getPayload())};
        });
    }
}
