package dev.zielmonitor.query.agreement;

import dev.zielmonitor.access.DemoUsers;
import dev.zielmonitor.events.agreement.AgreementParty;
import dev.zielmonitor.events.agreement.Deviation;
import dev.zielmonitor.events.agreement.Goal;
import dev.zielmonitor.events.agreement.GoalProgressRecordedEvent;
import dev.zielmonitor.events.agreement.GoalStatus;
import dev.zielmonitor.events.agreement.PartyRole;
import dev.zielmonitor.events.agreement.QuantitativeTarget;
import dev.zielmonitor.events.agreement.SteeringDialogueHeldEvent;
import dev.zielmonitor.events.agreement.SubGoal;
import dev.zielmonitor.events.agreement.SubGoalKind;
import dev.zielmonitor.events.agreement.TargetAgreementConcludedEvent;
import dev.zielmonitor.events.agreement.TargetAgreementInForceEvent;
import dev.zielmonitor.events.agreement.TargetAgreementSignedEvent;
import dev.zielmonitor.events.agreement.TargetRevisedEvent;
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
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An agreement and the figures of its year and the year before, appended to the real event store, projected, and
 * read as known at three dates: after the signatures (no figures yet), after the first dialogue, and once the
 * December figures are in. Figures are chosen so that every value can be checked by hand: 10,000 eLb in every
 * month; 1,988 integrations in 2013 (K2 19.88 %), 2,099 in 2014 (20.99 %); 7,000 long-term recipients in 2013,
 * 6,965 in 2014 (K3 −0.50 %).
 */
