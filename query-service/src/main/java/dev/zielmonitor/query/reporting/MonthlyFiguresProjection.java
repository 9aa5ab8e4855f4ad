package dev.zielmonitor.query.reporting;

import dev.zielmonitor.events.reporting.MonthlyFiguresCorrectedEvent;
import dev.zielmonitor.events.reporting.MonthlyFiguresRecordedEvent;
import dev.zielmonitor.query.rebuild.ReadModel;
import dev.zielmonitor.query.rebuild.ReadModelWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Every known version of the figures per Jobcenter and month, each with its interval of recorded time
 * (bitemporal: reporting month = valid time, event time = recorded time), written by a
 * {@link FigureVersionWriter}.
 */
@Component
@ProcessingGroup(MonthlyFiguresProjection.PROCESSING_GROUP)
class MonthlyFiguresProjection implements ReadModel {

    static final String PROCESSING_GROUP = "monthly-figures";

    private final JdbcTemplate jdbc;

    MonthlyFiguresProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(MonthlyFiguresRecordedEvent event, EventMessage<?> message) {
        liveWriter().apply(message);
    }

    @EventHandler
    void on(MonthlyFiguresCorrectedEvent event, EventMessage<?> message) {
        liveWriter().apply(message);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM read_model.monthly_figures_version");
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<String> tables() {
        return List.of("monthly_figures_version");
    }

    @Override
    public ReadModelWriter writerFor(String schema) {
        return new FigureVersionWriter(jdbc, schema);
    }
}
