package dev.zielmonitor.command.ingest.kafka;

import dev.zielmonitor.infra.TestDatabase;
import dev.zielmonitor.infra.TestInfrastructure;
import dev.zielmonitor.publisher.KafkaSettings;
import dev.zielmonitor.publisher.PublishFiguresCommand;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static dev.zielmonitor.command.ingest.kafka.KafkaIngestionTestSupport.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Production-like Kafka security (docs/kafka-security.md, ADR 0013): a broker that authenticates by SASL/SCRAM and
 * authorises by ACLs. The command service connects with Spring Boot's standard properties as the platform's user,
 * which may read the topics and its group and write the dead-letter topic; each Jobcenter's user may write its own
 * topic and nothing else; the statistics office's user writes the shared topic. A producer with Jobcenter A's
 * credentials cannot get a figure stored for Jobcenter B, and every event names the producer it came from.
 */
// a context of its own, used by this class only: closed after it, so its connections do not pile up
@DirtiesContext
@SpringBootTest(properties = {"logging.level.org.apache.kafka=warn",
        "spring.kafka.consumer.properties[metadata.max.age.ms]=1000"})
class SaslIngestionTest {

    static final TestDatabase DB = TestDatabase.another();
    static final String TOPIC = "zielmonitor.monthly-figures.v1";
    static final String SOLINGEN_TOPIC = TOPIC + ".05122";
    static final String WUPPERTAL_TOPIC = TOPIC + ".05124";
    static final String PLATFORM = "zielmonitor-platform";
    static final String SOLINGEN = "jc-05122";
    static final String WUPPERTAL = "jc-05124";
    static final String STATISTICS = "ba-statistik";
    static final KafkaClusterTestKit BROKER = startScramBroker();

    static String password(String user) {
        return user + "-secret";
    }

