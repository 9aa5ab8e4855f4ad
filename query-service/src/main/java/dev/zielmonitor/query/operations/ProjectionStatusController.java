package dev.zielmonitor.query.operations;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/** How far each projection is behind the event store, for the dashboard's operations page. */
@RestController
class ProjectionStatusController {

    private final EventProcessingConfiguration processing;
    private final ProjectionLag lag;

    ProjectionStatusController(EventProcessingConfiguration processing, ProjectionLag lag) {
        this.processing = processing;
        this.lag = lag;
    }

    @GetMapping("/api/admin/projections")
    List<ProjectionView> projections() {
        List<ProjectionView> views = new ArrayList<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                double events = lag.lag(streaming);
                views.add(new ProjectionView(name, streaming.isRunning(), Double.isNaN(events) ? null : (long) events));
            }
        });
        views.sort(java.util.Comparator.comparing(ProjectionView::processor));
        return views;
    }

    /** @param lagEvents events stored but not yet projected; {@code null} while no segment is claimed */
    record ProjectionView(String processor, boolean running, Long lagEvents) {
    }
}
