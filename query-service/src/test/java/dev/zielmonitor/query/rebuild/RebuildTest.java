package dev.zielmonitor.query.rebuild;

import dev.zielmonitor.access.DemoUsers;
import dev.zielmonitor.events.common.CarrierType;
import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.registry.JobcenterRegisteredEvent;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureChange;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.events.reporting.MonthlyFiguresCorrectedEvent;
import dev.zielmonitor.events.reporting.MonthlyFiguresRecordedEvent;
import dev.zielmonitor.infra.TestDatabase;
import dev.zielmonitor.infra.TestInfrastructure;
import dev.zielmonitor.query.CommandSideEvents;
import dev.zielmonitor.query.readmodel.ReadModel;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Rebuilds of the read models against the real event store and PostgreSQL, over HTTP: the switch to a schema
 * rebuilt from the history while the API keeps answering, the verification, the command line, the metrics.
 */
// a context of its own, used by this class only: closed after it, so its connections do not pile up
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RebuildTest {

    /** A database of its own: the switch renames schemas and moves the projections' tokens. */
    private static final TestDatabase DB = TestDatabase.another();
    private static final JobcenterId SOLINGEN = JobcenterId.of("05122");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.databaseProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    int port;
    CommandSideEvents events;

    @Autowired
    void commandSide(@Qualifier("eventSerializer") Serializer eventSerializer) {
        events = new CommandSideEvents(DB, eventSerializer);
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    List<ReadModel> readModels;

    private final HttpClient http = HttpClient.newHttpClient();
    private static final Map<String, String> ADMIN_LOGIN = Map.of("ZIELMONITOR_USER", DemoUsers.ADMIN,
            "ZIELMONITOR_PASSWORD", DemoUsers.password(DemoUsers.ADMIN));

    @BeforeAll
    void appendHistory() {
        append("05122", 0, new JobcenterRegisteredEvent(SOLINGEN, "Jobcenter Solingen", "DE-NW", CarrierType.ZKT, null,
                null));
        append("05124", 0, new JobcenterRegisteredEvent(JobcenterId.of("05124"), "Jobcenter Wuppertal", "DE-NW",
                CarrierType.ZKT, null, null));
        for (int month = 1; month <= 6; month++) {
            recorded(month);
        }
        corrected(2, 1, 250);
        corrected(2, 2, 260); // corrected twice: three versions
        awaitFiguresRows(8);
    }

    @Test
    void aRebuildSwitchesToTheHistorysReadModelsWhileTheApiKeepsAnswering() throws Exception {
        JsonNode figuresBefore = withoutAsOf("/api/jobcenters/05122/figures?year=2014");
        JsonNode indicatorBefore = withoutAsOf("/api/jobcenters/05122/indicators/K1?year=2014");
        jdbc.sql("UPDATE read_model.monthly_figures_version SET figures = '{}' WHERE reporting_month = '2014-01-01'")
                .update();
        jdbc.sql("DELETE FROM read_model.jobcenter WHERE jobcenter_id = '05124'").update();
        assertThat(withoutAsOf("/api/jobcenters/05122/figures?year=2014")).isNotEqualTo(figuresBefore);

        AtomicBoolean reading = new AtomicBoolean(true);
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                statuses.add(get("/api/jobcenters/05122/figures?year=2014").statusCode());
            }
        });
        reader.start();
        JsonNode done;
        try {
            done = runToTheEnd("SWITCH");
        } finally {
            reading.set(false);
            reader.join();
        }

        long events = jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
        assertThat(done.get("state").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("eventsDone").asLong()).isEqualTo(events);
        assertThat(done.get("eventsTotal").asLong()).isEqualTo(events);
        assertThat(statuses).isNotEmpty().containsOnly(200);
        assertThat(withoutAsOf("/api/jobcenters/05122/figures?year=2014")).isEqualTo(figuresBefore);
        assertThat(withoutAsOf("/api/jobcenters/05122/indicators/K1?year=2014")).isEqualTo(indicatorBefore);
        assertThat(get("/api/jobcenters/05124").statusCode()).isEqualTo(200);
        // the switched schema is indistinguishable from the migrated one, and nothing is left behind
        assertThat(jdbc.sql("SELECT indexname FROM pg_indexes WHERE schemaname = 'read_model' ORDER BY 1")
                .query(String.class).list()).containsExactly("agreement_history_jobcenter_year", "agreement_history_pkey",
                "jobcenter_pkey", "monthly_figures_version_current_uk", "monthly_figures_version_pkey");
        assertThat(jdbc.sql("SELECT nspname FROM pg_namespace WHERE nspname ~ '^(rebuild|retired|verify)_'")
                .query(String.class).list()).isEmpty();
        // the query role, which rebuilt them, owns them; the owner role, a member of it, can still migrate them
        assertThat(owners()).containsOnly(DB.roles().query().name());
        try (Connection owner = DriverManager.getConnection(DB.url(), DB.roles().owner().name(),
                DB.roles().owner().password())) {
            owner.setAutoCommit(false);
            owner.createStatement().execute("ALTER TABLE read_model.jobcenter ADD COLUMN later_migration TEXT");
            owner.createStatement().execute("CREATE TABLE read_model.later_migration (x INT)");
            owner.rollback();
        }

        // the projections go on from where the rebuild stopped, into the new tables
        recorded(7);
        corrected(7, 1, 300);
        awaitFiguresRows(10);
        assertThat(jdbc.sql("SELECT version FROM read_model.monthly_figures_version WHERE reporting_month = "
                + "'2014-07-01' AND recorded_to IS NULL").query(Integer.class).single()).isEqualTo(2);
        assertThat(verify().get("verification").get("agrees").asBoolean()).isTrue();
    }

    /** The owners of the read-model schema and of everything in it. */
    private List<String> owners() {
        return jdbc.sql("""
                SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'read_model'
                UNION SELECT pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'read_model'""").query(String.class).list();
    }

    @Test
    void theServiceRunsAsTheQueryRole_whichOwnsTheReadModelsButCannotChangeTheHistory() {
        Map<String, Object> role = jdbc.sql("SELECT current_user AS name, rolsuper FROM pg_roles "
                + "WHERE rolname = current_user").query().singleRow();
        assertThat(role).containsEntry("name", DB.roles().query().name()).containsEntry("rolsuper", false);
        assertThat(owners()).as("handed over after the migrations").containsOnly(DB.roles().query().name());
        for (String sql : List.of("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, eventidentifier, "
                        + "payload, payloadtype, timestamp) VALUES ('x', 0, 'x', ''::bytea, 'x', 'x')",
                "UPDATE domainevententry SET payload = payload", "DELETE FROM domainevententry",
                "TRUNCATE domainevententry", "DELETE FROM event_hash_chain")) {
            assertThatThrownBy(() -> jdbc.sql(sql).update()).as(sql).rootCause()
                    .hasMessageStartingWith("ERROR: permission denied")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
        }
    }

    @Test
    void aVerificationChangesNothingAndNamesTheRowsThatDoNotFollowFromTheHistory() throws Exception {
        JsonNode clean = verify();
        assertThat(clean.get("verification").get("agrees").asBoolean()).isTrue();
        assertThat(clean.get("verification").get("tables")).hasSize(3); // agreements, registry, figures

        jdbc.sql("UPDATE read_model.monthly_figures_version SET figures = figures || '{\"INT\":{\"total\":999}}' "
                + "WHERE reporting_month = '2014-03-01'").update();
        JsonNode tampered = verify();
        JsonNode figures = table(tampered, "monthly_figures_version");
        assertThat(tampered.get("verification").get("agrees").asBoolean()).isFalse();
        assertThat(figures.get("onlyInLive").asLong()).isEqualTo(1);
        assertThat(figures.get("onlyInRebuilt").asLong()).isEqualTo(1);
        assertThat(figures.get("samples").get(0).asString()).startsWith("live: (05122,2014-03-01,1,");
        assertThat(table(tampered, "jobcenter").get("onlyInLive").asLong()).isZero();
        String kept = tampered.get("verification").get("keptSchema").asString();
        assertThat(kept).startsWith("verify_");
        assertThat(jdbc.sql("SELECT count(*) FROM " + kept + ".monthly_figures_version").query(Long.class).single())
                .isEqualTo(figures.get("rows").asLong());
        assertThat(jdbc.sql("SELECT figures->'INT'->>'total' FROM read_model.monthly_figures_version "
                + "WHERE reporting_month = '2014-03-01'").query(String.class).single()).isEqualTo("999");

        jdbc.sql("DROP SCHEMA " + kept + " CASCADE").update();
        assertThat(runToTheEnd("SWITCH").get("state").asString()).isEqualTo("COMPLETED");
        assertThat(verify().get("verification").get("agrees").asBoolean()).isTrue();
    }

    @Test
    void aVerificationWhileEventsKeepComingComparesLikeWithLike() throws Exception {
        JobcenterId wuppertal = JobcenterId.of("05124");
        AtomicBoolean appending = new AtomicBoolean(true);
        Thread appender = new Thread(() -> {
            ReportingMonth month = ReportingMonth.of(2030, 1);
            while (appending.get()) {
                append("report:05124:" + month, 0, new MonthlyFiguresRecordedEvent(wuppertal, month,
                        month.plusMonths(3).lastDay(), "BA_STATISTIK", "w-" + month,
                        Map.of(FigureCode.ELB, Figure.total(20000))));
                month = month.plusMonths(1);
            }
        });
        appender.start();
        JsonNode run;
        try {
            Thread.sleep(200);
            run = verify();
        } finally {
            appending.set(false);
            appender.join();
        }
        assertThat(run.get("verification").get("agrees").asBoolean()).as(run.toString()).isTrue();
        assertThat(table(run, "monthly_figures_version").get("rows").asLong()).isGreaterThan(8);
    }

    @Test
    void theCommandLineStartsARunPrintsItsProgressAndExitsWithItsOutcome() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = RebuildCli.run(new String[] {"--url", base(), "--verify"},
                new PrintStream(printed, true, StandardCharsets.UTF_8), Duration.ofMillis(50), ADMIN_LOGIN);
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(output).isZero();
        assertThat(output).contains("started on " + base()).contains("VERIFY COMPLETED DONE").contains("events")
                .contains("no differences");

        ByteArrayOutputStream unreachable = new ByteArrayOutputStream();
        assertThat(RebuildCli.run(new String[] {"--url", "http://127.0.0.1:9"},
                new PrintStream(unreachable, true, StandardCharsets.UTF_8), Duration.ofMillis(50), ADMIN_LOGIN))
                .isEqualTo(2);
        assertThat(unreachable.toString(StandardCharsets.UTF_8)).contains("cannot reach the query service");
        assertThat(RebuildCli.run(new String[] {"--frobnicate"}, new PrintStream(new ByteArrayOutputStream()),
                Duration.ofMillis(50), ADMIN_LOGIN)).isEqualTo(2);

        // without credentials, with a role that may not rebuild: exit 2 and what to do
        ByteArrayOutputStream refused = new ByteArrayOutputStream();
        assertThat(RebuildCli.run(new String[] {"--url", base()}, new PrintStream(refused, true,
                StandardCharsets.UTF_8), Duration.ofMillis(50), Map.of())).isEqualTo(2);
        assertThat(refused.toString(StandardCharsets.UTF_8)).contains("ZIELMONITOR_USER");
        refused.reset();
        assertThat(RebuildCli.run(new String[] {"--url", base()}, new PrintStream(refused, true,
                StandardCharsets.UTF_8), Duration.ofMillis(50), Map.of("ZIELMONITOR_USER", DemoUsers.AUDITOR,
                "ZIELMONITOR_PASSWORD", DemoUsers.password(DemoUsers.AUDITOR)))).isEqualTo(2);
        assertThat(refused.toString(StandardCharsets.UTF_8)).contains("HTTP 403");
        refused.reset();
        assertThat(RebuildCli.run(new String[] {"--url", base()}, new PrintStream(refused, true,
                StandardCharsets.UTF_8), Duration.ofMillis(50), Map.of("ZIELMONITOR_USER", DemoUsers.ADMIN,
                "ZIELMONITOR_PASSWORD", "wrong"))).isEqualTo(2);
        assertThat(refused.toString(StandardCharsets.UTF_8)).contains("HTTP 401");
    }

    @Test
    void progressIsServedAsMetricsAndBadRequestsGetAProblem() throws Exception {
        JsonNode done = runToTheEnd("VERIFY");
        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics).contains("zielmonitor_rebuild_running 0.0")
                .contains("zielmonitor_rebuild_events_done " + done.get("eventsDone").asLong() + ".0")
                .contains("zielmonitor_rebuild_events_expected " + done.get("eventsTotal").asLong() + ".0").contains("zielmonitor_rebuild_rate ")
                .contains("zielmonitor_rebuild_eta_seconds NaN");

        HttpResponse<String> badMode = post("/api/admin/rebuilds?mode=SOMETIMES");
        assertThat(badMode.statusCode()).isEqualTo(400);
        assertThat(badMode.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(badMode.body()).get("errors").get(0).get("field").asString()).isEqualTo("mode");
        assertThat(get("/api/admin/rebuilds/nosuchrun").statusCode()).isEqualTo(404);
        assertThat(json.readTree(get("/api/admin/rebuilds").body()).get(0).get("id").asString())
                .isEqualTo(done.get("id").asString());
    }

    @Test
    void everyTableOfTheReadModelSchemaBelongsToExactlyOneReadModel() {
        List<String> owned = readModels.stream().flatMap(model -> model.tables().stream()).sorted().toList();
        assertThat(owned).doesNotHaveDuplicates().containsExactlyElementsOf(jdbc.sql(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'read_model' ORDER BY tablename")
                .query(String.class).list());
    }

    /** The answer without the instant it was computed for (default: now), which differs from call to call. */
    private JsonNode withoutAsOf(String path) {
        ObjectNode body = (ObjectNode) json.readTree(get(path).body());
        body.remove("asOf");
        return body;
    }

    private JsonNode table(JsonNode run, String table) {
        for (JsonNode difference : run.get("verification").get("tables")) {
            if (difference.get("table").asString().equals(table)) {
                return difference;
            }
        }
        throw new AssertionError("no table " + table + " in " + run);
    }

    private JsonNode verify() throws Exception {
        JsonNode run = runToTheEnd("VERIFY");
        assertThat(run.get("state").asString()).as(run.toString()).isEqualTo("COMPLETED");
        return run;
    }

    /** Starts a run and polls its URL until it has ended. */
    private JsonNode runToTheEnd(String mode) throws Exception {
        HttpResponse<String> started = post("/api/admin/rebuilds?mode=" + mode);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/api/admin/rebuilds/" + json.readTree(started.body()).get("id").asString());
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            last[0] = json.readTree(get(URI.create(location).getPath()).body());
            return !last[0].get("state").asString().equals("RUNNING");
        });
        return last[0];
    }

    private void awaitFiguresRows(long rows) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM read_model.monthly_figures_version WHERE jobcenter_id = '05122'")
                .query(Long.class).single() == rows);
    }

    private void recorded(int month) {
        ReportingMonth reportingMonth = ReportingMonth.of(2014, month);
        append("report:05122:" + reportingMonth, 0, new MonthlyFiguresRecordedEvent(SOLINGEN, reportingMonth,
                reportingMonth.plusMonths(3).lastDay(), "BA_STATISTIK", "m-" + month, Map.of(
                FigureCode.ELB, new Figure(BigDecimal.valueOf(10700 + month), BigDecimal.valueOf(5300),
                        BigDecimal.valueOf(5400 + month)),
                FigureCode.INT, Figure.total(180 + month),
                FigureCode.LLU_EUR, Figure.total(new BigDecimal("3541234.50")))));
    }

    private void corrected(int month, long sequence, int integrations) {
        ReportingMonth reportingMonth = ReportingMonth.of(2014, month);
        append("report:05122:" + reportingMonth, sequence, new MonthlyFiguresCorrectedEvent(SOLINGEN, reportingMonth,
                LocalDate.of(2014, 9, 30), "BA_STATISTIK", "c-" + month + "-" + sequence, "Revision", Map.of(
                FigureCode.INT, new FigureChange(null, Figure.total(integrations)),
                FigureCode.INT_CONTINUOUS, new FigureChange(null, Figure.total(integrations / 2)))));
    }

    private void append(String aggregateId, long sequence, Object payload) {
        events.append(new GenericDomainEventMessage<>(
                payload.getClass().getSimpleName(), aggregateId, sequence, payload, MetaData.emptyInstance(),
                UUID.randomUUID().toString(), Instant.now()));
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private HttpResponse<String> get(String path) {
        try {
            // operations for rebuilds and metrics, the ministry for the figures
            String user = path.startsWith("/api/admin") || path.startsWith("/actuator") ? DemoUsers.ADMIN
                    : DemoUsers.MINISTRY;
            return http.send(HttpRequest.newBuilder(URI.create(base() + path))
                            .header("Authorization", DemoUsers.basic(user)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", DemoUsers.basic(DemoUsers.ADMIN)).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
