package dev.zielmonitor.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zielmonitor.infra.DatabaseRoles;
import dev.zielmonitor.infra.PostgresServer;
import dev.zielmonitor.publisher.PublishFiguresCommand;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the whole platform on one machine, without Docker: PostgreSQL (the configured one, the one on
 * localhost:5432, or an embedded one), a single-node KRaft Kafka broker from the Kafka jars, the command and
 * query services from their executable jars, and then the demo data, published through the real topic.
 * Everything listens on 127.0.0.1 only; everything it started stops with it (Ctrl-C).
 */
public final class LocalPlatform implements AutoCloseable {

    static final String TOPIC = PublishFiguresCommand.TOPIC;
    static final String SOLINGEN = "05122";
    /** The platform's database on a server the launcher finds or starts. */
    static final String DATABASE = "zielmonitor";
    /** Where the services listen: this machine only (docker-compose.yml maps their ports instead). */
    static final String BIND_ADDRESS = "127.0.0.1";
    /** The demo data, as files a Jobcenter could have exported (written by DemoFigureFiles in the tests). */
    static final List<String> DEMO_FILES = List.of("demo/figures/nrw-2012-2015.csv",
            "demo/figures/solingen-2014-korrekturen.xlsx");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Options options;
    private final List<AutoCloseable> started = new ArrayList<>();
    /** The demo ministry user (local mode), which concludes the demo agreement and reads every Jobcenter. */
    static final String DEMO_LOGIN = demoLogin("ministerium");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private String bootstrapServers;

    /**
     * @param root            the repository root (where the services' target folders are)
     * @param workDir         logs and Kafka data
     * @param databaseUrl     the platform's database, used as it is with {@code databaseRoles} (which must have
     *                        their passwords), or {@code null} to use database {@code zielmonitor} on the server
     *                        {@link PostgresServer#locateOrStart()} finds, where the roles are created (passwords
     *                        not given are generated for this run)
     * @param databaseRoles   the owner role for the migrations and the services' runtime roles
     * @param kafkaBootstrap  an external broker, or {@code null} to start one on kafkaPort/controllerPort
     * @param publishDemoData push the demo figures through the topic once the services are up
     */
    public record Options(Path root, Path workDir, String databaseUrl, DatabaseRoles databaseRoles,
                          String kafkaBootstrap, int kafkaPort, int controllerPort, int commandPort, int queryPort,
                          boolean publishDemoData) {
    }

