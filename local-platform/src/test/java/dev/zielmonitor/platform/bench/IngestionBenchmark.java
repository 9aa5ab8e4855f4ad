package dev.zielmonitor.platform.bench;

import dev.zielmonitor.infra.KafkaTestBroker;
import dev.zielmonitor.infra.TestDatabase;
import dev.zielmonitor.platform.LocalPlatform;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

/**
 * Ingestion throughput, end to end, against a raw baseline measured in the same run on the same machine.
 * <ol>
 *   <li>End to end: both services (executable jars, own JVMs) on a fresh database and a KRaft broker; the
 *   load generator's messages for 404 Jobcenters are published, and the clock runs from the first publish
 *   until every message is a stored event or a dead letter and the query side's figures projection has
 *   caught up (all months and corrections visible in the read model).</li>
 *   <li>Raw baseline: a plain Kafka consumer reads the same records and writes them with batched JDBC inserts
 *   into a table, one transaction per poll; no validation, no event sourcing.</li>
 * </ol>
 * Prints messages/s of both, their ratio, publish-to-stored latency percentiles and peak memory. Usage:
 * {@code benchmarks/run.sh ingestion [years]} (README).
 */
public final class IngestionBenchmark {

    public static void main(String[] args) throws Exception {
        int years = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path root = Path.of(System.getProperty("zielmonitor.root", ".")).toAbsolutePath().normalize();
        TestDatabase db = TestDatabase.get();
        KafkaTestBroker broker = KafkaTestBroker.get();
        String topic = "zielmonitor.monthly-figures.v1";
        broker.createTopic(topic, 6);
        broker.createTopic(topic + ".dlt", 6);

        LocalPlatform platform = new LocalPlatform(new LocalPlatform.Options(root,
                root.resolve("target/benchmark"), db.url(), db.roles(), broker.bootstrapServers(),
                0, 0, 18081, 18080, false));
        platform.start();
        try {
            List<String> ids = LoadGenerator.germanJobcenterIds(registered(platform));
            registerMissing(platform, ids);
            // every data status in the past: a later one is refused as FUTURE_DATA_STATUS (issue 17)
            int firstYear = Math.min(2012, java.time.Year.now().getValue() - years - 1);
            LoadGenerator generator = new LoadGenerator(ids, firstYear, years, 0.05, 0.01, 42);
            List<LoadGenerator.Message> messages = generator.messages();
            long figures = messages.stream().filter(m -> m.kind() == LoadGenerator.Kind.FIGURES).count();
            long corrections = messages.stream().filter(m -> m.kind() == LoadGenerator.Kind.CORRECTION).count();
            long bad = messages.stream().filter(m -> m.kind() == LoadGenerator.Kind.BAD).count();
            System.out.printf("Load: %d messages (%d monthly figures, %d corrections, %d bad) for %d Jobcenters × %d "
                    + "years%n", messages.size(), figures, corrections, bad, ids.size(), years);

            long start = System.nanoTime();
            publish(broker.bootstrapServers(), topic, messages);
            double publishSeconds = (System.nanoTime() - start) / 1e9;
            try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
                long commitsBefore = single(c,
                        "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
                awaitCaughtUp(c, figures, corrections, bad, Duration.ofMinutes(30));
                double e2eSeconds = (System.nanoTime() - start) / 1e9;
                double e2eRate = messages.size() / e2eSeconds;
                List<Double> latencies = latencies(c);
                double commandSeconds = commandSideSeconds(c);
                long commits = single(c, "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")
                        - commitsBefore;
                Map<String, Long> memory = platform.servicePeakMemoryMiB();
                platform.close();

                double rawRate = rawBaseline(c, broker.bootstrapServers(), topic, messages.size());
                System.out.printf("%nPublish: %.0f messages/s (%.1f s)%n", messages.size() / publishSeconds,
                        publishSeconds);
                System.out.printf("End to end: %.0f messages/s (%.1f s for %d messages)%n", e2eRate, e2eSeconds,
                        messages.size());
                System.out.printf("  of which the command side (first publish to last event stored): %.1f s, %.0f "
                        + "messages/s; %d database commits in all%n", commandSeconds, messages.size() / commandSeconds,
                        commits);
                System.out.printf("Raw baseline (Kafka consumer + batched JDBC inserts): %.0f messages/s%n", rawRate);
                System.out.printf("Ratio end to end / raw: %.2f%n", e2eRate / rawRate);
                System.out.printf("Publish-to-stored latency: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                        latencies.get(0), latencies.get(1), latencies.get(2), latencies.get(3));
                System.out.printf("Peak resident memory: %s (MiB)%n", memory);
                System.out.printf("Machine: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version"));
            }
        } finally {
            platform.close();
            System.exit(0);
        }
    }

