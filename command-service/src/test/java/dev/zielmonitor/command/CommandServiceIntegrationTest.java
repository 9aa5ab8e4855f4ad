package dev.zielmonitor.command;

import dev.zielmonitor.infra.TestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole command service against this test run's PostgreSQL database and in-process Kafka broker. All
 * subclasses share one application context.
 */
@SpringBootTest(properties = "logging.level.org.apache.kafka=warn")
@AutoConfigureMockMvc
public abstract class CommandServiceIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.databaseAndKafkaProperties().forEach((key, value) -> registry.add(key, () -> value));
    }
}
