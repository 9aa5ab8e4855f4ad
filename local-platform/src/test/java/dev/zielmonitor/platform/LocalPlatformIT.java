package dev.zielmonitor.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zielmonitor.infra.ListeningSockets;
import dev.zielmonitor.infra.TestDatabase;
import dev.zielmonitor.publisher.PublishFiguresCommand;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * End to end, as the README's run command does it: a KRaft broker from the Kafka jars in its own process,
 * both services from their executable jars, the demo data published from their files with the publishing tool;
 * then one more contract message from a real producer, followed into the event store and onto the query API;
 * CSV and Excel files through the tool; the yearly agreement cycle; the rebuild command.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalPlatformIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalPlatform platform;
    private static LocalPlatform.Options options;

    @BeforeAll
    static void start() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path workDir = root.resolve("local-platform/target/it-platform");
        if (Files.exists(workDir)) {
            try (var paths = Files.walk(workDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        TestDatabase db = TestDatabase.get();
        options = new LocalPlatform.Options(root, workDir, db.url(), db.roles(), null,
                freePort(), freePort(), freePort(), freePort(), true);
        platform = new LocalPlatform(options);
        platform.start();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void registersNrwAndShowsTheDemoFiguresOnTheQueryApi() throws Exception {
        assertThat(get(platform.queryUrl() + "/api/jobcenters").size()).isEqualTo(53);

        JsonNode year = get(platform.queryUrl() + "/api/jobcenters/05122/figures?year=2014");
        assertThat(year.get("months").size()).isEqualTo(12);
        long integrations = 0;
        for (JsonNode month : year.get("months")) {
            integrations += month.at("/figures/INT/total").asLong();
            assertThat(month.get("source").asText()).isEqualTo("SYNTHETIC_DEMO");
        }
        assertThat(integrations).as("Solingen's published integrations in 2014").isEqualTo(2244);
        assertThat(year.at("/months/8/corrections").asInt()).isEqualTo(1);

        // Solingen's 2014 agreement as demo data: concluded, signed by both parties, hence in force
        TestDatabase db = TestDatabase.get();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT string_agg(substring(payloadtype from '[A-Za-z]+$'), ',' ORDER BY sequencenumber) "
                             + "FROM domainevententry WHERE aggregateidentifier = '05122-2014'")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("TargetAgreementConcludedEvent,TargetAgreementSignedEvent,"
                    + "TargetAgreementSignedEvent,TargetAgreementInForceEvent");
        }

        // and on the query side: the 2014 K2 target level from 2013's 19.88 %, and the year's 20.99 %
        JsonNode[] progress = new JsonNode[1];
        LocalPlatform.await(Duration.ofSeconds(30), "the agreement on the query API", () -> {
            try {
                progress[0] = get(platform.queryUrl() + "/api/agreements/05122-2014/progress");
                return true;
            } catch (Exception | AssertionError notYet) {
                return false;
            }
        });
        JsonNode december = progress[0].at("/targets/1/months/11");
        assertThat(progress[0].at("/targets/1/targetId").asText()).isEqualTo("II-K2");
        assertThat(december.at("/targetLevel").decimalValue()).isEqualByComparingTo("19.98");
        assertThat(december.at("/yearToDate/percent").decimalValue()).isEqualByComparingTo("20.99");
        assertThat(december.at("/status").asText()).isEqualTo("ON_TRACK");

        String metrics = text(options.commandPort(), "/actuator/prometheus");
        assertThat(metrics).contains("zielmonitor_ingest_messages_total{code=\"none\",outcome=\"corrected\"} 3.0");
    }

    /**
     * Local mode serves this machine only: the services and the broker listen on 127.0.0.1, not on the machine's
     * other addresses (tried when it has one; the listening sockets are checked either way). The services connect to
     * PostgreSQL as their own roles, never as the administrator the launcher was given.
     */
    @Test
    @Order(2)
    void theServicesAndTheBrokerListenOnTheLoopbackInterfaceOnly_andUseTheDatabaseAsTheirOwnRoles() throws Exception {
        Optional<InetAddress> other = ListeningSockets.otherInterfaceAddress();
        if (other.isEmpty()) {
            System.out.println("This machine has no address but the loopback: the listening sockets are checked only");
        }
        for (int port : new int[] {options.commandPort(), options.queryPort(), options.kafkaPort()}) {
            assertThat(ListeningSockets.boundTo(port)).as("listening on port " + port).isNotEmpty()
                    .allMatch(InetAddress::isLoopbackAddress);
            assertThat(accepts(port)).as("port " + port + " on 127.0.0.1").isTrue();
            if (other.isPresent()) {
                try (Socket socket = new Socket()) {
                    assertThatThrownBy(() -> socket.connect(new InetSocketAddress(other.get(), port), 2000))
                            .as("port " + port + " on " + other.get().getHostAddress())
                            .isInstanceOf(IOException.class);
                }
            }
        }

        TestDatabase db = TestDatabase.get();
        List<String> users = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             ResultSet rs = c.createStatement().executeQuery("SELECT DISTINCT usename FROM pg_stat_activity "
                     + "WHERE datname = current_database() AND pid <> pg_backend_pid() ORDER BY usename")) {
            while (rs.next()) {
                users.add(rs.getString(1));
            }
        }
        assertThat(users).as("who the services are connected as")
                .containsExactlyInAnyOrder(db.roles().command().name(), db.roles().query().name());
    }

    @Test
    @Order(3)
    void aMessageFromARealProducerEndsInTheEventStoreAndOnTheQueryApi() throws Exception {
        String messageId = UUID.randomUUID().toString();
        String json = """
                {"schemaVersion":1,"messageId":"%s","jobcenterId":"05122","reportingMonth":"2016-01",
                 "dataStatus":"2016-04-29","source":"BA_STATISTIK","figures":{
                 "ELB":{"total":10480,"female":5190,"male":5290},"INT":{"total":171},
                 "LLU_EUR":{"total":"3470012.34"}}}""".formatted(messageId);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(LocalPlatform.TOPIC, "05122", json.getBytes())).get();
        }

        Map<String, String> stored = awaitStoredEvent(messageId);
        assertThat(stored.get("payloadtype")).endsWith("MonthlyFiguresRecordedEvent");
        assertThat(stored.get("metadata")).contains("\"kafkaTopic\":\"zielmonitor.monthly-figures.v1\"");

        JsonNode january = awaitMonth("05122", YearMonth.of(2016, 1));
        assertThat(january.get("messageId").asText()).isEqualTo(messageId);
        assertThat(january.at("/figures/ELB/female").asLong()).isEqualTo(5190);
        assertThat(january.at("/figures/LLU_EUR/total").decimalValue()).isEqualByComparingTo("3470012.34");
    }

    /**
     * The publishing tool's round trip: the repository's example files (UTF-8 with BOM and German numbers; the
     * statistics office's layout in windows-1252 with its own mapping) and a workbook as Excel keeps it, through
     * the platform's broker onto the query API; a file with one bad row publishes nothing; the same file again
     * changes nothing.
     */
    @Test
    @Order(4)
    void filesPublishedWithTheToolArriveOnTheQueryApi_aBadFileSendsNothing_aRepeatChangesNothing() throws Exception {
        Path root = options.root();
        Path workbook = root.resolve("local-platform/target/it-platform/kreis-dueren-2016.xlsx");
        writeWorkbook(workbook);
        Path bad = root.resolve("local-platform/target/it-platform/mönchengladbach-2016.csv");
        Files.writeString(bad, """
                Jobcenter;Name;Berichtsmonat;Datenstand;Quelle;ELB;INT;INT_LZB
                05116;Jobcenter Mönchengladbach;2016-01;30.04.2016;BA_STATISTIK;30.100;610;280
                05116;Jobcenter Mönchengladbach;2016-02;31.05.2016;BA_STATISTIK;30.150;590;620
                """);
        long topicBefore = topicEndOffset();

        assertThat(publish(bad.toString())).isEqualTo(1);
        assertThat(topicEndOffset()).as("a file with a bad row sends nothing").isEqualTo(topicBefore);

        assertThat(publish(root.resolve("publisher/examples/beispiel-monatszahlen.csv").toString()))
                .isEqualTo(0);
        assertThat(publish("--mapping", root.resolve("publisher/examples/mapping-ba-statistik.properties")
                .toString(), "--encoding", "windows-1252",
                root.resolve("publisher/examples/beispiel-ba-statistik.csv").toString())).isEqualTo(0);
        assertThat(publish(workbook.toString())).isEqualTo(0);
        assertThat(topicEndOffset()).isEqualTo(topicBefore + 5 + 3 + 1);

        // Düsseldorf, January 2016: the first figures, then the revision with integrations added late
        JsonNode january = awaitMonth("05111", YearMonth.of(2016, 1), m -> m.get("corrections").asInt() == 1);
        assertThat(january.at("/figures/INT/total").asLong()).isEqualTo(951);
        assertThat(january.at("/figures/INT_CONTINUOUS/total").asLong()).isEqualTo(571);
        assertThat(january.at("/figures/LLU_EUR/total").decimalValue()).isEqualByComparingTo("18255083.91");
        assertThat(january.get("dataStatus").asText()).isEqualTo("2016-07-31");
        JsonNode february = awaitMonth("05111", YearMonth.of(2016, 2), m -> true);
        assertThat(february.at("/figures/INT_CONTINUOUS").isMissingNode()).as("an empty cell is unknown").isTrue();
        assertThat(february.at("/figures/ELB/male").asLong()).isEqualTo(28_290);
        assertThat(awaitMonth("05315", YearMonth.of(2016, 2), m -> true).at("/figures/LUH_EUR/total")
                .decimalValue()).isEqualByComparingTo("18929631.00");
        // the statistics office's layout: "-" is zero, "x" unknown, 5515 is 05515
        JsonNode munster = awaitMonth("05515", YearMonth.of(2016, 2), m -> true);
        assertThat(munster.at("/figures/INT_PUBLIC/total").asLong()).isZero();
        assertThat(munster.at("/figures/INT_CONTINUOUS").isMissingNode()).isTrue();
        assertThat(munster.get("source").asText()).isEqualTo("BA_STATISTIK");
        // the workbook: id without its leading zero, date cells, a German amount in a text cell
        JsonNode duren = awaitMonth("05358", YearMonth.of(2016, 1), m -> true);
        assertThat(duren.at("/figures/ELB/total").asLong()).isEqualTo(21_400);
        assertThat(duren.at("/figures/LLU_EUR/total").decimalValue()).isEqualByComparingTo("7087038.00");
        assertThat(duren.get("dataStatus").asText()).isEqualTo("2016-04-29");
        // the revision's reason, umlauts included, is in the event store
        TestDatabase db = TestDatabase.get();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             ResultSet rs = c.createStatement().executeQuery("SELECT convert_from(payload, 'UTF8') FROM "
                     + "domainevententry WHERE payloadtype LIKE '%MonthlyFiguresCorrectedEvent' "
                     + "AND convert_from(payload, 'UTF8') LIKE '%05111%2016-01%'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).contains("Nachmeldung der Integrationen nach Prüfung (Änderung für "
                    + "Düsseldorf)");
        }
        assertThat(get(platform.queryUrl() + "/api/jobcenters/05116/figures?year=2016").get("months")).isEmpty();

        // the same file again: the same message ids, which the platform knows
        String duplicates = "zielmonitor_ingest_messages_total{code=\"none\",outcome=\"duplicate\"}";
        double before = metric(duplicates);
        assertThat(publish(root.resolve("publisher/examples/beispiel-monatszahlen.csv").toString())).isEqualTo(0);
        LocalPlatform.await(Duration.ofSeconds(30), "five duplicates", () -> metric(duplicates) == before + 5);
        assertThat(awaitMonth("05111", YearMonth.of(2016, 1), m -> true).get("corrections").asInt()).isEqualTo(1);
    }

    private int publish(String... files) {
        List<String> args = new ArrayList<>(List.of("--quiet", "--bootstrap-servers",
                platform.bootstrapServers()));
        args.addAll(List.of(files));
        StringWriter out = new StringWriter();
        int exit = PublishFiguresCommand.run(new PrintWriter(out),
                new PrintWriter(out), Map.of(), false, args.toArray(String[]::new));
        System.out.println(out);
        return exit;
    }

    private long topicEndOffset() {
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(Map.of(
                             "bootstrap.servers", platform.bootstrapServers()),
                             new ByteArrayDeserializer(),
                             new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(
                    LocalPlatform.TOPIC).stream().map(p -> new TopicPartition(
                    LocalPlatform.TOPIC, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private double metric(String name) {
        try {
            return text(options.commandPort(), "/actuator/prometheus").lines().filter(l -> l.startsWith(name + " "))
                    .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1))).findFirst().orElse(0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Kreis Düren, January 2016, as Excel keeps it. */
    private static void writeWorkbook(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (var out = Files.newOutputStream(file)) {
            Workbook workbook = new Workbook(out, "Zielmonitor IT", "1.0");
            Worksheet sheet = workbook.newWorksheet("Januar");
            Object[][] rows = {
                {"Jobcenter", "Name", "Berichtsmonat", "Datenstand", "Quelle", "ELB", "ELB weiblich", "ELB männlich",
                    "INT", "INT_CONTINUOUS", "LZB", "LLU_EUR"},
                {5358, "Jobcenter Kreis Düren", LocalDate.of(2016, 1, 1), LocalDate.of(2016, 4, 29),
                    "BA_STATISTIK", 21_400, 10_500, 10_900, 410, null, 13_950, "7.087.038,00"}};
            for (int r = 0; r < rows.length; r++) {
                for (int c = 0; c < rows[r].length; c++) {
                    Object value = rows[r][c];
                    if (value instanceof LocalDate date) {
                        sheet.value(r, c, date);
                        sheet.style(r, c).format("dd.mm.yyyy").set();
                    } else if (value instanceof Number number) {
                        sheet.value(r, c, number);
                    } else if (value != null) {
                        sheet.value(r, c, (String) value);
                    }
                }
            }
            workbook.finish();
        }
    }

    @Test
    @Order(5)
    void theYearlyCycleOfTheSeedAgreement_dialoguesAndAssessment_readAsKnownAtThreeInstants() throws Exception {
        String agreement = platform.commandUrl() + "/api/agreements/05122-2014";
        Instant concludedOnly = Instant.now();
        assertThat(post(agreement + "/steering-dialogues", """
                {"dialogueId":"2014-1","date":"2014-06-26","participants":["MAIS NRW","Jobcenter Solingen"],
                 "findings":{"II":"Integrationen im Plan"},"agreedActions":["Minijob-Initiative verstärken"],
                 "deviations":[{"description":"Insolvenz eines Großbetriebs","affectedIndicators":["K3"],
                   "estimatedEffect":0.3}]}""")).isEqualTo(200);
        awaitProgress(p -> p.at("/schedule/0/heldOn").asText().equals("2014-06-26"));
        Instant afterFirstDialogue = Instant.now();
        assertThat(post(agreement + "/steering-dialogues", """
                {"dialogueId":"2014-2","date":"2014-11-27","participants":["MAIS NRW","Jobcenter Solingen"]}"""))
                .isEqualTo(200);
        assertThat(post(agreement + "/assessment", """
                {"assessedOn":"2015-04-20","reasoning":"Jahresabschlussgespräch"}""")).isEqualTo(200);
        assertThat(post(agreement + "/assessment", """
                {"assessedOn":"2015-04-21","reasoning":"noch einmal"}""")).isEqualTo(409);
        JsonNode assessed = awaitProgress(p -> !p.path("assessment").isNull() && !p.path("assessment").isMissingNode());

        assertThat(assessed.at("/assessment/targets/1/targetId").asText()).isEqualTo("II-K2");
        assertThat(assessed.at("/assessment/targets/1/yearValue").decimalValue()).isEqualByComparingTo("20.99");
        assertThat(assessed.at("/assessment/targets/1/targetLevel").decimalValue()).isEqualByComparingTo("19.98");
        assertThat(assessed.at("/assessment/targets/1/result").asText()).isEqualTo("ACHIEVED");
        assertThat(assessed.at("/assessment/figuresJudged/2014-12").asText()).isEqualTo("2015-03-31");
        assertThat(assessed.at("/schedule/1/heldOn").asText()).isEqualTo("2014-11-27");

        JsonNode before = get(platform.queryUrl() + "/api/agreements/05122-2014/progress?asOf=" + concludedOnly);
        assertThat(before.at("/schedule/0/heldOn").isNull()).isTrue();
        assertThat(before.at("/targets/2/months/11/deviations").size()).isZero();
        assertThat(before.path("assessment").isNull()).isTrue();
        JsonNode between = get(platform.queryUrl() + "/api/agreements/05122-2014/progress?asOf="
                + afterFirstDialogue);
        assertThat(between.at("/targets/2/months/11/deviations/0/deviation/estimatedEffect").decimalValue())
                .isEqualByComparingTo("0.3");
        assertThat(between.at("/schedule/1/heldOn").isNull()).isTrue();
        assertThat(between.path("assessment").isNull()).isTrue();
        assertThat(between.at("/targets/1/months/11/yearToDate/percent").decimalValue())
                .isEqualByComparingTo("20.99");

        // the auditor's package of the year, made by a job: the assessed figures in it, checked with standard tools
        HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(URI.create(platform.queryUrl()
                        + "/api/audit/packages?agreementId=05122-2014"))
                .header("Authorization", LocalPlatform.demoLogin("pruefung"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String job = platform.queryUrl() + started.headers().firstValue("Location").orElseThrow();
        JsonNode[] done = new JsonNode[1];
        LocalPlatform.await(Duration.ofSeconds(60), "the audit package job", () -> {
            try {
                done[0] = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(job))
                        .header("Authorization", LocalPlatform.demoLogin("pruefung")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                return done[0].get("state").asText().equals("COMPLETED")
                        || done[0].get("state").asText().equals("FAILED");
            } catch (Exception notYet) {
                return false;
            }
        });
        assertThat(done[0].get("state").asText()).as(done[0].toString()).isEqualTo("COMPLETED");
        HttpResponse<byte[]> zip = HTTP.send(HttpRequest.newBuilder(URI.create(platform.queryUrl()
                + done[0].at("/download/href").asText())).header("Authorization", LocalPlatform.demoLogin("pruefung"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.body()).hasSize(done[0].at("/download/bytes").asInt());
        Path unpacked = Files.createTempDirectory("audit-package");
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path file = unpacked.resolve(entry.getName());
                Files.createDirectories(file.getParent());
                Files.write(file, in.readAllBytes());
            }
        }
        Path folder = unpacked.resolve("audit-05122-2014");
        JsonNode atAssessment = JSON.readTree(folder.resolve("progress-at-assessment.json").toFile());
        assertThat(atAssessment.at("/targets/1/months/11/yearToDate/percent").decimalValue())
                .isEqualByComparingTo("20.99");
        assertThat(atAssessment.at("/assessment/targets/1/result").asText()).isEqualTo("ACHIEVED");
        assertThat(JSON.readTree(folder.resolve("hash-chain.json").toFile()).get("intact").asBoolean()).isTrue();
        assertThat(JSON.readTree(folder.resolve("replay-verification.json").toFile()).get("agrees").asBoolean())
                .isTrue();
        assertThat(tool(folder, "sha256sum", "-c", "SHA256SUMS")).startsWith("0\n");
        assertThat(tool(folder, "python3", "verify_events.py")).startsWith("0\n").contains(" 0 failures");

        // who did it: every event of the agreement names the demo ministry user that sent its command
        HttpResponse<String> history = HTTP.send(HttpRequest.newBuilder(URI.create(platform.queryUrl()
                + "/api/audit/events?agreement=05122-2014")).header("Authorization", LocalPlatform.demoLogin("pruefung"))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode events = JSON.readTree(history.body()).get("events");
        assertThat(events.size()).isGreaterThanOrEqualTo(6);
        events.forEach(event -> assertThat(event.at("/origin/principal").asText()).as(event.toString())
                .isEqualTo("ministerium"));
        // and the running services refuse what the roles do not allow
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(platform.queryUrl() + "/api/agreements/05122-2014"))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(platform.queryUrl() + "/api/agreements/05122-2014"))
                .header("Authorization", LocalPlatform.demoLogin("jobcenter-wuppertal")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(403);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(platform.queryUrl() + "/api/agreements/05122-2014"))
                .header("Authorization", LocalPlatform.demoLogin("jobcenter-solingen")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
    }

    /** Runs a standard tool in {@code dir}; its exit code, a newline, then what it printed. */
    private static String tool(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return process.waitFor() + "\n" + output;
    }

    private static int post(String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Authorization", LocalPlatform.demoLogin("ministerium"))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private static JsonNode awaitProgress(Predicate<JsonNode> until) {
        JsonNode[] last = new JsonNode[1];
        LocalPlatform.await(Duration.ofSeconds(30), "the agreement's progress", () -> {
            try {
                last[0] = get(platform.queryUrl() + "/api/agreements/05122-2014/progress");
                return until.test(last[0]);
            } catch (Exception | AssertionError notYet) {
                return false;
            }
        });
        return last[0];
    }

    @Test
    @Order(6)
    void theRebuildCommandVerifiesAndRebuildsTheReadModelsOfTheRunningPlatform() throws Exception {
        assertThat(rebuildCommand("--url", platform.queryUrl(), "--verify"))
                .contains("VERIFY COMPLETED DONE").contains("no differences");
        assertThat(rebuildCommand("--url", platform.queryUrl())).contains("SWITCH COMPLETED DONE");

        assertThat(get(platform.queryUrl() + "/api/jobcenters").size()).isEqualTo(53);
        long integrations = 0;
        for (JsonNode month : get(platform.queryUrl() + "/api/jobcenters/05122/figures?year=2014").get("months")) {
            integrations += month.at("/figures/INT/total").asLong();
        }
        assertThat(integrations).isEqualTo(2244);

        // every metric the operators' Grafana dashboard reads is served by one of the running services
        String metrics = text(options.commandPort(), "/actuator/prometheus") + text(options.queryPort(),
                "/actuator/prometheus");
        for (String metric : DockerComposeTest.dashboardMetrics()) {
            assertThat(metrics).as("a service serves " + metric).containsPattern("(?m)^" + metric + "[ {]");
        }
    }

    /**
     * Runs {@code ./rebuild-read-models.sh} as the README shows it, logged in as the demo operations user; its
     * output, after checking it exited 0.
     */
    private static String rebuildCommand(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(options.root().resolve("rebuild-read-models.sh").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(options.root().toFile())
                .redirectErrorStream(true);
        // the demo operations user, from the environment as docs/security.md says
        builder.environment().put("ZIELMONITOR_USER", "betrieb");
        builder.environment().put("ZIELMONITOR_PASSWORD", "betrieb");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    @Order(7)
    void stopsEverythingItStarted() {
        platform.close();
        for (int port : new int[] {options.commandPort(), options.queryPort(), options.kafkaPort()}) {
            assertThat(accepts(port)).as("port " + port + " closed").isFalse();
        }
        platform = null;
    }

    private static Map<String, String> awaitStoredEvent(String messageId) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        TestDatabase db = TestDatabase.get();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             PreparedStatement ps = c.prepareStatement("""
                     SELECT payloadtype, convert_from(metadata, 'UTF8') AS metadata FROM domainevententry
                     WHERE convert_from(metadata, 'UTF8') LIKE ?""")) {
            ps.setString(1, "%\"messageId\":\"" + messageId + "\"%");
            while (System.currentTimeMillis() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        Map<String, String> row = new LinkedHashMap<>();
                        row.put("payloadtype", rs.getString("payloadtype"));
                        row.put("metadata", rs.getString("metadata"));
                        return row;
                    }
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("no event for message " + messageId + " within 30 s");
    }

    private static JsonNode awaitMonth(String jobcenterId, YearMonth month) throws Exception {
        return awaitMonth(jobcenterId, month, m -> true);
    }

    private static JsonNode awaitMonth(String jobcenterId, YearMonth month,
                                       Predicate<JsonNode> until) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode year = get(platform.queryUrl() + "/api/jobcenters/" + jobcenterId + "/figures?year="
                    + month.getYear());
            for (JsonNode m : year.get("months")) {
                if (m.get("reportingMonth").asText().equals(month.toString()) && until.test(m)) {
                    return m;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(month + " of " + jobcenterId + " not on the query API within 30 s");
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", LocalPlatform.demoLogin("ministerium")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String text(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", LocalPlatform.demoLogin("betrieb")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
