package dev.zielmonitor.command.ingest.kafka;

import dev.zielmonitor.command.CommandServiceIntegrationTest;
import dev.zielmonitor.command.ingest.deadletter.DeadLetters;
import dev.zielmonitor.infra.KafkaTestBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.zielmonitor.command.ingest.kafka.KafkaIngestionTestSupport.TOPIC;
import static dev.zielmonitor.command.ingest.kafka.KafkaIngestionTestSupport.header;
import static dev.zielmonitor.command.ingest.kafka.KafkaIngestionTestSupport.message;
import static dev.zielmonitor.command.ingest.kafka.KafkaIngestionTestSupport.publish;
import static dev.zielmonitor.command.ingest.kafka.KafkaIngestionTestSupport.readDeadLetters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Real messages through a real broker into the real event store. */
class KafkaIngestionTest extends CommandServiceIntegrationTest {

    @Autowired
    JdbcClient jdbc;



    private Optional<Map<String, Object>> storedEvent(String messageId) {
        return jdbc.sql("""
                        SELECT payloadtype, convert_from(payload, 'UTF8') AS payload,
                               convert_from(metadata, 'UTF8') AS metadata
                        FROM domainevententry WHERE convert_from(metadata, 'UTF8') LIKE ?""")
                .param("%\"messageId\":\"" + messageId + "\"%").query().listOfRows().stream().findFirst();
    }

    @Test
    void aContractMessageBecomesAnEventWithItsProvenance() throws Exception {
        String messageId = UUID.randomUUID().toString();
        publish("05122", message(messageId, "05122", "2014-03", "2014-06-30", 10712)
                .getBytes(StandardCharsets.UTF_8));

        Map<String, Object> event = await().atMost(Duration.ofSeconds(30))
                .until(() -> storedEvent(messageId), Optional::isPresent).orElseThrow();

        assertThat(event.get("payloadtype")).isEqualTo("dev.zielmonitor.events.reporting.MonthlyFiguresRecordedEvent");
        assertThat((String) event.get("payload")).contains("\"reportingMonth\":\"2014-03\"",
                "\"total\":3541234.50");
        assertThat((String) event.get("metadata")).contains("\"kafkaTopic\":\"" + TOPIC + "\"",
                "\"kafkaPartition\":", "\"kafkaOffset\":", "\"source\":\"BA_STATISTIK\"", "\"receivedAt\":",
                "\"principal\":\"system:kafka-ingestion\"");
    }

    @Test
    void aLaterMessageForAStoredMonthIsRecordedAsACorrection() throws Exception {
        String first = UUID.randomUUID().toString();
        publish("05122", message(first, "05122", "2013-05", "2013-08-31", 10800).getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(30)).until(() -> storedEvent(first), Optional::isPresent);

        String second = UUID.randomUUID().toString();
        publish("05122", message(second, "05122", "2013-05", "2013-09-30", 10811).getBytes(StandardCharsets.UTF_8));
        Map<String, Object> correction = await().atMost(Duration.ofSeconds(30))
                .until(() -> storedEvent(second), Optional::isPresent).orElseThrow();

        assertThat(correction.get("payloadtype"))
                .isEqualTo("dev.zielmonitor.events.reporting.MonthlyFiguresCorrectedEvent");
        assertThat((String) correction.get("payload")).contains("\"ELB\":{\"before\":{\"total\":10800},"
                + "\"after\":{\"total\":10811}}");
    }

    @Test
    void aRedeliveredMessageIsStoredOnce() throws Exception {
        String messageId = UUID.randomUUID().toString();
        byte[] value = message(messageId, "05124", "2014-04", "2014-07-31", 9000).getBytes(StandardCharsets.UTF_8);
        publish("05124", value);
        publish("05124", value);
        String marker = UUID.randomUUID().toString();
        publish("05124", message(marker, "05124", "2014-05", "2014-08-31", 9000).getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(30)).until(() -> storedEvent(marker), Optional::isPresent);
        long copies = jdbc.sql("SELECT count(*) FROM domainevententry WHERE convert_from(metadata, 'UTF8') LIKE ?")
                .param("%\"messageId\":\"" + messageId + "\"%").query(Long.class).single();
        assertThat(copies).isEqualTo(1);
    }

    @Test
    void aPoisonMessageIsParkedWithItsReasonAndTheNextMessageIsStillStored() throws Exception {
        byte[] garbage = "{\"schemaVersion\": 1, \"figures\": [".getBytes(StandardCharsets.UTF_8);
        publish("05122", garbage);
        String messageId = UUID.randomUUID().toString();
        publish("05122", message(messageId, "05122", "2014-06", "2014-09-30", 10650)
                .getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(30)).until(() -> storedEvent(messageId), Optional::isPresent);

        List<ConsumerRecord<String, byte[]>> parked = readDeadLetters();
        assertThat(parked).anySatisfy(record -> {
            assertThat(record.value()).isEqualTo(garbage);
            assertThat(header(record, DeadLetters.HEADER_CODE)).isEqualTo("MALFORMED_JSON");
            assertThat(header(record, DeadLetters.HEADER_TOPIC)).isEqualTo(TOPIC);
            assertThat(header(record, DeadLetters.HEADER_REASON)).isNotBlank();
            assertThat(header(record, DeadLetters.HEADER_OFFSET)).matches("\\d+");
        });
        Map<String, Object> row = jdbc.sql("SELECT error_code, status, record_value FROM command_side.dead_letter "
                + "WHERE record_value = ?").param(garbage).query().singleRow();
        assertThat(row.get("error_code")).isEqualTo("MALFORMED_JSON");
        assertThat(row.get("status")).isEqualTo("PARKED");
    }

    @Test
    void figuresOfAnUnknownJobcenterAreParked() throws Exception {
        String messageId = UUID.randomUUID().toString();
        publish("09999", message(messageId, "09999", "2014-03", "2014-06-30", 100).getBytes(StandardCharsets.UTF_8));

        String code = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                        "SELECT error_code FROM command_side.dead_letter WHERE position(convert_to(?, 'UTF8') IN record_value) > 0")
                .param(messageId).query(String.class).optional(), java.util.Optional::isPresent).get();
        assertThat(code).isEqualTo("UNKNOWN_JOBCENTER");
        assertThat(storedEvent(messageId)).isEmpty();
    }

    @Test
    void staleFiguresAreParkedNotStored() throws Exception {
        publish("05111", message(UUID.randomUUID().toString(), "05111", "2015-01", "2015-04-30", 20000)
                .getBytes(StandardCharsets.UTF_8));
        String stale = UUID.randomUUID().toString();
        publish("05111", message(stale, "05111", "2015-01", "2015-03-31", 20001).getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(30)).until(() -> readDeadLetters().stream()
                .anyMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(stale)
                        && "STALE_DATA_STATUS".equals(header(r, DeadLetters.HEADER_CODE))));
        assertThat(storedEvent(stale)).isEmpty();
    }


}
