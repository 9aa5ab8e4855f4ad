package dev.zielmonitor.query.registry;

import dev.zielmonitor.events.registry.JobcenterRegisteredEvent;
import dev.zielmonitor.query.readmodel.LiveWriters;
import dev.zielmonitor.query.readmodel.ReadModel;
import dev.zielmonitor.query.readmodel.ReadModelWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.List;

/** The registry read model: one row per Jobcenter. */
@Component
@ProcessingGroup(JobcenterProjection.PROCESSING_GROUP)
class JobcenterProjection implements ReadModel {

    static final String PROCESSING_GROUP = "jobcenters";

    private final JdbcTemplate jdbc;
    private final LiveWriters live;

    JobcenterProjection(JdbcTemplate jdbc, LiveWriters live) {
        this.live = live;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(JobcenterRegisteredEvent event, EventMessage<?> message) {
        live.writer(this).apply(message);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM read_model.jobcenter");
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<String> tables() {
        return List.of("jobcenter");
    }

    @Override
    public ReadModelWriter writerFor(String schema) {
        String upsert = """
                INSERT INTO %s.jobcenter
                    (jobcenter_id, name, land, carrier_type, comparison_type, valid_from, registered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (jobcenter_id) DO UPDATE SET name = EXCLUDED.name, land = EXCLUDED.land,
                    carrier_type = EXCLUDED.carrier_type, comparison_type = EXCLUDED.comparison_type,
                    valid_from = EXCLUDED.valid_from, registered_at = EXCLUDED.registered_at
                """.formatted(ReadModel.plainSchema(schema));
        // in order: a later registration of a key wins
        return ReadModelWriter.batched(jdbc, upsert, message -> message.getPayload()
                instanceof JobcenterRegisteredEvent event ? new Object[] {event.jobcenterId().value(), event.name(),
                event.land(), event.carrierType().code(), event.comparisonType(), event.validFrom(),
                Timestamp.from(message.getTimestamp())} : null);
    }
}
