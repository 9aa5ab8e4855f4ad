package dev.zielmonitor.query.registry;

import dev.zielmonitor.events.registry.JobcenterRegisteredEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/** The registry read model: one row per Jobcenter. */
@Component
@ProcessingGroup("jobcenters")
class JobcenterProjection {

    private final JdbcClient jdbc;

    JobcenterProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(JobcenterRegisteredEvent event, @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        jdbc.sql("""
                        INSERT INTO read_model.jobcenter
                            (jobcenter_id, name, land, carrier_type, comparison_type, valid_from, registered_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (jobcenter_id) DO UPDATE SET name = EXCLUDED.name, land = EXCLUDED.land,
                            carrier_type = EXCLUDED.carrier_type, comparison_type = EXCLUDED.comparison_type,
                            valid_from = EXCLUDED.valid_from, registered_at = EXCLUDED.registered_at
                        """)
                .params(event.jobcenterId().value(), event.name(), event.land(), event.carrierType().code(),
                        event.comparisonType(), event.validFrom(), Timestamp.from(recordedAt))
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM read_model.jobcenter").update();
    }
}
