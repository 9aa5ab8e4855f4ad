package dev.zielmonitor.command.ingest.kafka;

import dev.zielmonitor.command.ingest.deadletter.DeadLetter;
import dev.zielmonitor.command.ingest.deadletter.DeadLetters;
import dev.zielmonitor.command.registry.JobcenterDirectory;
import dev.zielmonitor.command.reporting.RecordMonthlyFiguresCommand;
import dev.zielmonitor.command.reporting.RecordingOutcome;
import dev.zielmonitor.command.reporting.RecordingResult;
import dev.zielmonitor.contract.ContractViolationException;
import dev.zielmonitor.contract.MonthlyFigures;
import dev.zielmonitor.contract.MonthlyFiguresContract;
import dev.zielmonitor.contract.RejectionCode;
import dev.zielmonitor.events.reporting.Provenance;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Consumes the monthly-figures topic a poll at a time. All commands of a poll, and the rows of the records it
 * rejects, are written in one database transaction; the rejected records then go to the dead-letter topic;
 * only then does the container commit the offsets. If anything fails that is not a message's fault (database
 * or broker down), the whole poll is retried: recording is idempotent by message id, so nothing is stored twice
 * and nothing is lost.
 */
@Component
class MonthlyFiguresListener {

    static final String LISTENER_ID = "monthly-figures";
    private static final Logger log = LoggerFactory.getLogger(MonthlyFiguresListener.class);

    private final MonthlyFiguresContract contract;
    private final JobcenterDirectory jobcenters;
    private final CommandGateway commandGateway;
    private final DeadLetters deadLetters;
    private final TransactionTemplate transaction;
    private final MeterRegistry meters;

    MonthlyFiguresListener(MonthlyFiguresContract contract, JobcenterDirectory jobcenters,
                           CommandGateway commandGateway, DeadLetters deadLetters, TransactionTemplate transaction,
                           MeterRegistry meters) {
        this.contract = contract;
        this.jobcenters = jobcenters;
        this.commandGateway = commandGateway;
        this.deadLetters = deadLetters;
        this.transaction = transaction;
        this.meters = meters;
    }

    @KafkaListener(id = LISTENER_ID, topics = "${zielmonitor.ingest.topic:zielmonitor.monthly-figures.v1}",
            batch = "true", autoStartup = "false")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        Map<RecordingOutcome, Integer> outcomes = new EnumMap<>(RecordingOutcome.class);
        List<DeadLetter> rejected = new ArrayList<>();
        transaction.executeWithoutResult(status -> {
            outcomes.clear();
            rejected.clear();
            for (ConsumerRecord<String, byte[]> record : records) {
                DeadLetter letter = handle(record, outcomes);
                if (letter != null) {
                    rejected.add(letter);
                }
            }
            deadLetters.store(rejected);
        });
        if (!rejected.isEmpty()) {
            deadLetters.publish(rejected);
        }
        outcomes.forEach((outcome, n) -> meters.counter("zielmonitor.ingest.messages",
                "outcome", outcome.name().toLowerCase(), "code", "none").increment(n));
        for (DeadLetter letter : rejected) {
            log.warn("Parked {}-{}@{}: {} {}", letter.topic(), letter.partition(), letter.offset(), letter.code(),
                    letter.reason());
            meters.counter("zielmonitor.ingest.messages", "outcome", "rejected", "code", letter.code().name())
                    .increment();
        }
    }

    /** Records one message; returns what to park when it is rejected. */
    private DeadLetter handle(ConsumerRecord<String, byte[]> record, Map<RecordingOutcome, Integer> outcomes) {
        Long resubmissionOf = resubmissionOf(record);
        MonthlyFigures message;
        try {
            message = contract.read(record.key(), record.value());
        } catch (ContractViolationException e) {
            return DeadLetter.of(record, e.code(), e.getMessage(), resubmissionOf);
        }
        if (!jobcenters.isRegistered(message.jobcenterId())) {
            return DeadLetter.of(record, RejectionCode.UNKNOWN_JOBCENTER,
                    "no Jobcenter " + message.jobcenterId() + " is registered", resubmissionOf);
        }
        RecordingResult result = commandGateway.sendAndWait(GenericCommandMessage
                .asCommandMessage(RecordMonthlyFiguresCommand.of(message))
                .andMetaData(provenance(record, message, resubmissionOf)));
        if (result.outcome() == RecordingOutcome.REJECTED) {
            return DeadLetter.of(record, result.rejectionCode(), result.reason(), resubmissionOf);
        }
        outcomes.merge(result.outcome(), 1, Integer::sum);
        return null;
    }

    private static Long resubmissionOf(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(DeadLetters.HEADER_RESUBMISSION_OF);
        if (header == null) {
            return null;
        }
        try {
            return Long.parseLong(new String(header.value(), StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static MetaData provenance(ConsumerRecord<String, byte[]> record, MonthlyFigures message,
                                       Long resubmissionOf) {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(Provenance.KAFKA_TOPIC, record.topic());
        metaData.put(Provenance.KAFKA_PARTITION, record.partition());
        metaData.put(Provenance.KAFKA_OFFSET, record.offset());
        metaData.put(Provenance.KAFKA_TIMESTAMP, Instant.ofEpochMilli(record.timestamp()).toString());
        metaData.put(Provenance.MESSAGE_ID, message.messageId());
        metaData.put(Provenance.SOURCE, message.source());
        metaData.put(Provenance.RECEIVED_AT, Instant.now().toString());
        if (resubmissionOf != null) {
            metaData.put(Provenance.RESUBMISSION_OF, resubmissionOf);
        }
        return MetaData.from(metaData);
    }
}
