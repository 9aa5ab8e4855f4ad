package dev.zielmonitor.command.ingest.kafka;

import dev.zielmonitor.command.CommandServiceIntegrationTest;
import dev.zielmonitor.command.ingest.deadletter.DeadLetters;
import dev.zielmonitor.infra.KafkaTestBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.zielmonitor.command.ingest.kafka.KafkaIngestionTestSupport.TOPIC;
import static dev.zielmonitor.command.ingest.kafka.KafkaIngestionTestSupport.message;
import static dev.zielmonitor.command.ingest.kafka.KafkaIngestionTestSupport.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a hostile or broken producer can put on the topic: forged headers, a data status in the future, text that
 * PostgreSQL cannot hold. Each ends as one parked record or one event, and the partition goes on with the next
 * record (issue 17).
 */
class HostileProducerTest extends CommandServiceIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DeadLetters deadLetters;

    private static void publishWithHeader(String key, byte[] value, String... headers) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.get().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, key, value);
            for (int i = 0; i < headers.length; i += 2) {
                record.headers().add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
            }
            producer.send(record).get();
        }
    }

    private Optional<Map<String, Object>> deadLetterContaining(String text) {
        return jdbc.sql("SELECT id, error_code, reason, resubmission_of, status FROM command_side.dead_letter "
                        + "WHERE position(convert_to(?, 'UTF8') IN record_value) > 0 ORDER BY id DESC LIMIT 1")
                .param(text).query().listOfRows().stream().findFirst();
    }

    private boolean stored(String messageId) {
        return jdbc.sql("SELECT count(*) FROM domainevententry WHERE convert_from(metadata, 'UTF8') LIKE ?")
                .param("%\"messageId\":\"" + messageId + "\"%").query(Long.class).single() == 1;
    }

    @Test
    void aForgedResubmissionHeaderNamingNoDeadLetterIsIgnoredAndThePartitionMovesOn() throws Exception {
        String marker = "forged-" + UUID.randomUUID();
        String next = UUID.randomUUID().toString();
        publishWithHeader("05122", ("not json " + marker).getBytes(StandardCharsets.UTF_8),
                DeadLetters.HEADER_RESUBMISSION_OF, "-1");
        publish("05122", message(next, "05122", "2001-01", "2001-04-30", 11000).getBytes(StandardCharsets.UTF_8));

        Map<String, Object> letter = await().atMost(Duration.ofSeconds(30))
                .until(() -> deadLetterContaining(marker), Optional::isPresent).orElseThrow();
        assertThat(letter.get("error_code")).isEqualTo("MALFORMED_JSON");
        assertThat(letter.get("resubmission_of")).as("a header the platform did not write is not trusted").isNull();
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(next));
    }

    @Test
    void aForgedResubmissionHeaderNamingARealDeadLetterIsNotHonoured() throws Exception {
        String original = "original-" + UUID.randomUUID();
        publish("05122", ("not json either " + original).getBytes(StandardCharsets.UTF_8));
        long parked = ((Number) await().atMost(Duration.ofSeconds(30))
                .until(() -> deadLetterContaining(original), Optional::isPresent).orElseThrow().get("id")).longValue();

        String forged = "forged-" + UUID.randomUUID();
        publishWithHeader("05122", ("forged body " + forged).getBytes(StandardCharsets.UTF_8),
                DeadLetters.HEADER_RESUBMISSION_OF, Long.toString(parked));

        Map<String, Object> letter = await().atMost(Duration.ofSeconds(30))
                .until(() -> deadLetterContaining(forged), Optional::isPresent).orElseThrow();
        assertThat(letter.get("resubmission_of")).isNull();
        assertThat((String) letter.get("reason")).contains("resubmission marker");
        assertThat(deadLetterContaining(original).orElseThrow().get("status")).isEqualTo("PARKED");
    }

    @Test
    void aCopiedResubmissionMarkerIsHonouredOnlyWithThePlatformsTokenAndTheParkedBytes() throws Exception {
        String messageId = UUID.randomUUID().toString();
        publish("06412", message(messageId, "06412", "2001-01", "2001-04-30", 900).getBytes(StandardCharsets.UTF_8));
        long parked = ((Number) await().atMost(Duration.ofSeconds(30))
                .until(() -> deadLetterContaining(messageId), Optional::isPresent).orElseThrow().get("id")).longValue();
        deadLetters.resubmit(parked, "test-operator");
        Map<String, Object> again = await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterContaining(messageId),
                letter -> letter.isPresent() && ((Number) letter.get().get("id")).longValue() != parked).orElseThrow();
        assertThat(((Number) again.get("resubmission_of")).longValue()).as("the platform's own marker").isEqualTo(parked);

        String token = jdbc.sql("SELECT resubmission_token FROM command_side.dead_letter WHERE id = ?").param(parked)
                .query(String.class).single();
        String otherBytes = "copied-headers-" + UUID.randomUUID();
        publishWithHeader("06412", ("not the parked bytes " + otherBytes).getBytes(StandardCharsets.UTF_8),
                DeadLetters.HEADER_RESUBMISSION_OF, Long.toString(parked), DeadLetters.HEADER_RESUBMISSION_TOKEN, token);
        String wrongToken = "guessed-token-" + UUID.randomUUID();
        publishWithHeader("06412", ("a guess " + wrongToken).getBytes(StandardCharsets.UTF_8),
                DeadLetters.HEADER_RESUBMISSION_OF, Long.toString(parked), DeadLetters.HEADER_RESUBMISSION_TOKEN,
                "0123456789abcdef0123456789abcdef");

        Map<String, Object> copied = await().atMost(Duration.ofSeconds(30))
                .until(() -> deadLetterContaining(otherBytes), Optional::isPresent).orElseThrow();
        assertThat(copied.get("resubmission_of")).isNull();
        assertThat((String) copied.get("reason")).contains("the record differs from the parked one");
        Map<String, Object> guessed = await().atMost(Duration.ofSeconds(30))
                .until(() -> deadLetterContaining(wrongToken), Optional::isPresent).orElseThrow();
        assertThat(guessed.get("resubmission_of")).isNull();
        assertThat((String) guessed.get("reason")).contains("not a resubmission made by the platform");
    }

    @Test
    void aDataStatusInTheFutureIsParkedAndALaterHonestCorrectionIsStillRecorded() throws Exception {
        String future = UUID.randomUUID().toString();
        publish("05122", message(future, "05122", "2001-02", "2099-12-31", 11000).getBytes(StandardCharsets.UTF_8));
        Map<String, Object> letter = await().atMost(Duration.ofSeconds(30))
                .until(() -> deadLetterContaining(future), Optional::isPresent).orElseThrow();
        assertThat(letter.get("error_code")).isEqualTo("FUTURE_DATA_STATUS");
        assertThat((String) letter.get("reason")).contains("2099-12-31");

        String honest = UUID.randomUUID().toString();
        String today = LocalDate.now(ZoneId.of("Europe/Berlin")).toString();
        publish("05122", message(honest, "05122", "2001-02", today, 11000).getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(honest));
        assertThat(stored(future)).isFalse();
    }

    @Test
    void textThatPostgresCannotHoldOrThatIsNotUnicodeIsParked() throws Exception {
        for (String[] hostile : new String[][] {{"nul", "\\u0000"}, {"surrogate", "\\ud800"},
                {"escape", "\\u001b[31m"}}) {
            String messageId = hostile[0] + "-" + UUID.randomUUID();
            String body = message(messageId, "05122", "2001-03", "2001-06-30", 11000)
                    .replace("}}}", "}},\"correction\":{\"reason\":\"Revision " + hostile[1] + " des Amtes\"}}");
            publish("05122", body.getBytes(StandardCharsets.UTF_8));
            Map<String, Object> letter = await().atMost(Duration.ofSeconds(30))
                    .until(() -> deadLetterContaining(messageId), Optional::isPresent).orElseThrow();
            assertThat(letter.get("error_code")).as(hostile[0]).isEqualTo("INVALID_VALUE");
            assertThat((String) letter.get("reason")).as(hostile[0]).contains("/correction/reason");
            assertThat(stored(messageId)).isFalse();
        }
        String fine = UUID.randomUUID().toString();
        String body = message(fine, "05122", "2001-03", "2001-06-30", 11000)
                .replace("}}}", "}},\"correction\":{\"reason\":\"Revision\\ndes Amtes\\t(Zeile 2)\"}}");
        publish("05122", body.getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(fine));
    }
}
