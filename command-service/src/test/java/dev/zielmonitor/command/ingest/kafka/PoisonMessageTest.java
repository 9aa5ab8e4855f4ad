package dev.zielmonitor.command.ingest.kafka;

import dev.zielmonitor.command.CommandServiceIntegrationTest;
import dev.zielmonitor.infra.KafkaTestBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static dev.zielmonitor.command.ingest.kafka.KafkaIngestionTestSupport.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A valid message that makes recording fail every time (a defect that this message's data triggers) must not
 * block its partition: it is parked as PROCESSING_ERROR and the messages around it are stored. The defect is
 * simulated by a command interceptor; this context consumes a topic of its own.
 */
@Import(PoisonMessageTest.Defect.class)
@TestPropertySource(properties = {
        "zielmonitor.ingest.topic=poison-test.monthly-figures.v1",
        "zielmonitor.ingest.dead-letter-topic=poison-test.monthly-figures.v1.dlt",
        "spring.kafka.consumer.group-id=poison-test"})
class PoisonMessageTest extends CommandServiceIntegrationTest {

    private static final String TOPIC = "poison-test.monthly-figures.v1";

    @TestConfiguration
    static class Defect {
        @Bean
        MessageHandlerInterceptor<CommandMessage<?>> defectForPoisonMessages() {
            return (unitOfWork, chain) -> {
                Object messageId = unitOfWork.getMessage().getMetaData().get("messageId");
                if (messageId != null && messageId.toString().startsWith("poison-")) {
                    throw new IllegalStateException("simulated defect for " + messageId);
                }
                return chain.proceed();
            };
        }
    }

    @Autowired
    JdbcClient jdbc;

    @Test
    void aMessageThatAlwaysFailsIsParkedAndTheOthersAreStored() throws Exception {
        String before = "ok-" + UUID.randomUUID();
        String poison = "poison-" + UUID.randomUUID();
        String after = "ok-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.get().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (String[] m : new String[][] {{before, "2009-01"}, {poison, "2009-02"}, {after, "2009-03"}}) {
                producer.send(new ProducerRecord<>(TOPIC, "05122",
                        message(m[0], "05122", m[1], "2009-06-30", 11000).getBytes(StandardCharsets.UTF_8))).get();
            }
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                        "SELECT count(*) FROM command_side.dead_letter WHERE position(convert_to(?, 'UTF8') IN record_value) > 0")
                .param(poison).query(Long.class).single() == 1);
        Map<String, Object> letter = jdbc.sql("SELECT error_code, reason FROM command_side.dead_letter "
                + "WHERE position(convert_to(?, 'UTF8') IN record_value) > 0").param(poison).query().singleRow();
        assertThat(letter.get("error_code")).isEqualTo("PROCESSING_ERROR");
        assertThat((String) letter.get("reason")).contains("simulated defect");

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                        SELECT count(*) FROM domainevententry
                        WHERE convert_from(metadata, 'UTF8')::jsonb ->> 'messageId' IN (?, ?)""")
                .params(before, after).query(Long.class).single() == 2);
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry "
                        + "WHERE convert_from(metadata, 'UTF8')::jsonb ->> 'messageId' = ?")
                .param(poison).query(Long.class).single()).isZero();
    }
}
