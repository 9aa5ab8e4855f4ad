package dev.zielmonitor.command.ingest.kafka;

import dev.zielmonitor.command.CommandServiceIntegrationTest;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Real messages through a real broker into the real event store. */
class KafkaIngestionTest extends CommandServiceIntegrationTest {

    private static final String TOPIC = "zielmonitor.monthly-figures.v1";

    @Autowired
    JdbcClient jdbc;

    private static String message(String messageId, String jobcenterId, String month, String dataStatus, int elb) {
        return """
                {"schemaVersion":1,"messageId":"%s","jobcenterId":"%s","reportingMonth":"%s","dataStatus":"%s",
                 "source":"BA_STATISTIK","figures":{"ELB":{"total":%d},"INT":{"total":187,"female":71,"male":116},
                 "LLU_EUR":{"total":"3541234.50"}}}""".formatted(messageId, jobcenterId, month, dataStatus, elb);
    }

    private static void publish(String key, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.get().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
        }
    }

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
                "\"kafkaPartition\":", "\"kafkaOffset\":", "\"source\":\"BA_STATISTIK\"", "\"receivedAt\":");
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
            assertThat(header(record, DeadLetterPublisher.HEADER_CODE)).isEqualTo("MALFORMED_JSON");
            assertThat(header(record, DeadLetterPublisher.HEADER_TOPIC)).isEqualTo(TOPIC);
            assertThat(header(record, DeadLetterPublisher.HEADER_REASON)).isNotBlank();
            assertThat(header(record, DeadLetterPublisher.HEADER_OFFSET)).matches("\\d+");
        });
    }

    @Test
    void staleFiguresAreParkedNotStored() throws Exception {
        publish("05313", message(UUID.randomUUID().toString(), "05313", "2015-01", "2015-04-30", 20000)
                .getBytes(StandardCharsets.UTF_8));
        String stale = UUID.randomUUID().toString();
        publish("05313", message(stale, "05313", "2015-01", "2015-03-31", 20001).getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(30)).until(() -> readDeadLetters().stream()
                .anyMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(stale)
                        && "STALE_DATA_STATUS".equals(header(r, DeadLetterPublisher.HEADER_CODE))));
        assertThat(storedEvent(stale)).isEmpty();
    }

    private static List<ConsumerRecord<String, byte[]>> readDeadLetters() {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.get().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC + ".dlt"));
            long deadline = System.currentTimeMillis() + 5000;
            while (System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                if (!records.isEmpty() && consumer.assignment().stream()
                        .allMatch(tp -> consumer.position(tp) >= consumer.endOffsets(List.of(tp)).get(tp))) {
                    break;
                }
            }
        }
        return records;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
