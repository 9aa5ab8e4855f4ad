package dev.zielmonitor.query.indicators;

import dev.zielmonitor.access.DemoUsers;
import dev.zielmonitor.events.common.CarrierType;
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
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The indicator catalogue the dashboard names indicators by, and the gender split in one request: the same three
 * series the single requests answer, as known at one instant.
 */
// a context of its own, used by this class only: closed after it, so its connections do not pile up
@DirtiesContext
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndicatorApiTest {

    static final TestDatabase DB = TestDatabase.another();
    static final JobcenterId SOLINGEN = JobcenterId.of("05122");
    static final Instant RECORDED = Instant.parse("2015-04-01T00:00:00Z");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.databaseProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    }

    MockMvc mvc;
    CommandSideEvents events;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WebApplicationContext context;

    @Autowired
    void logIn(WebApplicationContext context) {
        mvc = DemoUsers.mockMvc(context, DemoUsers.MINISTRY);
    }

    @Autowired
    void commandSide(@Qualifier("eventSerializer") Serializer eventSerializer) {
        events = new CommandSideEvents(DB, eventSerializer);
    }

    /** Two years of figures, eLb and integrations split by gender, long-term recipients in total only. */
    @BeforeAll
    void figuresWithAGenderSplit() {
        append("05122", 0, new JobcenterRegisteredEvent(SOLINGEN, "Jobcenter Solingen", "DE-NW", CarrierType.ZKT,
                null, null));
        for (ReportingMonth month = ReportingMonth.of(2013, 1); month.compareTo(ReportingMonth.of(2014, 12)) <= 0;
             month = month.plusMonths(1)) {
            Map<FigureCode, Figure> figures = new EnumMap<>(FigureCode.class);
            figures.put(FigureCode.ELB, new Figure(BigDecimal.valueOf(10_000), BigDecimal.valueOf(4_900),
                    BigDecimal.valueOf(5_100)));
            figures.put(FigureCode.INT, new Figure(BigDecimal.valueOf(170 + month.month()), BigDecimal.valueOf(70),
                    BigDecimal.valueOf(100 + month.month())));
            figures.put(FigureCode.LZB, Figure.total(7_000));
            append("report:05122:" + month, 0, new MonthlyFiguresRecordedEvent(SOLINGEN, month,
                    month.plusMonths(3).lastDay(), "BA_STATISTIK", "m-" + month, figures));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "SELECT count(*) FROM read_model.monthly_figures_version").query(Long.class).single() == 24);
    }

    private void append(String aggregateId, long sequence, Object payload) {
        events.append(new GenericDomainEventMessage<>(payload.getClass().getSimpleName(), aggregateId, sequence,
                payload, MetaData.emptyInstance(), UUID.randomUUID().toString(), RECORDED));
    }

    private JsonNode json(RequestBuilder request) throws Exception {
        var response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return JSON.readTree(response.getContentAsString());
    }

    @Test
    void servesEveryIndicatorOnceWithItsGermanNameDirectionAndUnit() throws Exception {
        JsonNode catalogue = json(get("/api/indicators"));
        List<String> codes = new ArrayList<>();
        catalogue.forEach(entry -> codes.add(entry.get("code").asString()));
        assertThat(codes).containsExactly("K1", "K1E1", "K1E2", "K1E3", "K1E4", "K2", "K2E1", "K2E2", "K2E3",
                "K2E4", "K3", "K3E1", "K3E2", "K3E3", "K3E4");
        JsonNode k2 = catalogue.get(5);
        assertThat(k2.get("name").asString()).isEqualTo("Integrationsquote");
        assertThat(k2.get("direction").asString()).isEqualTo("HIGHER_IS_BETTER");
        assertThat(k2.get("unit").asString()).isEqualTo("PERCENT");
        assertThat(k2.get("kind").asString()).isEqualTo("QUOTA");
        assertThat(k2.get("genderSplit").asBoolean()).isTrue();
        JsonNode k3 = catalogue.get(10);
        assertThat(k3.get("name").asString()).isEqualTo("Veränderung des Bestands an Langzeitleistungsbeziehenden");
        assertThat(k3.get("direction").asString()).isEqualTo("LOWER_IS_BETTER");
        assertThat(k3.get("unit").asString()).isEqualTo("PERCENT_CHANGE");
        assertThat(catalogue.get(0).get("name").asString())
                .isEqualTo("Veränderung der Summe der Leistungen zum Lebensunterhalt");
    }

    @Test
    void theCatalogueIsReadableByEveryRoleAndByNobodyAnonymous() throws Exception {
        for (String user : List.of(DemoUsers.JOBCENTER_SOLINGEN, DemoUsers.AUDITOR, DemoUsers.ADMIN)) {
            assertThat(DemoUsers.mockMvc(context, user).perform(get("/api/indicators")).andReturn().getResponse()
                    .getStatus()).as(user).isEqualTo(200);
        }
        assertThat(DemoUsers.anonymousMockMvc(context).perform(get("/api/indicators")).andReturn().getResponse()
                .getStatus()).isEqualTo(401);
    }

    @Test
    void theGenderSplitAnswersWhatTheThreeSingleRequestsAnswer() throws Exception {
        String asOf = "2015-06-01T00:00:00Z";
        JsonNode split = json(get("/api/jobcenters/05122/indicators/K2/genders").param("year", "2014")
                .param("asOf", asOf));
        assertThat(split.propertyNames()).containsExactly("TOTAL", "FEMALE", "MALE");
        for (String gender : List.of("TOTAL", "FEMALE", "MALE")) {
            JsonNode single = json(get("/api/jobcenters/05122/indicators/K2").param("year", "2014")
                    .param("asOf", asOf).param("gender", gender));
            assertThat(split.get(gender)).as(gender).isEqualTo(single);
        }
        // K2 year to date, March 2014, women: 3 × 70 integrations ÷ 4,900 eLb = 4.29 %; men: (101+102+103) ÷ 5,100
        assertThat(split.get("FEMALE").get("months").get(2).get("yearToDate").get("percent").decimalValue())
                .isEqualByComparingTo("4.29");
        assertThat(split.get("MALE").get("months").get(2).get("yearToDate").get("percent").decimalValue())
                .isEqualByComparingTo("6.00");
        assertThat(split.get("TOTAL").get("months").get(2).get("yearToDate").get("percent").decimalValue())
                .isEqualByComparingTo("5.16");
    }

    @Test
    void whereTheFiguresCarryNoSplitTheGendersValuesSayWhichAreMissing() throws Exception {
        String asOf = "2015-06-01T00:00:00Z";
        JsonNode split = json(get("/api/jobcenters/05122/indicators/K3/genders").param("year", "2014")
                .param("asOf", asOf));
        for (String gender : List.of("TOTAL", "FEMALE", "MALE")) {
            assertThat(split.get(gender)).as(gender).isEqualTo(json(get("/api/jobcenters/05122/indicators/K3")
                    .param("year", "2014").param("asOf", asOf).param("gender", gender)));
        }
        assertThat(split.get("TOTAL").get("months").get(0).get("yearToDate").get("percent").decimalValue())
                .isEqualByComparingTo("0.00");
        assertThat(split.get("FEMALE").get("months").get(0).get("yearToDate").get("notComputable").asString())
                .contains("LZB 2014-01 (female)");
    }

    @Test
    void theThreeSeriesOfASplitAreKnownAtTheSameInstant() throws Exception {
        JsonNode split = json(get("/api/jobcenters/05122/indicators/K2/genders").param("year", "2014"));
        String asOf = split.get("TOTAL").get("asOf").asString();
        assertThat(split.get("FEMALE").get("asOf").asString()).isEqualTo(asOf);
        assertThat(split.get("MALE").get("asOf").asString()).isEqualTo(asOf);
        assertThat(split.get("MALE").get("gender").asString()).isEqualTo("MALE");
    }

    @Test
    void theGenderSplitFailsAsTheSingleRequestFails() throws Exception {
        for (String path : List.of("/api/jobcenters/05978/indicators/K2", "/api/jobcenters/5122/indicators/K2",
                "/api/jobcenters/05122/indicators/K9")) {
            int single = mvc.perform(get(path).param("year", "2014")).andReturn().getResponse().getStatus();
            int split = mvc.perform(get(path + "/genders").param("year", "2014")).andReturn().getResponse()
                    .getStatus();
            assertThat(split).as(path).isEqualTo(single).isIn(400, 404);
        }
        assertThat(mvc.perform(get("/api/jobcenters/05122/indicators/K2/genders").param("year", "2006"))
                .andReturn().getResponse().getStatus()).isEqualTo(400);
    }
}
