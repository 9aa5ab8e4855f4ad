package dev.zielmonitor.query.audit.jobs;

import dev.zielmonitor.access.DemoUsers;
import dev.zielmonitor.infra.TestDatabase;
import dev.zielmonitor.infra.TestInfrastructure;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two query-service instances on one database: this test's own (A) and another in a JVM of its own (B) with a heap
 * of {@value #HEAP}. A package of a long history, larger than B's whole heap, is made by B, followed from A while
 * its progress advances, and downloaded from both, byte for byte what the job's SHA-256 says; the auditor's tools
 * confirm it. Then B is killed (SIGKILL) while it runs a replay: A reports that job FAILED, naming the silent
 * runner, and the auditor may start again.
 */
// a context of its own, used by this class only: closed after it, so its connections do not pile up
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditJobInstancesTest {

    static final TestDatabase DB = TestDatabase.another();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** B's heap: a package larger than this was never in B's memory. */
    static final String HEAP = "64m";
    static final long HEAP_BYTES = 64L << 20;
    /** About 110 MB of JSON lines, hardly compressible: a zip of some 80 MB. */
    static final int CORRECTIONS = 10_000;
    static final int REASON_CHARS = 4_500;
    /** B's lease, short so that its death shows soon. */
    static final List<String> SHORT_LEASE = List.of("zielmonitor.audit.jobs.lease=3s",
            "zielmonitor.audit.jobs.heartbeat=500ms");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.databaseProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;

    QueryServiceProcess other;
    long events;

    @BeforeAll
    void aLongHistoryAndASecondInstance() throws Exception {
        long started = System.nanoTime();
        events = LargeHistory.write(DB, serializer, CORRECTIONS, REASON_CHARS);
        long written = System.nanoTime();
        await().atMost(Duration.ofMinutes(3)).until(() -> jdbc.sql(
                "SELECT count(*) FROM read_model.monthly_figures_version").query(Long.class).single()
                == LargeHistory.MONTHS + CORRECTIONS);
        long projected = System.nanoTime();
        other = QueryServiceProcess.start(DB, HEAP, SHORT_LEASE);
        System.out.printf("%,d events written in %.1f s, projected %.1f s later; the other instance up %.1f s later%n",
                events, (written - started) / 1e9, (projected - written) / 1e9, (System.nanoTime() - projected) / 1e9);
    }

    @AfterAll
    void stop() throws Exception {
        if (other != null) {
            other.close();
        }
    }

    @Test
    @Order(1)
    void aPackageLargerThanTheHeapOfTheInstanceMakingIt_followedAndDownloadedFromEither(@TempDir Path dir)
            throws Exception {
        HttpResponse<String> started = other.send(other.request("/api/audit/packages?agreementId="
                + LargeHistory.AGREEMENT, DemoUsers.AUDITOR).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();

        // followed from this instance: the phases in order, the events counted up while they are written
        List<String> seen = new ArrayList<>();
        JsonNode[] job = new JsonNode[1];
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
            job[0] = get(location);
            String sample = job[0].get("state").asString() + " " + job[0].path("phase").asString("-") + " "
                    + job[0].get("done").asLong() + "/" + job[0].path("expected").asLong(-1);
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(sample)) {
                seen.add(sample);
            }
            return Set.of("COMPLETED", "FAILED").contains(job[0].get("state").asString());
        });
        System.out.println("package job as seen from the other instance: " + seen);
        System.out.println("package job: created " + job[0].get("createdAt") + ", finished " + job[0].get("finishedAt"));
        assertThat(job[0].get("state").asString()).as(job[0].toString() + "\n" + other.logTail())
                .isEqualTo("COMPLETED");
        long expectedEvents = events;
        List<Long> eventsDone = seen.stream().filter(s -> s.startsWith("RUNNING EVENTS "))
                .map(s -> Long.parseLong(s.split(" ")[2].split("/")[0])).toList();
        assertThat(eventsDone).as("progress advancing: " + seen).hasSizeGreaterThanOrEqualTo(2).isSorted();
        assertThat(eventsDone.get(eventsDone.size() - 1)).isGreaterThan(eventsDone.get(0));
        assertThat(seen).anyMatch(s -> s.startsWith("RUNNING EVENTS ") && s.endsWith("/" + expectedEvents))
                .anyMatch(s -> s.startsWith("RUNNING REPLAYING "));

        long bytes = job[0].at("/download/bytes").asLong();
        String sha256 = job[0].at("/download/sha256").asString();
        assertThat(bytes).as("the zip is larger than the heap of the instance that made it").isGreaterThan(HEAP_BYTES);
        assertThat(other.alive()).isTrue();

        // downloaded from either instance: the same bytes, streamed (the small one cannot hold them either)
        Path fromOther = dir.resolve("from-other.zip");
        HttpResponse<Path> download = other.send(other.request(job[0].at("/download/href").asString(),
                DemoUsers.AUDITOR).build(), HttpResponse.BodyHandlers.ofFile(fromOther));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValueAsLong("Content-Length").orElse(-1)).isEqualTo(bytes);
        Path fromHere = dir.resolve("from-here.zip");
        assertThat(HTTP.send(request(job[0].at("/download/href").asString()).build(),
                HttpResponse.BodyHandlers.ofFile(fromHere)).statusCode()).isEqualTo(200);
        assertThat(Files.size(fromOther)).isEqualTo(bytes);
        assertThat(sha256(fromOther)).isEqualTo(sha256).isEqualTo(sha256(fromHere));
        assertThat(other.alive()).isTrue();

        // and it is the package the auditor knows: the standard tools confirm every file and event
        Path folder = unzip(fromOther, dir.resolve("unpacked")).resolve("audit-" + LargeHistory.AGREEMENT);
        assertThat(tool(folder, "sha256sum", "-c", "SHA256SUMS")).startsWith("0\n")
                .contains("events.jsonl: OK");
        assertThat(tool(folder, "python3", "verify_events.py")).startsWith("0\n")
                .contains(events + " events, 0 failures");
        assertThat(Files.size(folder.resolve("events.jsonl"))).isGreaterThan(HEAP_BYTES);
        assertThat(JSON.readTree(folder.resolve("replay-verification.json").toFile()).get("agrees").asBoolean())
                .isTrue();
        assertThat(JSON.readTree(folder.resolve("hash-chain.json").toFile()).get("intact").asBoolean()).isTrue();
    }

    @Test
    @Order(2)
    void aJobWhoseInstanceIsKilledEndsFailedNamingTheSilentRunner_andTheAuditorMayStartAgain() throws Exception {
        String location;
        try (Connection lock = DriverManager.getConnection(DB.url(), DB.user(), DB.password())) {
            // the replay waits at its first read of the event table, so that it is RUNNING when B dies
            lock.setAutoCommit(false);
            lock.createStatement().execute("LOCK TABLE domainevententry IN ACCESS EXCLUSIVE MODE");
            HttpResponse<String> started = other.send(other.request("/api/audit/replays?asOf=2015-06-01T00:00:00Z",
                    DemoUsers.AUDITOR).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            location = started.headers().firstValue("Location").orElseThrow();
            await().atMost(Duration.ofSeconds(30)).until(() -> "RUNNING".equals(get(location).get("state")
                    .asString()));
            assertThat(HTTP.send(request("/api/audit/replays?asOf=2015-06-01T00:00:00Z")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).as("the same auditor, on this instance: B's job counts").isEqualTo(429);

            other.kill();
            JsonNode[] job = new JsonNode[1];
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
                job[0] = get(location);
                return !"RUNNING".equals(job[0].get("state").asString());
            });
            assertThat(job[0].get("state").asString()).isEqualTo("FAILED");
            assertThat(job[0].get("error").asString()).contains("has sent no heartbeat since")
                    .contains("instance stopped or cut off from the database");
            lock.rollback();
        }
        HttpResponse<String> again = HTTP.send(request("/api/audit/replays?asOf=2015-06-01T00:00:00Z")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        String next = again.headers().firstValue("Location").orElseThrow();
        await().atMost(Duration.ofMinutes(2)).until(() -> "COMPLETED".equals(get(next).get("state").asString()));
        assertThat(get(next).at("/result/agrees").asBoolean()).isTrue();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", DemoUsers.basic(DemoUsers.AUDITOR)).timeout(Duration.ofMinutes(5));
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Runs a standard tool in {@code dir}; its exit code, a newline, then what it printed. */
    private static String tool(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return process.waitFor() + "\n" + output;
    }

    private static Path unzip(Path zip, Path target) throws Exception {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path file = target.resolve(entry.getName()).normalize();
                assertThat(file).startsWithRaw(target);
                Files.createDirectories(file.getParent());
                Files.copy(in, file);
            }
        }
        return target;
    }
}
