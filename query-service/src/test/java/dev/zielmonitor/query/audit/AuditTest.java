package dev.zielmonitor.query.audit;

import dev.zielmonitor.access.DemoUsers;
import dev.zielmonitor.eventstore.ChainSeal;
import dev.zielmonitor.events.agreement.AgreementParty;
import dev.zielmonitor.events.agreement.Goal;
import dev.zielmonitor.events.agreement.PartyRole;
import dev.zielmonitor.events.agreement.QuantitativeTarget;
import dev.zielmonitor.events.agreement.TargetAgreementConcludedEvent;
import dev.zielmonitor.events.agreement.TargetRevisedEvent;
import dev.zielmonitor.events.agreement.TargetType;
import dev.zielmonitor.events.common.CarrierType;
import dev.zielmonitor.events.common.IndicatorCode;
import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.registry.JobcenterRegisteredEvent;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureChange;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.events.reporting.MonthlyFiguresCorrectedEvent;
import dev.zielmonitor.events.reporting.MonthlyFiguresRecordedEvent;
import dev.zielmonitor.events.reporting.Provenance;
import dev.zielmonitor.infra.TestDatabase;
import dev.zielmonitor.infra.TestInfrastructure;
import dev.zielmonitor.query.CommandSideEvents;
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
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The audit API on a store of its own: a Jobcenter, its figures of 2013-12 to 2014-12 arrived by Kafka in January
 * 2015, a correction of March 2014 in March 2015, an agreement concluded over REST and one target revised.
 */
