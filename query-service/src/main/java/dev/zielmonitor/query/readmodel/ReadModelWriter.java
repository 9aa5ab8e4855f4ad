package dev.zielmonitor.query.readmodel;

import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

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

    /**
     * A writer that turns each event into at most one row ({@code rowOf} gives {@code null} for events it does not
     * follow) and writes them with one JDBC batch of {@code sql}, in order.
     */
    static ReadModelWriter batched(JdbcTemplate jdbc, String sql, Function<EventMessage<?>, Object[]> rowOf) {
        return new ReadModelWriter() {
            private List<Object[]> rows = new ArrayList<>();

            @Override
            public void apply(EventMessage<?> event) {
                Object[] row = rowOf.apply(event);
                if (row != null) {
                    rows.add(row);
                }
            }

            @Override
            public Runnable drain() {
                if (rows.isEmpty()) {
                    return null;
                }
                List<Object[]> batch = rows;
                rows = new ArrayList<>();
                return () -> jdbc.batchUpdate(sql, batch);
            }
        };
    }

    /** Writes what was collected, now. */
    default void flush() {
        Runnable write = drain();
        if (write != null) {
            write.run();
        }
    }
}
