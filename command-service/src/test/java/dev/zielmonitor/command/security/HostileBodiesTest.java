package dev.zielmonitor.command.security;

import dev.zielmonitor.access.DemoUsers;
import dev.zielmonitor.command.CommandServiceIntegrationTest;
import dev.zielmonitor.web.RequestBodyBounds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What a hostile or careless user can put into a command: text PostgreSQL cannot hold, numbers no projection can
 * handle, dates outside any calendar the platform speaks of. Each is a 400 naming the field, and nothing is stored
 * (issue 17: a NUL in an agreement title used to halt the agreement projection).
 */
class HostileBodiesTest extends CommandServiceIntegrationTest {

    private static final Path SEED = Path.of("..", "demo", "agreements", "solingen-2014.json");

    MockMvc mvc;

    @Autowired
    void logIn(WebApplicationContext context) {
        mvc = DemoUsers.mockMvc(context, DemoUsers.MINISTRY);
    }

    @Autowired
    WebApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;

    /** The seed agreement for another Jobcenter and year, so that nothing else in this test database meets it. */
    private ObjectNode agreement(int year) throws Exception {
        ObjectNode conclude = (ObjectNode) json.readTree(Files.readString(SEED)).get("conclude");
        conclude.put("jobcenterId", "05124");
        conclude.put("year", year);
        return conclude;
    }

    private void refused(String path, String body, String field) throws Exception {
        mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem(field)));
    }

    @Test
    void everyValueOfEveryRequestBodyIsBounded() {
        assertThat(RequestBodyBounds.requestBodies(context)).isNotEmpty();
        assertThat(RequestBodyBounds.unbounded(RequestBodyBounds.requestBodies(context))).isEmpty();
    }

    @Test
    void textThatPostgresCannotHoldIsRefusedAtTheField() throws Exception {
        ObjectNode nul = agreement(2031);
        nul.put("title", "Zielvereinbarung\u0000");
        refused("/api/agreements", nul.toString(), "title");

        ObjectNode surrogate = agreement(2031);
        ((ObjectNode) surrogate.get("goals").get(0)).put("description", "Ziel LONE-SURROGATE kaputt");
        // as JSON text: a lone surrogate cannot be encoded in UTF-8, only escaped
        refused("/api/agreements", surrogate.toString().replace("LONE-SURROGATE", "\\ud800"),
                "goals[0].description");

        ObjectNode twoLines = agreement(2031);
        ((ObjectNode) twoLines.get("parties").get(0)).put("representativeName", "Dr. Wilhelm\nSchäffer");
        refused("/api/agreements", twoLines.toString(), "parties[0].representativeName");

        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = '05124-2031'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void numbersBeyondTheirBoundsAreRefusedAtTheField() throws Exception {
        ObjectNode huge = agreement(2032);
        String body = huge.toString().replace("\"value\":0.5", "\"value\":1e1000000000");
        assertThat(body).contains("1e1000000000");
        refused("/api/agreements", body, "goals[1].targets[0].value");
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = '05124-2032'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void datesOutsideThePlatformsTimeAreRefusedAtTheField() throws Exception {
        refused("/api/agreements/05122-2014/signatures",
                "{\"party\":\"JOBCENTER\",\"place\":\"Solingen\",\"date\":\"+999999999-12-31\"}", "date");
        refused("/api/agreements/05122-2014/signatures",
                "{\"party\":\"JOBCENTER\",\"place\":\"Solingen\",\"date\":\"0001-01-01\"}", "date");
    }

    @Test
    void theFieldsOfAProblemAreNamedAsJsonPaths() throws Exception {
        JsonNode problem = json.readTree(mvc.perform(post("/api/agreements").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"jobcenterId\":\"05122\",\"year\":2031,\"goals\":[{\"goalId\":\"\"}]}"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString());
        assertThat(problem.findValuesAsString("field")).contains("goals[0].goalId");
    }
}
