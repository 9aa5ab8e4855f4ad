package dev.zielmonitor.command.ingest.kafka;

import dev.zielmonitor.infra.TestDatabase;
import dev.zielmonitor.infra.TestInfrastructure;
import dev.zielmonitor.publisher.KafkaSettings;
import dev.zielmonitor.publisher.PublishFiguresCommand;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Production-like Kafka security (docs/kafka-security.md): a broker that authenticates by SASL and authorises by
 * ACLs. The command service connects with Spring Boot's standard properties as a user that may read the topic
 * and its group and write the dead-letter topic, nothing more; a Jobcenter's user that may only write the topic
 * publishes with the publishing tool; the figures become an event.
 */
// a context of its own, used by this class only: closed after it, so its connections do not pile up
@DirtiesContext
@SpringBootTest(properties = "logging.level.org.apache.kafka=warn")
class SaslIngestionTest {

    static final TestDatabase DB = TestDatabase.another();
    static final String TOPIC = "zielmonitor.monthly-figures.v1";
    static final String PLATFORM = "plain-user1";
    static final KafkaClusterTestKit BROKER = startSaslBroker();

    static KafkaClusterTestKit startSaslBroker() {
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                    .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                    .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT).build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false").build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            try (Admin admin = cluster.admin()) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 6, (short) 1), new NewTopic(TOPIC + ".dlt", 6,
                        (short) 1))).all().get();
                List<AclBinding> acls = new ArrayList<>();
                acls.add(allow(ResourceType.TOPIC, TOPIC, PLATFORM, AclOperation.READ));
                acls.add(allow(ResourceType.TOPIC, TOPIC, PLATFORM, AclOperation.DESCRIBE));
                acls.add(allow(ResourceType.TOPIC, TOPIC + ".dlt", PLATFORM, AclOperation.WRITE));
                acls.add(allow(ResourceType.TOPIC, TOPIC + ".dlt", PLATFORM, AclOperation.DESCRIBE));
                acls.add(allow(ResourceType.GROUP, "monthly-figures", PLATFORM, AclOperation.READ));
                admin.createAcls(acls).all().get();
            }
            return cluster;
        } catch (Exception e) {
            throw new IllegalStateException("could not start a SASL broker", e);
        }
    }

    private static AclBinding allow(ResourceType type, String name, String user, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.databaseProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
        // exactly what an operator sets as environment variables (SPRING_KAFKA_…), see docs/kafka-security.md
        registry.add("spring.kafka.bootstrap-servers", BROKER::bootstrapServers);
        registry.add("spring.kafka.security.protocol", () -> "SASL_PLAINTEXT");
        registry.add("spring.kafka.properties.sasl.mechanism", () -> "PLAIN");
        registry.add("spring.kafka.properties.sasl.jaas.config", () -> "org.apache.kafka.common.security.plain."
                + "PlainLoginModule required username=\"" + PLATFORM + "\" password=\"plain-user1-secret\";");
    }

    @AfterAll
    static void stop() throws Exception {
        BROKER.close();
    }

    @Autowired
    JdbcClient jdbc;

    /** The test kit knows two users; its admin stands in for the Jobcenter's publishing user here. */
    @Test
    void figuresPublishedWithSaslAreIngestedByThePlatformsUserWithOnlyItsAcls() {
        StringWriter out = new StringWriter();
        int exit = PublishFiguresCommand.run(new PrintWriter(out), new PrintWriter(out),
                Map.of(KafkaSettings.PASSWORD_ENV, "plain-admin-secret"), false, "-q", "-b",
                BROKER.bootstrapServers(), "--security-protocol", "SASL_PLAINTEXT", "--sasl-mechanism", "PLAIN",
                "--sasl-username", "plain-admin", "../publisher/examples/beispiel-monatszahlen.csv");
        assertThat(exit).as(out.toString()).isZero();

        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "SELECT count(*) FROM domainevententry WHERE aggregateidentifier LIKE 'report:%:2016-0%'")
                .query(Long.class).single() == 5);
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE "
                + "'%MonthlyFiguresCorrectedEvent'").query(Long.class).single()).isEqualTo(1);
    }
}
