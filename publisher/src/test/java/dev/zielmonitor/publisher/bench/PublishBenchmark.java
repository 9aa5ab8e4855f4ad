package dev.zielmonitor.publisher.bench;

import dev.zielmonitor.infra.KafkaTestBroker;
import dev.zielmonitor.publisher.PublishFiguresCommand;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

/**
 * The publishing tool on a large CSV file against a baseline in the same run: a plain producer that splits the
 * same lines at the semicolons and sends hand-built JSON, with the same producer settings, without reading
 * numbers, mapping columns or checking anything. Both send to a real broker (in process, KRaft) and wait for
 * every acknowledgement. Each is run once to warm up, then measured; the tool's dry run over the same file is
 * measured too, to split reading and checking from sending.
 *
 * <pre>benchmarks/run.sh publish [rows]   (default 100,000)</pre>
 */
public final class PublishBenchmark {

    static final String HEADER = "Jobcenter;Name;Berichtsmonat;Datenstand;Quelle;Korrekturgrund;ELB;ELB weiblich;"
            + "ELB männlich;ELB_IN;ELB_OUT;INT;INT weiblich;INT männlich;INT_MARGINAL;INT_PUBLIC;INT_CONTINUOUS;"
            + "ELB_SINGLE_PARENT;INT_SINGLE_PARENT;LZB;LZB_IN;LZB_OUT;INT_LZB;LZB_ACTIVATED;LLU_EUR;LUH_EUR";
    private static final String[] COLUMNS = HEADER.split(";");

    /** Figures for the run; rates in rows per second. */
    public record Result(int rows, double toolPerSecond, double checkPerSecond, double rawPerSecond,
                         long toolRecords, long rawRecords, long peakHeapMiB) {
        double ratio() {
            return toolPerSecond / rawPerSecond;
        }
    }

    public static void main(String[] args) {
        run(args.length > 0 ? Integer.parseInt(args[0]) : 100_000, System.out);
        System.exit(0);
    }

    public static Result run(int rows, PrintStream out) {
        try {
            Path file = Files.createTempFile("zielmonitor-publish-bench", ".csv");
            try {
                writeFile(file, rows);
                KafkaTestBroker broker = KafkaTestBroker.get();
                out.printf("publish benchmark: %,d rows (%,d bytes), %d cores, broker in process%n", rows,
                        Files.size(file), Runtime.getRuntime().availableProcessors());
                double raw = 0;
                double tool = 0;
                double check = 0;
                long rawRecords = 0;
                long toolRecords = 0;
                for (String round : List.of("warm-up", "measured")) {
                    String rawTopic = topic(broker);
                    String toolTopic = topic(broker);
                    long start = System.nanoTime();
                    rawRecords = raw(file, broker.bootstrapServers(), rawTopic);
                    raw = rows / seconds(start);
                    start = System.nanoTime();
                    tool(file, "--dry-run");
                    check = rows / seconds(start);
                    start = System.nanoTime();
                    toolRecords = tool(file, "-b", broker.bootstrapServers(), "--topic", toolTopic) == 0 ? rows : 0;
                    tool = rows / seconds(start);
                    out.printf("  %-8s raw %,.0f rows/s · tool %,.0f rows/s (dry run %,.0f rows/s)%n", round, raw,
                            tool, check);
                }
                Result result = new Result(rows, tool, check, raw, toolRecords, rawRecords, peakHeapMiB());
                out.printf("raw split + send (baseline):     %,10.0f rows/s%n", result.rawPerSecond());
                out.printf("tool read + check + send:        %,10.0f rows/s%n", result.toolPerSecond());
                out.printf("tool read + check (dry run):     %,10.0f rows/s%n", result.checkPerSecond());
                out.printf("ratio tool / raw:                %10.2f%n", result.ratio());
                out.printf("peak heap:                       %,10d MiB%n", result.peakHeapMiB());
                return result;
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String topic(KafkaTestBroker broker) {
        String topic = "bench-" + UUID.randomUUID();
        broker.createTopic(topic, 6);
        return topic;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static int tool(Path file, String... options) {
        List<String> args = new ArrayList<>(List.of("-q"));
        args.addAll(Arrays.asList(options));
        args.add(file.toString());
        StringWriter report = new StringWriter();
        int exit = PublishFiguresCommand.run(new PrintWriter(report), new PrintWriter(report), Map.of(), false,
                args.toArray(String[]::new));
        if (exit != 0) {
            throw new IllegalStateException("the tool ended with " + exit + ":\n" + report);
        }
        return exit;
    }

    /** The baseline: lines split at ';', JSON by string concatenation, the same producer settings. */
    private static long raw(Path file, String bootstrap, String topic) throws IOException {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "10", ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        long sent = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer()); BufferedReader reader = Files.newBufferedReader(file)) {
            List<Future<?>> pending = new ArrayList<>();
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] cells = line.split(";", -1);
                StringBuilder json = new StringBuilder("{\"schemaVersion\":1,\"messageId\":\"")
                        .append(UUID.randomUUID()).append("\",\"jobcenterId\":\"").append(cells[0])
                        .append("\",\"reportingMonth\":\"").append(cells[2]).append("\",\"dataStatus\":\"")
                        .append(cells[3]).append("\",\"source\":\"").append(cells[4]).append("\",\"figures\":{");
                for (int c = 6; c < cells.length; c++) {
                    json.append(c > 6 ? "," : "").append('"').append(COLUMNS[c]).append("\":\"")
                            .append(cells[c]).append('"');
                }
                json.append("}}");
                pending.add(producer.send(new ProducerRecord<>(topic, cells[0],
                        json.toString().getBytes(StandardCharsets.UTF_8))));
            }
            for (Future<?> future : pending) {
                future.get();
                sent++;
            }
        } catch (Exception e) {
            throw new IllegalStateException("baseline failed", e);
        }
        return sent;
    }

    /** Jobcenters × months, every figure, German numbers, as the statistics office's exports look. */
    static void writeFile(Path file, int rows) throws IOException {
        StringBuilder csv = new StringBuilder("\uFEFF").append(HEADER).append("\r\n");
        int months = 240;
        for (int i = 0; i < rows; i++) {
            int jobcenter = i / months;
            int month = i % months;
            int year = 1996 + month / 12;
            int m = month % 12 + 1;
            long elb = 10_000 + jobcenter * 37L + m * 11L;
            long women = elb * 49 / 100;
            long integrations = 150 + (jobcenter + m) % 80;
            long lzb = elb * 65 / 100;
            csv.append(String.format(java.util.Locale.GERMANY,
                    "%05d;Jobcenter Nr. %d (Märkischer Kreis);%d-%02d;%02d.%02d.%d;BA_STATISTIK;;%,d;%,d;%,d;%,d;%,d;"
                            + "%d;%d;%d;%d;%d;%d;%,d;%d;%,d;%d;%d;%d;%,d;%,.2f;%,.2f\r\n",
                    10_000 + jobcenter, jobcenter, year, m, 28, m, year + 1, elb, women, elb - women, elb * 4 / 100,
                    elb * 4 / 100 + 7, integrations, integrations / 3, integrations - integrations / 3,
                    integrations / 4, integrations / 10, integrations * 6 / 10, elb / 8, integrations / 12, lzb,
                    lzb / 50, lzb / 45, integrations * 4 / 10, lzb / 5, elb * 331.17, elb * 206.43));
        }
        Files.writeString(file, csv, StandardCharsets.UTF_8);
    }

    private static long peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }
}