    public LocalPlatform(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("zielmonitor.root", ".")).toAbsolutePath().normalize();
        Options options = new Options(root, root.resolve("target").resolve("local-platform"),
                System.getenv("ZIELMONITOR_DB_URL"), DatabaseRoles.fromEnvironment(System.getenv()),
                System.getenv("ZIELMONITOR_KAFKA_BOOTSTRAP"),
                Integer.parseInt(env("ZIELMONITOR_KAFKA_PORT", "9092")),
                Integer.parseInt(env("ZIELMONITOR_KAFKA_CONTROLLER_PORT", "9093")),
                Integer.parseInt(env("ZIELMONITOR_COMMAND_PORT", "8081")),
                Integer.parseInt(env("ZIELMONITOR_QUERY_PORT", "8080")),
                !"false".equals(env("ZIELMONITOR_DEMO_DATA", "true")));
        LocalPlatform platform = new LocalPlatform(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Zielmonitor …");
            platform.close();
            stopped.countDown();
        }, "stop-platform"));
        try {
            platform.start();
        } catch (RuntimeException e) {
            System.err.println("Zielmonitor could not start: " + e.getMessage());
            System.exit(1);
        }
        platform.printWelcome();
        stopped.await();
    }

    /** Starts everything and returns once the services answer and the demo data are visible. */
    public void start() {
        Map<String, String> serviceEnv = new LinkedHashMap<>(database());
        bootstrapServers = kafka();
        serviceEnv.put("ZIELMONITOR_KAFKA_BOOTSTRAP", bootstrapServers);
        serviceEnv.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");

        ChildProcess command = service("command-service", options.commandPort(), serviceEnv);
        Map<String, String> queryEnv = new LinkedHashMap<>(serviceEnv);
        queryEnv.putAll(hashChain(serviceEnv));
        ChildProcess query = service("query-service", options.queryPort(), queryEnv);
        awaitHealthy(command, commandUrl());
        awaitHealthy(query, queryUrl());
        List<String> jobcenters = awaitRegistry(query);
        if (options.publishDemoData()) {
            publishDemoData(jobcenters, query);
            concludeDemoAgreement();
        }
    }

    /**
     * Solingen's 2014 target agreement (demo/agreements/solingen-2014.json, structured from the seed document)
     * through the command API, concluded and signed by both parties. On a database that has it already, the
     * conclusion answers 200 and each signature 409: both mean it is there.
     */
    private void concludeDemoAgreement() {
        Path file = options.root().resolve("demo/agreements/solingen-2014.json");
        try {
            JsonNode seed = JSON.readTree(Files.readString(file));
            int concluded = postJson(commandUrl() + "/api/agreements", seed.get("conclude").toString());
            if (concluded != 201 && concluded != 200) {
                throw new IllegalStateException("concluding the demo agreement answered HTTP " + concluded);
            }
            String agreement = seed.at("/conclude/jobcenterId").asText() + "-" + seed.at("/conclude/year").asInt();
            for (JsonNode signature : seed.get("signatures")) {
                int signed = postJson(commandUrl() + "/api/agreements/" + agreement + "/signatures",
                        signature.toString());
                if (signed != 200 && signed != 409) {
                    throw new IllegalStateException("signing the demo agreement answered HTTP " + signed);
                }
            }
            log("Demo data: target agreement " + agreement + " concluded and signed");
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + file, e);
        }
    }

    private int postJson(String url, String body) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", DEMO_LOGIN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The services' database settings. They never connect as a superuser: with a server of its own finding, the
     * launcher uses its superuser connection only to create the database and the roles (docs/security.md).
     */
    private Map<String, String> database() {
        Map<String, String> env = new LinkedHashMap<>();
        if (options.databaseUrl() != null && !options.databaseUrl().isBlank()) {
            if (!options.databaseRoles().complete()) {
                throw new IllegalStateException("ZIELMONITOR_DB_URL is used as it is, with roles created there by "
                        + "deploy/postgres/roles.sql: set " + DatabaseRoles.OWNER_PASSWORD + ", "
                        + DatabaseRoles.COMMAND_PASSWORD + " and " + DatabaseRoles.QUERY_PASSWORD
                        + " (and the role names if they are not the default ones)");
            }
            env.put("ZIELMONITOR_DB_URL", options.databaseUrl());
            env.putAll(options.databaseRoles().environment());
            return env;
        }
        PostgresServer server = PostgresServer.locateOrStart();
        started.add(server);
        env.put("ZIELMONITOR_DB_URL", server.ensureDatabase(DATABASE));
        DatabaseRoles roles = options.databaseRoles().withGeneratedPasswords();
        server.prepare(DATABASE, roles);
        env.putAll(roles.environment());
        log("PostgreSQL: " + env.get("ZIELMONITOR_DB_URL") + (server.isEmbedded() ? " (embedded)" : "")
                + ", roles " + roles.owner() + " (migrations), " + roles.command() + ", " + roles.query());
        return env;
    }

    /**
     * The query service's key for the hash chain's seals (ADR 0010): {@code ZIELMONITOR_HASH_CHAIN_KEYS} if set, else
     * one generated on first start into the work folder and kept there, so seals made earlier stay verifiable; and
     * the file the seals are published to. A file left by an earlier database (the embedded one is new on every
     * start) is moved aside: the sealer would otherwise, rightly, refuse to seal a store that lacks those seals.
     */
    private Map<String, String> hashChain(Map<String, String> database) {
        Map<String, String> env = new LinkedHashMap<>();
        try {
            Files.createDirectories(options.workDir());
            String configured = System.getenv("ZIELMONITOR_HASH_CHAIN_KEYS");
            Path keyFile = options.workDir().resolve("hash-chain-keys");
            boolean storeHasSeals = storeHasSeals(database);
            if (configured != null && !configured.isBlank()) {
                env.put("ZIELMONITOR_HASH_CHAIN_KEYS", configured);
            } else {
                if (!Files.exists(keyFile)) {
                    byte[] key = new byte[32];
                    new SecureRandom().nextBytes(key);
                    Files.writeString(keyFile, "local-" + LocalDate.now() + ":"
                            + Base64.getEncoder().encodeToString(key) + "\n");
                    restrictToOwner(keyFile);
                    log("Hash chain: generated a seal key into " + keyFile);
                    if (storeHasSeals) {
                        log("Hash chain: WARNING the database has seals made with a key that is no longer in "
                                + options.workDir() + "; they are reported UNKNOWN_KEY and nothing is sealed. Start "
                                + "over with an empty database, or set ZIELMONITOR_HASH_CHAIN_KEYS to the old key.");
                    }
                }
                env.put("ZIELMONITOR_HASH_CHAIN_KEYS", Files.readString(keyFile).strip());
            }
            Path seals = sealsFile();
            if (!storeHasSeals && Files.exists(seals) && Files.size(seals) > 0) {
                Path aside = options.workDir().resolve("hash-chain-seals-until-"
                        + LocalDateTime.now().withNano(0).toString().replace(':', '-') + ".jsonl");
                Files.move(seals, aside);
                log("Hash chain: the database has no seals; the seals published for an earlier one are in " + aside);
            }
            env.put("ZIELMONITOR_HASH_CHAIN_PUBLISH_FILE", seals.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return env;
    }

    private Path sealsFile() {
        return options.workDir().resolve("hash-chain-seals.jsonl");
    }

    private static boolean storeHasSeals(Map<String, String> database) {
        try (Connection c = DriverManager.getConnection(database.get("ZIELMONITOR_DB_URL"),
                database.get("ZIELMONITOR_DB_USER"), database.get("ZIELMONITOR_DB_PASSWORD"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT to_regclass('event_hash_seal') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return false;
            }
            try (ResultSet seals = s.executeQuery("SELECT EXISTS (SELECT 1 FROM event_hash_seal)")) {
                seals.next();
                return seals.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look at the database's hash chain seals: " + e.getMessage(), e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the work folder's own permissions apply
        }
    }

    private String kafka() {
        if (options.kafkaBootstrap() != null && !options.kafkaBootstrap().isBlank()) {
            log("Kafka: using " + options.kafkaBootstrap());
            return options.kafkaBootstrap();
        }
        log("Kafka: starting a single-node KRaft broker on 127.0.0.1:" + options.kafkaPort() + " …");
        KafkaServerProcess kafka = KafkaServerProcess.start(options.workDir(), options.kafkaPort(),
                options.controllerPort());
        started.add(kafka);
        return kafka.bootstrapServers();
    }

    /** Starts one service's executable jar; it is stopped with the platform. */
    ChildProcess service(String name, int port, Map<String, String> serviceEnv) {
        Path jar = executableJar(name);
        Map<String, String> env = new LinkedHashMap<>(serviceEnv);
        // each service its own role's password (and the owner's, for its migrations), not the other service's
        env.remove(name.equals("command-service") ? DatabaseRoles.QUERY_PASSWORD : DatabaseRoles.COMMAND_PASSWORD);
        env.put("PORT", Integer.toString(port));
        env.put("SERVER_ADDRESS", BIND_ADDRESS);
        // the demo users of README.md instead of an OpenID Connect provider (docs/security.md)
        env.put("ZIELMONITOR_SECURITY_MODE", "local");
        // the dashboard's operations page reaches the command service through the query service
        env.put("ZIELMONITOR_COMMAND_SERVICE_URL", commandUrl());
        log(name + ": starting on " + BIND_ADDRESS + ":" + port + " …");
        List<String> jvm = new ArrayList<>(List.of("-Xmx768m", "-XX:+UseSerialGC",
                "-Daxoniq.update-checker.disabled=true"));
        // e.g. a profiler or other heap settings for every service; {service} becomes the service's name
        String extra = System.getenv("ZIELMONITOR_SERVICE_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            jvm.addAll(List.of(extra.trim().replace("{service}", name).split("\\s+")));
        }
        ChildProcess process = ChildProcess.startJar(name, jvm, jar, env,
                options.workDir().resolve("logs").resolve(name + ".log"));
        started.add(0, process); // services stop before the broker and the database
        return process;
    }

    private Path executableJar(String module) {
        return executableJar(options.root(), module);
    }

    /** The Spring Boot executable jar a module's build left in its target folder. */
    static Path executableJar(Path root, String module) {
        Path target = root.resolve(module).resolve("target");
        try (var files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no executable jar in " + target
                            + "; build first: mvn -DskipTests install"));
        } catch (IOException e) {
            throw new IllegalStateException("no " + target + "; build first: mvn -DskipTests install", e);
        }
    }

    void awaitHealthy(ChildProcess process, String baseUrl) {
        await(Duration.ofMinutes(3), "health of " + baseUrl, () -> {
            process.checkAlive();
            JsonNode health = getJson(baseUrl + "/actuator/health");
            return health != null && "UP".equals(health.path("status").asText());
        });
    }

    private List<String> awaitRegistry(ChildProcess query) {
        List<String> ids = new ArrayList<>();
        await(Duration.ofMinutes(2), "the registered Jobcenters on the query API", () -> {
            query.checkAlive();
            JsonNode list = getJson(queryUrl() + "/api/jobcenters");
            if (list == null || list.size() < 53) {
                return false;
            }
            list.forEach(j -> ids.add(j.path("jobcenterId").asText()));
            return true;
        });
        log("Registry: " + ids.size() + " Jobcenters");
        return ids;
    }

    /**
     * The demo figures (demo/figures: a CSV file of every month, an Excel file of revisions), published with the
     * publishing tool as a Jobcenter would publish its own; then waits until the query API shows all of them.
     */
    private void publishDemoData(List<String> jobcenters, ChildProcess query) {
        List<String> args = new ArrayList<>(List.of("--quiet", "--bootstrap-servers", bootstrapServers));
        DEMO_FILES.forEach(file -> args.add(options.root().resolve(file).toString()));
        log("Demo data: ./publish-figures.sh " + String.join(" ", DEMO_FILES) + " …");
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        int exit = PublishFiguresCommand.run(out, out, System.getenv(), false, args.toArray(String[]::new));
        if (exit != PublishFiguresCommand.OK) {
            throw new IllegalStateException("publishing the demo data failed (exit code " + exit + ")");
        }
        // Solingen's revisions (data status 2015-02-27) and every Jobcenter's December 2015 (the latest data
        // status) are in once they show
        await(Duration.ofMinutes(5), "the demo figures on the query API", () -> {
            query.checkAlive();
            JsonNode year = getJson(queryUrl() + "/api/jobcenters/" + SOLINGEN + "/figures?year=2014");
            return year != null && year.path("months").size() == 12
                    && year.path("months").get(8).path("corrections").asInt() == 1;
        });
        for (String jobcenter : jobcenters) {
            await(Duration.ofMinutes(5), "the demo figures of " + jobcenter + " on the query API", () -> {
                query.checkAlive();
                JsonNode year = getJson(queryUrl() + "/api/jobcenters/" + jobcenter + "/figures?year=2015");
                return year != null && year.path("months").size() == 12;
            });
        }
        log("Demo data: visible on the query API");
    }

    private JsonNode getJson(String url) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", DEMO_LOGIN)
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void await(Duration timeout, String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
    }

    /** Peak resident memory of each service process in MiB (-1 where unknown). */
    public Map<String, Long> servicePeakMemoryMiB() {
        Map<String, Long> memory = new LinkedHashMap<>();
        for (AutoCloseable resource : started) {
            if (resource instanceof ChildProcess process) {
                memory.put(process.name(), process.peakResidentMiB());
            }
        }
        return memory;
    }

    public String commandUrl() {
        return "http://localhost:" + options.commandPort();
    }

    public String queryUrl() {
        return "http://localhost:" + options.queryPort();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** {@code Authorization} header of a demo user (README.md: the password is the user name). */
    public static String demoLogin(String user) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + user)
                .getBytes(StandardCharsets.UTF_8));
    }

    private void printWelcome() {
        System.out.println("""

                Zielmonitor läuft / is running
                  Dashboard:                    %1$s/
                  Query API:                    %1$s/api/jobcenters
                  Solingen figures 2014:        %1$s/api/jobcenters/05122/figures?year=2014
                  Solingen agreement 2014:      %1$s/api/agreements/05122-2014/progress
                  Command API:                  %2$s/api/jobcenters  (POST)
                  OpenAPI:                      %1$s/v3/api-docs  %2$s/v3/api-docs
                  Metrics (user betrieb):       %1$s/actuator/prometheus  %2$s/actuator/prometheus
                  Log in (dashboard: %1$s/, API: HTTP Basic), user = password:
                    ministerium (MINISTRY), jobcenter-solingen / jobcenter-wuppertal (JOBCENTER 05122 / 05124),
                    pruefung (AUDITOR), betrieb (ADMIN); e.g. curl -u ministerium:ministerium %1$s/api/jobcenters
                  Kafka:                        %3$s  topic %4$s
                  Logs:                         %5$s
                  Hash chain seals (published): %6$s
                Ctrl-C stops everything.
                """.formatted(queryUrl(), commandUrl(), bootstrapServers, TOPIC,
                options.workDir().resolve("logs"), sealsFile()));
    }

    private static void log(String message) {
        System.out.println("[zielmonitor] " + message);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void close() {
        for (AutoCloseable resource : started) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("could not stop " + resource + ": " + e.getMessage());
            }
        }
        started.clear();
    }
}
