package dev.zielmonitor.platform;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one process), run in a child JVM from the
 * Kafka jars on this launcher's class path: formatted with Kafka's storage tool when its folder is new, then started
 * with {@code kafka.Kafka}. Its data stay in the work folder between runs.
 */
final class KafkaServerProcess implements AutoCloseable {

    private static final String LOG4J2_CONFIG = String.join("\n",
            "status = warn",
            "appender.console.type = Console",
            "appender.console.name = STDOUT",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = [%d] %p %m (%c)%n",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.stdout.ref = STDOUT",
            "");

    private final ChildProcess process;
    private final String bootstrapServers;

    private KafkaServerProcess(ChildProcess process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    static KafkaServerProcess start(Path workDir, int port, int controllerPort) {
        try {
            Path dir = Files.createDirectories(workDir.resolve("kafka"));
            Path config = dir.resolve("server.properties");
            Files.writeString(config, serverProperties(dir.resolve("data"), port, controllerPort));
            Path log = workDir.resolve("logs").resolve("kafka.log");
            // Kafka's log4j 2 would otherwise pick up a YAML configuration from some jar and need snakeyaml
            Path log4j = dir.resolve("log4j2.properties");
            Files.writeString(log4j, LOG4J2_CONFIG);
            String logging = "-Dlog4j2.configurationFile=" + log4j.toAbsolutePath();
            if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
                ChildProcess format = ChildProcess.startJava("kafka-format", List.of("-Xmx256m", logging),
                        List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                                "-c", config.toString()),
                        Map.of(), workDir.resolve("logs").resolve("kafka-format.log"));
                format.waitForExit(Duration.ofMinutes(1));
            }
            ChildProcess broker = ChildProcess.startJava("kafka", List.of("-Xmx512m", "-Xms256m", logging, "-Dorg.slf4j.simpleLogger.defaultLogLevel=info"),
                    List.of("kafka.Kafka", config.toString()), Map.of(), log);
            String bootstrap = "127.0.0.1:" + port;
            KafkaServerProcess server = new KafkaServerProcess(broker, bootstrap);
            server.awaitReady(Duration.ofSeconds(60));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the Kafka broker's folder", e);
        }
    }

    static String serverProperties(Path dataDir, int port, int controllerPort) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDir.toAbsolutePath(),
                // a single node: internal topics with one replica, or consumer groups never form
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "") ;
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        while (System.nanoTime() < deadline) {
            process.checkAlive();
            try (Admin admin = Admin.create(config)) {
                if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception notYet) {
                sleep();
            }
        }
        throw new IllegalStateException("Kafka did not become ready within " + timeout + "; see " + process.log());
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        process.close();
    }
}
