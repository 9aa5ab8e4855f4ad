package dev.zielmonitor.query.readmodel;

import dev.zielmonitor.eventstore.EventLog;
import dev.zielmonitor.eventstore.PrefetchingEventStorageEngine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An auditor's replay as of an instant: every read model rebuilt from the events recorded up to that instant, into
 * a schema of its own ({@code asof_<instant>_<n>}), then compared table by table with what the live read models
 * say was known at that instant (their bitemporal as-of view). The two are computed in independent ways (a fresh
 * replay of a prefix of the history; the live intervals cut at the instant), so agreement is evidence that the
 * as-of answers of the API are what the history says.
 */
@Component
public class AsOfReplay {

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")
            .withZone(ZoneOffset.UTC);
    /** How often the collected rows are written. */
    private static final int WRITE_EVERY = 5_000;
    /** How often progress is reported. */
    private static final int REPORT_EVERY = 500;

    /**
     * Each live table as known at {@code :asOf} (a timestamp parameter): the rows recorded by then, intervals that
     * closed later shown open, as a replay up to that instant writes them. A table without an entry here cannot be
     * compared, and the replay says so rather than skip it.
     */
    static final Map<String, String> AS_OF_VIEWS = Map.of(
            "jobcenter", "SELECT * FROM read_model.jobcenter WHERE registered_at <= ?",
            "monthly_figures_version", """
                    SELECT jobcenter_id, reporting_month, version, data_status, source, message_id, event_id, figures,
                           recorded_from, CASE WHEN recorded_to <= ? THEN recorded_to END AS recorded_to
                    FROM read_model.monthly_figures_version WHERE recorded_from <= ?""",
            "agreement_history", "SELECT * FROM read_model.agreement_history WHERE recorded_at <= ?");

    private final List<ReadModel> readModels;
    private final PrefetchingEventStorageEngine events;
    private final EventLog eventLog;
    private final JdbcTemplate jdbc;
    private final ReadModelSchemas schemas;
    private final TransactionTemplate transactions;

    AsOfReplay(List<ReadModel> readModels, PrefetchingEventStorageEngine events, EventLog eventLog, JdbcTemplate jdbc,
               ReadModelSchemas schemas, PlatformTransactionManager transactionManager) {
        this.readModels = List.copyOf(readModels);
        this.events = events;
        this.eventLog = eventLog;
        this.jdbc = jdbc;
        this.schemas = schemas;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * @param schema         where the replay wrote (kept only when asked to)
     * @param eventsApplied  events recorded up to the instant
     * @param eventsLater    events recorded after it, left out
     */
    public record Result(Instant asOf, String schema, boolean kept, long eventsApplied, long eventsLater,
                         boolean agrees, List<TableDifference> tables) {
    }

    /** Where a replay is: REPLAYING (events read of those stored) or COMPARING (tables compared). */
    @FunctionalInterface
    public interface Progress {
        void progress(String phase, long done, long expected);
    }

    public Result run(Instant asOf, boolean keep, Progress progress) {
        String schema = "asof_" + NAME.format(asOf) + "_" + ThreadLocalRandom.current().nextInt(1000, 10000);
        List<String> tables = readModels.stream().flatMap(m -> m.tables().stream()).toList();
        for (String table : tables) {
            if (!AS_OF_VIEWS.containsKey(table)) {
                throw new IllegalStateException("read-model table " + table + " has no as-of view in AsOfReplay");
            }
        }
        List<String> deferredIndexes = schemas.createEmptyCopy(schema, tables);
        try {
            List<ReadModelWriter> writers = readModels.stream().map(m -> m.writerFor(schema)).toList();
            long[] counts = new long[2];
            long stored = eventLog.count();
            progress.progress("REPLAYING", 0, stored);
            events.readUpTo(Long.MAX_VALUE, event -> {
                long read = counts[0] + counts[1] + 1;
                if (read % REPORT_EVERY == 0) {
                    progress.progress("REPLAYING", read, Math.max(read, stored));
                }
                if (event.getTimestamp().isAfter(asOf)) {
                    counts[1]++;
                    return;
                }
                writers.forEach(w -> w.apply(event));
                if (++counts[0] % WRITE_EVERY == 0) {
                    write(writers);
                }
            });
            write(writers);
            deferredIndexes.forEach(jdbc::execute);

            List<TableDifference> differences = new ArrayList<>();
            for (String table : tables) {
                progress.progress("COMPARING", differences.size(), tables.size());
                differences.add(compare(schema, table, AS_OF_VIEWS.get(table), asOf));
            }
            boolean agrees = differences.stream().allMatch(d -> d.onlyInLive() == 0 && d.onlyInRebuilt() == 0);
            return new Result(asOf, schema, keep, counts[0], counts[1], agrees, differences);
        } finally {
            if (!keep) {
                schemas.drop(schema);
            }
        }
    }

    private void write(List<ReadModelWriter> writers) {
        for (ReadModelWriter writer : writers) {
            Runnable write = writer.drain();
            if (write != null) {
                transactions.executeWithoutResult(status -> write.run());
            }
        }
    }

    private TableDifference compare(String schema, String table, String view, Instant asOf) {
        Object[] once = new Object[view.length() - view.replace("?", "").length()];
        Arrays.fill(once, Timestamp.from(asOf));
        return schemas.compare(view, once, "as-of view", schema, table, "replay");
    }
}
