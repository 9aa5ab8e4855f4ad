package dev.zielmonitor.query;

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
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Events appended to the real event store are projected by the streaming processors into the read-model
 * schema and served as JSON.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadModelApiTest {

    private static final JobcenterId SOLINGEN = JobcenterId.of("05122");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.databaseProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    MockMvc mvc;

    @Autowired
    void logIn(WebApplicationContext context) {
        mvc = DemoUsers.mockMvc(context, DemoUsers.MINISTRY);
    }

    CommandSideEvents events;

    @Autowired
    void commandSide(@Qualifier("eventSerializer") Serializer eventSerializer) {
        events = new CommandSideEvents(TestDatabase.get(), eventSerializer);
    }

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void appendHistory() {
        append("05122", 0, new JobcenterRegisteredEvent(SOLINGEN, "Jobcenter Solingen", "DE-NW", CarrierType.ZKT, null,
                null));
        append("05124", 0, new JobcenterRegisteredEvent(JobcenterId.of("05124"), "Jobcenter Wuppertal", "DE-NW",
                CarrierType.ZKT, null, null));
        append("09162", 0, new JobcenterRegisteredEvent(JobcenterId.of("09162"), "Jobcenter München", "DE-BY",
                CarrierType.GE, "IIIe", LocalDate.of(2012, 1, 1)));
        for (int month = 1; month <= 3; month++) {
            append("report:05122:2014-0" + month, 0, new MonthlyFiguresRecordedEvent(SOLINGEN,
                    ReportingMonth.of(2014, month), ReportingMonth.of(2014, month).plusMonths(3).lastDay(),
                    "BA_STATISTIK", "m-" + month, Map.of(
                    FigureCode.ELB, new Figure(BigDecimal.valueOf(10700 + month), BigDecimal.valueOf(5300),
                            BigDecimal.valueOf(5400 + month)),
                    FigureCode.INT, Figure.total(180 + month),
                    FigureCode.LLU_EUR, Figure.total(new BigDecimal("3541234.50")))));
        }
        append("report:05122:2014-04", 0, new MonthlyFiguresRecordedEvent(SOLINGEN, ReportingMonth.of(2014, 4),
                LocalDate.of(2014, 7, 31), "BA_STATISTIK", "m-4", Map.of(FigureCode.ELB, Figure.total(13010))));
        append("report:05122:2013-12", 0, new MonthlyFiguresRecordedEvent(SOLINGEN, ReportingMonth.of(2013, 12),
                LocalDate.of(2014, 3, 31), "BA_STATISTIK", "m-0", Map.of(FigureCode.ELB, Figure.total(10650))));
        append("report:05122:2014-03", 1, new MonthlyFiguresCorrectedEvent(SOLINGEN, ReportingMonth.of(2014, 3),
                LocalDate.of(2014, 7, 31), "BA_STATISTIK", "m-3b", "Revision", Map.of(
                FigureCode.INT, new FigureChange(Figure.total(183), Figure.total(190)),
                FigureCode.INT_CONTINUOUS, new FigureChange(null, Figure.total(120)))), CORRECTED);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                        "SELECT count(*) FROM read_model.monthly_figures_version WHERE reporting_month = '2014-03-01'")
                .query(Long.class).single() == 2);
    }

    /** Recorded time of the figures events: the first figures on 1 July 2014, the correction on 15 August. */
    static final Instant RECORDED = Instant.parse("2014-07-01T00:00:00Z");
    static final Instant CORRECTED = Instant.parse("2014-08-15T00:00:00Z");

    private void append(String aggregateId, long sequence, Object payload) {
        append(aggregateId, sequence, payload, RECORDED);
    }

    private void append(String aggregateId, long sequence, Object payload, Instant recordedAt) {
        events.append(new GenericDomainEventMessage<>(
                payload.getClass().getSimpleName(), aggregateId, sequence, payload, MetaData.emptyInstance(),
                UUID.randomUUID().toString(), recordedAt));
    }

    /**
     * A correction stored before the contract refused control characters (issue 17) carries a NUL in its reason:
     * the year view and its CSV still answer, with the reason as it was recorded.
     */
    @Test
    void aReasonStoredWithANulDoesNotBreakTheYearViewOrItsCsv() throws Exception {
        JobcenterId wuppertal = JobcenterId.of("05124");
        append("report:05124:2014-05", 0, new MonthlyFiguresRecordedEvent(wuppertal, ReportingMonth.of(2014, 5),
                LocalDate.of(2014, 8, 31), "BA_STATISTIK", "w-5", Map.of(FigureCode.ELB, Figure.total(20100))));
        append("report:05124:2014-05", 1, new MonthlyFiguresCorrectedEvent(wuppertal, ReportingMonth.of(2014, 5),
                LocalDate.of(2014, 9, 30), "BA_STATISTIK", "w-5b", "Revision\u0000 des Amtes", Map.of(
                FigureCode.ELB, new FigureChange(Figure.total(20100), Figure.total(20200)))), CORRECTED);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM "
                + "read_model.monthly_figures_version WHERE jobcenter_id = '05124'").query(Long.class).single() == 2);

        mvc.perform(get("/api/jobcenters/05124/figures").param("year", "2014"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.months[0].correctionReason").value("Revision\u0000 des Amtes"));
        mvc.perform(get("/api/jobcenters/05124/figures.csv").param("year", "2014"))
                .andExpect(status().isOk());
    }

    @Test
    void listsTheRegisteredJobcentersByKeyAndLand() throws Exception {
        mvc.perform(get("/api/jobcenters"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(3)))
                .andExpect(jsonPath("$[0].jobcenterId").value("05122"))
                .andExpect(jsonPath("$[0].carrierType").value("zkT"))
                .andExpect(jsonPath("$[2].comparisonType").value("IIIe"));
        mvc.perform(get("/api/jobcenters").param("land", "NW"))
                .andExpect(jsonPath("$", hasSize(2)));
        // a NUL reached PostgreSQL and answered 500 (found by HostileParametersTest's fuzz)
        mvc.perform(get("/api/jobcenters").param("land", "a\u0000b"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("land"));
        mvc.perform(get("/api/jobcenters/09162"))
                .andExpect(jsonPath("$.name").value("Jobcenter München"))
                .andExpect(jsonPath("$.validFrom").value("2012-01-01"));
    }

    @Test
    void servesAYearsFiguresWithTheLatestCorrection() throws Exception {
        mvc.perform(get("/api/jobcenters/05122/figures").param("year", "2014"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.months", hasSize(4)))
                .andExpect(jsonPath("$.months[0].reportingMonth").value("2014-01"))
                .andExpect(jsonPath("$.months[0].dataStatus").value("2014-04-30"))
                .andExpect(jsonPath("$.months[0].figures.ELB.total").value(10701))
                .andExpect(jsonPath("$.months[0].figures.ELB.male").value(5401))
                .andExpect(jsonPath("$.months[0].figures.INT.female").doesNotExist())
                .andExpect(jsonPath("$.months[0].figures.LLU_EUR.total").value(3541234.50))
                .andExpect(jsonPath("$.months[0].correctionReason").doesNotExist())
                .andExpect(jsonPath("$.months[2].corrections").value(1))
                .andExpect(jsonPath("$.months[2].correctionReason").value("Revision"))
                .andExpect(jsonPath("$.months[2].dataStatus").value("2014-07-31"))
                .andExpect(jsonPath("$.months[2].figures.INT.total").value(190))
                .andExpect(jsonPath("$.months[2].figures.INT_CONTINUOUS.total").value(120))
                .andExpect(jsonPath("$.months[2].figures.ELB.total").value(10703));
        mvc.perform(get("/api/jobcenters/05122/figures").param("year", "2013"))
                .andExpect(jsonPath("$.months", hasSize(1)))
                .andExpect(jsonPath("$.months[0].reportingMonth").value("2013-12"));
    }

    /**
     * The view's figures are the figures codec's: the same names in the same order, the same digits (counts whole,
     * amounts with two decimals); only that an amount is a JSON number here and a decimal string on the topic.
     */
    @Test
    void servesTheFiguresInTheCodecsNamesOrderAndNumberFormat() throws Exception {
        tools.jackson.databind.json.JsonMapper exact = tools.jackson.databind.json.JsonMapper.builder()
                .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
        tools.jackson.databind.JsonNode view = exact.readTree(mvc.perform(get("/api/jobcenters/05122/figures")
                .param("year", "2014")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .at("/months/0/figures");
        tools.jackson.databind.JsonNode codec = dev.zielmonitor.contract.FiguresCodec.write(Map.of(
                FigureCode.LLU_EUR, Figure.total(new BigDecimal("3541234.5")),
                FigureCode.INT, Figure.total(181),
                FigureCode.ELB, new Figure(BigDecimal.valueOf(10701), BigDecimal.valueOf(5300),
                        BigDecimal.valueOf(5401))));

        assertThat(view.propertyNames()).containsExactlyElementsOf(codec.propertyNames());
        for (String figure : codec.propertyNames()) {
            assertThat(view.get(figure).propertyNames()).as(figure)
                    .containsExactlyElementsOf(codec.get(figure).propertyNames());
            for (String part : codec.get(figure).propertyNames()) {
                assertThat(view.get(figure).get(part).decimalValue().toPlainString()).as(figure + "." + part)
                        .isEqualTo(codec.get(figure).get(part).asString());
            }
        }
    }

    @Test
    void showsTheFiguresAsKnownAtAnyInstant() throws Exception {
        mvc.perform(get("/api/jobcenters/05122/figures").param("year", "2014").param("asOf", "2014-08-01T00:00:00Z"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.asOf").value("2014-08-01T00:00:00Z"))
                .andExpect(jsonPath("$.months[2].reportingMonth").value("2014-03"))
                .andExpect(jsonPath("$.months[2].figures.INT.total").value(183))
                .andExpect(jsonPath("$.months[2].figures.INT_CONTINUOUS").doesNotExist())
                .andExpect(jsonPath("$.months[2].corrections").value(0))
                .andExpect(jsonPath("$.months[2].correctionReason").doesNotExist())
                .andExpect(jsonPath("$.months[2].dataStatus").value("2014-06-30"))
                .andExpect(jsonPath("$.months[2].recordedTo").value("2014-08-15T00:00:00Z"));
        mvc.perform(get("/api/jobcenters/05122/figures").param("year", "2014").param("asOf", "2014-08-15T00:00:00Z"))
                .andExpect(jsonPath("$.months[2].figures.INT.total").value(190))
                .andExpect(jsonPath("$.months[2].corrections").value(1))
                .andExpect(jsonPath("$.months[2].recordedFrom").value("2014-08-15T00:00:00Z"))
                .andExpect(jsonPath("$.months[2].recordedTo").doesNotExist());
        mvc.perform(get("/api/jobcenters/05122/figures").param("year", "2014").param("asOf", "2014-06-30T23:59:59Z"))
                .andExpect(jsonPath("$.months", hasSize(0)));
        mvc.perform(get("/api/jobcenters/05122/figures").param("year", "2014").param("asOf", "30.06.2014"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("asOf"));
    }

    @Test
    void computesIndicatorsFromTheFiguresAsKnownAtAnInstant() throws Exception {
        // K2 year to date, March 2014: INT Jan–Mar ÷ average ELB Dec 2013 – Feb 2014 = (10650 + 10701 + 10702) / 3
        // now: (181 + 182 + 190) = 553 / 10684.33 = 5.18 %; before the correction: 546 / 10684.33 = 5.11 %
        mvc.perform(get("/api/jobcenters/05122/indicators/K2").param("year", "2014"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Integrationsquote"))
                .andExpect(jsonPath("$.months", hasSize(12)))
                .andExpect(jsonPath("$.months[2].yearToDate.numerator").value(553))
                .andExpect(jsonPath("$.months[2].yearToDate.percent").value(5.18))
                .andExpect(jsonPath("$.months[2].twelveMonth.notComputable")
                        .value(org.hamcrest.Matchers.containsString("INT 2013-04")));
        mvc.perform(get("/api/jobcenters/05122/indicators/K2").param("year", "2014")
                        .param("asOf", "2014-08-01T00:00:00Z"))
                .andExpect(jsonPath("$.months[2].yearToDate.numerator").value(546))
                .andExpect(jsonPath("$.months[2].yearToDate.percent").value(5.11))
                // known from the first figures (1 July) until March was corrected (15 August)
                .andExpect(jsonPath("$.months[2].knownFrom").value("2014-07-01T00:00:00Z"))
                .andExpect(jsonPath("$.months[2].knownUntil").value("2014-08-15T00:00:00Z"))
                // January's values read no month that changed later
                .andExpect(jsonPath("$.months[0].knownFrom").value("2014-07-01T00:00:00Z"))
                .andExpect(jsonPath("$.months[0].knownUntil").value(org.hamcrest.Matchers.nullValue()));
        mvc.perform(get("/api/jobcenters/05122/indicators/K2").param("year", "2014"))
                .andExpect(jsonPath("$.months[2].knownFrom").value("2014-08-15T00:00:00Z"))
                .andExpect(jsonPath("$.months[2].knownUntil").value(org.hamcrest.Matchers.nullValue()));
        mvc.perform(get("/api/jobcenters/05122/indicators/K2").param("year", "2014").param("gender", "MALE"))
                .andExpect(jsonPath("$.months[0].yearToDate.notComputable")
                        .value(org.hamcrest.Matchers.containsString("INT 2014-01 (male)")));
        mvc.perform(get("/api/jobcenters/05122/indicators/K9").param("year", "2014"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("code"));
    }

    @Test
    void namesTheFigureVersionsAndEventsAValueWasComputedFrom() throws Exception {
        mvc.perform(get("/api/jobcenters/05122/indicators/K2/2014-03/provenance"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.yearToDate.percent").value(5.18))
                .andExpect(jsonPath("$.sources[*].reportingMonth").value(org.hamcrest.Matchers.contains(
                        "2013-12", "2014-01", "2014-02", "2014-03")))
                .andExpect(jsonPath("$.sources[3].version").value(2))
                .andExpect(jsonPath("$.sources[3].messageId").value("m-3b"))
                .andExpect(jsonPath("$.sources[3].eventType")
                        .value("dev.zielmonitor.events.reporting.MonthlyFiguresCorrectedEvent"))
                .andExpect(jsonPath("$.monthsWithoutFigures").value(org.hamcrest.Matchers.hasItem("2013-04")));
        mvc.perform(get("/api/jobcenters/05122/indicators/K2/2014-03/provenance").param("asOf", "2014-08-01T00:00:00Z"))
                .andExpect(jsonPath("$.sources[3].version").value(1))
                .andExpect(jsonPath("$.sources[3].messageId").value("m-3"))
                .andExpect(jsonPath("$.yearToDate.percent").value(5.11));
        mvc.perform(get("/api/jobcenters/05978/indicators/K2/2014-03/provenance"))
                .andExpect(status().isNotFound());
    }

    @Test
    void ranksTheJobcentersOfALandAndNamesThoseWithoutAValue() throws Exception {
        mvc.perform(get("/api/comparisons/K2").param("month", "2014-03").param("land", "NW")
                        .param("view", "YEAR_TO_DATE"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ranking", hasSize(1)))
                .andExpect(jsonPath("$.ranking[0].rank").value(1))
                .andExpect(jsonPath("$.ranking[0].jobcenterId").value("05122"))
                .andExpect(jsonPath("$.ranking[0].percent").value(5.18))
                .andExpect(jsonPath("$.notComputable[0].jobcenterId").value("05124"))
                .andExpect(jsonPath("$.notComputable[0].reason").value(org.hamcrest.Matchers.containsString("missing")));
        mvc.perform(get("/api/comparisons/K2").param("month", "2014-03").param("comparisonType", "IIIe"))
                .andExpect(jsonPath("$.ranking", hasSize(0)))
                .andExpect(jsonPath("$.notComputable[0].jobcenterId").value("09162"));
        mvc.perform(get("/api/comparisons/K2").param("month", "2014-03"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("land"));
        mvc.perform(get("/api/comparisons/K2").param("month", "März").param("land", "NW"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("month"));
        mvc.perform(get("/api/comparisons/K2").param("month", "2014-03").param("comparisonType", "a\u0000b"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("comparisonType"));
    }

    @Test
    void flagsButKeepsAStockThatJumpsMoreThanTwentyPercent() throws Exception {
        mvc.perform(get("/api/jobcenters/05122/figures").param("year", "2014"))
                .andExpect(jsonPath("$.months[0].flags", hasSize(0)))
                .andExpect(jsonPath("$.months[3].figures.ELB.total").value(13010))
                .andExpect(jsonPath("$.months[3].flags", hasSize(1)))
                .andExpect(jsonPath("$.months[3].flags[0].figure").value("ELB"))
                .andExpect(jsonPath("$.months[3].flags[0].rule").value("IMPLAUSIBLE_MONTHLY_CHANGE"))
                .andExpect(jsonPath("$.months[3].flags[0].changePercent").value(21.6)) // 2307 / 10703 = 21.55 %
                .andExpect(jsonPath("$.months[3].flags[0].previous").value(10703));
    }

    @Test
    void answersBadRequestsWithAProblemNamingTheParameter() throws Exception {
        mvc.perform(get("/api/jobcenters/5122/figures").param("year", "2014"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("jobcenterId"));
        mvc.perform(get("/api/jobcenters/05122/figures").param("year", "zweitausend"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("year"));
        mvc.perform(get("/api/jobcenters/05122/figures"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("year"));
        mvc.perform(get("/api/jobcenters/05122/figures").param("year", "1999"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("year"));
        mvc.perform(get("/api/jobcenters/05978/figures").param("year", "2014"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void projectionProgressIsKeptInTheTokenTable() {
        Long tokens = jdbc.sql("SELECT count(*) FROM tokenentry WHERE processorname IN ('jobcenters', 'monthly-figures')")
                .query(Long.class).single();
        org.assertj.core.api.Assertions.assertThat(tokens).isGreaterThanOrEqualTo(2);
    }

    @Test
    void reportsHealthMetricsAndItsApi() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/prometheus").with(DemoUsers.as(DemoUsers.ADMIN)))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("jvm_memory_used_bytes")));
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isForbidden()); // the ministry's user
        // the history appended before is projected: no lag
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(get("/actuator/prometheus")
                        .with(DemoUsers.as(DemoUsers.ADMIN)))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "zielmonitor_projection_lag_events{processor=\"monthly-figures\"} 0.0"))));
        mvc.perform(get("/v3/api-docs"))
                .andExpect(jsonPath("$.paths['/api/jobcenters/{jobcenterId}/figures'].get").exists());
    }
}
