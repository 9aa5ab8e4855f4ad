package dev.zielmonitor.query.readmodel;

import dev.zielmonitor.eventstore.DatabaseFailures;
import dev.zielmonitor.eventstore.deadletter.ParkedEvents;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The writers of the live read models: one per read model and processor batch, flushed just before the batch
 * commits, in one transaction with the processor's token (so a batch of 500 events is a few statements).
 * <p>
 * A handler that fails parks its event through Axon's dead-letter queue. A write that fails when the batch is
 * flushed (the database refusing a row) would otherwise fail the whole batch again and again and stop the processor;
 * so the batch is rolled back to before the write and written again one event at a time, each behind a savepoint:
 * an event whose write fails is parked with the failure, and so is every later event of its sequence in the batch
 * (issue 17). Later batches find the sequence parked and park its events too (Axon's invoker asks the queue).
 * {@link #retry} applies a parked sequence again after the fix, the same way.
 */
@Component
public class LiveWriters {

    private static final Logger log = LoggerFactory.getLogger(LiveWriters.class);

    private final DataSource dataSource;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final ParkedEvents parked;

    private final TransactionTemplate transactions;

    LiveWriters(DataSource dataSource, ObjectProvider<EventProcessingConfiguration> processing, ParkedEvents parked,
                PlatformTransactionManager transactionManager) {
        this.dataSource = dataSource;
        this.transactions = new TransactionTemplate(transactionManager);
        this.processing = processing;
        this.parked = parked;
    }

    /** The writer into the live schema for the processor batch being handled. For event handlers only. */
    public ReadModelWriter writer(ReadModel model) {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(model.getClass().getName() + ".writer", key -> {
            Batch batch = new Batch(model);
            root.onPrepareCommit(unitOfWork -> batch.flush());
            return batch;
        });
    }

    private final class Batch implements ReadModelWriter {
        private final ReadModel model;
        private final ReadModelWriter writer;
        private final List<EventMessage<?>> applied = new ArrayList<>();

        Batch(ReadModel model) {
            this.model = model;
            this.writer = model.writerFor(ReadModel.LIVE_SCHEMA);
        }

        @Override
        public void apply(EventMessage<?> event) {
            writer.apply(event); // a failure here is the handler's: Axon parks the event
            applied.add(event);
        }

        @Override
        public Runnable drain() {
            return writer.drain();
        }

        @Override
        public void flush() {
            Runnable write = writer.drain();
            if (write == null) {
                return;
            }
            Connection connection = DataSourceUtils.getConnection(dataSource);
            Savepoint before = savepoint(connection);
            try {
                write.run();
                release(connection, before);
            } catch (RuntimeException failure) {
                if (DatabaseFailures.isTransient(failure)) {
                    throw failure;
                }
                log.warn("Writing a batch of {} events of {} failed; writing them one at a time to park the one that "
                        + "fails", applied.size(), model.processingGroup(), failure);
                rollback(connection, before);
                writeOneByOne(connection);
            }
        }

        private void writeOneByOne(Connection connection) {
            EventProcessingConfiguration configuration = processing.getObject();
            var policy = configuration.sequencingPolicy(model.processingGroup());
            Set<String> parkedSequences = new HashSet<>();
            ReadModelWriter single = model.writerFor(ReadModel.LIVE_SCHEMA);
            for (EventMessage<?> event : applied) {
                Object identifier = policy.getSequenceIdentifierFor(event);
                String sequence = (identifier == null ? event.getIdentifier() : identifier).toString();
                if (parkedSequences.contains(sequence)) {
                    parked.park(model.processingGroup(), sequence, event, null);
                    continue;
                }
                Savepoint savepoint = savepoint(connection);
                try {
                    single.apply(event);
                    single.flush();
                    release(connection, savepoint);
                } catch (RuntimeException failure) {
                    if (DatabaseFailures.isTransient(failure)) {
                        throw failure;
                    }
                    rollback(connection, savepoint);
                    single = model.writerFor(ReadModel.LIVE_SCHEMA); // it may remember what was not written
                    parkedSequences.add(sequence);
                    parked.park(model.processingGroup(), sequence, event, failure);
                    log.warn("Parked event {} ({}) of sequence {} in {}: {}", event.getIdentifier(),
                            event.getPayloadType().getSimpleName(), sequence, model.processingGroup(),
                            failure.toString());
                }
            }
        }
    }

    /**
     * Applies the parked sequence again, event by event, each behind a savepoint, in one transaction: an event that
     * applies leaves the queue; the first that fails again is rolled back and stays parked with the new failure and
     * a retry count, and the ones behind it wait (issue 17). Not through Axon's dead-letter processor: its unit of
     * work nests a transaction whose rollback would also roll back the requeue.
     *
     * @return whether every event of the sequence was applied
     */
    public boolean retry(ReadModel model, String sequence) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            return parked.retry(model.processingGroup(), sequence, letter -> {
                Savepoint savepoint = savepoint(connection);
                try {
                    ReadModelWriter writer = model.writerFor(ReadModel.LIVE_SCHEMA);
                    writer.apply(letter.message());
                    writer.flush();
                    release(connection, savepoint);
                    return Decisions.evict();
                } catch (RuntimeException failure) {
                    if (DatabaseFailures.isTransient(failure)) {
                        throw failure;
                    }
                    rollback(connection, savepoint);
                    return parked.decide(letter, failure);
                }
            });
        }));
    }

    private static Savepoint savepoint(Connection connection) {
        try {
            return connection.setSavepoint();
        } catch (SQLException e) {
            throw new IllegalStateException("could not set a savepoint for the read-model batch", e);
        }
    }

    private static void release(Connection connection, Savepoint savepoint) {
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw new IllegalStateException("could not release a savepoint of the read-model batch", e);
        }
    }

    private static void rollback(Connection connection, Savepoint savepoint) {
        try {
            connection.rollback(savepoint);
        } catch (SQLException e) {
            throw new IllegalStateException("could not roll the read-model batch back to its savepoint", e);
        }
    }
}
