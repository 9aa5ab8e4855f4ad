package dev.zielmonitor.command.ingest.kafka;

import dev.zielmonitor.command.reporting.RecordMonthlyFiguresCommand;
import dev.zielmonitor.command.reporting.RecordingOutcome;
import dev.zielmonitor.command.reporting.StaleFiguresException;
import dev.zielmonitor.events.reporting.Provenance;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;

/**
 * Consumes the monthly-figures topic. A record counts as handled only when its command has stored its event
 * (or found nothing new) or when it has been parked on the dead-letter topic; only then does the container
 * commit its offset. Failures that are not the message's fault (database down) are thrown, so the container
 * retries the same record until it succeeds.
 */
@Component
class MonthlyFiguresListener {

    private static final Logger log = LoggerFactory.getLogger(MonthlyFiguresListener.class);

    private final MonthlyFiguresMessageReader reader;
    private final CommandGateway commandGateway;
    private final DeadLetterPublisher deadLetters;
    private final MeterRegistry meters;

    MonthlyFiguresListener(MonthlyFiguresMessageReader reader, CommandGateway commandGateway,
                           DeadLetterPublisher deadLetters, MeterRegistry meters) {
        this.reader = reader;
        this.commandGateway = commandGateway;
        this.deadLetters = deadLetters;
        this.meters = meters;
    }

    @KafkaListener(id = "monthly-figures", topics = "${zielmonitor.ingest.topic:zielmonitor.monthly-figures.v1}")
    void on(ConsumerRecord<String, byte[]> record) {
        RecordMonthlyFiguresCommand command;
        try {
            command = reader.read(record.key(), record.value());
        } catch (RejectedMessageException e) {
            park(record, e.code(), e.getMessage());
            return;
        }
        try {
            RecordingOutcome outcome = commandGateway.sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).andMetaData(provenance(record, command)));
            count(outcome.name().toLowerCase());
        } catch (StaleFiguresException e) {
            park(record, "STALE_DATA_STATUS", e.getMessage());
        }
    }

    private void park(ConsumerRecord<String, byte[]> record, String code, String reason) {
        deadLetters.park(record, code, reason);
        log.warn("Parked {}-{}@{}: {} {}", record.topic(), record.partition(), record.offset(), code, reason);
        meters.counter("zielmonitor.ingest.messages", "outcome", "rejected", "code", code).increment();
    }

    private void count(String outcome) {
        meters.counter("zielmonitor.ingest.messages", "outcome", outcome, "code", "none").increment();
    }

    private static MetaData provenance(ConsumerRecord<String, byte[]> record, RecordMonthlyFiguresCommand command) {
        return MetaData.from(Map.of(
                Provenance.KAFKA_TOPIC, record.topic(),
                Provenance.KAFKA_PARTITION, record.partition(),
                Provenance.KAFKA_OFFSET, record.offset(),
                Provenance.MESSAGE_ID, command.messageId(),
                Provenance.SOURCE, command.source(),
                Provenance.RECEIVED_AT, Instant.now().toString()));
    }
}
