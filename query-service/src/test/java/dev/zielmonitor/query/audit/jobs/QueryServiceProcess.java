package dev.zielmonitor.query.audit.jobs;

import dev.zielmonitor.access.DemoUsers;
import dev.zielmonitor.infra.TestDatabase;
import dev.zielmonitor.infra.TestInfrastructure;
import dev.zielmonitor.query.QueryServiceApplication;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Another query-service instance on the same database, in a JVM of its own (the test's class path, a heap of the
 * test's choosing), so that a test can see what several instances do together and what happens when one is killed
 * ({@code kill -9}: no shutdown hook, no last write).
 */
final class QueryServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private QueryServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the instance and waits until it answers; {@code heap} as for {@code -Xmx}, e.g. {@code 128m}. */
    static QueryServiceProcess start(TestDatabase db, String heap, List<String> properties) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createDirectories(Path.of("target", "instances")).resolve("query-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Daxoniq.update-checker.disabled=true", "-cp", System.getProperty("java.class.path"),
                QueryServiceApplication.class.getName(), "--server.port=" + port,
                "--zielmonitor.security.mode=local", "--logging.level.root=WARN"));
        properties.forEach(p -> command.add("--" + p));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // as its own runtime role, like every instance (ADR 0009)
        builder.environment().putAll(TestInfrastructure.databaseProperties(db));
        Process process = builder.start();
        QueryServiceProcess instance = new QueryServiceProcess(process, port, log);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the second instance stopped at start: " + instance.logTail());
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(instance.url() + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return instance;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                instance.close();
                throw new IllegalStateException("the second instance did not come up: " + instance.logTail());
            }
            Thread.sleep(250);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    HttpRequest.Builder request(String path, String user) {
        return HttpRequest.newBuilder(URI.create(url() + path)).header("Authorization", DemoUsers.basic(user))
                .timeout(Duration.ofMinutes(5));
    }

    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws Exception {
        return HTTP.send(request, body);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: the JVM ends at once, as after a crash or an OOM kill. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