// a context of its own, used by this class only: closed after it, so its connections do not pile up
@DirtiesContext
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgreementQueryTest {

    private static final TestDatabase DB = TestDatabase.another();
    private static final JobcenterId SOLINGEN = JobcenterId.of("05122");
    private static final String ID = "05122-2014";
    private static final Instant FIGURES_KNOWN = Instant.parse("2015-04-15T00:00:00Z");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.databaseProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    }

    MockMvc mvc;

    @Autowired
    void logIn(WebApplicationContext context) {
        mvc = DemoUsers.mockMvc(context, DemoUsers.MINISTRY);
    }

    CommandSideEvents events;

    @Autowired
    void commandSide(@Qualifier("eventSerializer") Serializer eventSerializer) {
        events = new CommandSideEvents(DB, eventSerializer);
    }

    @Autowired
    JdbcClient jdbc;

    private final QuantitativeTarget k1 = new QuantitativeTarget("I-K1", IndicatorCode.K1, TargetType.MONITORING,
            null, null, 2);
    private final QuantitativeTarget k2 = new QuantitativeTarget("II-K2", IndicatorCode.K2, TargetType.RELATIVE_CHANGE,
            new BigDecimal("0.5"), 2013, 2);
    private final QuantitativeTarget k3 = new QuantitativeTarget("III-K3", IndicatorCode.K3, TargetType.MAX_CHANGE,
            BigDecimal.ZERO, 2013, 2);

    @BeforeAll
    void appendHistory() {
        append("05122", 0, new JobcenterRegisteredEvent(SOLINGEN, "Jobcenter Solingen", "DE-NW", CarrierType.ZKT, null,
                null), Instant.parse("2012-01-01T00:00:00Z"));
        ReportingMonth month = ReportingMonth.of(2012, 12);
        while (month.compareTo(ReportingMonth.of(2014, 12)) <= 0) {
            Map<FigureCode, Figure> figures = new java.util.EnumMap<>(FigureCode.class);
            figures.put(FigureCode.ELB, Figure.total(10_000));
            if (month.year() >= 2013) {
                long integrations = month.year() == 2013 ? (month.month() <= 8 ? 166 : 165)  // 1,988
                        : (month.month() <= 11 ? 175 : 174);                                  // 2,099
                figures.put(FigureCode.INT, Figure.total(integrations));
                figures.put(FigureCode.LZB, Figure.total(month.year() == 2013 ? 7000 : 6965));
                figures.put(FigureCode.LLU_EUR, Figure.total(new BigDecimal(month.year() == 2013 ? "3500000.00"
                        : "3465000.00")));
            }
            append("report:05122:" + month, 0, new MonthlyFiguresRecordedEvent(SOLINGEN, month,
                    month.plusMonths(3).lastDay(), "BA_STATISTIK", "m-" + month, figures), FIGURES_KNOWN);
            month = month.plusMonths(1);
        }
        List<Goal> goals = List.of(
                new Goal("I", "Verringerung der Hilfebedürftigkeit", "Monitoring", List.of(k1), List.of()),
                new Goal("II", "Verbesserung der Integration in Erwerbstätigkeit", "+0,5 %", List.of(k2), List.of()),
                new Goal("III", "Vermeidung von langfristigem Leistungsbezug", "0 %", List.of(k3), List.of(
                        new SubGoal("III.3", SubGoalKind.MEASURE, "Schritt für Schritt", "Pilot", List.of(),
                                LocalDate.of(2015, 11, 30)))));
        append(ID, 0, new TargetAgreementConcludedEvent(ID, SOLINGEN, 2014, "Vereinbarung 2014", List.of(
                new AgreementParty(PartyRole.MINISTRY, "MAIS NRW", "Staatssekretär", "Dr. Wilhelm Schäffer"),
                new AgreementParty(PartyRole.JOBCENTER, "Stadt Solingen", "Oberbürgermeister", "Norbert Feith")),
                "§ 48b Abs. 1 S. 1 Nr. 4 SGB II", "Präambel", List.of("Schwerpunkt"), List.of("Planungsdokument"),
                goals, 2, "zwei Dialoge"), Instant.parse("2014-04-14T10:00:00Z"));
        append(ID, 1, new TargetAgreementSignedEvent(ID, PartyRole.JOBCENTER, "Solingen", LocalDate.of(2014, 4, 14)),
                Instant.parse("2014-04-14T10:00:00Z"));
        append(ID, 2, new TargetAgreementSignedEvent(ID, PartyRole.MINISTRY, "Düsseldorf", LocalDate.of(2014, 5, 7)),
                Instant.parse("2014-05-07T10:00:00Z"));
        append(ID, 3, new TargetAgreementInForceEvent(ID, LocalDate.of(2014, 5, 7)),
                Instant.parse("2014-05-07T10:00:00Z"));
        append(ID, 4, new SteeringDialogueHeldEvent(ID, "2014-1", LocalDate.of(2014, 7, 10), List.of("MAIS", "JC"),
                Map.of("III", "Großbetrieb insolvent"), List.of("Förderkette ausbauen"), List.of(new Deviation(
                "Insolvenz eines Großbetriebs", List.of(IndicatorCode.K3), new BigDecimal("0.4")))),
                Instant.parse("2014-07-11T10:00:00Z"));
        append(ID, 5, new TargetRevisedEvent(ID, new QuantitativeTarget("III-K3", IndicatorCode.K3,
                TargetType.MAX_CHANGE, new BigDecimal("0.5"), 2013, 2), "Insolvenz", "2014-1",
                LocalDate.of(2014, 10, 1)), Instant.parse("2014-07-11T10:00:00Z"));
        append(ID, 6, new GoalProgressRecordedEvent(ID, "III.3", GoalStatus.IN_PROGRESS, "12 Haushalte",
                LocalDate.of(2014, 11, 30)), Instant.parse("2014-12-01T10:00:00Z"));
        append(ID, 7, new SteeringDialogueHeldEvent(ID, "2014-2", LocalDate.of(2014, 12, 4), List.of("MAIS", "JC"),
                Map.of(), List.of(), List.of()), Instant.parse("2014-12-05T10:00:00Z"));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM read_model.agreement_history").query(Long.class).single() == 8
                && jdbc.sql("SELECT count(*) FROM read_model.monthly_figures_version").query(Long.class).single() == 25);
    }

    private void append(String aggregateId, long sequence, Object payload, Instant recordedAt) {
        events.append(new GenericDomainEventMessage<>(
                payload.getClass().getSimpleName(), aggregateId, sequence, payload, MetaData.emptyInstance(),
                UUID.randomUUID().toString(), recordedAt));
    }

    @Test
    void listsAndShowsTheAgreementAsKnownAtADate() throws Exception {
        mvc.perform(get("/api/agreements").param("year", "2014"))
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].agreementId").value(ID))
                .andExpect(jsonPath("$[0].title").value("Vereinbarung 2014"));
        mvc.perform(get("/api/agreements").param("year", "2014").param("asOf", "2014-04-01T00:00:00Z"))
                .andExpect(jsonPath("$", hasSize(0)));

        mvc.perform(get("/api/agreements/" + ID).param("asOf", "2014-04-20T00:00:00Z"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.signatures", hasSize(1)))
                .andExpect(jsonPath("$.inForceSince").value(nullValue()))
                .andExpect(jsonPath("$.content.parties[0].representativeName").value("Dr. Wilhelm Schäffer"))
                .andExpect(jsonPath("$.schedule[0].dueBy").value("2014-06-30"))
                .andExpect(jsonPath("$.schedule[0].overdue").value(false));
        // on 5 July no dialogue had been held: the first one is overdue
        mvc.perform(get("/api/agreements/" + ID).param("asOf", "2014-07-05T00:00:00Z"))
                .andExpect(jsonPath("$.inForceSince").value("2014-05-07"))
                .andExpect(jsonPath("$.schedule[0].overdue").value(true))
                .andExpect(jsonPath("$.schedule[1].overdue").value(false));
        mvc.perform(get("/api/agreements/" + ID))
                .andExpect(jsonPath("$.schedule[0].heldOn").value("2014-07-10"))
                .andExpect(jsonPath("$.schedule[0].overdue").value(true))
                .andExpect(jsonPath("$.schedule[1].heldOn").value("2014-12-04"))
                .andExpect(jsonPath("$.schedule[1].overdue").value(false))
                .andExpect(jsonPath("$.targets[2].current.value").value(0.5))
                .andExpect(jsonPath("$.targets[2].concluded.value").value(0))
                .andExpect(jsonPath("$.targets[2].revisions[0].reason").value("Insolvenz"))
                .andExpect(jsonPath("$.goalProgress['III.3'][0].status").value("IN_PROGRESS"))
                .andExpect(jsonPath("$.steeringDialogues[0].deviations[0].estimatedEffect").value(0.4));
        mvc.perform(get("/api/agreements/05122-2099")).andExpect(status().isNotFound());
        mvc.perform(get("/api/agreements/solingen")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("agreementId"));
    }

    /**
     * The dashboard's overview, checked by hand: reports are due three months after their month; on 20 April 2014
     * January's were due and none was known (the figures came on 15 April 2015); on 5 July 2014 January to April
     * were due and the first dialogue (due 30 June) was overdue; now every month of 2014 is known and the dialogue,
     * held late on 10 July, stays overdue. K2: 2,099 integrations / 10,000 = 20.99 % against 19.88 × 1.005 = 19.98.
     */
    @Test
    void theOverviewShowsReportsDueTargetsAndOverdueDialoguesAsKnownAtADate() throws Exception {
        mvc.perform(get("/api/overview").param("year", "2014").param("asOf", "2014-04-20T00:00:00Z"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.expectedMonth").value("2014-01"))
                .andExpect(jsonPath("$.jobcenters", hasSize(1)))
                .andExpect(jsonPath("$.jobcenters[0].jobcenterId").value("05122"))
                .andExpect(jsonPath("$.jobcenters[0].latestMonth").value(nullValue()))
                .andExpect(jsonPath("$.jobcenters[0].missingMonths", contains("2014-01")))
                .andExpect(jsonPath("$.jobcenters[0].agreementId").value(ID))
                .andExpect(jsonPath("$.jobcenters[0].dialoguesOverdue").value(0))
                .andExpect(jsonPath("$.jobcenters[0].targets[1].targetId").value("II-K2"))
                .andExpect(jsonPath("$.jobcenters[0].targets[1].value").value(nullValue()))
                .andExpect(jsonPath("$.jobcenters[0].targets[1].status").value("NOT_COMPUTABLE"));
        mvc.perform(get("/api/overview").param("year", "2014").param("asOf", "2014-07-05T00:00:00Z"))
                .andExpect(jsonPath("$.expectedMonth").value("2014-04"))
                .andExpect(jsonPath("$.jobcenters[0].missingMonths", contains("2014-01", "2014-02", "2014-03",
                        "2014-04")))
                .andExpect(jsonPath("$.jobcenters[0].dialoguesOverdue").value(1));
        mvc.perform(get("/api/overview").param("year", "2014"))
                .andExpect(jsonPath("$.expectedMonth").value("2014-12"))
                .andExpect(jsonPath("$.jobcenters[0].latestMonth").value("2014-12"))
                .andExpect(jsonPath("$.jobcenters[0].dataStatus").value("2015-03-31"))
                .andExpect(jsonPath("$.jobcenters[0].missingMonths", hasSize(0)))
                .andExpect(jsonPath("$.jobcenters[0].dialoguesOverdue").value(1))
                .andExpect(jsonPath("$.jobcenters[0].targets", hasSize(3)))
                .andExpect(jsonPath("$.jobcenters[0].targets[0].status").value("MONITORING"))
                .andExpect(jsonPath("$.jobcenters[0].targets[1].month").value("2014-12"))
                .andExpect(jsonPath("$.jobcenters[0].targets[1].value").value(20.99))
                .andExpect(jsonPath("$.jobcenters[0].targets[1].targetLevel").value(19.98))
                .andExpect(jsonPath("$.jobcenters[0].targets[1].status").value("ON_TRACK"))
                .andExpect(jsonPath("$.jobcenters[0].targets[2].value").value(-0.5));
        // 2015: nothing known, every month due; filters; a Jobcenter user sees its own row only
        mvc.perform(get("/api/overview").param("year", "2015"))
                .andExpect(jsonPath("$.jobcenters[0].missingMonths", hasSize(12)))
                .andExpect(jsonPath("$.jobcenters[0].agreementId").value(nullValue()))
                .andExpect(jsonPath("$.jobcenters[0].targets", hasSize(0)));
        mvc.perform(get("/api/overview").param("year", "2014").param("carrierType", "gE"))
                .andExpect(jsonPath("$.jobcenters", hasSize(0)));
        mvc.perform(get("/api/overview").param("year", "2014").with(DemoUsers.as(DemoUsers.JOBCENTER_WUPPERTAL)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.jobcenters", hasSize(0)));
        mvc.perform(get("/api/overview").param("year", "2014").with(DemoUsers.as(DemoUsers.JOBCENTER_SOLINGEN)))
                .andExpect(jsonPath("$.jobcenters", hasSize(1)));
        mvc.perform(get("/api/overview").param("year", "1999")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("year"));
        mvc.perform(get("/api/overview").param("year", "2014").param("carrierType", "Optionskommune"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("carrierType"));
    }

    @Test
    void progressAgainstTheTargetsAsKnownAtThreeDates() throws Exception {
        // before any figure was known: nothing can be computed, and it says why
        mvc.perform(get("/api/agreements/" + ID + "/progress").param("asOf", "2014-08-01T00:00:00Z"))
                .andExpect(jsonPath("$.targets[1].targetId").value("II-K2"))
                .andExpect(jsonPath("$.targets[1].months[5].status").value("NOT_COMPUTABLE"))
                .andExpect(jsonPath("$.targets[1].months[5].reason").value(org.hamcrest.Matchers.containsString(
                        "INT 2014-01")));
        // once the figures are in: K2 19.88 % × 1.005 = 19.98 % to reach; 20.99 % reached
        mvc.perform(get("/api/agreements/" + ID + "/progress").param("asOf", "2015-05-01T00:00:00Z"))
                .andExpect(jsonPath("$.targets[0].months[11].status").value("MONITORING"))
                .andExpect(jsonPath("$.targets[0].months[11].yearToDate.percent").value(-1.00))
                .andExpect(jsonPath("$.targets[1].months[11].yearToDate.percent").value(20.99))
                .andExpect(jsonPath("$.targets[1].months[11].targetLevel").value(19.98))
                .andExpect(jsonPath("$.targets[1].months[11].gap").value(1.01))
                .andExpect(jsonPath("$.targets[1].months[11].status").value("ON_TRACK"))
                // June: 1,050 / 10,000 = 10.50 %, a year earlier 9.96 % → 9.96 × 1.005 = 10.0098 → 10.01
                .andExpect(jsonPath("$.targets[1].months[5].yearToDate.percent").value(10.50))
                .andExpect(jsonPath("$.targets[1].months[5].samePeriodTarget").value(10.01))
                // K3: −0.50 % against "at most 0 %", revised to 0.5 % from October; the July dialogue's deviation
                .andExpect(jsonPath("$.targets[2].months[5].target.value").value(0))
                .andExpect(jsonPath("$.targets[2].months[5].deviations").isEmpty())
                .andExpect(jsonPath("$.targets[2].months[6].deviations[0].deviation.estimatedEffect").value(0.4))
                .andExpect(jsonPath("$.targets[2].months[6].adjustedTargetLevel").value(0.4))
                .andExpect(jsonPath("$.targets[2].months[11].target.value").value(0.5))
                .andExpect(jsonPath("$.targets[2].months[11].targetLevel").value(0.5))
                .andExpect(jsonPath("$.targets[2].months[11].yearToDate.percent").value(-0.50))
                .andExpect(jsonPath("$.targets[2].months[11].status").value("ON_TRACK"))
                .andExpect(jsonPath("$.targets[2].months[11].statusConsideringDeviations").value("ON_TRACK"));
    }
}
