package dev.zielmonitor.command.ingest.deadletter;

import dev.zielmonitor.command.ingest.DeadLetter;
import dev.zielmonitor.command.ingest.Parking;
import dev.zielmonitor.command.ingest.ResubmissionMarker;
import dev.zielmonitor.command.ingest.kafka.IngestProperties;
import dev.zielmonitor.events.failure.Conflict;
import dev.zielmonitor.events.failure.NotFound;
import dev.zielmonitor.contract.RejectionCode;
import dev.zielmonitor.events.common.TextRules;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Parks rejected records twice: as rows of {@code command_side.dead_letter} (for operators: listed over REST,
 * resubmitted from there), written in the same transaction as the batch's events, and on the dead-letter
 * topic with the original key and bytes and the reason in headers (for other consumers). A record parked
 * again after a redelivery keeps its one row (unique by topic, partition, offset).
 * <p>
 * Parking must not fail on what a producer sent (issue 17): every text that came from outside is made storable
 * ({@link TextRules#storable}) and bounded, the only reference to another row is a resubmission marker that
 * {@link ResubmissionMarkers} verified, and {@link #storeLastResort} writes a row that holds nothing from the
 * producer but its bytes.
 */
@Component
public class DeadLetters implements Parking {

    public static final String HEADER_CODE = "zielmonitor.error.code";
    public static final String HEADER_REASON = "zielmonitor.error.reason";
    public static final String HEADER_TOPIC = "zielmonitor.original.topic";
    public static final String HEADER_PARTITION = "zielmonitor.original.partition";
    public static final String HEADER_OFFSET = "zielmonitor.original.offset";
    public static final String HEADER_PRODUCER = "zielmonitor.original.producer";
    /** set on the dead-letter topic when the original value was too large to be sent with the headers */
    public static final String HEADER_VALUE_OMITTED = "zielmonitor.value-omitted";
    public static final String HEADER_RESUBMISSION_OF = "zielmonitor.resubmission-of";
    /** the random token of a resubmission, without which {@link #HEADER_RESUBMISSION_OF} is not honoured */
    public static final String HEADER_RESUBMISSION_TOKEN = "zielmonitor.resubmission-token";

    /** Longest key and reason stored: a real key is five characters, a real reason a sentence. */
    static final int MAX_TEXT = 4000;
    private static final int MAX_HEADER_TEXT = 1000;
    private static final String INSERT = """
            INSERT INTO command_side.dead_letter (topic, kafka_partition, kafka_offset, record_key,
                record_value, error_code, reason, producer, resubmission_of)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (topic, kafka_partition, kafka_offset) DO NOTHING""";

    private final JdbcClient jdbc;
    private final KafkaTemplate<String, byte[]> kafka;
    private final IngestProperties properties;
    private final TransactionTemplate transaction;
    private final ResubmissionMarkers markers;
    private final SecureRandom random = new SecureRandom();

    DeadLetters(JdbcClient jdbc, KafkaTemplate<String, byte[]> kafka, IngestProperties properties,
                PlatformTransactionManager transactions, ResubmissionMarkers markers) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
        this.markers = markers;
    }

    @Override
    public ResubmissionMarker resubmissionMarker(ConsumerRecord<String, byte[]> record) {
        return markers.of(record);
    }

    /** Writes the rows; call inside the transaction that stores the batch's events. */
    @Override
    public void store(List<DeadLetter> letters) {
        for (DeadLetter letter : letters) {
            jdbc.sql(INSERT)
                    .params(letter.topic(), letter.partition(), letter.offset(), text(letter.key()), letter.value(),
                            letter.code().name(), text(letter.reason()), text(letter.producer()),
                            letter.resubmissionOf())
                    .update();
        }
    }

    /**
     * The row of a record whose parking failed for a reason that is not the database's availability: nothing in
     * it comes from the producer but the bytes (a {@code bytea}, which holds anything), so it cannot fail on them.
     * Each in a transaction of its own. Throws only when the database itself fails, which is retried.
     */
    @Override
    public void storeLastResort(List<DeadLetter> letters, Throwable failure) {
        String reason = "parking failed (" + failure.getClass().getSimpleName() + "); the record is kept unread: "
                + "its key, reason and headers were not stored";
        for (DeadLetter letter : letters) {
            transaction.executeWithoutResult(status -> jdbc.sql(INSERT)
                    .params(letter.topic(), letter.partition(), letter.offset(), null, letter.value(),
                            RejectionCode.PROCESSING_ERROR.name(), reason, null, null)
                    .update());
        }
    }

    /**
     * Puts the records on the dead-letter topic and waits for the broker; throws (so that the batch is retried) only
     * when the broker does not take them. A record too large to go with the headers goes without its value, which
     * the row in the database keeps.
     */
    @Override
    public void publish(List<DeadLetter> letters) {
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (DeadLetter letter : letters) {
            sent.add(kafka.send(parked(letter, letter.value())).exceptionallyCompose(failure ->
                    cause(failure) instanceof RecordTooLargeException
                            ? kafka.send(parkedWithoutValue(letter))
                            : CompletableFuture.<SendResult<String, byte[]>>failedFuture(failure)));
        }
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parking rejected records", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not park rejected records on the dead-letter topic", e);
        }
    }

    private ProducerRecord<String, byte[]> parked(DeadLetter letter, byte[] value) {
        ProducerRecord<String, byte[]> parked = new ProducerRecord<>(properties.deadLetterTopic(),
                letter.key(), value);
        parked.headers()
                .add(HEADER_CODE, utf8(letter.code().name()))
                .add(HEADER_REASON, utf8(bounded(letter.reason(), MAX_HEADER_TEXT)))
                .add(HEADER_TOPIC, utf8(letter.topic()))
                .add(HEADER_PARTITION, utf8(Integer.toString(letter.partition())))
                .add(HEADER_OFFSET, utf8(Long.toString(letter.offset())));
        if (letter.producer() != null) {
            parked.headers().add(HEADER_PRODUCER, utf8(letter.producer()));
        }
        return parked;
    }

    private ProducerRecord<String, byte[]> parkedWithoutValue(DeadLetter letter) {
        ProducerRecord<String, byte[]> parked = parked(letter, null);
        parked.headers().add(HEADER_VALUE_OMITTED, utf8("too large; kept in command_side.dead_letter"));
        return parked;
    }

    private static Throwable cause(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException
                || t instanceof org.springframework.kafka.KafkaException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * Puts a parked record back on the topic it came from, with a header naming this dead letter and a random token
     * that only the row knows, and marks the dead letter RESUBMITTED by the user. The row is marked (and so the token
     * readable by the consumer) before the record is sent; if the broker does not take it, the mark is undone.
     */
    public void resubmit(long id, String user) {
        String token = HexFormat.of().formatHex(nextToken());
        Map<String, Object> row = transaction.execute(status -> {
            Map<String, Object> found = jdbc.sql("SELECT topic, record_key, record_value, status, resubmitted_at "
                            + "FROM command_side.dead_letter WHERE id = ? FOR UPDATE")
                    .param(id).query().listOfRows().stream().findFirst()
                    .orElseThrow(() -> new NotFound("No dead letter " + id));
            if (!"PARKED".equals(found.get("status"))) {
                throw new AlreadyResubmittedException(id, found.get("resubmitted_at"));
            }
            jdbc.sql("UPDATE command_side.dead_letter SET status = 'RESUBMITTED', resubmitted_at = now(), "
                    + "resubmitted_by = ?, resubmission_token = ? WHERE id = ?").params(user, token, id).update();
            return found;
        });
        ProducerRecord<String, byte[]> record = new ProducerRecord<>((String) row.get("topic"),
                (String) row.get("record_key"), (byte[]) row.get("record_value"));
        record.headers().add(HEADER_RESUBMISSION_OF, utf8(Long.toString(id)))
                .add(HEADER_RESUBMISSION_TOKEN, utf8(token));
        try {
            kafka.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            undoResubmission(id, token);
            throw new IllegalStateException("interrupted while resubmitting dead letter " + id, e);
        } catch (ExecutionException | TimeoutException e) {
            undoResubmission(id, token);
            throw new IllegalStateException("could not resubmit dead letter " + id + " to " + row.get("topic"), e);
        }
    }

    private byte[] nextToken() {
        byte[] token = new byte[16];
        random.nextBytes(token);
        return token;
    }

    private void undoResubmission(long id, String token) {
        jdbc.sql("UPDATE command_side.dead_letter SET status = 'PARKED', resubmitted_at = NULL, resubmitted_by = NULL, "
                + "resubmission_token = NULL WHERE id = ? AND resubmission_token = ?").params(id, token).update();
    }

    static final class AlreadyResubmittedException extends Conflict {
        AlreadyResubmittedException(long id, Object when) {
            super("Dead letter " + id + " was already resubmitted at " + when);
        }
    }

    /** Text from outside, storable in PostgreSQL and bounded. */
    private static String text(String value) {
        return bounded(TextRules.storable(value), MAX_TEXT);
    }

    private static String bounded(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
