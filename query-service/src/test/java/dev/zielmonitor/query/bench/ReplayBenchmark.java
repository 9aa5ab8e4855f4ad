package dev.zielmonitor.query.bench;

import dev.zielmonitor.events.common.CarrierType;
import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.registry.JobcenterRegisteredEvent;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureChange;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.events.reporting.MonthlyFiguresCorrectedEvent;
import dev.zielmonitor.events.reporting.MonthlyFiguresRecordedEvent;
import dev.zielmonitor.events.reporting.Provenance;
import dev.zielmonitor.eventstore.PrefetchingEventStorageEngine;
import dev.zielmonitor.infra.TestDatabase;
import dev.zielmonitor.infra.TestInfrastructure;
import dev.zielmonitor.query.QueryServiceApplication;
import dev.zielmonitor.query.rebuild.Rebuild;
import dev.zielmonitor.query.rebuild.Rebuilds;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replay throughput of a read-model rebuild against the raw rate of reading and deserialising the same events
 * from the event table, in one run on one fresh database. Writes a synthetic history straight into the event
 * table (Jobcenters × months, every ninth month corrected three months later, provenance metadata like the
 * ingestion's), with the service's projections paused, then measures: the raw read (after one warm-up pass), and a
 * full SWITCH rebuild, and checks the rebuilt rows. Run with {@code benchmarks/run.sh replay [events]}.
 */
public final class ReplayBenchmark {

    /** The figures of one run; {@code ratio} is the rebuild rate over the raw rate. */
    public record Result(long events, double rawPerSecond, double rebuildPerSecond, double rebuildWallSeconds,
                         long figureRows, long jobcenterRows, long heapPeakMiB) {

        public double ratio() {
            return rebuildPerSecond / rawPerSecond;
        }
    }

    private static final int MONTHS = 600;

    public static void main(String[] args) {
        long events = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
        Result result = run(events, System.out);
        System.exit(result.figureRows() > 0 ? 0 : 1);
    }

    public static Result run(long targetEvents, java.io.PrintStream out) {
        // per Jobcenter and month: one recording and, every ninth month, a correction: 10/9 events
        int jobcenters = (int) Math.max(1, Math.round(targetEvents * 0.9 / MONTHS));
        TestDatabase db = TestDatabase.another();
        Map<String, Object> properties = new HashMap<>(TestInfrastructure.databaseProperties(db));
        properties.put("server.port", "0");
        properties.put("logging.level.root", "WARN");
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(QueryServiceApplication.class)
                .run(arguments)) {
            EventProcessingConfiguration processing = app.getBean(EventProcessingConfiguration.class);
            processing.eventProcessors().values().forEach(EventProcessor::shutDown);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            PrefetchingEventStorageEngine store = app.getBean(PrefetchingEventStorageEngine.class);

            long started = System.nanoTime();
            long written = writeHistory(db, app.getBean("eventSerializer", Serializer.class), jobcenters);
            out.printf(Locale.ROOT, "history: %,d events (%,d Jobcenters x %d months) written in %.1f s%n", written,
                    jobcenters, MONTHS, (System.nanoTime() - started) / 1e9);
            vacuumAnalyze(db); // the service's own role may not, it does not own the table
            Long head = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);

            rawRead(store, head); // warm-up: the table in the page cache, the deserialiser compiled
            CpuUse rawCpu = CpuUse.start();
            long rawStart = System.nanoTime();
            long raw = rawRead(store, head);
            double rawSeconds = (System.nanoTime() - rawStart) / 1e9;
            double rawRate = raw / rawSeconds;
            out.printf(Locale.ROOT, "raw read + deserialise payloads: %,d events in %.1f s = %,.0f events/s; %s%n",
                    raw, rawSeconds, rawRate, rawCpu.stop());

            System.gc();
            CpuUse rebuildCpu = CpuUse.start();
            Rebuilds rebuilds = app.getBean(Rebuilds.class);
            long rebuildStart = System.nanoTime();
            Rebuild run = rebuilds.start(Rebuild.Mode.SWITCH);
            Rebuild.View view = run.view();
            long heapUsed = 0;
            while (view.state() == Rebuild.State.RUNNING) {
                sleep(1000);
                heapUsed = Math.max(heapUsed, Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
                view = run.view();
                out.println("  " + view.summary());
            }
            double wall = (System.nanoTime() - rebuildStart) / 1e9;
            String cpu = rebuildCpu.stop();
            if (view.state() != Rebuild.State.COMPLETED) {
                throw new IllegalStateException("rebuild failed: " + view.summary());
            }
            long figureRows = jdbc.queryForObject("SELECT count(*) FROM read_model.monthly_figures_version", Long.class);
            long jobcenterRows = jdbc.queryForObject("SELECT count(*) FROM read_model.jobcenter", Long.class);
            long heapPeak = heapUsed >> 20;
            Result result = new Result(written, rawRate, view.eventsPerSecond(), wall, figureRows, jobcenterRows,
                    heapPeak);
            out.printf(Locale.ROOT, "rebuild (SWITCH): %,d events, %,.0f events/s while replaying, %.1f s wall "
                            + "including schema copy and switch; %s; %,d figure versions, %,d Jobcenters%n",
                    view.eventsDone(), view.eventsPerSecond(), wall, cpu, figureRows, jobcenterRows);
            out.printf(Locale.ROOT, "ratio rebuild / raw: %.2f   heap in use during the rebuild, sampled each second "
                            + "(garbage included): up to %,d MiB of %,d MiB%n",
                    result.ratio(), heapPeak, Runtime.getRuntime().maxMemory() >> 20);
            return result;
        }
    }

    private static long rawRead(PrefetchingEventStorageEngine store, long head) {
        AtomicLong count = new AtomicLong();
        store.readUpTo(head, event -> {
            if (event.getPayload() != null) {
                count.incrementAndGet();
            }
        });
        return count.get();
    }

    private static void vacuumAnalyze(TestDatabase db) {
        try (Connection admin = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            admin.createStatement().execute("VACUUM ANALYZE domainevententry");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the history straight into the event table, as the command side would have stored it: as its role. */
    private static long writeHistory(TestDatabase db, Serializer serializer, int jobcenters) {
        String url = db.url() + (db.url().contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        long count = 0;
        long committed = 0;
        try (Connection connection = DriverManager.getConnection(url, db.roles().command().name(),
                db.roles().command().password())) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,
                        metadata, payload, payloadrevision, payloadtype, timestamp)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                Instant clock = Instant.parse("2010-01-01T00:00:00Z");
                for (int j = 0; j < jobcenters; j++) {
                    JobcenterId id = JobcenterId.of(Integer.toString(10000 + j));
                    add(insert, serializer, id.value(), 0, "Jobcenter", new JobcenterRegisteredEvent(id,
                            "Jobcenter " + j, "DE-NW", j % 3 == 0 ? CarrierType.ZKT : CarrierType.GE, null, null),
                            clock = clock.plusMillis(10), count);
                    count++;
                }
                ReportingMonth first = ReportingMonth.of(1976, 1);
                for (int m = 0; m < MONTHS; m++) {
                    ReportingMonth month = first.plusMonths(m);
                    for (int j = 0; j < jobcenters; j++) {
                        JobcenterId id = JobcenterId.of(Integer.toString(10000 + j));
                        add(insert, serializer, "report:" + id.value() + ":" + month, 0, "MonthlyReport",
                                new MonthlyFiguresRecordedEvent(id, month, month.plusMonths(3).lastDay(),
                                        "BA_STATISTIK", "m-" + j + "-" + m, figures(j, m)),
                                clock = clock.plusMillis(10), count++);
                        int corrected = m - 3;
                        if (corrected >= 0 && (corrected + j) % 9 == 0) {
                            ReportingMonth earlier = first.plusMonths(corrected);
                            Figure before = figures(j, corrected).get(FigureCode.INT);
                            add(insert, serializer, "report:" + id.value() + ":" + earlier, 1, "MonthlyReport",
                                    new MonthlyFiguresCorrectedEvent(id, earlier, month.lastDay(), "BA_STATISTIK",
                                            "c-" + j + "-" + corrected, "late registrations",
                                            Map.of(FigureCode.INT, new FigureChange(before,
                                                    Figure.total(before.total().add(BigDecimal.ONE))))),
                                    clock = clock.plusMillis(10), count++);
                        }
                        if (count - committed >= 5000) {
                            insert.executeBatch();
                            connection.commit();
                            committed = count;
                        }
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return count;
    }

    private static void add(PreparedStatement insert, Serializer serializer, String aggregate, long sequence,
                            String type, Object payload, Instant at, long offset) throws java.sql.SQLException {
        SerializedObject<byte[]> body = serializer.serialize(payload, byte[].class);
        SerializedObject<byte[]> metadata = serializer.serialize(MetaData.from(Map.of(
                Provenance.KAFKA_TOPIC, "zielmonitor.monthly-figures.v1", Provenance.KAFKA_PARTITION, "0",
                Provenance.KAFKA_OFFSET, Long.toString(offset), Provenance.MESSAGE_ID, UUID.randomUUID().toString(),
                Provenance.SOURCE, "BA_STATISTIK", Provenance.RECEIVED_AT, at.toString())), byte[].class);
        insert.setString(1, aggregate);
        insert.setLong(2, sequence);
        insert.setString(3, type);
        insert.setString(4, UUID.randomUUID().toString());
        insert.setBytes(5, metadata.getData());
        insert.setBytes(6, body.getData());
        insert.setString(7, body.getType().getRevision());
        insert.setString(8, body.getType().getName());
        insert.setString(9, at.toString());
        insert.addBatch();
    }

    /** A plausible month: stocks in the thousands with gender splits, flows in the hundreds, amounts in EUR. */
    private static Map<FigureCode, Figure> figures(int jobcenter, int month) {
        Map<FigureCode, Figure> figures = new EnumMap<>(FigureCode.class);
        long base = 8000 + (jobcenter * 37L) % 5000 + month % 17;
        for (FigureCode code : FigureCode.values()) {
            long total = switch (code) {
                case ELB, LZB -> base;
                case LLU_EUR, LUH_EUR -> base * 431;
                default -> base / 20 + code.ordinal();
            };
            BigDecimal value = code.unit() == FigureCode.Unit.EUR
                    ? BigDecimal.valueOf(total * 100 + 55, 2) : BigDecimal.valueOf(total);
            figures.put(code, code == FigureCode.ELB || code == FigureCode.INT || code == FigureCode.LZB
                    ? new Figure(value, BigDecimal.valueOf(total / 2), BigDecimal.valueOf(total - total / 2))
                    : Figure.total(value));
        }
        return figures;
    }

    /** Cores busy during a phase: this JVM, and the rest of the machine (PostgreSQL), from /proc/stat. */
    private record CpuUse(long jvmAtStart, long ticksAtStart, long wallAtStart) {

        static CpuUse start() {
            return new CpuUse(jvmCpu(), machineTicks(), System.nanoTime());
        }

        String stop() {
            double seconds = (System.nanoTime() - wallAtStart) / 1e9;
            double jvm = (jvmCpu() - jvmAtStart) / 1e9 / seconds;
            long ticks = machineTicks();
            if (ticks < 0 || ticksAtStart < 0) {
                return String.format(Locale.ROOT, "JVM %.2f cores", jvm);
            }
            double machine = (ticks - ticksAtStart) / 100.0 / seconds; // USER_HZ is 100 on Linux
            return String.format(Locale.ROOT, "JVM %.2f cores, rest of the machine (PostgreSQL) %.2f of %d cores",
                    jvm, Math.max(0, machine - jvm), Runtime.getRuntime().availableProcessors());
        }

        private static long jvmCpu() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        /** user + nice + system + irq + softirq ticks of all cores; -1 where there is no /proc. */
        private static long machineTicks() {
            try {
                String[] fields = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0)
                        .trim().split("\\s+");
                return Long.parseLong(fields[1]) + Long.parseLong(fields[2]) + Long.parseLong(fields[3])
                        + Long.parseLong(fields[6]) + Long.parseLong(fields[7]);
            } catch (java.io.IOException | RuntimeException e) {
                return -1;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ReplayBenchmark() {
    }
}
