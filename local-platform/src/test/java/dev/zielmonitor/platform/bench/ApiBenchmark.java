package dev.zielmonitor.platform.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zielmonitor.infra.TestDatabase;
import dev.zielmonitor.platform.LocalPlatform;

import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Read capacity under many users (issue 22): the dashboard's request mix from concurrent closed-loop clients against
 * {@code /actuator/health} of the same query service, from the same clients, in the same run.
 * <ol>
 *   <li>Data: a fresh database, the platform as {@code ./run-local.sh} starts it (both services from their executable
 *   jars, own JVMs, its own broker), without the demo data; the load generator's messages (the ingestion benchmark's,
 *   national by default: 404 Jobcenters × 15 years) published through the real topic, and one concluded target
 *   agreement per NRW Jobcenter of the set for the last year. Then it waits until the ingestion's consumer lag and
 *   every projection's lag are 0.</li>
 *   <li>Each client logs in once as the ministry user (session cookie, as the browser does) and repeats the dashboard's
 *   requests one after another, without think time (closed loop): the overview of NRW, a Jobcenter's K2 series with
 *   the gender split (today three requests: TOTAL, FEMALE, MALE), an agreement's progress, the K2 comparison of NRW,
 *   and a Jobcenter's figures at a past Stand (the history the Stand selector shows). Jobcenters, years and months are
 *   drawn at random (seeded per client), so a run does not hit one hot answer.</li>
 *   <li>Warm-up (mix and health), then the mix for a fixed time, then health for the same time, with the same
 *   clients and connections.</li>
 * </ol>
 * Prints requests/s and p50/p95/p99 of both, their ratios, the errors (any answer but 200; must be 0), the client
 * JVM's own CPU use, the query service's CPU use and the load average. Usage (README, docs/performance.md):
 * {@code benchmarks/run.sh api [--jobcenters N] [--years N] [--duration s] [--warmup s] [--clients N]
 * [--gender-split three|genders|one:<query>]}.
 */
