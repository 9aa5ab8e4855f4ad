package dev.zielmonitor.command.registry;

import dev.zielmonitor.access.DemoUsers;
import dev.zielmonitor.command.CommandServiceIntegrationTest;
import dev.zielmonitor.command.security.CommandPrincipals;
import dev.zielmonitor.events.common.CarrierType;
import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.reporting.Provenance;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class JobcenterRegistryApiTest extends CommandServiceIntegrationTest {

    MockMvc mvc;

    @Autowired
    void logIn(WebApplicationContext context) {
        mvc = DemoUsers.mockMvc(context, DemoUsers.ADMIN);
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    CommandGateway commands;

    @Test
    void theNrwJobcentersAreRegisteredOnceAtStartUp() {
        long registrations = jdbc.sql("""
                        SELECT count(DISTINCT aggregateidentifier) FROM domainevententry
                        WHERE payloadtype = 'dev.zielmonitor.events.registry.JobcenterRegisteredEvent'
                          AND aggregateidentifier IN ('05111', '05122', '05978')""")
                .query(Long.class).single();
        long solingen = jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = '05122'")
                .query(Long.class).single();

        assertThat(registrations).isEqualTo(3);
        assertThat(solingen).isEqualTo(1);
    }

    @Test
    void registersAJobcenterOfAnotherLandAndIsIdempotent() throws Exception {
        String body = """
                {"jobcenterId":"09162","name":"Jobcenter München","land":"BY","carrierType":"gE",
                 "comparisonType":"IIIe","validFrom":"2012-01-01"}""";
        mvc.perform(post("/api/jobcenters").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/jobcenters/09162"))
                .andExpect(jsonPath("$.outcome").value("REGISTERED"));
        mvc.perform(post("/api/jobcenters").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("ALREADY_REGISTERED"));

        String payload = jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = '09162'").query(String.class).single();
        assertThat(payload).contains("\"name\":\"Jobcenter München\"", "\"comparisonType\":\"IIIe\"");
        // the authenticated caller is the event's principal
        assertThat(metadata("09162")).contains("\"principal\":\"" + DemoUsers.ADMIN + "\"");
    }

    @Test
    void everyCommandNamesItsPrincipalAndOneWithoutIsRefused() {
        assertThat(metadata("05122")).contains("\"principal\":\"" + CommandPrincipals.REGISTRY_SEED + "\"");

        // sent by code that serves no request and names nobody: refused, nothing recorded
        RegisterJobcenterCommand anonymous = new RegisterJobcenterCommand(JobcenterId.of("09999"), "Niemand", "BY",
                CarrierType.GE, null, null);
        assertThatThrownBy(() -> commands.sendAndWait(anonymous))
                .hasMessageContaining("carries no principal");
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = '09999'")
                .query(Long.class).single()).isZero();
        // the same command naming a principal is recorded
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(anonymous)
                .andMetaData(Map.of(Provenance.PRINCIPAL, "system:test")));
        assertThat(metadata("09999")).contains("\"principal\":\"system:test\"");
    }

    private String metadata(String aggregate) {
        return jdbc.sql("SELECT convert_from(metadata, 'UTF8') FROM domainevententry WHERE aggregateidentifier = ? "
                + "ORDER BY sequencenumber LIMIT 1").param(aggregate).query(String.class).single();
    }

    @Test
    void aDifferentRegistrationOfAKnownIdIsAConflict() throws Exception {
        mvc.perform(post("/api/jobcenters").contentType(MediaType.APPLICATION_JSON).content("""
                        {"jobcenterId":"05122","name":"Jobcenter Solingen","land":"NW","carrierType":"gE"}"""))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("Jobcenter 05122 is already registered with other data"));
    }

    @Test
    void invalidFieldsAreNamedInTheProblem() throws Exception {
        mvc.perform(post("/api/jobcenters").contentType(MediaType.APPLICATION_JSON).content("""
                        {"jobcenterId":"5122","name":" ","land":"Nordrhein-Westfalen","carrierType":"gE",
                         "comparisonType":"IV"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "jobcenterId", "name", "land", "comparisonType")));
    }

    @Test
    void aValueOfTheWrongTypeIsNamedInTheProblem() throws Exception {
        mvc.perform(post("/api/jobcenters").contentType(MediaType.APPLICATION_JSON).content("""
                        {"jobcenterId":"05999","name":"X","land":"NW","carrierType":"ARGE"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("carrierType"));
        mvc.perform(post("/api/jobcenters").contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
