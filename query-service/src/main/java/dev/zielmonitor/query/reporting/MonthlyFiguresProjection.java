package dev.zielmonitor.query.reporting;

import dev.zielmonitor.events.reporting.MonthlyFiguresCorrectedEvent;
import dev.zielmonitor.events.reporting.MonthlyFiguresRecordedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;

/**
 * Every known version of the figures per Jobcenter and month, each with its interval of recorded time
 * (bitemporal: reporting month = valid time, event time = recorded time). A processor batch is written by one
 * {@link FigureVersionWriter} just before it commits, in one transaction with the processor's token.
 */
@Component
@ProcessingGroup("monthly-figures")
class MonthlyFiguresProjection {

    static final String SCHEMA = "read_model";
    private static final String PENDING = MonthlyFiguresProjection.class.getName() + ".pending";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    MonthlyFiguresProjection(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(MonthlyFiguresRecordedEvent event, EventMessage<?> message, @Timestamp Instant recordedAt) {
        pending().recorded(event, message.getIdentifier(), recordedAt);
    }

    @EventHandler
    void on(MonthlyFiguresCorrectedEvent event, EventMessage<?> message, @Timestamp Instant recordedAt) {
        pending().corrected(event, message.getIdentifier(), recordedAt);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM read_model.monthly_figures_version");
    }

    /** The writer of the current processor batch, flushed once before it commits. */
    private FigureVersionWriter pending() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(PENDING, key -> {
            FigureVersionWriter writer = new FigureVersionWriter(jdbc, json, SCHEMA);
            root.onPrepareCommit(uow -> writer.flush());
            return writer;
        });
    }
}
