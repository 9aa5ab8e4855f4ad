package dev.zielmonitor.query.rebuild;

import org.axonframework.eventhandling.EventMessage;

/**
 * Turns events into rows of one read model in one schema: collects them, and hands them over as a write that can
 * run later and on another thread, so that a rebuild reads the next events while the last ones are written.
 */
public interface ReadModelWriter {

    /** Takes an event in history order; events the read model does not follow are ignored. */
    void apply(EventMessage<?> event);

    /**
     * What was collected since the last call, as a write independent of later {@link #apply} calls; writes must
     * run in the order they were drained, each in a transaction. {@code null} when there is nothing to write.
     */
    Runnable drain();

    /** Writes what was collected, now. */
    default void flush() {
        Runnable write = drain();
        if (write != null) {
            write.run();
        }
    }
}
