package dev.zielmonitor.query.rebuild;

import dev.zielmonitor.eventstore.EventLog;
import dev.zielmonitor.eventstore.PrefetchingEventStorageEngine;
import dev.zielmonitor.events.failure.Conflict;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import dev.zielmonitor.query.readmodel.ReadModel;
import dev.zielmonitor.query.readmodel.ReadModelSchemas;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Rebuilds every read model from the event store into a new schema while the live one keeps serving (ADR 0005):
 * replay up to the head ({@link SchemaReplay}), catch up with what came since, pause the projections, then either
 * switch ({@link SchemaSwitch}) or compare with the live read models ({@link RebuildVerification}); then resume
 * them. One run at a time, in a thread of its own; progress is in {@link Rebuild} and {@link RebuildProgress}.
 */
@Component
public class Rebuilds implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Rebuilds.class);

    private final List<ReadModel> readModels;
    private final PrefetchingEventStorageEngine events;
    private final EventLog eventLog;
    private final JdbcTemplate jdbc;
    private final ReadModelSchemas schemas;
    private final TransactionTemplate transactions;
    private final EventProcessingConfiguration processing;
    private final SchemaSwitch schemaSwitch;
    private final RebuildVerification verification;
    private final RebuildProgress progress;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    Rebuilds(List<ReadModel> readModels, PrefetchingEventStorageEngine events, EventLog eventLog, JdbcTemplate jdbc,
             ReadModelSchemas schemas, PlatformTransactionManager transactionManager,
             EventProcessingConfiguration processing, SchemaSwitch schemaSwitch, RebuildVerification verification,
             RebuildProgress progress) {
        this.readModels = List.copyOf(readModels);
        this.events = events;
        this.eventLog = eventLog;
        this.jdbc = jdbc;
        this.schemas = schemas;
        this.transactions = new TransactionTemplate(transactionManager);
        this.processing = processing;
        this.schemaSwitch = schemaSwitch;
        this.verification = verification;
        this.progress = progress;
    }

    /** Starts a run in the background; fails with a conflict while another one runs. */
    public synchronized Rebuild start(Rebuild.Mode mode) {
        Optional<Rebuild> latest = progress.latest();
        if (latest.isPresent() && latest.get().running()) {
            throw new Conflict("rebuild " + latest.get().id() + " is still running; one at a time");
        }
        Rebuild run = new Rebuild(Long.toString(System.currentTimeMillis(), 36), mode);
        progress.track(run);
        executor.execute(() -> execute(run));
        return run;
    }

    public Optional<Rebuild> find(String id) {
        return progress.find(id);
    }

    /** The runs kept, latest first. */
    public List<Rebuild> all() {
        return progress.all();
    }

    private void execute(Rebuild run) {
        String schema = (run.mode() == Rebuild.Mode.SWITCH ? "rebuild_" : "verify_") + run.id();
        log.info("{} of the read models into schema {} started", run.mode(), schema);
        boolean keep = false;
        try (SchemaReplay replay = new SchemaReplay(run, schema, readModels, events, jdbc, transactions)) {
            List<String> tables = checkedTables();
            schemas.schemasStartingWith("rebuild_").forEach(schemas::drop); // left by a run that was cut off
            List<String> deferredIndexes = schemas.createEmptyCopy(schema, tables);

            long head = eventLog.head();
            run.total(eventLog.countUpTo(head));
            TrackingToken token = replay.upTo(head);
            deferredIndexes.forEach(jdbc::execute);

            run.phase(Rebuild.Phase.CATCHING_UP);
            token = replay.catchUpWhileBusy(token);

            if (run.mode() == Rebuild.Mode.VERIFY) {
                verification.awaitProjections(token); // so that the paused projections have seen all the rebuild has
            }
            List<StreamingEventProcessor> projections = pause();
            try {
                if (run.mode() == Rebuild.Mode.SWITCH) {
                    run.phase(Rebuild.Phase.SWITCHING);
                    schemaSwitch.switchTo(replay, token, schema, "retired_" + run.id(), projections);
                    run.completed(null);
                } else {
                    Rebuild.Verification result = verification.verify(run, replay, token, schema, tables);
                    keep = !result.agrees();
                    run.completed(result);
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

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
