package dev.zielmonitor.command.ingest.kafka;

import dev.zielmonitor.command.CommandServiceIntegrationTest;
import dev.zielmonitor.infra.KafkaTestBroker;
import dev.zielmonitor.infra.TestDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.zielmonitor.command.ingest.kafka.KafkaIngestionTestSupport.TOPIC;
import static dev.zielmonitor.command.ingest.kafka.KafkaIngestionTestSupport.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When parking itself fails, or a poll fails again and again for a reason that is not an outage, the record still
 * ends as a parked record and its partition goes on; an outage is waited out, never parked (issue 17).
 */
class ParkingFailuresTest extends CommandServiceIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    /** The database's administrator: the test's simulated defect is its doing, not the service's. */
    private static JdbcClient admin() {
        TestDatabase db = TestDatabase.get();
        return JdbcClient.create(new DriverManagerDataSource(db.url(), db.user(), db.password()));
    }

    @Autowired
    DefaultErrorHandler kafkaErrorHandler;

    @Autowired
    ConsumerFactory<String, byte[]> consumerFactory;

    private static void send(String topic, int partition, String key, String value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.get().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, partition, key, value.getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private Optional<Map<String, Object>> deadLetterContaining(String text) {
        return jdbc.sql("SELECT topic, record_key, error_code, reason FROM command_side.dead_letter "
                        + "WHERE position(convert_to(?, 'UTF8') IN record_value) > 0 ORDER BY id DESC LIMIT 1")
                .param(text).query().listOfRows().stream().findFirst();
    }

    @Test
    void aRecordWhoseParkingFailsIsParkedWithoutWhatItSaidAndThePartitionMovesOn() throws Exception {
        // a defect of the database that some rows meet stands in for whatever else could make a parking insert fail
        JdbcClient admin = admin();
        admin.sql("""
                CREATE OR REPLACE FUNCTION test_refuse_parking() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.record_key = 'refuse-parking' THEN
                        RAISE EXCEPTION 'simulated defect' USING ERRCODE = 'P0001';
                    END IF;
                    RETURN NEW;
                END $$""").update();
        admin.sql("CREATE TRIGGER test_refuse_parking BEFORE INSERT ON command_side.dead_letter "
                + "FOR EACH ROW EXECUTE FUNCTION test_refuse_parking()").update();
        try {
            String marker = "unparkable-" + UUID.randomUUID();
            String next = UUID.randomUUID().toString();
            send(TOPIC, 3, "refuse-parking", "not json " + marker);
            send(TOPIC, 3, "05122", message(next, "05122", "2001-05", "2001-08-31", 11000));

            Map<String, Object> letter = await().atMost(Duration.ofSeconds(30))
                    .until(() -> deadLetterContaining(marker), Optional::isPresent).orElseThrow();
            assertThat(letter.get("error_code")).isEqualTo("PROCESSING_ERROR");
            assertThat(letter.get("record_key")).as("nothing the producer said is stored but its bytes").isNull();
            assertThat((String) letter.get("reason")).startsWith("parking failed (");
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                    "SELECT count(*) FROM domainevententry WHERE convert_from(metadata, 'UTF8') LIKE ?")
                    .param("%" + next + "%").query(Long.class).single() == 1);
        } finally {
            admin.sql("DROP TRIGGER test_refuse_parking ON command_side.dead_letter").update();
        }
    }

    /**
     * The service's own error handler on a container of the test's: a poll that fails for a reason that is not an
     * outage is tried a bounded number of times, then its record is parked and the next one is consumed; a poll
     * that fails because the platform is away is retried until it passes.
     */
    @Test
    void theErrorHandlerWaitsOutAnOutageAndParksWhatFailsEveryTime() throws Exception {
        String topic = "error-handler-test." + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestBroker.get().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        List<String> consumed = new CopyOnWriteArrayList<>();
        AtomicInteger outages = new AtomicInteger();
        AtomicInteger poisonCalls = new AtomicInteger();
        ContainerProperties properties = new ContainerProperties(topic);
        properties.setGroupId("error-handler-test-" + UUID.randomUUID());
        properties.setMessageListener((BatchMessageListener<String, byte[]>) records -> {
            for (ConsumerRecord<String, byte[]> record : records) {
                String value = new String(record.value(), StandardCharsets.UTF_8);
                if (value.startsWith("poison")) {
                    poisonCalls.incrementAndGet();
                    throw new IllegalStateException("simulated defect that slipped past the listener");
                }
                if (value.startsWith("outage") && outages.incrementAndGet() <= 3) {
                    throw new TransientDataAccessResourceException("simulated: the database is away");
                }
            }
            records.forEach(record -> consumed.add(new String(record.value(), StandardCharsets.UTF_8)));
        });
        KafkaMessageListenerContainer<String, byte[]> container =
                new KafkaMessageListenerContainer<>(consumerFactory, properties);
        container.setCommonErrorHandler(kafkaErrorHandler);
        container.start();
        try {
            String poison = "poison-" + UUID.randomUUID();
            send(topic, 0, "05122", poison);
            Map<String, Object> letter = await().atMost(Duration.ofSeconds(60))
                    .until(() -> deadLetterContaining(poison), Optional::isPresent).orElseThrow();
            assertThat(letter.get("topic")).isEqualTo(topic);
            assertThat(letter.get("error_code")).isEqualTo("PROCESSING_ERROR");
            assertThat(poisonCalls.get()).as("the first try and two retries").isEqualTo(3);

            String outage = "outage-" + UUID.randomUUID();
            String after = "after-" + UUID.randomUUID();
            send(topic, 0, "05122", outage);
            send(topic, 0, "05122", after);
            await().atMost(Duration.ofSeconds(60)).until(() -> consumed.contains(after));
            assertThat(consumed).contains(outage).doesNotContain(poison);
            assertThat(outages.get()).isGreaterThan(3);
            assertThat(deadLetterContaining(outage)).as("an outage is waited out, never parked").isEmpty();
        } finally {
            container.stop();
        }
    }
}
