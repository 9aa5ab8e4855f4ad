package dev.zielmonitor.query.updates;

import dev.zielmonitor.access.Caller;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The open update streams and what is sent on them. A JOBCENTER user's stream carries its own Jobcenter's updates
 * only. A stream ends after {@link #TIMEOUT} (the browser's EventSource reconnects) or when a send fails.
 */
@Component
public class FigureUpdates implements SmartLifecycle {

    static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final Logger log = LoggerFactory.getLogger(FigureUpdates.class);

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private volatile boolean running;

    FigureUpdates(MeterRegistry meters) {
        meters.gauge("zielmonitor_update_streams", subscribers, List::size);
    }

    /** What changed: a month's figures of a Jobcenter, first recorded or corrected, as recorded at {@code recordedAt}. */
    public record Update(String jobcenterId, String reportingMonth, String dataStatus, Kind kind, Instant recordedAt) {
    }

    public enum Kind { RECORDED, CORRECTED }

    private record Subscriber(SseEmitter emitter, Caller caller) {
    }

    SseEmitter subscribe(Caller caller) {
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        Subscriber subscriber = new Subscriber(emitter, caller);
        subscribers.add(subscriber);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(failure -> subscribers.remove(subscriber));
        try {
            emitter.send(SseEmitter.event().name("ready").data("{}", MediaType.APPLICATION_JSON));
        } catch (IOException e) {
            subscribers.remove(subscriber);
            emitter.completeWithError(e);
        }
        return emitter;
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every stream before the web server's graceful shutdown (which stops later), so open dashboards do not
     * hold a shutdown for its whole timeout; their EventSource reconnects to the next instance.
     */
    @Override
    public void stop() {
        running = false;
        for (Subscriber subscriber : subscribers) {
            subscriber.emitter().complete();
        }
        subscribers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Sends the update to every stream whose caller may read the Jobcenter. */
    public void publish(Update update) {
        for (Subscriber subscriber : subscribers) {
            if (!subscriber.caller().mayRead(update.jobcenterId())) {
                continue;
            }
            try {
                subscriber.emitter().send(SseEmitter.event().name("figures").data(update, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException gone) {
                log.debug("update stream of {} closed: {}", subscriber.caller().name(), gone.toString());
                subscribers.remove(subscriber);
            }
        }
    }
}
