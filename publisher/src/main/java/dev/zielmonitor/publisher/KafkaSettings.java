package dev.zielmonitor.publisher;

import org.apache.kafka.clients.producer.ProducerConfig;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The producer's settings, from lowest to highest precedence: safe defaults (all replicas acknowledge,
 * idempotent), a Kafka client properties file ({@code --kafka-config}, any producer setting, e.g. the one the
 * platform's operators hand out), the convenience flags for SASL and TLS, and single {@code -X key=value}
 * settings. Passwords come from environment variables, never from flags that show in the process list.
 */
public final class KafkaSettings {

    public static final String PASSWORD_ENV = "ZIELMONITOR_KAFKA_PASSWORD";
    public static final String TRUSTSTORE_PASSWORD_ENV = "ZIELMONITOR_KAFKA_TRUSTSTORE_PASSWORD";

    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";

    private String bootstrapServers;
    private Path configFile;
    private String securityProtocol;
    private String saslMechanism;
    private String saslUsername;
    private Path truststore;
    private final Map<String, String> overrides = new LinkedHashMap<>();

    /** Wins over the properties file; without either, {@value #DEFAULT_BOOTSTRAP}. */
    public KafkaSettings bootstrapServers(String servers) {
        this.bootstrapServers = servers;
        return this;
    }

    public KafkaSettings configFile(Path file) {
        this.configFile = file;
        return this;
    }

    public KafkaSettings securityProtocol(String protocol) {
        this.securityProtocol = protocol;
        return this;
    }

    public KafkaSettings sasl(String mechanism, String username) {
        this.saslMechanism = mechanism;
        this.saslUsername = username;
        return this;
    }

    public KafkaSettings truststore(Path file) {
        this.truststore = file;
        return this;
    }

    public KafkaSettings set(String key, String value) {
        overrides.put(key, value);
        return this;
    }

    /** The producer configuration; {@code env} supplies the passwords. */
    public Map<String, Object> producerConfig(Map<String, String> env) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, DEFAULT_BOOTSTRAP);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "zielmonitor-publisher");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        if (configFile != null) {
            Properties file = new Properties();
            try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                file.load(reader);
            } catch (IOException e) {
                throw new FileProblem("Die Kafka-Einstellungen " + configFile + " sind nicht lesbar: "
                        + e.getMessage(), "cannot read the Kafka settings " + configFile + ": " + e.getMessage());
            }
            file.stringPropertyNames().forEach(key -> config.put(key, file.getProperty(key).strip()));
        }
        if (bootstrapServers != null && !bootstrapServers.isBlank()) {
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }
        if (securityProtocol != null) {
            config.put("security.protocol", securityProtocol.toUpperCase(Locale.ROOT));
        }
        if (saslMechanism != null) {
            String mechanism = saslMechanism.toUpperCase(Locale.ROOT);
            String module = switch (mechanism) {
                case "PLAIN" -> "org.apache.kafka.common.security.plain.PlainLoginModule";
                case "SCRAM-SHA-256", "SCRAM-SHA-512" -> "org.apache.kafka.common.security.scram.ScramLoginModule";
                default -> throw new FileProblem("SASL-Verfahren „" + saslMechanism + "“ wird nicht unterstützt "
                        + "(PLAIN, SCRAM-SHA-256, SCRAM-SHA-512)", "SASL mechanism '" + saslMechanism
                        + "' is not supported (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512)");
            };
            String password = env.get(PASSWORD_ENV);
            if (saslUsername == null || password == null) {
                throw new FileProblem("Für SASL --sasl-username und das Passwort in " + PASSWORD_ENV + " angeben",
                        "SASL needs --sasl-username and the password in " + PASSWORD_ENV);
            }
            config.put("sasl.mechanism", mechanism);
            config.put("sasl.jaas.config", module + " required username=\"" + escape(saslUsername)
                    + "\" password=\"" + escape(password) + "\";");
            config.putIfAbsent("security.protocol", "SASL_SSL");
        }
        if (truststore != null) {
            String name = truststore.getFileName().toString().toLowerCase(Locale.ROOT);
            config.put("ssl.truststore.location", truststore.toAbsolutePath().toString());
            if (name.endsWith(".pem") || name.endsWith(".crt")) {
                config.put("ssl.truststore.type", "PEM");
            } else if (env.get(TRUSTSTORE_PASSWORD_ENV) != null) {
                config.put("ssl.truststore.password", env.get(TRUSTSTORE_PASSWORD_ENV));
            }
        }
        config.putAll(overrides);
        return config;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