public final class ApiBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEALTH = "health";

    private ApiBenchmark() {
    }

    /**
     * Options; {@code genderSplit} "three" (one request per gender, the dashboard before issue 18), "genders" (the
     * one request of today's dashboard) or "one:&lt;query&gt;".
     */
    record Options(int jobcenters, int years, int durationSeconds, int warmupSeconds, int clients,
                   String genderSplit) {

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>(Map.of("jobcenters", "404", "years", "15",
                    "duration", "60", "warmup", "20", "clients", "32", "gender-split", "three"));
            for (int i = 0; i < args.length; i++) {
                String name = args[i].startsWith("--") ? args[i].substring(2) : "";
                if (!values.containsKey(name) || i + 1 >= args.length) {
                    throw new IllegalArgumentException("unknown option " + args[i] + "; options: --jobcenters N "
                            + "--years N --duration s --warmup s --clients N --gender-split three|genders|one:<query>");
                }
                values.put(name, args[++i]);
            }
            return new Options(Integer.parseInt(values.get("jobcenters")), Integer.parseInt(values.get("years")),
                    Integer.parseInt(values.get("duration")), Integer.parseInt(values.get("warmup")),
                    Integer.parseInt(values.get("clients")), values.get("gender-split"));
        }
    }

    /** What a client draws from: the Jobcenters, the years with data, the agreements and the past Stand. */
    record DataSet(List<String> jobcenters, List<String> nrw, int firstYear, int years, int agreementYear,
                   Instant pastStand) {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path root = Path.of(System.getProperty("zielmonitor.root", ".")).toAbsolutePath().normalize();
        TestDatabase db = TestDatabase.get();
        LocalPlatform platform = new LocalPlatform(new LocalPlatform.Options(root, root.resolve("target/benchmark-api"),
                db.url(), db.roles(), null, freePort(), freePort(), freePort(), freePort(), false));
        int exit = 0;
        try {
            platform.start();
            DataSet data = load(platform, root, options);
            run(platform, options, data);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            exit = 1;
        } finally {
            platform.close();
            System.exit(exit);
        }
    }

    private static DataSet load(LocalPlatform platform, Path root, Options options) throws Exception {
        List<String> nrwRegistered = IngestionBenchmark.registered(platform);
        List<String> ids = LoadGenerator.germanJobcenterIds(nrwRegistered).subList(0, options.jobcenters());
        IngestionBenchmark.registerMissing(platform, ids);
        // every data status in the past: a later one is refused as FUTURE_DATA_STATUS (issue 17)
        int firstYear = Math.min(2012, java.time.Year.now().getValue() - options.years() - 1);
        List<LoadGenerator.Message> messages = new LoadGenerator(ids, firstYear, options.years(), 0.05, 0.01, 42)
                .messages();
        System.out.printf("Load: %d messages for %d Jobcenters × %d years (%d–%d)%n", messages.size(), ids.size(),
                options.years(), firstYear, firstYear + options.years() - 1);
        long start = System.nanoTime();
        Instant publishStart = Instant.now();
        IngestionBenchmark.publish(platform.bootstrapServers(), "zielmonitor.monthly-figures.v1", messages);
        List<String> nrw = ids.stream().filter(nrwRegistered::contains).toList();
        int agreementYear = firstYear + options.years() - 1;
        for (String id : nrw) {
            concludeAgreement(platform, root, id, agreementYear);
        }
        awaitCaughtUp(platform, Duration.ofMinutes(30));
        Instant caughtUp = Instant.now();
        System.out.printf("Loaded and projected in %.1f s (consumer lag and every projection's lag 0)%n",
                (System.nanoTime() - start) / 1e9);
        // halfway through the load: the first years are known there, the later ones partly or not yet
        Instant pastStand = publishStart.plus(Duration.between(publishStart, caughtUp).dividedBy(2));
        return new DataSet(ids, nrw, firstYear, options.years(), agreementYear, pastStand);
    }

    /** Solingen's demo agreement (demo/agreements/solingen-2014.json) moved to another Jobcenter and year. */
    private static void concludeAgreement(LocalPlatform platform, Path root, String jobcenterId, int year)
            throws Exception {
        JsonNode seed = JSON.readTree(Files.readString(root.resolve("demo/agreements/solingen-2014.json")));
        ObjectNode conclude = (ObjectNode) JSON.readTree(seed.get("conclude").toString()
                .replace("2015-", (year + 1) + "-").replace("2014", Integer.toString(year))
                .replace("2013", Integer.toString(year - 1)));
        conclude.put("jobcenterId", jobcenterId);
        conclude.put("year", year);
        int status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.commandUrl()
                                + "/api/agreements")).header("Content-Type", "application/json")
                        .header("Authorization", LocalPlatform.demoLogin("ministerium"))
                        .POST(HttpRequest.BodyPublishers.ofString(conclude.toString())).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
        if (status != 201 && status != 200) {
            throw new IllegalStateException("concluding an agreement for " + jobcenterId + "-" + year + " answered "
                    + status);
        }
    }

    /** The command side's consumer lag is 0, then every projection's lag is 0, twice in a row a second apart. */
    private static void awaitCaughtUp(LocalPlatform platform, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastReport = 0;
        int zeroes = 0;
        while (zeroes < 2) {
            JsonNode ingestion = JSON.readTree(get(http, platform.commandUrl() + "/api/ingestion/status"));
            JsonNode projections = JSON.readTree(get(http, platform.queryUrl() + "/api/admin/projections"));
            long consumerLag = ingestion.path("consumerLag").isNumber() ? ingestion.get("consumerLag").asLong() : -1;
            boolean projected = projections.size() > 0;
            StringBuilder lags = new StringBuilder();
            for (JsonNode p : projections) {
                projected &= p.path("running").asBoolean() && p.path("lagEvents").isNumber()
                        && p.get("lagEvents").asLong() == 0;
                lags.append(' ').append(p.path("processor").asText()).append('=').append(p.path("lagEvents"));
            }
            zeroes = consumerLag == 0 && projected ? zeroes + 1 : 0;
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not caught up: consumer lag " + consumerLag + ", projections" + lags);
            }
            if (System.nanoTime() - lastReport > 10e9) {
                System.out.printf("  … consumer lag %d, projection lag%s%n", consumerLag, lags);
                lastReport = System.nanoTime();
            }
            Thread.sleep(1000);
        }
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", LocalPlatform.demoLogin("betrieb")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** One request of the mix: its kind (for the breakdown) and its path. */
    record Request(String kind, String path) {
    }

    /** The dashboard's request mix, one round; a client repeats rounds drawn from its own random numbers. */
    static List<Request> round(Random random, DataSet data, String genderSplit) {
        List<Request> requests = new ArrayList<>();
        int year = data.firstYear() + random.nextInt(data.years());
        String jobcenter = data.jobcenters().get(random.nextInt(data.jobcenters().size()));
        requests.add(new Request("overview", "/api/overview?year=" + year + "&land=NW"));
        String series = "/api/jobcenters/" + jobcenter + "/indicators/K2?year=" + year;
        if (genderSplit.equals("three")) {
            requests.add(new Request("indicator series", series));
            requests.add(new Request("indicator series", series + "&gender=FEMALE"));
            requests.add(new Request("indicator series", series + "&gender=MALE"));
        } else if (genderSplit.equals("genders")) {
            // the dashboard since issue 18: total, women and men in one answer
            requests.add(new Request("indicator series",
                    "/api/jobcenters/" + jobcenter + "/indicators/K2/genders?year=" + year));
        } else if (genderSplit.startsWith("one:")) {
            requests.add(new Request("indicator series", series + "&" + genderSplit.substring(4)));
        } else {
            throw new IllegalArgumentException("--gender-split three, genders or one:<query>, not " + genderSplit);
        }
        if (!data.nrw().isEmpty()) {
            requests.add(new Request("agreement progress", "/api/agreements/"
                    + data.nrw().get(random.nextInt(data.nrw().size())) + "-" + data.agreementYear() + "/progress"));
        }
        requests.add(new Request("comparison", "/api/comparisons/K2?month=%d-%02d&land=NW&view=YEAR_TO_DATE"
                .formatted(year, 1 + random.nextInt(12))));
        // at the past Stand only the first third of the years is surely known
        int pastYear = data.firstYear() + random.nextInt(Math.max(1, data.years() / 3));
        requests.add(new Request("history at a past Stand", "/api/jobcenters/" + jobcenter + "/figures?year="
                + pastYear + "&asOf=" + data.pastStand()));
        return requests;
    }

    /** Latencies (ns) and errors of one phase, per request kind, from all clients. */
    static final class Phase {
        final Map<String, List<long[]>> latencies = new ConcurrentHashMap<>();
        final AtomicLong errors = new AtomicLong();
        final Map<String, String> firstErrors = new ConcurrentHashMap<>();
        double seconds;
        double clientCpuCores;
        double queryCpuCores;
        String loadAverage;
    }

    private static void run(LocalPlatform platform, Options options, DataSet data) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String base = platform.queryUrl();
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < options.clients(); i++) {
            sessions.add(logIn(http, base, "ministerium"));
        }
        Function<Random, List<Request>> mix = random -> round(random, data, options.genderSplit());
        Function<Random, List<Request>> health = random -> List.of(new Request(HEALTH, "/actuator/health"));
        System.out.printf("Warm-up: %d s mix, %d s health, %d clients%n", options.warmupSeconds(),
                options.warmupSeconds() / 4, options.clients());
        Phase warmMix = phase(http, base, sessions, mix, options.warmupSeconds(), 1);
        phase(http, base, sessions, health, Math.max(1, options.warmupSeconds() / 4), 2);
        if (warmMix.errors.get() > 0) {
            System.out.printf("Errors in the warm-up: %d, e.g. %s%n", warmMix.errors.get(), warmMix.firstErrors);
        }
        System.out.printf("Measuring: %d s mix, then %d s health%n", options.durationSeconds(),
                options.durationSeconds());
        Phase measuredMix = phase(http, base, sessions, mix, options.durationSeconds(), 3);
        Phase measuredHealth = phase(http, base, sessions, health, options.durationSeconds(), 4);

        Summary m = Summary.of(measuredMix, null);
        Summary h = Summary.of(measuredHealth, null);
        System.out.printf("%nDashboard request mix vs. /actuator/health: %d closed-loop clients, %d s each, after %d s "
                        + "warm-up; %d Jobcenters × %d years, gender split: %s%n", options.clients(),
                options.durationSeconds(), options.warmupSeconds(), data.jobcenters().size(), data.years(),
                options.genderSplit());
        System.out.printf("%-26s %9s %10s %8s %8s %8s %7s %12s %12s  %s%n", "", "requests", "req/s", "p50 ms",
                "p95 ms", "p99 ms", "errors", "client CPU", "query CPU", "load average (1/5/15 min)");
        print("mix", m, measuredMix);
        print("health", h, measuredHealth);
        for (String kind : new java.util.TreeSet<>(measuredMix.latencies.keySet())) {
            Summary k = Summary.of(measuredMix, kind);
            System.out.printf("  %-24s %9d %10.0f %8.1f %8.1f %8.1f%n", kind, k.count, k.count / measuredMix.seconds,
                    k.p50, k.p95, k.p99);
        }
        double rounds = (double) m.count / round(new Random(0), data, options.genderSplit()).size();
        System.out.printf("Mix rounds (one of each dashboard part): %.0f/s%n", rounds / measuredMix.seconds);
        System.out.printf("Ratio throughput mix / health: %.3f (goal ≥ 0.25)%n",
                (m.count / measuredMix.seconds) / (h.count / measuredHealth.seconds));
        System.out.printf("Ratio p99 mix / health: %.1f (goal ≤ 3)%n", m.p99 / h.p99);
        long errors = measuredMix.errors.get() + measuredHealth.errors.get();
        System.out.printf("Errors: %d%s%n", errors, errors == 0 ? "" : " " + measuredMix.firstErrors
                + measuredHealth.firstErrors);
        System.out.printf("Peak resident memory: %s (MiB)%n", platform.servicePeakMemoryMiB());
        System.out.printf("Machine: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        if (errors > 0) {
            throw new AssertionError(errors + " requests did not answer 200");
        }
    }

    private static void print(String name, Summary s, Phase phase) {
        System.out.printf("%-26s %9d %10.0f %8.1f %8.1f %8.1f %7d %7.2f cores %7.2f cores  %s%n", name, s.count,
                s.count / phase.seconds, s.p50, s.p95, s.p99, phase.errors.get(), phase.clientCpuCores,
                phase.queryCpuCores, phase.loadAverage);
    }

    record Summary(long count, double p50, double p95, double p99) {
        static Summary of(Phase phase, String kind) {
            long[] all = phase.latencies.entrySet().stream().filter(e -> kind == null || e.getKey().equals(kind))
                    .flatMap(e -> e.getValue().stream()).flatMapToLong(Arrays::stream).sorted().toArray();
            return new Summary(all.length, percentile(all, 0.50), percentile(all, 0.95), percentile(all, 0.99));
        }

        private static double percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
        }
    }

    /** Every client repeats its rounds until the time is up; each request is timed on its own. */
    private static Phase phase(HttpClient http, String base, List<String> sessions,
                               Function<Random, List<Request>> rounds, int seconds, int seed) throws Exception {
        Phase phase = new Phase();
        CountDownLatch done = new CountDownLatch(sessions.size());
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long queryCpuBefore = queryServiceCpuNanos();
        long start = System.nanoTime();
        for (int c = 0; c < sessions.size(); c++) {
            String cookie = sessions.get(c);
            Random random = new Random(seed * 1000L + c);
            Thread client = new Thread(() -> {
                Map<String, long[]> buffers = new LinkedHashMap<>();
                Map<String, Integer> sizes = new LinkedHashMap<>();
                try {
                    // the clock is checked before every request, so the phase ends on time even mid-round
                    rounds:
                    while (true) {
                        for (Request request : rounds.apply(random)) {
                            long sent = System.nanoTime();
                            if (sent >= end) {
                                break rounds;
                            }
                            int status;
                            String problem = null;
                            try {
                                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                                                URI.create(base + request.path())).header("Cookie", cookie)
                                        .header("Accept", "application/json").timeout(Duration.ofSeconds(60))
                                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                                status = response.statusCode();
                                if (status != 200) {
                                    problem = status + " " + new String(response.body(), StandardCharsets.UTF_8);
                                }
                            } catch (java.io.IOException e) {
                                problem = e.toString();
                            }
                            long took = System.nanoTime() - sent;
                            if (problem != null) {
                                phase.errors.incrementAndGet();
                                phase.firstErrors.putIfAbsent(request.kind(), request.path() + ": "
                                        + problem.substring(0, Math.min(300, problem.length())));
                            } else {
                                long[] buffer = buffers.computeIfAbsent(request.kind(), k -> new long[1024]);
                                int size = sizes.getOrDefault(request.kind(), 0);
                                if (size == buffer.length) {
                                    buffer = Arrays.copyOf(buffer, size * 2);
                                    buffers.put(request.kind(), buffer);
                                }
                                buffer[size] = took;
                                sizes.put(request.kind(), size + 1);
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    buffers.forEach((kind, buffer) -> phase.latencies.computeIfAbsent(kind,
                                    k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                            .add(Arrays.copyOf(buffer, sizes.get(kind))));
                    done.countDown();
                }
            }, "client-" + c);
            client.start();
        }
        done.await();
        phase.seconds = (System.nanoTime() - start) / 1e9;
        phase.clientCpuCores = (os.getProcessCpuTime() - cpuBefore) / 1e9 / phase.seconds;
        long queryCpuAfter = queryServiceCpuNanos();
        phase.queryCpuCores = queryCpuBefore < 0 || queryCpuAfter < 0 ? Double.NaN
                : (queryCpuAfter - queryCpuBefore) / 1e9 / phase.seconds;
        phase.loadAverage = Files.readString(Path.of("/proc/loadavg")).trim().replaceAll("^(\\S+ \\S+ \\S+).*", "$1");
        return phase;
    }

    /** The query service is a child process of this JVM; its CPU time so far, or -1 where the OS does not say. */
    private static long queryServiceCpuNanos() {
        Optional<ProcessHandle> query = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("query-service")).findFirst();
        return query.flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(-1L);
    }

    /** Local mode's login, as the dashboard's: the answer's session cookie, sent with every later request. */
    private static String logIn(HttpClient http, String base, String user) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"%s\",\"password\":\"%s\"}"
                        .formatted(user, user))).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("login answered " + response.statusCode() + ": " + response.body());
        }
        List<String> cookies = response.headers().allValues("Set-Cookie").stream()
                .map(c -> c.split(";", 2)[0]).toList();
        if (cookies.stream().noneMatch(c -> c.contains("SESSION"))) {
            throw new IllegalStateException("login set no session cookie: " + cookies);
        }
        return String.join("; ", cookies);
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
