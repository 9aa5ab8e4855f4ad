package dev.zielmonitor.platform.bench;

import dev.zielmonitor.infra.TestDatabase;
import dev.zielmonitor.platform.LocalPlatform;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What opening a dashboard page costs the query service: the platform as {@code ./run-local.sh} starts it with the
 * demo data (53 Jobcenters, 2012–2015, Solingen's agreement), then each page's API requests as the browser sends
 * them (in parallel, as the page does), repeated, as the ministry user; latency percentiles per page, against the
 * cheapest authenticated request, {@code GET /api/jobcenters}, measured in the same run. Usage:
 * {@code benchmarks/run.sh dashboard [rounds]}.
 */
public final class DashboardBenchmark {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DashboardBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path root = Path.of(System.getProperty("zielmonitor.root", ".")).toAbsolutePath().normalize();
        TestDatabase db = TestDatabase.get();
        LocalPlatform platform = new LocalPlatform(new LocalPlatform.Options(root, root.resolve("target/benchmark"),
                db.url(), db.roles(), null, freePort(), freePort(), freePort(), freePort(), true));
        platform.start();
        try {
            String base = platform.queryUrl();
            Map<String, List<String>> pages = new LinkedHashMap<>();
            pages.put("baseline: GET /api/jobcenters", List.of("/api/jobcenters?land=NW"));
            pages.put("Übersicht", List.of("/api/overview?year=2014&land=NW", "/api/jobcenters?land=NW"));
            pages.put("Jobcenter (K2)", List.of("/api/jobcenters/05122/figures?year=2014",
                    "/api/jobcenters/05122/indicators/K2?year=2014",
                    "/api/jobcenters/05122/indicators/K2?year=2014&gender=FEMALE",
                    "/api/jobcenters/05122/indicators/K2?year=2014&gender=MALE",
                    "/api/agreements?year=2014&jobcenterId=05122", "/api/agreements/05122-2014/progress"));
            pages.put("Zielvereinbarung", List.of("/api/agreements/05122-2014", "/api/agreements/05122-2014/progress"));
            pages.put("Vergleich", List.of("/api/comparisons/K2?month=2014-12&land=NW&view=YEAR_TO_DATE"));
            pages.put("Übersicht, Stand in the past", List.of(
                    "/api/overview?year=2014&land=NW&asOf=" + java.time.Instant.now().minusSeconds(5),
                    "/api/jobcenters?land=NW"));

            // the agreement's projection may still be on its way when start() returns
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (status(base, "/api/agreements/05122-2014/progress") != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the demo agreement did not reach the query API");
                }
                Thread.sleep(200);
            }
            for (int warmUp = 0; warmUp < rounds / 4 + 5; warmUp++) {
                for (List<String> requests : pages.values()) {
                    page(base, requests);
                }
            }
            Map<String, double[]> results = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> page : pages.entrySet()) {
                double[] millis = new double[rounds];
                for (int i = 0; i < rounds; i++) {
                    long start = System.nanoTime();
                    page(base, page.getValue());
                    millis[i] = (System.nanoTime() - start) / 1e6;
                }
                Arrays.sort(millis);
                results.put(page.getKey(), millis);
            }
            double baseline = percentile(results.values().iterator().next(), 0.5);
            System.out.printf("%nDashboard pages: the API requests of each page, sent together, %d rounds after warm-up"
                    + " (ministerium, demo data)%n", rounds);
            System.out.printf("%-32s %9s %9s %9s %9s %9s %14s%n", "page", "requests", "p50 ms", "p95 ms", "p99 ms",
                    "pages/s", "p50 / baseline");
            for (Map.Entry<String, double[]> result : results.entrySet()) {
                double[] ms = result.getValue();
                double mean = Arrays.stream(ms).average().orElseThrow();
                System.out.printf("%-32s %9d %9.1f %9.1f %9.1f %9.0f %14.1f%n", result.getKey(),
                        pages.get(result.getKey()).size(), percentile(ms, 0.5), percentile(ms, 0.95),
                        percentile(ms, 0.99), 1000 / mean, percentile(ms, 0.5) / baseline);
            }
            System.out.printf("Peak resident memory: %s (MiB)%n", platform.servicePeakMemoryMiB());
            System.out.printf("Machine: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
        } catch (RuntimeException e) {
            e.printStackTrace();
            platform.close();
            System.exit(1);
        } finally {
            platform.close();
            System.exit(0);
        }
    }

    /** Sends a page's requests at once, as the browser does, and waits for all; each must answer 200. */
    private static void page(String base, List<String> paths) {
        List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
        for (String path : paths) {
            answers.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", LocalPlatform.demoLogin("ministerium")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (int i = 0; i < answers.size(); i++) {
            int status = answers.get(i).join().statusCode();
            if (status != 200) {
                throw new IllegalStateException(paths.get(i) + " answered " + status);
            }
        }
    }

    private static int status(String base, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", LocalPlatform.demoLogin("ministerium")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
