package dev.zielmonitor.query.operations;

import dev.zielmonitor.access.DemoUsers;
import dev.zielmonitor.events.agreement.AgreementParty;
import dev.zielmonitor.events.agreement.Goal;
import dev.zielmonitor.events.agreement.PartyRole;
import dev.zielmonitor.events.agreement.TargetAgreementConcludedEvent;
import dev.zielmonitor.events.agreement.TargetAgreementSignedEvent;
import dev.zielmonitor.events.common.CarrierType;
import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.registry.JobcenterRegisteredEvent;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureChange;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.events.reporting.MonthlyFiguresCorrectedEvent;
import dev.zielmonitor.events.reporting.MonthlyFiguresRecordedEvent;
import dev.zielmonitor.eventstore.deadletter.ParkedEvents;
import dev.zielmonitor.infra.TestDatabase;
import dev.zielmonitor.infra.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.serialization.Serializer;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import dev.zielmonitor.query.CommandSideEvents;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An event a projection cannot apply parks its sequence, not the processor (issue 17): the other Jobcenters' and
 * agreements' events are still projected, the parked sequence is listed with its failure and counted, and a retry
 * after the fix applies it. Against the real event store, dead-letter table and read model.
 */
// a context of its own, used by this class only: closed after it, so its connections do not pile up
@DirtiesContext
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParkedEventsTest {

    static final TestDatabase DB = TestDatabase.another();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.databaseProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    }

    MockMvc admin;

    @Autowired
    void logIn(WebApplicationContext context) {
        admin = DemoUsers.mockMvc(context, DemoUsers.ADMIN);
    }

    CommandSideEvents events;

    @Autowired
    void commandSide(@Qualifier("eventSerializer") Serializer eventSerializer) {
        events = new CommandSideEvents(DB, eventSerializer);
    }

    /** The database's administrator: the test's simulated defects are its doing, not the services'. */
    static final JdbcClient ADMIN = JdbcClient.create(new DriverManagerDataSource(DB.url(), DB.user(),
            DB.password()));

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ParkedEvents parked;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    MeterRegistry meters;

    @BeforeAll
    void registerJobcenters() {
        append(List.of(registered("05122"), registered("05124"), registered("05111")));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM read_model.jobcenter")
                .query(Long.class).single() == 3);
    }

    private static EventMessage<?> registered(String id) {
        return event(id, 0, new JobcenterRegisteredEvent(JobcenterId.of(id), "Jobcenter " + id, "DE-NW",
                CarrierType.ZKT, null, null));
    }

    private static EventMessage<?> event(String aggregate, long sequence, Object payload) {
        return new GenericDomainEventMessage<>(payload.getClass().getSimpleName(), aggregate, sequence, payload,
                MetaData.emptyInstance(), UUID.randomUUID().toString(), Instant.now());
    }

    /** In one statement batch, so that the processor takes them in one batch. */
    private void append(List<EventMessage<?>> batch) {
        events.append(batch.toArray(EventMessage[]::new));
    }

    private static MonthlyFiguresRecordedEvent figures(String jobcenter, int month, long elb) {
        return new MonthlyFiguresRecordedEvent(JobcenterId.of(jobcenter), ReportingMonth.of(2014, month),
                LocalDate.of(2014, month + 3, 28), "BA_STATISTIK", "m-" + jobcenter + "-" + month,
                Map.of(FigureCode.ELB, Figure.total(elb)));
    }

    private long versions(String jobcenter) {
        return jdbc.sql("SELECT count(*) FROM read_model.monthly_figures_version WHERE jobcenter_id = ?")
                .param(jobcenter).query(Long.class).single();
    }

    private static final String WUPPERTAL = "$.sequences[?(@.sequence == 'report:05124:2014-01')]";

    private double gauge(String name, String group) {
        return meters.get(name).tag("group", group).gauge().value();
    }

    @Test
    void everyProcessingGroupParksTheEventsItCannotApply() {
        assertThat(processing.eventProcessors().keySet()).isNotEmpty();
        assertThat(parked.processingGroups()).containsExactlyInAnyOrderElementsOf(
                processing.eventProcessors().keySet());
    }

    @Test
    void aRowTheDatabaseRefusesParksItsSequenceTheOthersAdvanceAndARetryAfterTheFixAppliesIt() throws Exception {
        // a defect of the read model's database that Wuppertal's rows meet, fixed later by an operator
        ADMIN.sql("""
                CREATE OR REPLACE FUNCTION test_refuse_wuppertal() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.jobcenter_id = '05124' THEN
                        RAISE EXCEPTION 'simulated defect of the read model' USING ERRCODE = 'P0001';
                    END IF;
                    RETURN NEW;
                END $$""").update();
        ADMIN.sql("CREATE TRIGGER test_refuse_wuppertal BEFORE INSERT ON read_model.monthly_figures_version "
                + "FOR EACH ROW EXECUTE FUNCTION test_refuse_wuppertal()").update();
        try {
            append(List.of(event("report:05124:2014-01", 0, figures("05124", 1, 20100)),
                    event("report:05122:2014-01", 0, figures("05122", 1, 10700)),
                    event("report:05124:2014-01", 1, new MonthlyFiguresCorrectedEvent(JobcenterId.of("05124"),
                            ReportingMonth.of(2014, 1), LocalDate.of(2014, 5, 31), "BA_STATISTIK", "m-05124-1b",
                            "Revision", Map.of(FigureCode.ELB, new FigureChange(Figure.total(20100),
                            Figure.total(20200))))),
                    event("report:05122:2014-02", 0, figures("05122", 2, 10710))));

            await().atMost(Duration.ofSeconds(30)).until(() -> versions("05122") == 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> parked.count("monthly-figures") == 2);
            assertThat(versions("05124")).isZero();
            assertThat(gauge("zielmonitor.projection.parked.events", "monthly-figures")).isEqualTo(2.0);
            assertThat(gauge("zielmonitor.projection.parked.sequences", "monthly-figures")).isEqualTo(1.0);

            // later events of the parked sequence wait behind it; other months of Wuppertal are not held back
            append(List.of(event("report:05124:2014-01", 2, new MonthlyFiguresCorrectedEvent(JobcenterId.of("05124"),
                    ReportingMonth.of(2014, 1), LocalDate.of(2014, 6, 30), "BA_STATISTIK", "m-05124-1c", "Revision",
                    Map.of(FigureCode.ELB, new FigureChange(Figure.total(20200), Figure.total(20300))))),
                    event("report:05122:2014-03", 0, figures("05122", 3, 10720))));
            await().atMost(Duration.ofSeconds(30)).until(() -> versions("05122") == 3);
            await().atMost(Duration.ofSeconds(30)).until(() -> parked.count("monthly-figures") == 3);

            admin.perform(get("/api/admin/parked-events"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.groups[?(@.processingGroup == 'monthly-figures')].parkedEvents").value(3))
                    .andExpect(jsonPath(WUPPERTAL + ".processingGroup").value("monthly-figures"))
                    .andExpect(jsonPath(WUPPERTAL + ".events.length()").value(3))
                    .andExpect(jsonPath(WUPPERTAL + ".events[0].eventType").value("MonthlyFiguresRecordedEvent"))
                    .andExpect(jsonPath(WUPPERTAL + ".events[0].causeMessage").value(org.hamcrest.Matchers.hasItem(
                            containsString("simulated defect of the read model"))))
                    .andExpect(jsonPath(WUPPERTAL + ".events[1].eventType").value("MonthlyFiguresCorrectedEvent"))
                    .andExpect(jsonPath(WUPPERTAL + ".events[1].causeType").value(org.hamcrest.Matchers.hasItem(
                            org.hamcrest.Matchers.nullValue())));
            assertThat(processing.eventProcessor("monthly-figures", StreamingEventProcessor.class).orElseThrow()
                    .isRunning()).as("the processor goes on").isTrue();
        } finally {
            ADMIN.sql("DROP TRIGGER IF EXISTS test_refuse_wuppertal ON read_model.monthly_figures_version").update();
        }

        admin.perform(post("/api/admin/parked-events/monthly-figures/report:05124:2014-01/retry"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.applied").value(true))
                .andExpect(jsonPath("$.stillParked").value(0));
        assertThat(versions("05124")).as("the first figures and both corrections").isEqualTo(3);
        assertThat(jdbc.sql("SELECT figures ->> 'ELB' FROM read_model.monthly_figures_version "
                + "WHERE jobcenter_id = '05124' AND recorded_to IS NULL").query(String.class).single())
                .contains("20300");
        assertThat(gauge("zielmonitor.projection.parked.events", "monthly-figures")).isZero();
    }

    @Test
    void anAgreementWhoseEventTheReadModelCannotHoldIsParkedAndTheOthersAreProjected() throws Exception {
        AgreementParty ministry = new AgreementParty(PartyRole.MINISTRY, "MAIS NRW", "Staatssekretär", "N. N.");
        AgreementParty jobcenter = new AgreementParty(PartyRole.JOBCENTER, "Stadt", "Oberbürgermeister", "M. M.");
        List<Goal> goals = List.of(new Goal("I", "Ziel", null, List.of(), List.of()));
        // stored before the API refused NUL (issue 17): PostgreSQL's jsonb cannot hold it
        append(List.of(event("05111-2030", 0, new TargetAgreementConcludedEvent("05111-2030", JobcenterId.of("05111"),
                        2030, "Zielvereinbarung\u0000", List.of(ministry, jobcenter), "§ 48b SGB II", null, List.of(),
                        List.of(), goals, 2, null)),
                event("05111-2030", 1, new TargetAgreementSignedEvent("05111-2030", PartyRole.MINISTRY, "Düsseldorf",
                        LocalDate.of(2030, 4, 1))),
                event("05122-2030", 0, new TargetAgreementConcludedEvent("05122-2030", JobcenterId.of("05122"), 2030,
                        "Zielvereinbarung 2030", List.of(ministry, jobcenter), "§ 48b SGB II", null, List.of(),
                        List.of(), goals, 2, null))));

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM read_model.agreement_history WHERE agreement_id = '05122-2030'")
                .query(Long.class).single() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> parked.count("agreements") == 2);
        assertThat(jdbc.sql("SELECT count(*) FROM read_model.agreement_history WHERE agreement_id = '05111-2030'")
                .query(Long.class).single()).isZero();

        // retried without a fix: it fails again, stays parked with the new failure and a count
        admin.perform(post("/api/admin/parked-events/agreements/05111-2030/retry"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.applied").value(false))
                .andExpect(jsonPath("$.stillParked").value(2));
        admin.perform(get("/api/admin/parked-events"))
                .andExpect(jsonPath("$.sequences[?(@.sequence == '05111-2030')].events[0].retries").value(1))
                .andExpect(jsonPath("$.sequences[?(@.sequence == '05111-2030')].events[0].causeMessage",
                        org.hamcrest.Matchers.hasItem(containsString("0000"))));
    }

    @Test
    void anUnknownSequenceIsNotFoundAndAnUnknownGroupIsABadRequest() throws Exception {
        admin.perform(post("/api/admin/parked-events/monthly-figures/report:09999:2014-01/retry"))
                .andExpect(status().isNotFound());
        admin.perform(post("/api/admin/parked-events/no-such-group/x/retry"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("processingGroup"));
    }
}
