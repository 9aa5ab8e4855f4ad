package dev.zielmonitor.query.audit.jobs;

import dev.zielmonitor.events.agreement.AgreementParty;
import dev.zielmonitor.events.agreement.Goal;
import dev.zielmonitor.events.agreement.PartyRole;
import dev.zielmonitor.events.agreement.QuantitativeTarget;
import dev.zielmonitor.events.agreement.TargetAgreementConcludedEvent;
import dev.zielmonitor.events.agreement.TargetType;
import dev.zielmonitor.events.common.IndicatorCode;
import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.events.reporting.MonthlyFiguresRecordedEvent;
import dev.zielmonitor.events.reporting.Provenance;
import dev.zielmonitor.infra.TestDatabase;
import dev.zielmonitor.query.CommandSideEvents;
import dev.zielmonitor.infra.TestInfrastructure;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Auditors' jobs on one instance with three auditors: a job is accepted with 202 and followed at its Location; a
 * second job of the same auditor and a third of everybody are refused with 429 and Retry-After while the first
 * ones run (held back by a lock on the event table, so that they run as long as the test needs); bad ranges are
 * 400 naming the parameter, and a package covers its agreement only; a download waits for completion; an expired job goes with its zip; a runner whose job
 * was taken from it stops without overwriting the FAILED state.
 */