// a context of its own, used by this class only: closed after it, so its connections do not pile up
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTest {

    static final TestDatabase DB = TestDatabase.another();
    static final JobcenterId SOLINGEN = JobcenterId.of("05122");
    static final String AGREEMENT = "05122-2014";
    static final Map<String, String> AUDITOR_LOGIN = Map.of("ZIELMONITOR_USER", DemoUsers.AUDITOR,
            "ZIELMONITOR_PASSWORD", DemoUsers.password(DemoUsers.AUDITOR));
    /** The key of src/test/resources/config/application.yml. */
    static final String TEST_KEYS = "test-2026:dGVzdC1vbmx5LWtleS1vZi10aGUtaGFzaC1jaGFpbi0wMQ==";
    static final Instant CONCLUDED = Instant.parse("2014-04-14T10:00:00Z");
    static final Instant FIGURES = Instant.parse("2015-01-15T08:00:00Z");
    static final Instant CORRECTED = Instant.parse("2015-03-02T08:00:00Z");
    static final Instant REVISED = Instant.parse("2015-03-10T08:00:00Z");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.databaseProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    }

    MockMvc mvc;

    @Autowired
    void logIn(WebApplicationContext context) {
        mvc = DemoUsers.mockMvc(context, DemoUsers.AUDITOR);
    }

    CommandSideEvents events;

    @Autowired
    void commandSide(@Qualifier("eventSerializer") Serializer eventSerializer) {
        events = new CommandSideEvents(DB, eventSerializer);
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    HashChainSealer sealer;
    @LocalServerPort
    int port;

    static final QuantitativeTarget K2 = new QuantitativeTarget("II-K2", IndicatorCode.K2,
            TargetType.RELATIVE_CHANGE, new BigDecimal("0.5"), 2013, 2);

    @BeforeAll
    void appendHistory() {
        append("05122", 0, new JobcenterRegisteredEvent(SOLINGEN, "Jobcenter Solingen", "DE-NW", CarrierType.ZKT, null,
                null), Instant.parse("2012-01-01T00:00:00Z"), Map.of(Provenance.PRINCIPAL, "registry-seed"));
        append(AGREEMENT, 0, new TargetAgreementConcludedEvent(AGREEMENT, SOLINGEN, 2014, "Vereinbarung 2014",
                List.of(new AgreementParty(PartyRole.MINISTRY, "MAIS NRW", "Staatssekretär", "Dr. Schäffer")),
                "§ 48b SGB II", "Präambel", List.of(), List.of(), List.of(new Goal("II", "Integration", "+0,5 %",
                        List.of(K2), List.of())), 2, "zwei Dialoge"), CONCLUDED, Map.of(Provenance.PRINCIPAL, "mais"));
        ReportingMonth month = ReportingMonth.of(2012, 12);
        long offset = 100;
        while (month.compareTo(ReportingMonth.of(2014, 12)) <= 0) {
            Map<FigureCode, Figure> figures = new EnumMap<>(FigureCode.class);
            figures.put(FigureCode.ELB, Figure.total(10_000));
            figures.put(FigureCode.INT, Figure.total(month.year() == 2013 ? 166 : 175));
            append("report:05122:" + month, 0, new MonthlyFiguresRecordedEvent(SOLINGEN, month,
                    month.plusMonths(3).lastDay(), "BA_STATISTIK", "m-" + month, figures), FIGURES, Map.of(
                    Provenance.KAFKA_TOPIC, "zielmonitor.monthly-figures.v1", Provenance.KAFKA_PARTITION, 2,
                    Provenance.KAFKA_OFFSET, offset++, Provenance.MESSAGE_ID, "m-" + month));
            month = month.plusMonths(1);
        }
        append("report:05122:2014-03", 1, new MonthlyFiguresCorrectedEvent(SOLINGEN, ReportingMonth.of(2014, 3),
                LocalDate.of(2015, 2, 27), "BA_STATISTIK", "m-2014-03-r", "Nachmeldung",
                Map.of(FigureCode.INT, new FigureChange(Figure.total(175), Figure.total(275)))), CORRECTED, Map.of(
                Provenance.KAFKA_TOPIC, "zielmonitor.monthly-figures.v1", Provenance.KAFKA_PARTITION, 2,
                Provenance.KAFKA_OFFSET, 999L, Provenance.MESSAGE_ID, "m-2014-03-r"));
        append(AGREEMENT, 1, new TargetRevisedEvent(AGREEMENT, new QuantitativeTarget("II-K2", IndicatorCode.K2,
                TargetType.RELATIVE_CHANGE, new BigDecimal("1.0"), 2013, 2), "Arbeitsmarkt besser als erwartet",
                null, LocalDate.of(2014, 1, 1)), REVISED, Map.of(Provenance.PRINCIPAL, "mais"));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM read_model.monthly_figures_version").query(Long.class).single() == 26
                && jdbc.sql("SELECT count(*) FROM read_model.agreement_history").query(Long.class).single() == 2);
        // the head sealed now rather than at the next scheduled run
        assertThat(sealer.seal().result()).isIn(ChainSeal.Result.SEALED, ChainSeal.Result.UP_TO_DATE);
    }

    private void append(String aggregateId, long sequence, Object payload, Instant recordedAt,
                        Map<String, ?> metadata) {
        events.append(new GenericDomainEventMessage<>(
                payload.getClass().getSimpleName(), aggregateId, sequence, payload, MetaData.from(metadata),
                UUID.randomUUID().toString(), recordedAt));
    }

    @Test
    void theHistoryShowsEachEventWithItsProvenanceFilteredAndPaged() throws Exception {
        mvc.perform(get("/api/audit/events").param("jobcenter", "05122").param("type",
                        "MonthlyFiguresCorrectedEvent"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.events", hasSize(1)))
                .andExpect(jsonPath("$.events[0].aggregateIdentifier").value("report:05122:2014-03"))
                .andExpect(jsonPath("$.events[0].revision").value("1"))
                .andExpect(jsonPath("$.events[0].recordedAt").value(CORRECTED.toString()))
                .andExpect(jsonPath("$.events[0].reason").value("Nachmeldung"))
                .andExpect(jsonPath("$.events[0].reportingMonth").value("2014-03"))
                .andExpect(jsonPath("$.events[0].changes[0].what").exists())
                .andExpect(jsonPath("$.events[0].changes[0].after").exists())
                .andExpect(jsonPath("$.events[0].origin.kafkaOffset").value(999))
                .andExpect(jsonPath("$.events[0].origin.messageId").value("m-2014-03-r"))
                .andExpect(jsonPath("$.next").value(nullValue()));
        mvc.perform(get("/api/audit/events").param("agreement", AGREEMENT))
                .andExpect(jsonPath("$.events", hasSize(2)))
                .andExpect(jsonPath("$.events[0].type").value("TargetAgreementConcludedEvent"))
                .andExpect(jsonPath("$.events[0].origin.principal").value("mais"))
                .andExpect(jsonPath("$.events[1].reason").value("Arbeitsmarkt besser als erwartet"));
        // recorded in [2015-01-01, 2015-03-05): the 25 months and the correction, not the revision
        mvc.perform(get("/api/audit/events").param("from", "2015-01-01T00:00:00Z").param("to", "2015-03-05T00:00:00Z")
                        .param("limit", "1000"))
                .andExpect(jsonPath("$.events", hasSize(26)));

        // paging: 29 events (registration, conclusion, 25 months, correction, revision) in pages of 10
        int seen = 0;
        String after = null;
        long last = -1;
        do {
            var request = get("/api/audit/events").param("limit", "10");
            if (after != null) {
                request = request.param("after", after);
            }
            String body = mvc.perform(request).andReturn().getResponse().getContentAsString();
            var page = new tools.jackson.databind.json.JsonMapper().readTree(body);
            for (var event : page.get("events")) {
                assertThat(event.get("globalIndex").asLong()).isGreaterThan(last);
                last = event.get("globalIndex").asLong();
                seen++;
            }
            after = page.get("next").isNull() ? null : page.get("next").asString();
        } while (after != null);
        assertThat(seen).isEqualTo(29);
    }

    @Test
    void rejectsBadFiltersNamingTheParameter() throws Exception {
        mvc.perform(get("/api/audit/events").param("jobcenter", "5122"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("jobcenter"));
        mvc.perform(get("/api/audit/events").param("limit", "5000"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("limit"));
        mvc.perform(get("/api/audit/events").param("from", "2015-03-01T00:00:00Z").param("to", "2015-01-01T00:00:00Z"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("to"));
        mvc.perform(get("/api/audit/events").param("from", "gestern"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/audit/events").param("agreement", "05122-14"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("agreement"));
        mvc.perform(get("/api/audit/events").param("type", "Monthly\u0000Event"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("type"));
        mvc.perform(get("/api/audit/events").param("aggregate", "report:05122:\u00002014-03"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("aggregate"));
        // filters that exclude each other: an agreement of another Jobcenter than the one asked for
        mvc.perform(get("/api/audit/events").param("jobcenter", "09162").param("agreement", AGREEMENT))
                .andExpect(status().isOk()).andExpect(jsonPath("$.events", hasSize(0)));
    }

    /**
     * Changes a stored event as only a superuser can: the append-only trigger refuses it to every role (V4), so the
     * superuser's session skips ordinary triggers ({@code session_replication_role}, a superuser's setting).
     */
    private static void tamper(String sql, Object... params) throws SQLException {
        try (Connection c = DriverManager.getConnection(DB.url(), DB.user(), DB.password());
             PreparedStatement statement = c.prepareStatement(sql)) {
            c.createStatement().execute("SET session_replication_role = replica");
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            assertThat(statement.executeUpdate()).isOne();
        }
    }

    @Test
    void theHashChainIsIntactUntilAnEventIsAlteredInSql_thenTheApiAndTheCommandLineNameIt() throws Exception {
        mvc.perform(get("/api/audit/hash-chain"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.intact").value(true))
                .andExpect(jsonPath("$.chained").value(29))
                .andExpect(jsonPath("$.events").value(29));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        assertThat(HashChainCli.run(new String[] {"--url", "http://localhost:" + port},
                new PrintStream(printed, true, StandardCharsets.UTF_8), AUDITOR_LOGIN)).isZero();

        long altered = jdbc.sql("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = "
                + "'report:05122:2014-03' AND sequencenumber = 1").query(Long.class).single();
        byte[] original = jdbc.sql("SELECT payload FROM domainevententry WHERE globalindex = ?").param(altered)
                .query(byte[].class).single();
        String alter = "UPDATE domainevententry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                + "'275', '375'), 'UTF8') WHERE globalindex = ?";
        assertThatThrownBy(() -> jdbc.sql(alter).param(altered).update()).as("the service's own role").rootCause()
                .hasMessageContaining("permission denied");
        try {
            tamper(alter, altered);
            mvc.perform(get("/api/audit/hash-chain"))
                    .andExpect(jsonPath("$.intact").value(false))
                    .andExpect(jsonPath("$.firstBroken.problem").value("EVENT_ALTERED"))
                    .andExpect(jsonPath("$.firstBroken.globalIndex").value(altered));
            printed.reset();
            assertThat(HashChainCli.run(new String[] {"--url", "http://localhost:" + port},
                    new PrintStream(printed, true, StandardCharsets.UTF_8), AUDITOR_LOGIN)).isEqualTo(1);
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("BROKEN").contains("EVENT_ALTERED");
        } finally {
            tamper("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", original, altered);
        }
        mvc.perform(get("/api/audit/hash-chain")).andExpect(jsonPath("$.intact").value(true));

        printed.reset();
        assertThat(HashChainCli.run(new String[] {"--url", "http://localhost:1"},
                new PrintStream(printed, true, StandardCharsets.UTF_8), AUDITOR_LOGIN)).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("cannot reach http://localhost:1: ")
                .doesNotContain(": null");
        assertThat(HashChainCli.run(new String[] {"--verbose"}, new PrintStream(printed, true,
                StandardCharsets.UTF_8), AUDITOR_LOGIN)).isEqualTo(2);
        printed.reset();
        assertThat(HashChainCli.run(new String[] {"--url", "http://localhost:" + port}, new PrintStream(printed, true,
                StandardCharsets.UTF_8), Map.of())).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("ZIELMONITOR_TOKEN");
        printed.reset();
        assertThat(HashChainCli.run(new String[] {"--url", "http://localhost:" + port}, new PrintStream(printed, true,
                StandardCharsets.UTF_8), Map.of("ZIELMONITOR_USER", DemoUsers.MINISTRY, "ZIELMONITOR_PASSWORD",
                DemoUsers.password(DemoUsers.MINISTRY)))).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("HTTP 403");
    }

    /**
     * Someone with full rights on the database (no key) changes a figure and recomputes every later link with the
     * database's own function, as the trigger would have: every link holds, only the keyed seal over the old head
     * and a head noted before show it, on the API and the command line; and the sealer seals nothing over it.
     */
    @Test
    void aConsistentRewriteOfTheChainIsNamedByTheSealOverIt_andANotedHeadItRemovedIsReported() throws Exception {
        var before = new tools.jackson.databind.json.JsonMapper().readTree(mvc.perform(get("/api/audit/hash-chain"))
                .andReturn().getResponse().getContentAsString());
        String notedHash = before.get("headHash").asString();
        long notedPosition = before.get("headPosition").asLong();
        long seal = before.at("/seals/latest/sealNumber").asLong();
        assertThat(before.at("/seals/latest/position").asLong()).as("the head is sealed").isEqualTo(notedPosition);
        String head = notedPosition + ":" + notedHash;

        long altered = jdbc.sql("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = "
                + "'report:05122:2014-03' AND sequencenumber = 1").query(Long.class).single();
        byte[] original = jdbc.sql("SELECT payload FROM domainevententry WHERE globalindex = ?").param(altered)
                .query(byte[].class).single();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            tamper("UPDATE domainevententry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                    + "'275', '375'), 'UTF8') WHERE globalindex = ?", altered);
            relinkFrom(altered);

            mvc.perform(get("/api/audit/hash-chain"))
                    .andExpect(jsonPath("$.intact").value(false))
                    .andExpect(jsonPath("$.firstBroken").value(nullValue()))
                    .andExpect(jsonPath("$.seals.firstBroken.problem").value("CHAIN_REWRITTEN"))
                    .andExpect(jsonPath("$.seals.firstBroken.sealNumber").value(seal))
                    .andExpect(jsonPath("$.seals.firstBroken.position").value(notedPosition))
                    .andExpect(jsonPath("$.seals.firstBroken.expected").value(notedHash));
            mvc.perform(get("/api/audit/hash-chain").param("position", Long.toString(notedPosition))
                            .param("hash", notedHash))
                    .andExpect(jsonPath("$.intact").value(false))
                    .andExpect(jsonPath("$.notedHead.contained").value(false))
                    .andExpect(jsonPath("$.notedHead.found").value(org.hamcrest.Matchers.not(notedHash)));

            assertThat(HashChainCli.run(new String[] {"--url", "http://localhost:" + port},
                    new PrintStream(printed, true, StandardCharsets.UTF_8), AUDITOR_LOGIN)).isEqualTo(1);
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("BROKEN")
                    .contains("Broken seal " + seal + " (position " + notedPosition + ", key test-2026): "
                            + "CHAIN_REWRITTEN");
            printed.reset();
            assertThat(HashChainCli.run(new String[] {"--url", "http://localhost:" + port, "--head", head},
                    new PrintStream(printed, true, StandardCharsets.UTF_8), AUDITOR_LOGIN)).isEqualTo(1);
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Noted head " + head
                    + " is NOT in the chain");

            assertThat(sealer.seal().result()).as("no seal over the rewrite").isEqualTo(ChainSeal.Result.REFUSED);
        } finally {
            tamper("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", original, altered);
            relinkFrom(altered);
        }
        mvc.perform(get("/api/audit/hash-chain").param("position", Long.toString(notedPosition))
                        .param("hash", notedHash.toUpperCase()))
                .andExpect(jsonPath("$.intact").value(true))
                .andExpect(jsonPath("$.notedHead.contained").value(true))
                .andExpect(jsonPath("$.headHash").value(notedHash));
        printed.reset();
        assertThat(HashChainCli.run(new String[] {"--url", "http://localhost:" + port, "--head", head},
                new PrintStream(printed, true, StandardCharsets.UTF_8), AUDITOR_LOGIN)).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Noted head " + head + " is in the chain");

        mvc.perform(get("/api/audit/hash-chain").param("position", "3"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("hash"));
        mvc.perform(get("/api/audit/hash-chain").param("hash", notedHash))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("position"));
        mvc.perform(get("/api/audit/hash-chain").param("position", "0").param("hash", notedHash))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("position"));
        mvc.perform(get("/api/audit/hash-chain").param("position", "3").param("hash", "abc"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("hash"));
        printed.reset();
        assertThat(HashChainCli.run(new String[] {"--head", "3-abc"}, new PrintStream(printed, true,
                StandardCharsets.UTF_8), AUDITOR_LOGIN)).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("POSITION:HASH");
    }

    /** Recomputes the links from an event's on, with the same SQL as the chain's trigger (migration V2/V3). */
    /** Recomputes every link from the event on, as the tampering superuser (the service's role may not). */
    private void relinkFrom(long globalIndex) throws SQLException {
        try (Connection c = DriverManager.getConnection(DB.url(), DB.user(), DB.password());
             java.sql.Statement statement = c.createStatement()) {
            statement.execute("SET session_replication_role = replica");
            statement.execute("""
                DO $$
                DECLARE
                    link     record;
                    previous bytea;
                BEGIN
                    FOR link IN SELECT c.position, c.previous_hash, e
                                FROM event_hash_chain c JOIN domainevententry e ON e.globalindex = c.globalindex
                                WHERE c.position >= (SELECT position FROM event_hash_chain WHERE globalindex = %d)
                                ORDER BY c.position LOOP
                        previous := coalesce(previous, link.previous_hash);
                        UPDATE event_hash_chain SET previous_hash = previous,
                                                    hash = sha256(previous || zm_event_content_hash(link.e))
                        WHERE position = link.position RETURNING hash INTO previous;
                    END LOOP;
                END
                $$""".formatted(globalIndex));
        }
    }

    @Test
    void whatChangedInAnIndicatorSeries_theCorrectionOfMarch2014() throws Exception {
        // K2 year to date, March 2014: integrations Jan–Mar over the average eLb stock (10,000 in every month):
        // 3 × 175 = 525 → 5.25 % before the correction, 175 + 175 + 275 = 625 → 6.25 % after it
        mvc.perform(get("/api/jobcenters/05122/indicators/K2/changes").param("year", "2014")
                        .param("from", "2015-02-01T00:00:00Z").param("to", "2015-03-05T00:00:00Z"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.changes[0].month").value("2014-03"))
                .andExpect(jsonPath("$.changes[0].value").value("twelveMonth"))
                .andExpect(jsonPath("$.changes[1].value").value("yearToDate"))
                .andExpect(jsonPath("$.changes[1].before.percent").value(5.25))
                .andExpect(jsonPath("$.changes[1].after.percent").value(6.25))
                .andExpect(jsonPath("$.changes[1].causes", hasSize(1)))
                .andExpect(jsonPath("$.changes[1].causes[0].type").value("MonthlyFiguresCorrectedEvent"))
                .andExpect(jsonPath("$.changes[1].causes[0].aggregateIdentifier").value("report:05122:2014-03"))
                .andExpect(jsonPath("$.changes[1].causes[0].reason").value("Nachmeldung"))
                // March to December change, twelve-month and year-to-date each: January and February do not
                .andExpect(jsonPath("$.changes", hasSize(20)))
                .andExpect(jsonPath("$.changes[?(@.month == '2014-02')]", hasSize(0)));
        // nothing was recorded between these two instants
        mvc.perform(get("/api/jobcenters/05122/indicators/K2/changes").param("year", "2014")
                        .param("from", "2015-03-03T00:00:00Z").param("to", "2015-03-04T00:00:00Z"))
                .andExpect(jsonPath("$.changes", hasSize(0)));
        mvc.perform(get("/api/jobcenters/05122/indicators/K2/changes").param("year", "2014"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("from"));
    }

    @Test
    void whatChangedInAnAgreementsProgress_theRevisedTarget() throws Exception {
        // K2 2013: 12 × 166 = 1,992 integrations over 10,000 = 19.92 %; the target +0.5 % → 20.02 %, revised to
        // +1.0 % → 20.12 %; the figures did not change in between, so the year-to-date value does not either
        mvc.perform(get("/api/agreements/" + AGREEMENT + "/progress/changes")
                        .param("from", "2015-03-05T00:00:00Z").param("to", "2015-03-15T00:00:00Z"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.changes[?(@.value == 'yearToDate')]", hasSize(0)))
                .andExpect(jsonPath("$.changes[?(@.month == '2014-12' && @.value == 'targetLevel')].before")
                        .value(20.02))
                .andExpect(jsonPath("$.changes[?(@.month == '2014-12' && @.value == 'targetLevel')].after")
                        .value(20.12))
                .andExpect(jsonPath("$.changes[?(@.month == '2014-12' && @.value == 'target')].after.value")
                        .value(1.0))
                .andExpect(jsonPath("$.changes[0].causes[0].type").value("TargetRevisedEvent"))
                .andExpect(jsonPath("$.changes[0].causes[0].reason").value("Arbeitsmarkt besser als erwartet"));
    }

    @Test
    void aReplayUpToAnInstantAgreesWithTheAsOfView_andNamesATamperedRow() throws Exception {
        // before the correction: registration, conclusion and the 25 months; the correction and revision come later
        JsonNode before = replay("2015-02-01T00:00:00Z");
        assertThat(before.at("/result/agrees").asBoolean()).isTrue();
        assertThat(before.at("/result/eventsApplied").asLong()).isEqualTo(27);
        assertThat(before.at("/result/eventsLater").asLong()).isEqualTo(2);
        assertThat(table(before, "monthly_figures_version").get("rows").asLong()).isEqualTo(25);
        assertThat(before.at("/result/kept").asBoolean()).isFalse();
        // the job said where it was: the events it read of those stored, then the tables compared
        assertThat(before.get("phase").asString()).isEqualTo("DONE");
        // after the correction: the first version of March 2014 closed, the second open
        JsonNode after = replay("2015-03-05T00:00:00Z");
        assertThat(after.at("/result/agrees").asBoolean()).isTrue();
        assertThat(table(after, "monthly_figures_version").get("rows").asLong()).isEqualTo(26);
        assertThat(jdbc.sql("SELECT count(*) FROM information_schema.schemata WHERE schema_name LIKE 'asof_%'")
                .query(Long.class).single()).as("dropped unless kept").isZero();

        // a live row changed behind the projection's back no longer agrees with the history
        jdbc.sql("UPDATE read_model.monthly_figures_version SET data_status = '2014-06-01' "
                + "WHERE reporting_month = '2014-01-01'").update();
        try {
            JsonNode tampered = replay("2015-03-05T00:00:00Z");
            assertThat(tampered.at("/result/agrees").asBoolean()).isFalse();
            assertThat(table(tampered, "monthly_figures_version").get("onlyInLive").asLong()).isEqualTo(1);
            assertThat(table(tampered, "jobcenter").get("onlyInLive").asLong()).isZero();
        } finally {
            jdbc.sql("UPDATE read_model.monthly_figures_version SET data_status = '2014-04-30' "
                    + "WHERE reporting_month = '2014-01-01'").update();
        }
        mvc.perform(post("/api/audit/replays").param("asOf", "2099-01-01T00:00:00Z"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("asOf"));
    }

    /** Starts a replay job, waits for it and returns the job as it ended. */
    private JsonNode replay(String asOf) throws Exception {
        String location = mvc.perform(post("/api/audit/replays").param("asOf", asOf))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.kind").value("REPLAY"))
                .andExpect(jsonPath("$.owner").value(DemoUsers.AUDITOR))
                .andReturn().getResponse().getHeader("Location");
        JsonNode job = finished(location);
        assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("COMPLETED");
        return job;
    }

    private static JsonNode table(JsonNode job, String name) {
        for (JsonNode table : job.at("/result/tables")) {
            if (table.get("table").asString().equals(name)) {
                return table;
            }
        }
        throw new AssertionError("no table " + name + " in " + job);
    }

    /** Polls the job at {@code location} until it is COMPLETED or FAILED. */
    private JsonNode finished(String location) {
        assertThat(location).startsWith("/api/audit/jobs/");
        JsonNode[] job = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            job[0] = JSON.readTree(mvc.perform(get(location)).andReturn().getResponse().getContentAsString());
            return Set.of("COMPLETED", "FAILED").contains(job[0].get("state").asString());
        });
        return job[0];
    }

    @Test
    void theAuditPackageHoldsTheEventsProgressReplayAndChainWithChecksumsThatStandardToolsConfirm(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String location = mvc.perform(post("/api/audit/packages").param("agreementId", AGREEMENT))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.kind").value("PACKAGE"))
                .andExpect(jsonPath("$.parameters.agreementId").value(AGREEMENT))
                .andReturn().getResponse().getHeader("Location");
        JsonNode job = finished(location);
        assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("COMPLETED");
        String href = job.at("/download/href").asString();
        assertThat(href).isEqualTo(location + "/package");
        byte[] zip = mvc.perform(get(href))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
                        .string("Content-Disposition", org.hamcrest.Matchers.containsString("audit-05122-2014.zip")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
                        .longValue("Content-Length", job.at("/download/bytes").asLong()))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(zip).hasSize((int) job.at("/download/bytes").asLong());
        assertThat(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(zip)))
                .isEqualTo(job.at("/download/sha256").asString());
        java.util.Map<String, byte[]> files = new java.util.TreeMap<>();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                java.nio.file.Path file = dir.resolve(entry.getName());
                java.nio.file.Files.createDirectories(file.getParent());
                byte[] bytes = in.readAllBytes();
                java.nio.file.Files.write(file, bytes);
                files.put(entry.getName().substring(entry.getName().indexOf('/') + 1), bytes);
            }
        }
        assertThat(files.keySet()).containsExactlyInAnyOrder("events.jsonl", "progress-now.json",
                "replay-verification.json", "hash-chain.json", "verify_events.py", "README.txt", "manifest.json",
                "SHA256SUMS");
        String events = new String(files.get("events.jsonl"), StandardCharsets.UTF_8);
        assertThat(events.lines()).as("registration, agreement (2), 25 months, the correction").hasSize(29);
        assertThat(new String(files.get("hash-chain.json"), StandardCharsets.UTF_8)).contains("\"intact\" : true");
        assertThat(new String(files.get("replay-verification.json"), StandardCharsets.UTF_8))
                .contains("\"agrees\" : true");
        assertThat(new String(files.get("progress-now.json"), StandardCharsets.UTF_8)).contains("\"II-K2\"");
        assertThat(JSON.readTree(files.get("manifest.json")).get("events").asLong()).isEqualTo(29);

        var chain = new tools.jackson.databind.json.JsonMapper().readTree(files.get("hash-chain.json"));
        assertThat(chain.at("/seals/latest/position").asLong()).as("the latest seal, over the head")
                .isEqualTo(chain.get("headPosition").asLong());

        java.nio.file.Path folder = dir.resolve("audit-" + AGREEMENT);
        assertThat(run(folder, "sha256sum", "-c", "SHA256SUMS")).startsWith("0\n").contains("events.jsonl: OK")
                .contains("manifest.json: OK");
        long seal = chain.at("/seals/latest/sealNumber").asLong();
        assertThat(run(folder, "python3", "verify_events.py", "events.jsonl")).startsWith("0\n")
                .contains("latest seal " + seal + ": position " + chain.get("headPosition").asLong())
                .contains("seal MAC not checked: key test-2026 not given")
                .contains("./verify-event-chain.sh --head " + chain.get("headPosition").asLong() + ":"
                        + chain.get("headHash").asString())
                .contains("29 events, 0 failures");
        // an auditor entrusted with the key checks the seal's MAC too, and finds a seal changed in the package
        Map<String, String> key = Map.of("ZIELMONITOR_HASH_CHAIN_KEYS", TEST_KEYS);
        assertThat(run(folder, key, "python3", "verify_events.py", "events.jsonl")).startsWith("0\n")
                .contains("seal " + seal + ": MAC holds under key test-2026").contains("29 events, 0 failures");
        String chainJson = new String(files.get("hash-chain.json"), StandardCharsets.UTF_8);
        java.nio.file.Files.writeString(folder.resolve("hash-chain.json"), chainJson.replace(
                "\"position\" : " + chain.at("/seals/latest/position").asLong() + ",",
                "\"position\" : " + (chain.at("/seals/latest/position").asLong() - 1) + ","));
        assertThat(run(folder, key, "python3", "verify_events.py", "events.jsonl")).startsWith("1\n")
                .contains("FAIL seal " + seal + ": MAC");
        java.nio.file.Files.write(folder.resolve("hash-chain.json"), files.get("hash-chain.json"));

        // an event changed in the package no longer matches its link, and its checksum fails
        java.nio.file.Files.writeString(folder.resolve("events.jsonl"), events.replace("\"reason\":\"Nachmeldung\"",
                "\"reason\":\"Nachmeldung!\"").replaceFirst("\"payloadBase64\":\"[^\"]+\"(?=.*Nachmeldung!)",
                "\"payloadBase64\":\"" + java.util.Base64.getEncoder().encodeToString("{}".getBytes()) + "\""));
        assertThat(run(folder, "python3", "verify_events.py", "events.jsonl")).startsWith("1\n").contains("FAIL");
        assertThat(run(folder, "sha256sum", "-c", "SHA256SUMS")).startsWith("1\n").contains("events.jsonl: FAILED");
    }

    /** Runs a standard tool in {@code dir}; its exit code, a newline, then what it printed. */
    private static String run(java.nio.file.Path dir, String... command) throws Exception {
        return run(dir, Map.of(), command);
    }

    private static String run(java.nio.file.Path dir, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().remove("ZIELMONITOR_HASH_CHAIN_KEYS");
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return process.waitFor() + "\n" + output;
    }
}
