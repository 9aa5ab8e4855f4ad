package dev.zielmonitor.platform;

import dev.zielmonitor.infra.TestDatabase;
import dev.zielmonitor.platform.bench.LoadGenerator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults during ingestion, with the real processes: the command service killed (SIGKILL) in the middle of a
 * stream and started again, the Kafka broker restarted, PostgreSQL unreachable for a while. Each time every
 * message must end as exactly one stored event or exactly one dead letter: nothing lost, nothing twice.
 */
class IngestionFaultsIT {

    private static final String TOPIC = "zielmonitor.monthly-figures.v1";
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static LocalPlatform platform;
    private static KafkaServerProcess kafka;
    private static TcpProxy database;
    private static ChildProcess commandService;
    private static Map<String, String> serviceEnv;
    private static int commandPort;
    private static int kafkaPort;
    private static int controllerPort;
    private static Path workDir;
    private static List<String> nrw;
    private static TestDatabase db;

    @BeforeAll
    static void start() throws Exception {
        workDir = ROOT.resolve("local-platform/target/faults-it");
        if (Files.exists(workDir)) {
            try (var paths = Files.walk(workDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        db = TestDatabase.another(); // the demo data of LocalPlatformIT cover the same Jobcenters and months
        URI direct = URI.create(db.url().substring("jdbc:".length()));
        database = new TcpProxy(freePort(), direct.getHost(), direct.getPort());
        kafkaPort = freePort();
        controllerPort = freePort();
        commandPort = freePort();
        kafka = KafkaServerProcess.start(workDir, kafkaPort, controllerPort);
        platform = new LocalPlatform(new LocalPlatform.Options(ROOT, workDir, null, null, null, 0, 0,
                commandPort, 0, false));
        serviceEnv = new HashMap<>();
        serviceEnv.put("ZIELMONITOR_DB_URL", db.url().replace(direct.getHost() + ":" + direct.getPort(),
                "127.0.0.1:" + database.port()));
        serviceEnv.putAll(db.roles().environment());
        serviceEnv.put("ZIELMONITOR_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        serviceEnv.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        commandService = startCommandService();
        nrw = Files.readAllLines(ROOT.resolve("command-service/src/main/resources/registry/jobcenters-nw.csv"))
                .stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.substring(0, 5)).toList();
    }

    @AfterAll
    static void stop() throws IOException {
        if (platform != null) {
            platform.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private static ChildProcess startCommandService() {
        ChildProcess process = platform.service("command-service", commandPort, serviceEnv);
        platform.awaitHealthy(process, "http://localhost:" + commandPort);
        return process;
    }

    @Test
    void aCommandServiceKilledMidStreamLosesAndDuplicatesNothing() throws Exception {
        Accounting run = new Accounting(2005);
        publish(run.messages);
        run.awaitProgress(0.1);

        commandService.kill();
        assertThat(run.stored()).as("killed in the middle of the stream").isLessThan(run.goodIds.size());
        commandService = startCommandService();

        run.assertEveryMessageAccountedForOnce();
    }

    @Test
    void aRestartedBrokerLosesAndDuplicatesNothing() throws Exception {
        Accounting run = new Accounting(2011);
        int half = run.messages.size() / 2;
        publish(run.messages.subList(0, half));
        run.awaitProgress(0.1);

        kafka.close();
        assertThat(run.stored()).as("stopped in the middle of the stream").isLessThan(run.goodIds.size());
        Thread.sleep(3000);
        kafka = KafkaServerProcess.start(workDir, kafkaPort, controllerPort);
        publish(run.messages.subList(half, run.messages.size()));

        run.assertEveryMessageAccountedForOnce();
    }

    @Test
    void anUnreachableDatabaseLosesAndDuplicatesNothing() throws Exception {
        Accounting run = new Accounting(2017);
        publish(run.messages);
        run.awaitProgress(0.1);

        database.cut();
        Thread.sleep(1000);
        long atCut = run.stored();
        Thread.sleep(7000);
        assertThat(run.stored()).as("nothing can be stored while the database is unreachable").isEqualTo(atCut);
        assertThat(atCut).as("cut in the middle of the stream").isLessThan(run.goodIds.size());
        database.restore();

        run.assertEveryMessageAccountedForOnce();
        commandService.checkAlive();
    }

    /** The messages of one run and how to check that each became exactly one event or one dead letter. */
    private static final class Accounting {
        final List<LoadGenerator.Message> messages;
        final List<String> goodIds = new ArrayList<>();
        final long badCount;
        final long deadLettersBefore;

        /** Six years of figures from {@code year}: each run its own years, all in the past (no future data status). */
        Accounting(int year) throws Exception {
            messages = new LoadGenerator(nrw, year, 6, 0.05, 0.02, year).messages();
            for (LoadGenerator.Message m : messages) {
                if (m.kind() != LoadGenerator.Kind.BAD) {
                    goodIds.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(m.value())
                            .get("messageId").asText());
                }
            }
            badCount = messages.stream().filter(m -> m.kind() == LoadGenerator.Kind.BAD).count();
            deadLettersBefore = single("SELECT coalesce(max(id), 0) FROM command_side.dead_letter");
        }

        long stored() throws Exception {
            return countByIds("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%MonthlyFigures%' "
                    + "AND convert_from(metadata, 'UTF8')::jsonb ->> 'messageId' = ANY (?)");
        }

        void awaitProgress(double share) throws Exception {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (stored() < goodIds.size() * share) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("ingestion did not start within 2 minutes");
                }
                Thread.sleep(20);
            }
        }

        void assertEveryMessageAccountedForOnce() throws Exception {
            LocalPlatform.await(Duration.ofMinutes(3), "every message stored or parked", () -> quietly(() ->
                    stored() >= goodIds.size() && parked() >= badCount));
            Thread.sleep(2000); // anything late would be a duplicate
            assertThat(stored()).as("events for the good messages").isEqualTo(goodIds.size());
            assertThat(countByIds("SELECT count(DISTINCT convert_from(metadata, 'UTF8')::jsonb ->> 'messageId') "
                    + "FROM domainevententry WHERE convert_from(metadata, 'UTF8')::jsonb ->> 'messageId' = ANY (?)"))
                    .as("each good message once").isEqualTo(goodIds.size());
            assertThat(parked()).as("dead letters for the bad messages").isEqualTo(badCount);
        }

        long parked() throws Exception {
            return single("SELECT count(*) FROM command_side.dead_letter WHERE id > " + deadLettersBefore);
        }

        long countByIds(String sql) throws Exception {
            try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
                 PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setArray(1, c.createArrayOf("text", goodIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
    }

    private static long single(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private interface Check {
        boolean test() throws Exception;
    }

    private static boolean quietly(Check check) {
        try {
            return check.test();
        } catch (Exception e) {
            return false;
        }
    }

    private static void publish(List<LoadGenerator.Message> messages) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new ByteArraySerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (LoadGenerator.Message message : messages) {
                sent.add(producer.send(new ProducerRecord<>(TOPIC, message.key(), message.value())));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
