package dev.zielmonitor.command.ingest.kafka;

import dev.zielmonitor.command.ingest.DeadLetter;
import dev.zielmonitor.command.ingest.Parking;
import dev.zielmonitor.command.ingest.ResubmissionMarker;
import dev.zielmonitor.command.security.CommandPrincipals;
import dev.zielmonitor.command.registry.JobcenterDirectory;
import dev.zielmonitor.command.reporting.RecordMonthlyFiguresCommand;
import dev.zielmonitor.command.reporting.RecordingOutcome;
import dev.zielmonitor.command.reporting.RecordingResult;
import dev.zielmonitor.contract.ContractViolationException;
import dev.zielmonitor.contract.MonthlyFigures;
import dev.zielmonitor.contract.MonthlyFiguresContract;
import dev.zielmonitor.contract.RejectionCode;
import dev.zielmonitor.events.common.TextRules;
import dev.zielmonitor.events.reporting.Provenance;
import dev.zielmonitor.eventstore.PrefetchingEventStorageEngine;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Consumes the monthly-figures topics a poll at a time. Records are checked against the contract first; then all
 * commands of a poll, and the rows of the records it rejects, are written in one database transaction, with the
 * event streams of the poll's aggregates read in one query and the new events written in one JDBC batch
 * ({@link PrefetchingEventStorageEngine}, ADR 0003); the rejected records then go to the dead-letter topic;
 * only then does the container commit the offsets. If anything fails that is not a message's fault (database
 * or broker down), the whole poll is retried: recording is idempotent by message id, so nothing is stored twice
 * and nothing is lost. Whatever a record holds, it ends as an event or a parked record (issue 17): a failure it
 * causes is isolated and parked, and if even parking it fails, it is parked without anything it said.
 */
@Component
class MonthlyFiguresListener {

    static final String LISTENER_ID = "monthly-figures";
    private static final Logger log = LoggerFactory.getLogger(MonthlyFiguresListener.class);

    private final MonthlyFiguresContract contract;
    private final JobcenterDirectory jobcenters;
    private final CommandGateway commandGateway;
    private final Parking deadLetters;
    private final ProducerBinding producers;
    private final TransactionTemplate transaction;
    private final PrefetchingEventStorageEngine eventStorage;
    private final MeterRegistry meters;

    MonthlyFiguresListener(MonthlyFiguresContract contract, JobcenterDirectory jobcenters,
                           CommandGateway commandGateway, Parking deadLetters,
                           ProducerBinding producers, TransactionTemplate transaction,
                           PrefetchingEventStorageEngine eventStorage, MeterRegistry meters) {
        this.contract = contract;
        this.jobcenters = jobcenters;
        this.commandGateway = commandGateway;
        this.deadLetters = deadLetters;
        this.producers = producers;
        this.transaction = transaction;
        this.eventStorage = eventStorage;
        this.meters = meters;
    }