    static List<String> registered(LocalPlatform platform) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.queryUrl()
                + "/api/jobcenters")).header("Authorization", LocalPlatform.demoLogin("betrieb")).build(), HttpResponse.BodyHandlers.ofString()).body();
        List<String> ids = new ArrayList<>();
        var matcher = java.util.regex.Pattern.compile("\"jobcenterId\":\"(\\d{5})\"").matcher(body);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    static void registerMissing(LocalPlatform platform, List<String> ids) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> known = registered(platform);
        for (String id : ids) {
            if (!known.contains(id)) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(platform.commandUrl()
                                + "/api/jobcenters")).header("Content-Type", "application/json")
                        .header("Authorization", LocalPlatform.demoLogin("betrieb"))
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"jobcenterId":"%s","name":"Synthetischer Jobcenter %s","land":"DE","carrierType":"gE"}"""
                                .formatted(id, id))).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() >= 300) {
                    throw new IllegalStateException("could not register " + id + ": " + response.body());
                }
            }
        }
    }

    static void publish(String bootstrap, String topic, List<LoadGenerator.Message> messages) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new StringSerializer(), new ByteArraySerializer())) {
            List<Future<?>> sent = new ArrayList<>(messages.size());
            for (LoadGenerator.Message message : messages) {
                sent.add(producer.send(new ProducerRecord<>(topic, message.key(), message.value())));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        }
    }

    /** Every message is an event or a dead letter, and the read model shows every month and correction. */
    private static void awaitCaughtUp(Connection c, long figures, long corrections, long bad, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastReport = 0;
        while (true) {
            long months = single(c, "SELECT count(*) FROM read_model.monthly_figures_version "
                    + "WHERE version = 1 AND source = 'BA_STATISTIK'");
            long corrected = single(c, "SELECT count(*) FROM read_model.monthly_figures_version WHERE version > 1");
            long parked = single(c, "SELECT count(*) FROM command_side.dead_letter");
            if (months >= figures && corrected >= corrections && parked >= bad) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not caught up: " + months + "/" + figures + " months, " + corrected
                        + "/" + corrections + " corrections, " + parked + "/" + bad + " dead letters");
            }
            if (System.nanoTime() - lastReport > 10e9) {
                System.out.printf("  … %d/%d months, %d/%d corrections, %d/%d dead letters%n", months, figures,
                        corrected, corrections, parked, bad);
                lastReport = System.nanoTime();
            }
            Thread.sleep(100);
        }
    }

    /** Percentiles (p50, p95, p99, max) of event time minus Kafka record time, in ms. */
    private static List<Double> latencies(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                WITH l AS (
                  SELECT extract(epoch FROM (timestamp::timestamptz
                         - (convert_from(metadata, 'UTF8')::jsonb ->> 'kafkaTimestamp')::timestamptz)) * 1000 AS ms
                  FROM domainevententry WHERE payloadtype LIKE '%MonthlyFigures%')
                SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), percentile_cont(0.95) WITHIN GROUP (ORDER BY ms),
                       percentile_cont(0.99) WITHIN GROUP (ORDER BY ms), max(ms) FROM l""")) {
            rs.next();
            return List.of(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4));
        }
    }

    private static double commandSideSeconds(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT extract(epoch FROM (max(timestamp::timestamptz)
                       - min((convert_from(metadata, 'UTF8')::jsonb ->> 'kafkaTimestamp')::timestamptz)))
                FROM domainevententry WHERE payloadtype LIKE '%MonthlyFigures%'""")) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    private static double rawBaseline(Connection c, String bootstrap, String topic, int expected) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bench_raw (jobcenter_id TEXT, kafka_partition INT, kafka_offset BIGINT, "
                    + "payload BYTEA, PRIMARY KEY (kafka_partition, kafka_offset))");
        }
        c.setAutoCommit(false);
        long start = System.nanoTime();
        int done = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "raw-baseline-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500),
                new StringDeserializer(), new ByteArrayDeserializer());
             PreparedStatement insert = c.prepareStatement("INSERT INTO bench_raw VALUES (?, ?, ?, ?)")) {
            consumer.subscribe(List.of(topic));
            while (done < expected) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> record : records) {
                    insert.setString(1, record.key());
                    insert.setInt(2, record.partition());
                    insert.setLong(3, record.offset());
                    insert.setBytes(4, record.value());
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
                consumer.commitSync();
                done += records.count();
            }
        }
        return done / ((System.nanoTime() - start) / 1e9);
    }

    private static long single(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
