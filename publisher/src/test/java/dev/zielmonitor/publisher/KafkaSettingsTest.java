package dev.zielmonitor.publisher;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaSettingsTest {

    @TempDir
    Path dir;

    @Test
    void safeDefaultsThenThePropertiesFileThenTheFlagsThenSingleSettings() throws IOException {
        Path file = Files.writeString(dir.resolve("kafka.properties"), """
                bootstrap.servers = kafka-1.land.nrw:9093
                security.protocol = SSL
                acks = 1
                client.id = jobcenter-05122
                """);

        Map<String, Object> fromFile = new KafkaSettings().configFile(file).producerConfig(Map.of());
        assertThat(fromFile).containsEntry("bootstrap.servers", "kafka-1.land.nrw:9093")
                .containsEntry("security.protocol", "SSL").containsEntry("acks", "1")
                .containsEntry("enable.idempotence", "true").containsEntry("client.id", "jobcenter-05122");

        Map<String, Object> overridden = new KafkaSettings().configFile(file).bootstrapServers("other:9092")
                .set("acks", "all").producerConfig(Map.of());
        assertThat(overridden).containsEntry("bootstrap.servers", "other:9092").containsEntry("acks", "all");

        assertThat(new KafkaSettings().producerConfig(Map.of()))
                .containsEntry("bootstrap.servers", KafkaSettings.DEFAULT_BOOTSTRAP).containsEntry("acks", "all");
    }

    @Test
    void saslTakesItsPasswordFromTheEnvironmentAndTlsItsCertificates() {
        Map<String, Object> scram = new KafkaSettings().sasl("scram-sha-512", "jc-05122")
                .truststore(Path.of("/etc/zielmonitor/ca.pem"))
                .producerConfig(Map.of(KafkaSettings.PASSWORD_ENV, "geheim\"1"));

        assertThat(scram).containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"jc-05122\" password=\"geheim\\\"1\";")
                .containsEntry("ssl.truststore.location", "/etc/zielmonitor/ca.pem")
                .containsEntry("ssl.truststore.type", "PEM");
        assertThat(new KafkaSettings().truststore(Path.of("/x/truststore.p12"))
                .producerConfig(Map.of(KafkaSettings.TRUSTSTORE_PASSWORD_ENV, "changeit")))
                .containsEntry("ssl.truststore.password", "changeit").doesNotContainKey("ssl.truststore.type");

        assertThatThrownBy(() -> new KafkaSettings().sasl("PLAIN", "jc").producerConfig(Map.of()))
                .isInstanceOf(FileProblem.class).hasMessageContaining(KafkaSettings.PASSWORD_ENV);
        assertThatThrownBy(() -> new KafkaSettings().sasl("GSSAPI", "jc").producerConfig(Map.of()))
                .isInstanceOf(FileProblem.class).hasMessageContaining("not supported");
    }

    /** A broker that demands SASL and authorises by ACL: the tool gets in with the right password only. */
    @Test
    void publishesToABrokerThatRequiresSasl() throws Exception {
        try (KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT).build())
                .setConfigProp("offsets.topic.replication.factor", "1").build()) {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            try (Admin admin = cluster.admin()) {
                admin.createTopics(List.of(new NewTopic(PublishFiguresCommand.TOPIC, 1, (short) 1))).all().get();
                // as docs/publisher.md recommends: each Jobcenter's user may write to the topic, nothing else
                admin.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC,
                        PublishFiguresCommand.TOPIC, PatternType.LITERAL), new AccessControlEntry("User:plain-user1",
                        "*", AclOperation.WRITE, AclPermissionType.ALLOW)))).all().get();
            }
            String[] args = {"-b", cluster.bootstrapServers(), "--security-protocol", "SASL_PLAINTEXT",
                "--sasl-mechanism", "PLAIN", "--sasl-username", "plain-user1", "-X", "max.block.ms=5000",
                "-X", "delivery.timeout.ms=6000", "-X", "request.timeout.ms=5000",
                "examples/beispiel-monatszahlen.csv"};

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int wrong = PublishFiguresCommand.run(new PrintWriter(out), new PrintWriter(err),
                    Map.of(KafkaSettings.PASSWORD_ENV, "falsch"), false, args);
            assertThat(wrong).as(out + "\n" + err).isEqualTo(PublishFiguresCommand.NOT_DELIVERED);
            assertThat(err.toString()).containsIgnoringCase("authentication");

            int right = PublishFiguresCommand.run(new PrintWriter(out), new PrintWriter(err),
                    Map.of(KafkaSettings.PASSWORD_ENV, "plain-user1-secret"), false, args);
            assertThat(right).as(out + "\n" + err).isEqualTo(PublishFiguresCommand.OK);
            assertThat(out.toString()).contains("5 gesendet / published");
        }
    }
}
