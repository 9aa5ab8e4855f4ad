package dev.zielmonitor.query.security;

import dev.zielmonitor.access.DemoUsers;
import dev.zielmonitor.access.PolicyTable;
import dev.zielmonitor.events.agreement.AgreementParty;
import dev.zielmonitor.events.agreement.Goal;
import dev.zielmonitor.events.agreement.PartyRole;
import dev.zielmonitor.events.agreement.QuantitativeTarget;
import dev.zielmonitor.events.agreement.TargetAgreementConcludedEvent;
import dev.zielmonitor.events.agreement.TargetType;
import dev.zielmonitor.events.common.CarrierType;
import dev.zielmonitor.events.common.IndicatorCode;
import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.registry.JobcenterRegisteredEvent;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.events.reporting.MonthlyFiguresRecordedEvent;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Jobcenter user of Solingen (05122) reads nothing of Wuppertal (05124): every endpoint of the query API, with
 * Wuppertal's id and agreement, the as-of instant, change ranges and filters, answers 403 or 404, while the same
 * request for Solingen, or by an auditor for Wuppertal, answers 200. The registry list is public; comparisons show
 * Wuppertal anonymised; the live updates are scoped by content (FigureUpdatesTest).
 */
// a context of its own, used by this class only: closed after it, so its connections do not pile up
@DirtiesContext
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobcenterScopingTest {

    static final TestDatabase DB = TestDatabase.another();
    static final String OWN = "05122";
    static final String OTHER = "05124";
    /** Solingen's comparison type, another Land: together with Solingen and Wuppertal a group of five. */
    static final List<String> BAVARIA = List.of("09162", "09564", "09663");
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Documented as readable beyond the own Jobcenter, and checked by content below. */
    static final Set<String> NOT_SCOPED_BY_PATH = Set.of("GET /api/jobcenters", "GET /api/indicators",
            "GET /api/comparisons/{code}",
            "GET /api/updates", "GET /api/overview", "GET /api/me", "GET /api/dashboard/config");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.databaseProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    }

    MockMvc mvc;
    /** An instant after everything was recorded: the as-of requests see it all. */
    Instant recorded;
    CommandSideEvents events;

    @Autowired
    void commandSide(@Qualifier("eventSerializer") Serializer eventSerializer) {
        events = new CommandSideEvents(DB, eventSerializer);
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    void logIn(WebApplicationContext context) {
        mvc = DemoUsers.anonymousMockMvc(context);
    }

    @BeforeAll
    void twoJobcentersWithFiguresAndAgreements() {
        for (String id : List.of(OWN, OTHER)) {
            append(id, 0, new JobcenterRegisteredEvent(JobcenterId.of(id), OWN.equals(id) ? "Jobcenter Solingen"
                    : "Jobcenter Wuppertal", "DE-NW", CarrierType.ZKT, "IIIb", null));
            ReportingMonth month = ReportingMonth.of(2013, 1);
            while (month.compareTo(ReportingMonth.of(2014, 12)) <= 0) {
                Map<FigureCode, Figure> figures = new EnumMap<>(FigureCode.class);
                figures.put(FigureCode.ELB, Figure.total(OWN.equals(id) ? 10_000 : 30_000));
                figures.put(FigureCode.INT, Figure.total(OWN.equals(id) ? 170 : 400));
                figures.put(FigureCode.LZB, Figure.total(OWN.equals(id) ? 7_000 : 20_000));
                figures.put(FigureCode.LLU_EUR, Figure.total(new BigDecimal(OWN.equals(id) ? "3500000.00"
                        : "9800000.00")));
                append("report:" + id + ":" + month, 0, new MonthlyFiguresRecordedEvent(JobcenterId.of(id), month,
                        month.plusMonths(3).lastDay(), "BA_STATISTIK", "m-" + id + "-" + month, figures));
                month = month.plusMonths(1);
            }
            String agreement = id + "-2014";
            append(agreement, 0, new TargetAgreementConcludedEvent(agreement, JobcenterId.of(id), 2014,
                    "Zielvereinbarung 2014", List.of(
                    new AgreementParty(PartyRole.MINISTRY, "MAIS NRW", "Staatssekretär", "S"),
                    new AgreementParty(PartyRole.JOBCENTER, "Stadt", "Oberbürgermeister", "O")),
                    "§ 48b SGB II", null, List.of(), List.of(), List.of(new Goal("II", "Integration", null,
                    List.of(new QuantitativeTarget("II-K2", IndicatorCode.K2, TargetType.RELATIVE_CHANGE,
                            new BigDecimal("0.5"), 2013, 2)), List.of())), 2, null));
        }
        // three Jobcenters of Solingen's comparison type in another Land, with figures
        for (String id : BAVARIA) {
            append(id, 0, new JobcenterRegisteredEvent(JobcenterId.of(id), "Jobcenter " + id, "DE-BY",
                    CarrierType.GE, "IIIb", null));
            for (ReportingMonth month = ReportingMonth.of(2013, 1); month.compareTo(ReportingMonth.of(2014, 12)) <= 0;
                 month = month.plusMonths(1)) {
                append("report:" + id + ":" + month, 0, new MonthlyFiguresRecordedEvent(JobcenterId.of(id), month,
                        month.plusMonths(3).lastDay(), "BA_STATISTIK", "m-" + id + "-" + month, Map.of(
                        FigureCode.ELB, Figure.total(20_000 + Integer.parseInt(id.substring(3))),
                        FigureCode.INT, Figure.total(300))));
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "SELECT count(*) FROM read_model.monthly_figures_version").query(Long.class).single() == 48 + 72
                && jdbc.sql("SELECT count(*) FROM read_model.agreement_history").query(Long.class).single() == 2);
        recorded = Instant.now();
    }

    @Test
    void aSolingenUserIsRefusedWuppertalsDataOnEveryEndpoint() throws Exception {
        Map<String, PolicyTable.Row> policy = PolicyTable.read(Path.of("../docs/security.md"), "query");
        JsonNode api = JSON.readTree(mvc.perform(MockMvcRequestBuilders.get("/v3/api-docs")).andReturn()
                .getResponse().getContentAsString());
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, JsonNode> path : api.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase();
                String endpoint = method + " " + path.getKey();
                if (NOT_SCOPED_BY_PATH.contains(endpoint)) {
                    continue;
                }
                Set<String> parameters = new java.util.HashSet<>();
                operation.getValue().path("parameters").forEach(p -> parameters.add(p.path("name").asString()));
                boolean namesJobcenter = path.getKey().contains("{jobcenterId}")
                        || path.getKey().contains("{agreementId}");
                for (boolean asOf : List.of(false, true)) {
                    if (asOf && !parameters.contains("asOf") && !parameters.contains("to")) {
                        continue;
                    }
                    checked++;
                    int wuppertal = status(request(method, path.getKey(), OTHER, parameters, asOf),
                            DemoUsers.JOBCENTER_SOLINGEN);
                    if (wuppertal != 403 && wuppertal != 404) {
                        failures.add(endpoint + (asOf ? " as of an instant" : "") + " for Wuppertal as Solingen: "
                                + wuppertal);
                    }
                    if (!namesJobcenter || !"GET".equals(method)) {
                        continue;
                    }
                    // the data is there: an auditor reads it, and Solingen reads its own where the policy says so
                    int auditor = status(request(method, path.getKey(), OTHER, parameters, asOf), DemoUsers.AUDITOR);
                    if (auditor != 200) {
                        failures.add(endpoint + " for Wuppertal as auditor: " + auditor);
                    }
                    if ("own".equals(policy.get(endpoint).cells().get("JOBCENTER"))) {
                        int own = status(request(method, path.getKey(), OWN, parameters, asOf),
                                DemoUsers.JOBCENTER_SOLINGEN);
                        if (own != 200) {
                            failures.add(endpoint + " for Solingen as Solingen: " + own);
                        }
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(checked).isGreaterThanOrEqualTo(20);
        System.out.println("Jobcenter scoping: " + checked + " requests for Wuppertal's data refused to Solingen");
    }

    @Test
    void listsAndFiltersHoldOnlyTheOwnJobcentersRows() throws Exception {
        JsonNode own = json(MockMvcRequestBuilders.get("/api/agreements"), DemoUsers.JOBCENTER_SOLINGEN, 200);
        assertThat(own).hasSize(1);
        assertThat(own.get(0).get("agreementId").asString()).isEqualTo("05122-2014");
        assertThat(json(MockMvcRequestBuilders.get("/api/agreements"), DemoUsers.JOBCENTER_WUPPERTAL, 200).get(0)
                .get("agreementId").asString()).isEqualTo("05124-2014");
        assertThat(json(MockMvcRequestBuilders.get("/api/agreements"), DemoUsers.MINISTRY, 200)).hasSize(2);
        assertThat(status(MockMvcRequestBuilders.get("/api/agreements").queryParam("jobcenterId", OTHER),
                DemoUsers.JOBCENTER_SOLINGEN)).isEqualTo(403);
        assertThat(status(MockMvcRequestBuilders.get("/api/audit/events").queryParam("jobcenter", OTHER),
                DemoUsers.JOBCENTER_SOLINGEN)).isEqualTo(403);
        // the overview: the own row only, whoever else the Land has
        JsonNode overview = json(MockMvcRequestBuilders.get("/api/overview").queryParam("year", "2014"),
                DemoUsers.JOBCENTER_SOLINGEN, 200).get("jobcenters");
        assertThat(overview).hasSize(1);
        assertThat(overview.get(0).get("jobcenterId").asString()).isEqualTo("05122");
        assertThat(overview.get(0).get("agreementId").asString()).isEqualTo("05122-2014");
        assertThat(json(MockMvcRequestBuilders.get("/api/overview").queryParam("year", "2014"), DemoUsers.MINISTRY,
                200).get("jobcenters")).hasSize(2);
        // the registry is public: names and keys
        assertThat(json(MockMvcRequestBuilders.get("/api/jobcenters"), DemoUsers.JOBCENTER_SOLINGEN, 200))
                .hasSize(2 + BAVARIA.size());
    }

    @Test
    void comparisonsShowTheOthersAnonymised() throws Exception {
        MockHttpServletRequestBuilder ranking = MockMvcRequestBuilders.get("/api/comparisons/K2")
                .queryParam("month", "2014-12").queryParam("comparisonType", "IIIb");
        MockHttpServletResponse response = response(ranking, DemoUsers.JOBCENTER_SOLINGEN);
        assertThat(response.getStatus()).isEqualTo(200);
        String body = response.getContentAsString();
        assertThat(body).doesNotContain(OTHER).doesNotContain("Wuppertal");
        for (String id : BAVARIA) {
            assertThat(body).doesNotContain(id);
        }
        JsonNode comparison = JSON.readTree(body);
        assertThat(comparison.get("groupSize").asInt()).isEqualTo(5);
        assertThat(comparison.get("withheld").isNull()).isTrue();
        JsonNode rows = comparison.get("ranking");
        assertThat(rows).hasSize(5);
        JsonNode solingen = null;
        List<JsonNode> others = new ArrayList<>();
        for (JsonNode row : rows) {
            if (OWN.equals(row.path("jobcenterId").asString(null))) {
                solingen = row;
            } else {
                others.add(row);
            }
        }
        assertThat(solingen).isNotNull();
        assertThat(solingen.get("name").asString()).isEqualTo("Jobcenter Solingen");
        assertThat(solingen.get("denominator").isNull()).isFalse();
        assertThat(others).hasSize(4).allSatisfy(other -> {
            assertThat(other.get("jobcenterId").isNull()).isTrue();
            assertThat(other.get("name").isNull()).isTrue();
            assertThat(other.get("numerator").isNull()).isTrue();
            assertThat(other.get("denominator").isNull()).isTrue();
            assertThat(other.get("percent").isNull()).isFalse();
            assertThat(other.get("rank").asInt()).isPositive();
        });
        assertThat(response(ranking, DemoUsers.MINISTRY).getContentAsString()).contains(OTHER).contains("Wuppertal");
    }

    /**
     * In a group with fewer than three others an "anonymous" value is as good as named (issue 17: in a Land of two,
     * the other's value is the other Jobcenter's exact value): a Jobcenter user sees its own row without a rank and
     * the group's size, nothing else; the ministry sees everything.
     */
    @Test
    void inASmallGroupAJobcenterSeesOnlyItsOwnRowAndTheGroupsSize() throws Exception {
        MockHttpServletRequestBuilder ranking = MockMvcRequestBuilders.get("/api/comparisons/K2")
                .queryParam("month", "2014-12").queryParam("land", "NW");
        MockHttpServletResponse response = response(ranking, DemoUsers.JOBCENTER_SOLINGEN);
        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode comparison = JSON.readTree(response.getContentAsString());
        assertThat(comparison.get("groupSize").asInt()).isEqualTo(2);
        assertThat(comparison.get("withheld").asString()).contains("fewer than 3 other Jobcenters");
        assertThat(comparison.get("ranking")).hasSize(1);
        JsonNode own = comparison.get("ranking").get(0);
        assertThat(own.get("jobcenterId").asString()).isEqualTo(OWN);
        assertThat(own.get("rank").isNull()).as("a rank of two tells the other's value").isTrue();
        assertThat(own.get("percent").isNull()).isFalse();
        assertThat(comparison.get("notComputable")).isEmpty();
        String wuppertalsValue = JSON.readTree(response(ranking, DemoUsers.MINISTRY).getContentAsString())
                .get("ranking").valueStream().filter(r -> OTHER.equals(r.get("jobcenterId").asString()))
                .findFirst().orElseThrow().get("percent").asString();
        assertThat(response.getContentAsString()).doesNotContain(wuppertalsValue);

        JsonNode ministry = JSON.readTree(response(ranking, DemoUsers.MINISTRY).getContentAsString());
        assertThat(ministry.get("ranking")).hasSize(2);
        assertThat(ministry.get("withheld").isNull()).isTrue();
    }

    @Test
    void theCsvExportIsScopedLikeTheFigures() throws Exception {
        MockHttpServletResponse own = response(MockMvcRequestBuilders.get("/api/jobcenters/05122/figures.csv")
                .queryParam("year", "2014"), DemoUsers.JOBCENTER_SOLINGEN);
        assertThat(own.getStatus()).isEqualTo(200);
        assertThat(own.getContentType()).startsWith("text/csv");
        assertThat(own.getHeader("Content-Disposition")).contains("zahlen-05122-2014.csv");
        String csv = own.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv.lines()).hasSize(13);
        assertThat(csv.lines().skip(1).findFirst().orElseThrow())
                .startsWith("05122;2014-01;2014-04-30;\"BA_STATISTIK\";0;")
                .contains(";10000;;;");
        assertThat(csv).contains("3500000,00");
        assertThat(status(MockMvcRequestBuilders.get("/api/jobcenters/05124/figures.csv").queryParam("year", "2014"),
                DemoUsers.JOBCENTER_SOLINGEN)).isEqualTo(403);
    }

    private MockHttpServletRequestBuilder request(String method, String template, String jobcenter,
                                                         Set<String> parameters, boolean asOf) {
        String uri = template.replace("{jobcenterId}", jobcenter).replace("{agreementId}", jobcenter + "-2014")
                .replace("{code}", "K2").replace("{month}", "2014-03").replaceAll("\\{[^}]+}", "x");
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(
                org.springframework.http.HttpMethod.valueOf(method), uri);
        Map<String, String> samples = Map.of("year", "2014", "month", "2014-03", "land", "NW",
                "jobcenter", jobcenter, "jobcenterId", jobcenter, "agreement", jobcenter + "-2014");
        for (String parameter : parameters) {
            if (samples.containsKey(parameter)) {
                request.queryParam(parameter, samples.get(parameter));
            }
        }
        if (parameters.contains("from")) {
            request.queryParam("from", "2005-01-01T00:00:00Z");
        }
        if (asOf) {
            if (parameters.contains("asOf")) {
                request.queryParam("asOf", recorded.toString());
            }
            if (parameters.contains("to")) {
                request.queryParam("to", recorded.toString());
            }
        }
        return request;
    }

    private int status(MockHttpServletRequestBuilder request, String user) throws Exception {
        return response(request, user).getStatus();
    }

    private MockHttpServletResponse response(MockHttpServletRequestBuilder request, String user) throws Exception {
        return mvc.perform(request.with(DemoUsers.as(user))).andReturn().getResponse();
    }

    private JsonNode json(MockHttpServletRequestBuilder request, String user, int expectedStatus) throws Exception {
        MockHttpServletResponse response = response(request, user);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(expectedStatus);
        return JSON.readTree(response.getContentAsString());
    }

    private void append(String aggregateId, long sequence, Object payload) {
        events.append(new GenericDomainEventMessage<>(
                payload.getClass().getSimpleName(), aggregateId, sequence, payload, MetaData.emptyInstance(),
                UUID.randomUUID().toString(), Instant.now()));
    }
}
