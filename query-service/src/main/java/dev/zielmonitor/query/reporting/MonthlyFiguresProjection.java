package dev.zielmonitor.query.reporting;

import dev.zielmonitor.events.reporting.MonthlyFiguresCorrectedEvent;
import dev.zielmonitor.events.reporting.MonthlyFiguresRecordedEvent;
import dev.zielmonitor.query.readmodel.LiveWriters;
import dev.zielmonitor.query.readmodel.ReadModel;
import dev.zielmonitor.query.readmodel.ReadModelWriter;
import dev.zielmonitor.query.updates.FigureUpdates;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
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
    private final LiveWriters live;
    private final FigureUpdates updates;

    MonthlyFiguresProjection(JdbcTemplate jdbc, FigureUpdates updates, LiveWriters live) {
        this.live = live;
        this.jdbc = jdbc;
        this.updates = updates;
    }

    @EventHandler
    void on(MonthlyFiguresRecordedEvent event, EventMessage<?> message) {
        live.writer(this).apply(message);
        afterCommit(new FigureUpdates.Update(event.jobcenterId().value(), event.reportingMonth().toString(),
                event.dataStatus().toString(), FigureUpdates.Kind.RECORDED, message.getTimestamp()));
    }

    @EventHandler
    void on(MonthlyFiguresCorrectedEvent event, EventMessage<?> message) {
        live.writer(this).apply(message);
        afterCommit(new FigureUpdates.Update(event.jobcenterId().value(), event.reportingMonth().toString(),
                event.dataStatus().toString(), FigureUpdates.Kind.CORRECTED, message.getTimestamp()));
    }

    /** Live updates announce figures once they are readable: after the batch's transaction committed. */
    private void afterCommit(FigureUpdates.Update update) {
        CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> updates.publish(update));
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
