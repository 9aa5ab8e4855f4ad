package dev.zielmonitor.query.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.OptionalLong;

/**
 * How far each projection is behind the event store, as the gauge {@code zielmonitor_projection_lag_events{processor}}:
 * the store's newest global index minus the position of the projection's slowest segment (0 when caught up; NaN
 * while a processor has no claimed segment, e.g. paused for a rebuild's switch or not yet started).
 */
@Component
class ProjectionLag {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final MeterRegistry meters;

    ProjectionLag(EventProcessingConfiguration processing, EventStore eventStore, MeterRegistry meters) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.meters = meters;
    }

    @EventListener(ApplicationReadyEvent.class)
    void register() {
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder("zielmonitor_projection_lag_events", () -> lag(streaming))
                        .tag("processor", name)
                        .description("events stored but not yet projected")
                        .register(meters);
            }
        });
    }

    double lag(StreamingEventProcessor processor) {
        long slowest = Long.MAX_VALUE;
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            TrackingToken token = status.getTrackingToken();
            OptionalLong position = token == null ? OptionalLong.of(-1) : token.position();
            if (position.isEmpty()) {
                return Double.NaN;
            }
            slowest = Math.min(slowest, position.getAsLong());
        }
        if (slowest == Long.MAX_VALUE) {
            return Double.NaN;
        }
        TrackingToken headToken = eventStore.createHeadToken();
        OptionalLong head = headToken == null ? OptionalLong.of(-1) : headToken.position();
        return head.isEmpty() ? Double.NaN : Math.max(0, head.getAsLong() - slowest);
    }
}
