package dev.zielmonitor.command.ingest.deadletter;

import dev.zielmonitor.command.ingest.kafka.IngestProperties;
import dev.zielmonitor.command.web.ConflictException;
import dev.zielmonitor.command.web.NotFoundException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Parks rejected records twice: as rows of {@code command_side.dead_letter} (for operators: listed over REST,
 * resubmitted from there), written in the same transaction as the batch's events, and on the dead-letter
 * topic with the original key and bytes and the reason in headers (for other consumers). A record parked
 * again after a redelivery keeps its one row (unique by topic, partition, offset).
 */
@Component
public class DeadLetters {

    public static final String HEADER_CODE = "zielmonitor.error.code";
    public static final String HEADER_REASON = "zielmonitor.error.reason";
    public static final String HEADER_TOPIC = "zielmonitor.original.topic";
    public static final String HEADER_PARTITION = "zielmonitor.original.partition";
    public static final String HEADER_OFFSET = "zielmonitor.original.offset";
    public static final String HEADER_RESUBMISSION_OF = "zielmonitor.resubmission-of";

    private final JdbcClient jdbc;
    private final KafkaTemplate<String, byte[]> kafka;
    private final IngestProperties properties;

    DeadLetters(JdbcClient jdbc, KafkaTemplate<String, byte[]> kafka, IngestProperties properties) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.properties = properties;
    }

    /** Writes the rows; call inside the transaction that stores the batch's events. */
    public void store(List<DeadLetter> letters) {
        for (DeadLetter letter : letters) {
            jdbc.sql("""
                            INSERT INTO command_side.dead_letter (topic, kafka_partition, kafka_offset, record_key,
                                record_value, error_code, reason, resubmission_of)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT (topic, kafka_partition, kafka_offset) DO NOTHING""")
                    .params(letter.topic(), letter.partition(), letter.offset(), text(letter.key()), letter.value(),
                            letter.code().name(), text(letter.reason()), letter.resubmissionOf())
                    .update();
        }
    }

    /** Puts the records on the dead-letter topic and waits for the broker; throws so that the batch is retried. */
    public void publish(List<DeadLetter> letters) {
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (DeadLetter letter : letters) {
            ProducerRecord<String, byte[]> parked = new ProducerRecord<>(properties.deadLetterTopic(), letter.key(),
                    letter.value());
            parked.headers()
                    .add(HEADER_CODE, utf8(letter.code().name()))
                    .add(HEADER_REASON, utf8(letter.reason()))
                    .add(HEADER_TOPIC, utf8(letter.topic()))
                    .add(HEADER_PARTITION, utf8(Integer.toString(letter.partition())))
                    .add(HEADER_OFFSET, utf8(Long.toString(letter.offset())));
            sent.add(kafka.send(parked));
        }
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parking rejected records", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not park rejected records on " + properties.deadLetterTopic(), e);
        }
    }

    /**
     * Puts a parked record back on the monthly-figures topic, with a header naming this dead letter, and marks
     * the dead letter RESUBMITTED by the user. The row is locked meanwhile, so it is resubmitted once.
     */
    @Transactional
    public void resubmit(long id, String user) {
        Map<String, Object> row = jdbc.sql("SELECT record_key, record_value, status, resubmitted_at "
                        + "FROM command_side.dead_letter WHERE id = ? FOR UPDATE")
                .param(id).query().listOfRows().stream().findFirst()
                .orElseThrow(() -> new NotFoundException("No dead letter " + id));
        if (!"PARKED".equals(row.get("status"))) {
            throw new AlreadyResubmittedException(id, row.get("resubmitted_at"));
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(properties.topic(), (String) row.get("record_key"),
                (byte[]) row.get("record_value"));
        record.headers().add(HEADER_RESUBMISSION_OF, utf8(Long.toString(id)));
        try {
            kafka.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resubmitting dead letter " + id, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not resubmit dead letter " + id + " to " + properties.topic(), e);
        }
        jdbc.sql("UPDATE command_side.dead_letter SET status = 'RESUBMITTED', resubmitted_at = now(), "
                + "resubmitted_by = ? WHERE id = ?").params(user, id).update();
    }

    static final class AlreadyResubmittedException extends ConflictException {
        AlreadyResubmittedException(long id, Object when) {
            super("Dead letter " + id + " was already resubmitted at " + when);
        }
    }

    /** PostgreSQL text cannot hold NUL; a key or reason quoting one must still be parked, not fail. */
    private static String text(String value) {
        return value == null ? null : value.replace("\u0000", "\\u0000");
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
