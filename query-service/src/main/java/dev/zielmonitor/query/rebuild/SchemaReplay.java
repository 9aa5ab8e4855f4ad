package dev.zielmonitor.query.rebuild;

import dev.zielmonitor.eventstore.PrefetchingEventStorageEngine;
import dev.zielmonitor.query.readmodel.ReadModel;
import dev.zielmonitor.query.readmodel.ReadModelWriter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

/**
 * One run's replay of the history into its schema: applies events to the writers of every read model and counts
 * them. Every {@value #FLUSH_EVERY} events it drains the writers and hands the write to a thread of its own (one
 * transaction each, in order, at most two waiting), so that reading and deserialising the next events overlaps
 * with writing the last ones. The switch and the verification finish it in their own ways.
 */
final class SchemaReplay implements AutoCloseable {

    private static final int FLUSH_EVERY = 10_000;
    /** Catching up repeats until a round finds fewer new events than this; the rest is taken while paused. */
    private static final int PAUSE_BELOW = 5000;

    private final Rebuild run;
    private final List<ReadModel> readModels;
    private final List<ReadModelWriter> writers;
    private final PrefetchingEventStorageEngine events;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "read-model-rebuild-writer");
        thread.setDaemon(true);
        return thread;
    });
    private final Semaphore waiting = new Semaphore(2);
    private final List<Future<?>> written = new ArrayList<>();
    private long applied;
    private int unflushed;
    /** Set for the last events: written on the applying thread, in its transaction. */
    private boolean inline;

    SchemaReplay(Rebuild run, String schema, List<ReadModel> readModels, PrefetchingEventStorageEngine events,
                 JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.run = run;
        this.readModels = List.copyOf(readModels);
        this.writers = this.readModels.stream().map(model -> model.writerFor(schema)).toList();
        this.events = events;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** The read models it writes, in the order of the writers' indexes. */
    List<ReadModel> readModels() {
        return readModels;
    }

    /** Applies the history up to the global index {@code head}, written; returns the token of the last event. */
    TrackingToken upTo(long head) {
        TrackingToken token = events.readUpTo(head, this::apply);
        flushAndWait();
        return token;
    }

    /**
     * Catches up in rounds with what came since {@code token}, written, until a round finds few new events; returns
     * the token of the last event.
     */
    TrackingToken catchUpWhileBusy(TrackingToken token) {
        long before;
        do {
            before = applied;
            token = catchUp(token);
            flushAndWait();
        } while (applied - before >= PAUSE_BELOW);
        return token;
    }

    /** From now on, writes go on the applying thread, in its transaction (the switch's last events). */
    void writeInline() {
        inline = true;
    }

    private void apply(TrackedEventMessage<?> event) {
        apply(event, (writer, e) -> true);
    }

    /** Applies the event to the writers (by index) that {@code applies} accepts; counts it if any did. */
    private void apply(TrackedEventMessage<?> event, BiPredicate<Integer, TrackedEventMessage<?>> applies) {
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

    /** Writes what is collected and waits until every write handed over is done. */
    void flushAndWait() {
        flush();
        for (Future<?> future : written) {
            await(future);
        }
        written.clear();
    }

    /** Writes what is collected on this thread, in the caller's transaction; after {@link #flushAndWait}. */
    void flushHere() {
        writers.stream().map(ReadModelWriter::drain).filter(Objects::nonNull).forEach(Runnable::run);
        unflushed = 0;
        run.done(applied);
    }

    private void failIfAnyFailed() {
        for (Future<?> future : written) {
            if (future.isDone()) {
                await(future);
            }
        }
    }

    private static void await(Future<?> future) {
        try {
            future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("writing the rebuilt rows failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Applies everything after {@code token} that is there now; returns the token of the last event. */
    TrackingToken catchUp(TrackingToken token) {
        return catchUp(token, (writer, event) -> true);
    }

    /** The same, each event only to the writers (by index of the read models) that {@code applies} accepts. */
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