    static KafkaClusterTestKit startScramBroker() {
        try {
            // the test kit's own users log in with PLAIN (broker to controller, its admin); clients use SCRAM
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                    .setBrokerListenerName(ListenerName.normalised("EXTERNAL"))
                    .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                    .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT).build())
                    .setConfigProp("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-512")
                    .setConfigProp("listener.name.external.scram-sha-512.sasl.jaas.config",
                            "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false").build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            try (Admin admin = cluster.admin()) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 6, (short) 1), new NewTopic(TOPIC + ".dlt", 6,
                        (short) 1), new NewTopic(SOLINGEN_TOPIC, 1, (short) 1),
                        new NewTopic(WUPPERTAL_TOPIC, 1, (short) 1))).all().get();
                List<UserScramCredentialUpsertion> users = new ArrayList<>();
                for (String user : List.of(PLATFORM, SOLINGEN, WUPPERTAL, STATISTICS)) {
                    users.add(new UserScramCredentialUpsertion(user,
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password(user)));
                }
                admin.alterUserScramCredentials(new ArrayList<>(users)).all().get();
                // exactly the ACLs of docs/kafka-security.md
                List<AclBinding> acls = new ArrayList<>();
                acls.add(allow(ResourceType.TOPIC, TOPIC, PatternType.PREFIXED, PLATFORM, AclOperation.READ));
                acls.add(allow(ResourceType.TOPIC, TOPIC, PatternType.PREFIXED, PLATFORM, AclOperation.DESCRIBE));
                acls.add(allow(ResourceType.TOPIC, TOPIC + ".", PatternType.PREFIXED, PLATFORM,
                        AclOperation.WRITE));
                acls.add(allow(ResourceType.TOPIC, TOPIC, PatternType.LITERAL, PLATFORM, AclOperation.WRITE));
                acls.add(allow(ResourceType.GROUP, "monthly-figures", PatternType.LITERAL, PLATFORM,
                        AclOperation.READ));
                acls.add(allow(ResourceType.TOPIC, SOLINGEN_TOPIC, PatternType.LITERAL, SOLINGEN,
                        AclOperation.WRITE));
                acls.add(allow(ResourceType.TOPIC, WUPPERTAL_TOPIC, PatternType.LITERAL, WUPPERTAL,
                        AclOperation.WRITE));
                acls.add(allow(ResourceType.TOPIC, TOPIC, PatternType.LITERAL, STATISTICS, AclOperation.WRITE));
                admin.createAcls(acls).all().get();
            }
            return cluster;
        } catch (Exception e) {
            throw new IllegalStateException("could not start a SASL/SCRAM broker", e);
        }
    }

    private static AclBinding allow(ResourceType type, String name, PatternType pattern, String user,
                                    AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }

    private static String jaas(String user) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password(user) + "\";";
    }

    private static Map<String, Object> client(String user) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers());
        config.put("security.protocol", "SASL_PLAINTEXT");
        config.put("sasl.mechanism", "SCRAM-SHA-512");
        config.put("sasl.jaas.config", jaas(user));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return config;
    }

    private static void send(String user, String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(client(user), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.databaseProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
        // exactly what an operator sets as environment variables (SPRING_KAFKA_…), see docs/kafka-security.md
        registry.add("spring.kafka.bootstrap-servers", BROKER::bootstrapServers);
        registry.add("spring.kafka.security.protocol", () -> "SASL_PLAINTEXT");
        registry.add("spring.kafka.properties.sasl.mechanism", () -> "SCRAM-SHA-512");
        registry.add("spring.kafka.properties.sasl.jaas.config", () -> jaas(PLATFORM));
    }

    @AfterAll
    static void stop() throws Exception {
        BROKER.close();
    }

    @Autowired
    JdbcClient jdbc;

    private Optional<String> eventMetadata(String messageId) {
        return jdbc.sql("SELECT convert_from(metadata, 'UTF8') FROM domainevententry "
                        + "WHERE convert_from(metadata, 'UTF8') LIKE ?")
                .param("%\"messageId\":\"" + messageId + "\"%").query(String.class).optional();
    }

    private Optional<Map<String, Object>> deadLetter(String messageId) {
        return jdbc.sql("SELECT error_code, reason, producer, topic FROM command_side.dead_letter "
                        + "WHERE position(convert_to(?, 'UTF8') IN record_value) > 0")
                .param(messageId).query().listOfRows().stream().findFirst();
    }

    /** A Jobcenter's own file: the example's Düsseldorf rows, as Solingen's. */
    private static Path solingensFile(Path folder) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("../publisher/examples/beispiel-monatszahlen.csv"));
        List<String> own = new ArrayList<>(List.of(lines.get(0)));
        lines.stream().filter(line -> line.startsWith("05111;"))
                .map(line -> line.replace("05111;Jobcenter Düsseldorf", "05122;Jobcenter Solingen")).forEach(own::add);
        Path file = folder.resolve("solingen.csv");
        Files.write(file, own);
        return file;
    }

    @Test
    void aJobcentersPublishingToolWritesItsOwnTopicAndThePlatformIngestsIt(@TempDir Path folder) throws IOException {
        Path file = solingensFile(folder);
        StringWriter out = new StringWriter();
        int exit = PublishFiguresCommand.run(new PrintWriter(out), new PrintWriter(out),
                Map.of(KafkaSettings.PASSWORD_ENV, password(SOLINGEN)), false, "-q", "-b",
                BROKER.bootstrapServers(), "--security-protocol", "SASL_PLAINTEXT", "--sasl-mechanism",
                "SCRAM-SHA-512", "--sasl-username", SOLINGEN, "--jobcenter-topic", file.toString());
        assertThat(exit).as(out.toString()).isZero();

        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "SELECT count(*) FROM domainevententry WHERE aggregateidentifier LIKE 'report:05122:2016-0%'")
                .query(Long.class).single() == 3); // two months and a correction
        assertThat(jdbc.sql("SELECT DISTINCT convert_from(metadata, 'UTF8')::jsonb ->> 'producer' FROM domainevententry "
                + "WHERE aggregateidentifier LIKE 'report:05122:2016-0%'").query(String.class).list())
                .containsExactly("jobcenter:05122");
    }

    @Test
    void aJobcenterCannotGetAFigureStoredForAnotherJobcenter() throws Exception {
        String own = UUID.randomUUID().toString();
        String foreign = UUID.randomUUID().toString();
        send(SOLINGEN, SOLINGEN_TOPIC, "05122", message(own, "05122", "2015-01", "2015-04-30", 10500));
        // on its own topic, but for Wuppertal: the broker lets it through, the platform parks it
        send(SOLINGEN, SOLINGEN_TOPIC, "05124", message(foreign, "05124", "2015-01", "2015-04-30", 20500));

        String metadata = await().atMost(Duration.ofSeconds(60)).until(() -> eventMetadata(own), Optional::isPresent)
                .orElseThrow();
        assertThat(metadata).contains("\"producer\":\"jobcenter:05122\"").contains("\"kafkaTopic\":\"" + SOLINGEN_TOPIC);
        Map<String, Object> parked = await().atMost(Duration.ofSeconds(60)).until(() -> deadLetter(foreign),
                Optional::isPresent).orElseThrow();
        assertThat(parked.get("error_code")).isEqualTo("PRODUCER_NOT_ALLOWED");
        assertThat(parked.get("producer")).isEqualTo("jobcenter:05122");
        assertThat((String) parked.get("reason")).contains("may only carry figures of Jobcenter 05122");
        assertThat(eventMetadata(foreign)).isEmpty();

        // anywhere else the broker refuses it: Wuppertal's topic, the shared topic
        for (String topic : List.of(WUPPERTAL_TOPIC, TOPIC)) {
            assertThatThrownBy(() -> send(SOLINGEN, topic, "05124",
                    message(UUID.randomUUID().toString(), "05124", "2015-02", "2015-05-31", 20500)))
                    .as(topic).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void theStatisticsOfficeReportsForAnyJobcenterOnTheSharedTopic() throws Exception {
        String messageId = UUID.randomUUID().toString();
        send(STATISTICS, TOPIC, "05124", message(messageId, "05124", "2015-03", "2015-06-30", 20600));
        String metadata = await().atMost(Duration.ofSeconds(60)).until(() -> eventMetadata(messageId),
                Optional::isPresent).orElseThrow();
        assertThat(metadata).contains("\"producer\":\"shared\"");
    }

    @Test
    void aJobcentersUserCanReadNothing() {
        Map<String, Object> config = client(SOLINGEN);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "monthly-figures");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(SOLINGEN_TOPIC));
            assertThatThrownBy(() -> {
                for (int i = 0; i < 20; i++) {
                    consumer.poll(Duration.ofMillis(500));
                }
            }).isInstanceOfAny(GroupAuthorizationException.class, TopicAuthorizationException.class);
        }
    }
}
