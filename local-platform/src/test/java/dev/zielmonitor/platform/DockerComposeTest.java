package dev.zielmonitor.platform;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot run here (no container engine); this keeps it consistent with what the services
 * actually read: every environment variable it sets is one the service's application.yml (or Axon) reads,
 * the ports match, and each Dockerfile copies the jar the build produces.
 */
class DockerComposeTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** Read by Axon itself, not through application.yml. */
    private static final Set<String> READ_BY_AXON = Set.of("AXONIQ_UPDATE_CHECKER_DISABLED");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Object>) compose.get("services");
    }

    @Test
    void definesTheWholePlatform() throws IOException {
        assertThat(services()).containsOnlyKeys("postgres", "kafka", "command-service", "query-service");
    }

    @Test
    @SuppressWarnings("unchecked")
    void servicesGetOnlySettingsTheyReadOnThePortsTheyServe() throws IOException {
        for (String service : List.of("command-service", "query-service")) {
            Map<String, Object> definition = (Map<String, Object>) services().get(service);
            String applicationYml = Files.readString(ROOT.resolve(service).resolve("src/main/resources/application.yml"));
            Map<String, Object> environment = (Map<String, Object>) definition.get("environment");

            assertThat(environment).containsKeys("ZIELMONITOR_DB_URL", "ZIELMONITOR_DB_USER", "ZIELMONITOR_DB_PASSWORD",
                    "PORT");
            environment.keySet().stream().filter(key -> !READ_BY_AXON.contains(key)).forEach(key ->
                    assertThat(applicationYml).as(service + " reads " + key).contains("${" + key + ":"));
            String port = environment.get("PORT").toString();
            assertThat(applicationYml).contains("port: ${PORT:" + port + "}");
            assertThat((List<String>) definition.get("ports")).containsExactly(port + ":" + port);

            String dockerfile = Files.readString(ROOT.resolve(service).resolve("Dockerfile"));
            assertThat(dockerfile).contains("COPY target/" + service + "-*-exec.jar", "EXPOSE " + port);
            assertThat(Files.readString(ROOT.resolve(service).resolve("pom.xml")))
                    .contains("<classifier>exec</classifier>");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCommandServiceReachesKafkaInsideTheComposeNetwork() throws IOException {
        Map<String, Object> command = (Map<String, Object>) services().get("command-service");
        Map<String, Object> kafka = (Map<String, Object>) services().get("kafka");
        Map<String, Object> kafkaEnv = (Map<String, Object>) kafka.get("environment");

        assertThat(((Map<String, Object>) command.get("environment")).get("ZIELMONITOR_KAFKA_BOOTSTRAP"))
                .isEqualTo("kafka:9092");
        assertThat(kafkaEnv.get("KAFKA_ADVERTISED_LISTENERS").toString()).contains("PLAINTEXT://kafka:9092");
        assertThat(kafkaEnv.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(kafkaEnv.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR")).isEqualTo(1);
    }
}
