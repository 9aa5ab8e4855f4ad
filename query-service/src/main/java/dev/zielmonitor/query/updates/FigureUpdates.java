package dev.zielmonitor.query.updates;

import dev.zielmonitor.access.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open update streams and what is sent on them. A JOBCENTER user's stream carries its own Jobcenter's updates
 * only. A stream ends after {@link #TIMEOUT} (the browser's EventSource reconnects) or when a send fails.
 *
 * <p>{@link #publish} runs on a projection's thread after its commit, so it never writes to a socket: it puts the
 * update into each stream's bounded queue, and a few sender threads of its own write the queues out, each stream's
 * in order. A write to a browser that does not read blocks once the socket's buffers are full; its queue then fills
 * and the stream is dropped, so neither the projection nor the other browsers wait for it.
 */
@Component
public class FigureUpdates implements SmartLifecycle, DisposableBean {

    static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final Logger log = LoggerFactory.getLogger(FigureUpdates.class);

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final int queueSize;
    private final ExecutorService senders;
    private final Counter dropped;
    private volatile boolean running;

    FigureUpdates(MeterRegistry meters, UpdatesProperties properties) {
        queueSize = properties.queueSize();
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "update-sender-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        // at most one task per stream is waiting or running, so this queue is bounded by the streams
        senders = ExecutorServiceMetrics.monitor(meters, new ThreadPoolExecutor(properties.senders(),
                properties.senders(), 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), factory),
                "zielmonitor_update_senders");
        meters.gauge("zielmonitor_update_streams", subscribers, List::size);
        dropped = Counter.builder("zielmonitor_update_streams_dropped")
                .description("update streams ended because their browser fell behind by a full queue")
                .register(meters);
    }

    /** What changed: a month's figures of a Jobcenter, first recorded or corrected, as recorded at {@code recordedAt}. */
    public record Update(String jobcenterId, String reportingMonth, String dataStatus, Kind kind, Instant recordedAt) {
    }

    public enum Kind { RECORDED, CORRECTED }

    /** One stream: its updates not yet written, and whether a sender is on it. */
    private final class Subscriber {
        final SseEmitter emitter;
        final Caller caller;
        final Queue<Update> queue = new ArrayBlockingQueue<>(queueSize);
        final AtomicBoolean scheduled = new AtomicBoolean();
        volatile boolean gone;

        Subscriber(SseEmitter emitter, Caller caller) {
            this.emitter = emitter;
            this.caller = caller;
        }

        /** Called by the publishing thread: queues without blocking; a full queue ends the stream. */
        void offer(Update update) {
            if (!queue.offer(update)) {
                drop();
                return;
            }
            schedule();
        }

        private void schedule() {
            if (scheduled.compareAndSet(false, true)) {
                try {
                    senders.execute(this::drain);
                } catch (RejectedExecutionException closed) {
                    scheduled.set(false);
                }
            }
        }

        /** Writes the queue out, in order; runs on one sender at a time. */
        private void drain() {
            try {
                Update update;
                while (!gone && (update = queue.poll()) != null) {
                    emitter.send(SseEmitter.event().name("figures").data(update, MediaType.APPLICATION_JSON));
                }
            } catch (IOException | IllegalStateException failed) {
                log.debug("update stream of {} closed: {}", caller.name(), failed.toString());
                gone = true;
                subscribers.remove(this);
            } finally {
                scheduled.set(false);
            }
            if (gone) {
                // completing waits for a write in progress, so it happens here, never on the publishing thread
                queue.clear();
                emitter.complete();
            } else if (!queue.isEmpty()) {
                schedule(); // an update that came after the last poll but before the flag was cleared
            }
        }

        /** Ends the stream without waiting for it: the browser reconnects and reloads. */
        void drop() {
            if (gone) {
                return;
            }
            gone = true;
            subscribers.remove(this);
            dropped.increment();
            log.info("update stream of {} dropped: {} updates not read", caller.name(), queueSize);
            schedule();
        }
    }

    SseEmitter subscribe(Caller caller) {
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        Subscriber subscriber = new Subscriber(emitter, caller);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(failure -> subscribers.remove(subscriber));
        try {
            // before the emitter is handed to Spring MVC a send is only buffered: this never waits for the browser
            emitter.send(SseEmitter.event().name("ready").data("{}", MediaType.APPLICATION_JSON));
        } catch (IOException e) {
            emitter.completeWithError(e);
            return emitter;
        }
        subscribers.add(subscriber);
        return emitter;
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every stream before the web server's graceful shutdown (which stops later), so open dashboards do not
     * hold a shutdown for its whole timeout; their EventSource reconnects to the next instance. A stream a sender is
     * writing to is ended by that sender once its write returns, so a browser that does not read cannot hold this.
     */
    @Override
    public void stop() {
        running = false;
        for (Subscriber subscriber : subscribers) {
            subscriber.gone = true;
            if (!subscriber.scheduled.get()) {
                subscriber.emitter.complete();
            }
        }
        subscribers.clear();
    }

    /** After {@link #stop}: drains still queued have ended their streams; a sender still blocked is let go. */
    @Override
    public void destroy() {
        senders.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Queues the update for every stream whose caller may read the Jobcenter; never waits for a browser. */
    public void publish(Update update) {
        for (Subscriber subscriber : subscribers) {
            if (subscriber.caller.mayRead(update.jobcenterId())) {
                subscriber.offer(update);
            }
        }
    }
}
