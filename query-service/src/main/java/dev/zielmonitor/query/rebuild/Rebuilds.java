package dev.zielmonitor.query.rebuild;

import dev.zielmonitor.eventstore.PrefetchingEventStorageEngine;
import dev.zielmonitor.events.failure.Conflict;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

/**
 * Rebuilds every read model from the event store into a new schema while the live one keeps serving, then
 * switches (ADR 0005): replay up to the head through one cursor, catch up with what came since, pause the
 * projections, take the last events, and in one transaction rename the new schema to {@value ReadModel#LIVE_SCHEMA},
 * drop the old one and move the projections' tokens to where the rebuild stopped; then resume them. A
 * verification does the same up to the comparison and leaves the live read models alone. One run at a time, in a
 * thread of its own; progress is in {@link Rebuild} and in the {@code zielmonitor.rebuild.*} metrics.
 */
@Component
public class Rebuilds implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Rebuilds.class);
    private static final int FLUSH_EVERY = 10_000;
    /** Catching up repeats until a round finds fewer new events than this; the rest is taken while paused. */
    private static final int PAUSE_BELOW = 5000;
    private static final int RUNS_KEPT = 20;
    private static final Duration PROJECTIONS_TIMEOUT = Duration.ofMinutes(2);

    private final List<ReadModel> readModels;
    private final PrefetchingEventStorageEngine events;
    private final JdbcTemplate jdbc;
    private final ReadModelSchemas schemas;
    private final TransactionTemplate transactions;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Rebuild> runs = new LinkedHashMap<>();
    private volatile Rebuild latest;

    Rebuilds(List<ReadModel> readModels, PrefetchingEventStorageEngine events, JdbcTemplate jdbc,
             PlatformTransactionManager transactionManager, EventProcessingConfiguration processing,
             TokenStore tokenStore, MeterRegistry meters) {
        this.readModels = List.copyOf(readModels);
        this.events = events;
        this.jdbc = jdbc;
        this.schemas = new ReadModelSchemas(jdbc);
        this.transactions = new TransactionTemplate(transactionManager);
        this.processing = processing;
        this.tokenStore = tokenStore;
        Gauge.builder("zielmonitor.rebuild.running", () -> latest != null && latest.running() ? 1 : 0)
                .description("1 while a rebuild or verification of the read models runs").register(meters);
        Gauge.builder("zielmonitor.rebuild.events.done", () -> latest == null ? 0 : latest.eventsDone())
                .description("events the latest rebuild has applied").register(meters);
        Gauge.builder("zielmonitor.rebuild.events.expected", () -> latest == null ? 0 : latest.eventsTotal())
                .description("events the latest rebuild has to apply").register(meters);
        Gauge.builder("zielmonitor.rebuild.rate", () -> latest == null ? 0 : latest.rate())
                .description("events per second of the latest rebuild").register(meters);
        Gauge.builder("zielmonitor.rebuild.eta", () -> {
                    Double eta = latest == null ? null : latest.etaSeconds();
                    return eta == null ? Double.NaN : eta;
                }).description("seconds the running rebuild still needs; NaN when none runs")
                .baseUnit("seconds").register(meters);
    }

    /** Starts a run in the background; fails with a conflict while another one runs. */
    public synchronized Rebuild start(Rebuild.Mode mode) {
        if (latest != null && latest.running()) {
            throw new Conflict("rebuild " + latest.id() + " is still running; one at a time");
        }
        Rebuild run = new Rebuild(Long.toString(System.currentTimeMillis(), 36), mode);
        runs.put(run.id(), run);
        if (runs.size() > RUNS_KEPT) {
            runs.remove(runs.keySet().iterator().next());
        }
        latest = run;
        executor.execute(() -> execute(run));
        return run;
    }

    public synchronized Optional<Rebuild> find(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    /** The runs kept, latest first. */
    public synchronized List<Rebuild> all() {
        List<Rebuild> all = new ArrayList<>(runs.values());
        java.util.Collections.reverse(all);
        return all;
    }

    private void execute(Rebuild run) {
        String schema = (run.mode() == Rebuild.Mode.SWITCH ? "rebuild_" : "verify_") + run.id();
        log.info("{} of the read models into schema {} started", run.mode(), schema);
        boolean keep = false;
        try (Applier applier = new Applier(run, schema)) {
            List<String> tables = checkedTables();
            schemas.schemasStartingWith("rebuild_").forEach(schemas::drop); // left by a run that was cut off
            List<String> deferredIndexes = schemas.createEmptyCopy(schema, tables);

            Long head = jdbc.queryForObject("SELECT coalesce(max(globalindex), -1) FROM domainevententry", Long.class);
            run.total(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE globalindex <= ?", Long.class,
                    head));
            TrackingToken token = events.readUpTo(head, applier::apply);
            applier.flushAndWait();
            deferredIndexes.forEach(jdbc::execute);

            run.phase(Rebuild.Phase.CATCHING_UP);
            long before;
            do {
                before = applier.applied;
                token = applier.catchUp(token);
                applier.flushAndWait();
            } while (applier.applied - before >= PAUSE_BELOW);

            if (run.mode() == Rebuild.Mode.VERIFY) {
                awaitProjections(token); // so that the paused projections have seen all the rebuild has
            }
            List<StreamingEventProcessor> projections = pause();
            try {
                TrackingToken last = token;
                if (run.mode() == Rebuild.Mode.SWITCH) {
                    run.phase(Rebuild.Phase.SWITCHING);
                    applier.inline = true;
                    transactions.executeWithoutResult(status -> {
                        TrackingToken end = applier.catchUp(last);
                        applier.flushHere();
                        schemas.switchTo(schema, "retired_" + run.id());
                        projections.forEach(projection -> moveToken(projection.getName(), end));
                    });
                    run.completed(null);
                } else {
                    // exactly the events the paused projections have handled, no more, no fewer
                    List<LiveProjection> live = readModels.stream().map(this::liveProjection).toList();
                    applier.catchUp(last, (writer, event) -> live.get(writer).handled(event));
                    applier.flushAndWait();
                    run.phase(Rebuild.Phase.COMPARING);
                    List<Rebuild.TableDifference> differences = tables.stream()
                            .map(table -> schemas.compare(schema, table)).toList();
                    boolean agrees = differences.stream().allMatch(d -> d.onlyInLive() == 0 && d.onlyInRebuilt() == 0);
                    keep = !agrees;
                    run.completed(new Rebuild.Verification(agrees, differences, agrees ? null : schema));
                }
            } finally {
                projections.forEach(EventProcessor::start);
            }
            log.info("{}", run.view().summary());
        } catch (RuntimeException | Error e) {
            log.error("{} of the read models failed", run.mode(), e);
            run.failed(e);
        } finally {
            if (!keep) {
                try {
                    schemas.drop(schema); // gone already after a switch
                } catch (RuntimeException e) {
                    log.warn("could not drop schema {}", schema, e);
                }
            }
        }
    }

    /** The live tables, each of which some read model must own, or a rebuild would lose it. */
    private List<String> checkedTables() {
        Set<String> owned = new HashSet<>();
        readModels.forEach(model -> owned.addAll(model.tables()));
        List<String> live = schemas.liveTables();
        Set<String> unowned = new HashSet<>(live);
        unowned.removeAll(owned);
        Set<String> missing = new HashSet<>(owned);
        missing.removeAll(live);
        if (!unowned.isEmpty() || !missing.isEmpty()) {
            throw new IllegalStateException("the tables of " + ReadModel.LIVE_SCHEMA + " " + live
                    + " do not match those of the read models " + owned);
        }
        return live;
    }

    private List<StreamingEventProcessor> pause() {
        List<StreamingEventProcessor> projections = readModels.stream()
                .map(model -> processing.eventProcessor(model.processingGroup(), StreamingEventProcessor.class)
                        .orElseThrow(() -> new IllegalStateException("no processor " + model.processingGroup())))
                .distinct().toList();
        projections.forEach(EventProcessor::shutDown);
        return projections;
    }

    /** Waits until every segment of every projection has handled the events up to {@code token}. */
    private void awaitProjections(TrackingToken token) {
        long position = token == null ? -1 : token.position().orElse(-1);
        long deadline = System.nanoTime() + PROJECTIONS_TIMEOUT.toNanos();
        for (ReadModel model : readModels) {
            StreamingEventProcessor processor = processing.eventProcessor(model.processingGroup(),
                    StreamingEventProcessor.class).orElseThrow();
            while (processor.processingStatus().isEmpty() || !processor.processingStatus().values().stream()
                    .allMatch(status -> status.getCurrentPosition().orElse(-1) >= position)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("projection " + model.processingGroup()
                            + " did not reach event " + position + " within " + PROJECTIONS_TIMEOUT);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
    }

    /** A paused projection: its segments with their stored tokens, and how it assigns events to them. */
    private record LiveProjection(SequencingPolicy<? super EventMessage<?>> policy,
                                  Map<Segment, TrackingToken> tokens) {

        /**
         * Whether the projection has handled the event: the token of the segment the event belongs to has passed
         * it. (A segment stores its token when it handles events of its own, so a token is exact for those.)
         */
        boolean handled(TrackedEventMessage<?> event) {
            Object sequence = policy.getSequenceIdentifierFor(event);
            int hash = Objects.hashCode(sequence == null ? event.getIdentifier() : sequence);
            return tokens.entrySet().stream().filter(entry -> entry.getKey().matches(hash)).findFirst()
                    .map(entry -> Rebuilds.handled(entry.getValue(), event.trackingToken())).orElse(false);
        }
    }

    private LiveProjection liveProjection(ReadModel model) {
        String name = model.processingGroup();
        int[] ids = tokenStore.fetchSegments(name);
        Map<Segment, TrackingToken> tokens = new LinkedHashMap<>();
        for (int id : ids) {
            tokens.put(Segment.computeSegment(id, ids), tokenStore.fetchToken(name, id));
            tokenStore.releaseClaim(name, id);
        }
        return new LiveProjection(processing.sequencingPolicy(name), tokens);
    }

    /**
     * Whether a projection at {@code live} has handled the event at {@code event}: its index is not beyond the
     * projection's and not one of its gaps. ({@code covers} would also demand that the event's token have every
     * gap the projection's has, which the rebuild's tokens need not.)
     */
    static boolean handled(TrackingToken live, TrackingToken event) {
        if (live == null) {
            return false;
        }
        long index = event.position().orElseThrow();
        TrackingToken token = WrappedToken.unwrapLowerBound(live);
        if (token instanceof GapAwareTrackingToken gapAware) {
            return index <= gapAware.getIndex() && !gapAware.getGaps().contains(index);
        }
        return index <= live.position().orElse(-1);
    }

    /** Every segment of the processor continues after {@code token}; fails if another node holds a segment. */
    private void moveToken(String processor, TrackingToken token) {
        int[] segments = tokenStore.fetchSegments(processor);
        if (segments.length == 0) {
            tokenStore.initializeTokenSegments(processor, 1, token);
            return;
        }
        for (int segment : segments) {
            tokenStore.storeToken(token, processor, segment);
            tokenStore.releaseClaim(processor, segment);
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    /**
     * Applies events to all writers and counts them. Every {@value #FLUSH_EVERY} events it drains the writers and
     * hands the write to a thread of its own (one transaction each, in order, at most two waiting), so that
     * reading and deserialising the next events overlaps with writing the last ones.
     */
    private final class Applier implements AutoCloseable {
        final Rebuild run;
        final List<ReadModelWriter> writers;
        final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "read-model-rebuild-writer");
            thread.setDaemon(true);
            return thread;
        });
        final Semaphore waiting = new Semaphore(2);
        final List<Future<?>> written = new ArrayList<>();
        long applied;
        int unflushed;
        /** Set for the last events: written on the applying thread, in its transaction. */
        boolean inline;

        Applier(Rebuild run, String schema) {
            this.run = run;
            this.writers = readModels.stream().map(model -> model.writerFor(schema)).toList();
        }

        void apply(TrackedEventMessage<?> event) {
            apply(event, (writer, e) -> true);
        }

        /** Applies the event to the writers (by index) that {@code applies} accepts; counts it if any did. */
        void apply(TrackedEventMessage<?> event, BiPredicate<Integer, TrackedEventMessage<?>> applies) {
            boolean any = false;
            for (int i = 0; i < writers.size(); i++) {
                if (applies.test(i, event)) {
                    writers.get(i).apply(event);
                    any = true;
                }
            }
            if (!any) {
                return;
            }
            applied++;
            if (++unflushed == FLUSH_EVERY) {
                flush();
            }
        }

        private void flush() {
            if (inline) {
                flushHere();
                return;
            }
            List<Runnable> writes = writers.stream().map(ReadModelWriter::drain).filter(Objects::nonNull).toList();
            long done = applied;
            unflushed = 0;
            waiting.acquireUninterruptibly();
            failIfAnyFailed();
            written.removeIf(Future::isDone);
            written.add(writer.submit(() -> {
                try {
                    transactions.executeWithoutResult(status -> {
                        // a rebuild cut off by a crash is dropped and started again: no need to wait for the disk
                        jdbc.execute("SET LOCAL synchronous_commit = off");
                        writes.forEach(Runnable::run);
                    });
                    run.done(done);
                } finally {
                    waiting.release();
                }
            }));
        }

        void flushAndWait() {
            flush();
            for (Future<?> future : written) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("writing the rebuilt rows failed", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            written.clear();
        }

        /** Writes what is collected on this thread, in the caller's transaction; after {@link #flushAndWait}. */
        private void flushHere() {
            writers.stream().map(ReadModelWriter::drain).filter(Objects::nonNull).forEach(Runnable::run);
            unflushed = 0;
            run.done(applied);
        }

        private void failIfAnyFailed() {
            for (Future<?> future : written) {
                if (future.isDone()) {
                    try {
                        future.get();
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("writing the rebuilt rows failed", e.getCause());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", e);
                    }
                }
            }
        }

        /** Applies everything after {@code token} that is there now; returns the token of the last event. */
        TrackingToken catchUp(TrackingToken token) {
            return catchUp(token, (writer, event) -> true);
        }

        /** The same, each event only to the writers (by index) that {@code applies} accepts. */
        TrackingToken catchUp(TrackingToken token, BiPredicate<Integer, TrackedEventMessage<?>> applies) {
            TrackingToken last = token;
            try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(token, false)) {
                Iterator<? extends TrackedEventMessage<?>> iterator = stream.iterator();
                while (iterator.hasNext()) {
                    TrackedEventMessage<?> event = iterator.next();
                    apply(event, applies);
                    last = event.trackingToken();
                }
            }
            return last;
        }

        @Override
        public void close() {
            writer.shutdownNow();
        }
    }
}