// a context of its own, used by this class only: closed after it, so its connections do not pile up
@DirtiesContext
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditJobsTest {

    static final TestDatabase DB = TestDatabase.another();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String FIRST = "pruefung";
    static final String SECOND = "pruefung-2";
    static final String THIRD = "pruefung-3";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestInfrastructure.databaseProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
        List<String> auditors = List.of(FIRST, SECOND, THIRD);
        for (int i = 0; i < auditors.size(); i++) {
            String user = auditors.get(i);
            registry.add("zielmonitor.security.users[" + i + "].name", () -> user);
            registry.add("zielmonitor.security.users[" + i + "].password", () -> user);
            registry.add("zielmonitor.security.users[" + i + "].role", () -> "AUDITOR");
        }
        registry.add("zielmonitor.security.users[3].name", () -> "ministerium");
        registry.add("zielmonitor.security.users[3].password", () -> "ministerium");
        registry.add("zielmonitor.security.users[3].role", () -> "MINISTRY");
    }

    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;

    @Autowired
    void mvc(WebApplicationContext context) {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    @BeforeAll
    void history() {
        LargeHistory.write(DB, serializer, 0, 0); // registration, agreement, 25 months
        await().atMost(Duration.ofSeconds(60)).until(() -> count("read_model.monthly_figures_version") == 25
                && count("read_model.agreement_history") == 1);
    }

    @Test
    void aSecondJobOfTheSameAuditorAndOneBeyondTheTotalAre429WithRetryAfter_untilTheRunningOnesFinish()
            throws Exception {
        String packageJob;
        String replayJob;
        try (Connection lock = holdTheEventTable()) {
            MockHttpServletResponse started = call(post("/api/audit/packages")
                    .param("agreementId", LargeHistory.AGREEMENT), FIRST);
            assertThat(started.getStatus()).isEqualTo(202);
            packageJob = started.getHeader("Location");
            assertThat(packageJob).matches("/api/audit/jobs/[0-9a-f-]{36}");
            JsonNode accepted = JSON.readTree(started.getContentAsString());
            assertThat(accepted.get("state").asString()).isIn("QUEUED", "RUNNING");
            assertThat(accepted.get("self").asString()).isEqualTo(packageJob);
            awaitState(packageJob, "RUNNING");

            // the same auditor, any kind of job: the first still runs
            MockHttpServletResponse refused = call(post("/api/audit/replays").param("asOf", "2015-06-01T00:00:00Z"),
                    FIRST);
            assertThat(refused.getStatus()).isEqualTo(429);
            assertThat(refused.getContentType()).startsWith("application/problem+json");
            assertThat(refused.getHeader("Retry-After")).isEqualTo("10");
            JsonNode problem = JSON.readTree(refused.getContentAsString());
            assertThat(problem.get("limit").asString()).isEqualTo("perUser");
            assertThat(problem.get("running").get(0).asString()).isEqualTo(packageJob);
            assertThat(problem.get("detail").asString()).contains("as many as one user may (1)");

            // another auditor may: two jobs in total
            MockHttpServletResponse second = call(post("/api/audit/replays").param("asOf", "2015-06-01T00:00:00Z"),
                    SECOND);
            assertThat(second.getStatus()).isEqualTo(202);
            replayJob = second.getHeader("Location");

            // a third is beyond the total, whoever asks
            MockHttpServletResponse third = call(post("/api/audit/packages")
                    .param("agreementId", LargeHistory.AGREEMENT), THIRD);
            assertThat(third.getStatus()).isEqualTo(429);
            assertThat(third.getHeader("Retry-After")).isEqualTo("10");
            JsonNode total = JSON.readTree(third.getContentAsString());
            assertThat(total.get("limit").asString()).isEqualTo("total");
            assertThat(total.get("running")).hasSize(2);

            // every auditor sees every job, with its owner; the ministry does not
            JsonNode seen = job(packageJob, THIRD);
            assertThat(seen.get("owner").asString()).isEqualTo(FIRST);
            assertThat(seen.get("state").asString()).isEqualTo("RUNNING");
            assertThat(seen.get("startedAt")).isNotNull();
            assertThat(seen.get("heartbeatAt")).isNotNull();
            assertThat(call(get(packageJob), "ministerium").getStatus()).isEqualTo(403);
            JsonNode listed = JSON.readTree(call(get("/api/audit/jobs"), THIRD).getContentAsString());
            assertThat(listed.findValuesAsString("self")).contains(packageJob, replayJob);

            // a download before the end is refused, naming the state
            MockHttpServletResponse early = call(get(packageJob + "/package"), FIRST);
            assertThat(early.getStatus()).isEqualTo(409);
            assertThat(early.getContentAsString()).contains("RUNNING");
            lock.rollback();
        }
        JsonNode pack = awaitState(packageJob, "COMPLETED");
        assertThat(pack.get("phase").asString()).isEqualTo("DONE");
        assertThat(pack.at("/download/fileName").asString()).isEqualTo("audit-05122-2014.zip");
        assertThat(pack.at("/download/bytes").asLong()).isPositive();
        assertThat(Duration.between(Instant.parse(pack.get("finishedAt").asString()),
                Instant.parse(pack.get("expiresAt").asString()))).isEqualTo(Duration.ofHours(24));
        JsonNode replay = awaitState(replayJob, "COMPLETED");
        assertThat(replay.at("/result/agrees").asBoolean()).isTrue();
        assertThat(replay.at("/result/eventsApplied").asLong()).isEqualTo(27);
        assertThat(replay.has("download")).isFalse();
        assertThat(call(get(replayJob + "/package"), SECOND).getStatus()).as("a replay has no file").isEqualTo(404);

        // the limits are free again
        MockHttpServletResponse again = call(post("/api/audit/packages").param("agreementId",
                LargeHistory.AGREEMENT), THIRD);
        assertThat(again.getStatus()).isEqualTo(202);
        JsonNode third = awaitState(again.getHeader("Location"), "COMPLETED");

        // an expired job goes, with its zip
        UUID id = UUID.fromString(third.get("id").asString());
        assertThat(jdbc.sql("SELECT count(*) FROM audit_job.package_chunk WHERE job_id = ?").param(id)
                .query(Long.class).single()).isPositive();
        jdbc.sql("UPDATE audit_job.job SET expires_at = now() - interval '1 second' WHERE job_id = ?").param(id)
                .update();
        assertThat(call(get(third.get("self").asString()), THIRD).getStatus()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_job.package_chunk WHERE job_id = ?").param(id)
                .query(Long.class).single()).isZero();
    }

    @Test
    void badRangesAre400NamingTheParameter_andStartNothing() throws Exception {
        long jobs = count("audit_job.job");
        expect400(post("/api/audit/replays").param("asOf", Instant.now().plusSeconds(3600).toString()), "asOf");
        expect400(post("/api/audit/replays").param("asOf", "2004-12-31T23:59:59Z"), "asOf");
        expect400(post("/api/audit/replays").param("asOf", "gestern"), "asOf");
        expect400(post("/api/audit/replays"), "asOf");
        expect400(post("/api/audit/packages").param("agreementId", "05122"), "agreementId");
        expect400(post("/api/audit/packages"), "agreementId");
        expect400(get("/api/audit/jobs/123"), "id");
        expect400(get("/api/audit/events").param("limit", "1001"), "limit");
        assertThat(call(post("/api/audit/packages").param("agreementId", "05999-2014"), FIRST).getStatus())
                .isEqualTo(404);
        assertThat(call(get("/api/audit/jobs/" + UUID.randomUUID()), FIRST).getStatus()).isEqualTo(404);
        assertThat(count("audit_job.job")).isEqualTo(jobs);
    }

    @Test
    void aRunnerWhoseJobWasTakenFromItStops_andLeavesItFailedWithTheReason() throws Exception {
        String location;
        try (Connection lock = holdTheEventTable()) {
            MockHttpServletResponse started = call(post("/api/audit/packages")
                    .param("agreementId", LargeHistory.AGREEMENT), SECOND);
            assertThat(started.getStatus()).isEqualTo(202);
            location = started.getHeader("Location");
            awaitState(location, "RUNNING");
            // as if this instance had stalled past its lease and another instance had then held the job
            jdbc.sql("UPDATE audit_job.job SET runner = 'another-instance', lease_until = now() - interval '1 second' "
                    + "WHERE job_id = ?").param(UUID.fromString(location.substring(location.lastIndexOf('/') + 1)))
                    .update();
            JsonNode failed = job(location, SECOND);
            assertThat(failed.get("state").asString()).isEqualTo("FAILED");
            assertThat(failed.get("error").asString()).contains("another-instance has sent no heartbeat since")
                    .contains("start the job again");
            lock.rollback();
        }
        // the runner goes on until it notices, then stops: no COMPLETED over the FAILED, no zip left behind
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                "FAILED".equals(job(location, SECOND).get("state").asString())
                        && jdbc.sql("SELECT count(*) FROM audit_job.package_chunk WHERE job_id = ?").param(id)
                        .query(Long.class).single() == 0);
        // and it no longer counts against the limits
        MockHttpServletResponse next = call(post("/api/audit/replays").param("asOf", "2015-06-01T00:00:00Z"), SECOND);
        assertThat(next.getStatus()).isEqualTo(202);
        awaitState(next.getHeader("Location"), "COMPLETED");
    }

    @Test
    void aPackageCoversItsAgreementOnly_notCenturiesOfMonthsForABaseYearFarBack() throws Exception {
        // the command side only checks that a base year lies before the agreement's year
        JobcenterId solingen = JobcenterId.of(LargeHistory.JOBCENTER);
        append("05122-2016", new TargetAgreementConcludedEvent("05122-2016", solingen, 2016, "Vereinbarung 2016",
                List.of(new AgreementParty(PartyRole.MINISTRY, "MAIS NRW", "Staatssekretär", "S")), "§ 48b SGB II",
                null, List.of(), List.of(), List.of(new Goal("II", "Integration", null, List.of(new QuantitativeTarget(
                "II-K2", IndicatorCode.K2, TargetType.RELATIVE_CHANGE, new BigDecimal("0.5"), 1, 2)), List.of())),
                2, null));
        ReportingMonth before = ReportingMonth.of(2004, 12); // before the platform's epoch: never part of a package
        append("report:05122:" + before, new MonthlyFiguresRecordedEvent(solingen, before,
                before.plusMonths(3).lastDay(), "BA_STATISTIK", "m-" + before, Map.of(FigureCode.ELB,
                Figure.total(9_000))));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("read_model.agreement_history") == 2
                && count("read_model.monthly_figures_version") == 26);

        MockHttpServletResponse started = call(post("/api/audit/packages").param("agreementId", "05122-2016"), THIRD);
        assertThat(started.getStatus()).as(started.getContentAsString()).isEqualTo(202);
        JsonNode job = awaitState(started.getHeader("Location"), "COMPLETED");
        MockHttpServletResponse zip = call(get(job.at("/download/href").asString()), THIRD);
        Set<String> aggregates = new java.util.TreeSet<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.getContentAsByteArray()))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().endsWith("/events.jsonl")) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(line -> aggregates.add(
                            JSON.readTree(line).get("aggregateIdentifier").asString()));
                }
            }
        }
        // 2006 to 2016 (ten years back at most), of which the history has 2012-12 to 2014-12
        assertThat(aggregates).hasSize(2 + LargeHistory.MONTHS).contains("05122", "05122-2016",
                "report:05122:2012-12", "report:05122:2014-12").doesNotContain("report:05122:2004-12");
    }

    private void append(String aggregate, Object payload) {
        new CommandSideEvents(DB, serializer).append(new GenericDomainEventMessage<>(
                payload.getClass().getSimpleName(), aggregate, 0, payload, MetaData.with(Provenance.PRINCIPAL,
                "test")));
    }

    /** A transaction holding an exclusive lock on the event table: every job waits at its first read of events. */
    private Connection holdTheEventTable() throws Exception {
        Connection connection = DriverManager.getConnection(DB.url(), DB.user(), DB.password());
        connection.setAutoCommit(false);
        connection.createStatement().execute("LOCK TABLE domainevententry IN ACCESS EXCLUSIVE MODE");
        return connection;
    }

    private void expect400(MockHttpServletRequestBuilder request, String parameter) throws Exception {
        MockHttpServletResponse response = call(request, FIRST);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(400);
        assertThat(JSON.readTree(response.getContentAsString()).at("/errors/0/field").asString())
                .isEqualTo(parameter);
    }

    private JsonNode awaitState(String location, String state) {
        JsonNode[] job = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            job[0] = job(location, FIRST);
            String now = job[0].get("state").asString();
            if (!now.equals(state) && Set.of("COMPLETED", "FAILED").contains(now)) {
                throw new AssertionError("job ended " + now + " instead of " + state + ": " + job[0]);
            }
            return now.equals(state);
        });
        return job[0];
    }

    private JsonNode job(String location, String user) throws Exception {
        MockHttpServletResponse response = call(get(location), user);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return JSON.readTree(response.getContentAsString());
    }

    private MockHttpServletResponse call(MockHttpServletRequestBuilder request, String user) throws Exception {
        return mvc.perform(request.with(httpBasic(user, user))).andReturn().getResponse();
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