    @KafkaListener(id = LISTENER_ID, topicPattern = "#{@producerBinding.subscription()}", batch = "true",
            autoStartup = "false")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        List<DeadLetter> rejected = new ArrayList<>();
        List<Accepted> accepted = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            check(record, accepted, rejected);
        }
        Map<RecordingOutcome, Integer> outcomes = new EnumMap<>(RecordingOutcome.class);
        try {
            recordAll(accepted, outcomes, rejected);
        } catch (RuntimeException failure) {
            if (FailureKind.isTransient(failure)) {
                throw failure; // the container retries the poll once the platform is back
            }
            // one of the messages fails every time: find it, park it, keep the others
            log.warn("A poll of {} records failed; recording them one by one to isolate the cause", records.size(),
                    failure);
            outcomes.clear();
            recordOneByOne(accepted, outcomes, rejected);
        }
        if (!rejected.isEmpty()) {
            deadLetters.publish(rejected);
        }
        outcomes.forEach((outcome, n) -> meters.counter("zielmonitor.ingest.messages",
                "outcome", outcome.name().toLowerCase(), "code", "none").increment(n));
        for (DeadLetter letter : rejected) {
            log.warn("Parked {}-{}@{}: {} {}", letter.topic(), letter.partition(), letter.offset(), letter.code(),
                    TextRules.storable(letter.reason()));
            meters.counter("zielmonitor.ingest.messages", "outcome", "rejected", "code", letter.code().name())
                    .increment();
        }
    }

    /** The whole poll in one transaction, with its aggregates' streams prefetched (ADR 0003). */
    private void recordAll(List<Accepted> accepted, Map<RecordingOutcome, Integer> outcomes,
                           List<DeadLetter> rejected) {
        List<DeadLetter> parked = new ArrayList<>(rejected);
        transaction.executeWithoutResult(status -> {
            eventStorage.inBatch(accepted.stream().map(a -> a.command().reportId()).toList(), () -> {
                accepted.forEach(a -> record(a, outcomes, parked));
                return null;
            });
            deadLetters.store(parked);
        });
        rejected.clear();
        rejected.addAll(parked);
    }

    /**
     * Each message in its own transaction; one that fails for a reason that is not transient is parked as
     * {@code PROCESSING_ERROR} with the failure's message, so that it cannot block its partition.
     */
    private void recordOneByOne(List<Accepted> accepted, Map<RecordingOutcome, Integer> outcomes,
                                List<DeadLetter> rejected) {
        park(rejected);
        for (Accepted message : accepted) {
            List<DeadLetter> parked = new ArrayList<>();
            try {
                transaction.executeWithoutResult(status -> {
                    record(message, outcomes, parked);
                    deadLetters.store(parked);
                });
            } catch (RuntimeException failure) {
                if (FailureKind.isTransient(failure)) {
                    throw failure;
                }
                parked.clear();
                parked.add(DeadLetter.of(message.record(), RejectionCode.PROCESSING_ERROR,
                        "recording failed: " + failure, message.producer().identity(), message.resubmissionOf()));
                park(parked);
            }
            rejected.addAll(parked);
        }
    }

    /** Stores the rows in a transaction of their own; if that fails for them, stores what cannot fail. */
    private void park(List<DeadLetter> letters) {
        try {
            transaction.executeWithoutResult(status -> deadLetters.store(letters));
        } catch (RuntimeException failure) {
            if (FailureKind.isTransient(failure)) {
                throw failure;
            }
            log.error("Parking {} records failed; parking them without their key and reason", letters.size(),
                    failure);
            deadLetters.storeLastResort(letters, failure);
        }
    }

    /**
     * The contract, the producer's binding and the registry, before any transaction (a known Jobcenter is a cached
     * look-up). Whatever the record holds, it ends in {@code accepted} or {@code rejected}.
     */
    private void check(ConsumerRecord<String, byte[]> record, List<Accepted> accepted, List<DeadLetter> rejected) {
        ProducerBinding.Producer producer = producers.of(record.topic());
        ResubmissionMarker marker = deadLetters.resubmissionMarker(record);
        Long resubmissionOf = marker.trustedId();
        String note = "";
        if (marker instanceof ResubmissionMarker.Untrusted untrusted) {
            note = " (a resubmission marker on the record was ignored: " + untrusted.why() + ")";
            log.warn("Ignored an untrusted resubmission marker on {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), untrusted.why());
            meters.counter("zielmonitor.ingest.untrusted.markers").increment();
        }
        try {
            MonthlyFigures message;
            try {
                message = contract.read(record.key(), record.value());
            } catch (ContractViolationException e) {
                rejected.add(DeadLetter.of(record, e.code(), e.getMessage() + note, producer.identity(),
                        resubmissionOf));
                return;
            }
            Optional<String> refusal = producers.refusal(producer, record.topic(), message.jobcenterId());
            if (refusal.isPresent()) {
                rejected.add(DeadLetter.of(record, RejectionCode.PRODUCER_NOT_ALLOWED, refusal.get() + note,
                        producer.identity(), resubmissionOf));
                return;
            }
            if (!jobcenters.isRegistered(message.jobcenterId())) {
                rejected.add(DeadLetter.of(record, RejectionCode.UNKNOWN_JOBCENTER,
                        "no Jobcenter " + message.jobcenterId() + " is registered" + note, producer.identity(),
                        resubmissionOf));
                return;
            }
            accepted.add(new Accepted(record, RecordMonthlyFiguresCommand.of(message),
                    provenance(record, message, producer, resubmissionOf), producer, resubmissionOf));
        } catch (RuntimeException failure) {
            if (FailureKind.isTransient(failure)) {
                throw failure;
            }
            rejected.add(DeadLetter.of(record, RejectionCode.PROCESSING_ERROR, "checking failed: " + failure + note,
                    producer.identity(), resubmissionOf));
        }
    }

    private void record(Accepted message, Map<RecordingOutcome, Integer> outcomes, List<DeadLetter> rejected) {
        RecordingResult result = commandGateway.sendAndWait(GenericCommandMessage
                .asCommandMessage(message.command()).andMetaData(message.provenance()));
        if (result.outcome() == RecordingOutcome.REJECTED) {
            rejected.add(DeadLetter.of(message.record(), result.rejectionCode(), result.reason(),
                    message.producer().identity(), message.resubmissionOf()));
        } else {
            outcomes.merge(result.outcome(), 1, Integer::sum);
        }
    }

    private record Accepted(ConsumerRecord<String, byte[]> record, RecordMonthlyFiguresCommand command,
                            MetaData provenance, ProducerBinding.Producer producer, Long resubmissionOf) {
    }

    private static MetaData provenance(ConsumerRecord<String, byte[]> record, MonthlyFigures message,
                                       ProducerBinding.Producer producer, Long resubmissionOf) {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(Provenance.KAFKA_TOPIC, record.topic());
        metaData.put(Provenance.KAFKA_PARTITION, record.partition());
        metaData.put(Provenance.KAFKA_OFFSET, record.offset());
        metaData.put(Provenance.KAFKA_TIMESTAMP, Instant.ofEpochMilli(record.timestamp()).toString());
        metaData.put(Provenance.MESSAGE_ID, message.messageId());
        metaData.put(Provenance.SOURCE, message.source());
        metaData.put(Provenance.RECEIVED_AT, Instant.now().toString());
        metaData.put(Provenance.PRINCIPAL, CommandPrincipals.KAFKA_INGESTION);
        metaData.put(Provenance.PRODUCER, producer.identity());
        if (resubmissionOf != null) {
            metaData.put(Provenance.RESUBMISSION_OF, resubmissionOf);
        }
        return MetaData.from(metaData);
    }
}
