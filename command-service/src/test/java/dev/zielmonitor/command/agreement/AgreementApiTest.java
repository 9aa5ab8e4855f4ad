package dev.zielmonitor.command.agreement;

import dev.zielmonitor.access.DemoUsers;
import dev.zielmonitor.command.CommandServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The Solingen 2014 agreement (demo/agreements/solingen-2014.json, structured from the seed document) through the
 * REST API into the real event store, then signed, and the errors a client can make.
 */
class AgreementApiTest extends CommandServiceIntegrationTest {

    private static final Path SEED = Path.of("..", "demo", "agreements", "solingen-2014.json");

    MockMvc mvc;

    @Autowired
    void logIn(WebApplicationContext context) {
        mvc = DemoUsers.mockMvc(context, DemoUsers.MINISTRY);
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;

    @Test
    void theSolingenAgreementIsConcludedSignedAndStoredWithEveryPart() throws Exception {
        JsonNode seed = json.readTree(Files.readString(SEED));
        String conclude = seed.get("conclude").toString();
        mvc.perform(post("/api/agreements").contentType(MediaType.APPLICATION_JSON).content(conclude))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/agreements/05122-2014"))
                .andExpect(jsonPath("$.outcome").value("CONCLUDED"));
        mvc.perform(post("/api/agreements").contentType(MediaType.APPLICATION_JSON).content(conclude))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("ALREADY_CONCLUDED"));
        for (JsonNode signature : seed.get("signatures")) {
            mvc.perform(post("/api/agreements/05122-2014/signatures").contentType(MediaType.APPLICATION_JSON)
                            .content(signature.toString()))
                    .andExpect(status().isOk());
        }
        mvc.perform(post("/api/agreements/05122-2014/signatures").contentType(MediaType.APPLICATION_JSON)
                        .content(seed.get("signatures").get(0).toString()))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("already signed by the JOBCENTER")));

        JsonNode concluded = payload("TargetAgreementConcludedEvent");
        assertThat(concluded.at("/parties/0/representativeName").asString()).isEqualTo("Dr. Wilhelm Schäffer");
        assertThat(concluded.at("/parties/1/representativeOffice").asString()).isEqualTo("Oberbürgermeister");
        assertThat(concluded.get("legalBasis").asString()).isEqualTo("§ 48b Abs. 1 S. 1 Nr. 4 SGB II");
        assertThat(concluded.get("priorities")).hasSize(4);
        assertThat(concluded.get("referencedDocuments").toString()).contains("Lokales Planungsdokument 2014");
        assertThat(concluded.get("goals")).hasSize(5);
        assertThat(concluded.at("/goals/0/targets/0/type").asString()).isEqualTo("MONITORING");
        assertThat(concluded.at("/goals/1/targets/0/indicator").asString()).isEqualTo("K2");
        assertThat(concluded.at("/goals/1/targets/0/type").asString()).isEqualTo("RELATIVE_CHANGE");
        assertThat(concluded.at("/goals/1/targets/0/value").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(concluded.at("/goals/1/targets/0/baseYear").asInt()).isEqualTo(2013);
        assertThat(concluded.at("/goals/2/targets/0/type").asString()).isEqualTo("MAX_CHANGE");
        assertThat(concluded.at("/goals/2/targets/0/value").decimalValue()).isEqualByComparingTo("0");
        assertThat(concluded.at("/goals/2/subGoals").toString()).contains("Schritt für Schritt", "2015-11-30");
        assertThat(concluded.at("/goals/1/description").asString()).contains("um 0,5 % im Vergleich zum Vorjahr");
        assertThat(concluded.get("dialoguesPerYear").asInt()).isEqualTo(2);
        assertThat(payload("TargetAgreementInForceEvent").get("since").asString()).isEqualTo("2014-05-07");

        mvc.perform(post("/api/agreements/05122-2014/steering-dialogues").contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"dialogueId":"2014-1","date":"2014-06-26",
                                 "participants":["MAIS NRW, Referat II A 3","Jobcenter Solingen, Leitung"],
                                 "findings":{"II":"K2 im Plan","III":"LZB-Bestand leicht über Vorjahr"},
                                 "agreedActions":["Minijob-Initiative verstärken"],
                                 "deviations":[{"description":"Insolvenz eines Großbetriebs",
                                   "affectedIndicators":["K3"],"estimatedEffect":0.4}]}"""))
                .andExpect(status().isOk());
        assertThat(payload("SteeringDialogueHeldEvent").at("/deviations/0/estimatedEffect").decimalValue())
                .isEqualByComparingTo("0.4");
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndAnUnknownAgreementIsNotFound() throws Exception {
        mvc.perform(post("/api/agreements").contentType(MediaType.APPLICATION_JSON).content("""
                        {"jobcenterId":"05111","year":2014,"parties":[],"legalBasis":"§ 48b SGB II",
                         "goals":[{"goalId":"II","title":"t","targets":[{"targetId":"II-K2","indicator":"K2"}]}]}"""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.hasItems("title", "parties",
                        "goals[0].targets[0].type")));
        mvc.perform(post("/api/agreements").contentType(MediaType.APPLICATION_JSON).content("""
                        {"jobcenterId":"05111","year":2014,"title":"t","legalBasis":"b","parties":[
                          {"role":"MINISTRY","organisation":"MAIS","representativeOffice":"StS","representativeName":"N"},
                          {"role":"JOBCENTER","organisation":"Stadt","representativeOffice":"OB","representativeName":"M"}],
                         "goals":[{"goalId":"II","title":"t","targets":[{"targetId":"II-K2","indicator":"K2",
                           "type":"RELATIVE_CHANGE","value":0.5}]}]}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("goals[0].targets[0].baseYear"));
        mvc.perform(post("/api/agreements").contentType(MediaType.APPLICATION_JSON).content("""
                        {"jobcenterId":"09999","year":2014,"title":"t","legalBasis":"b","parties":[
                          {"role":"MINISTRY","organisation":"MAIS","representativeOffice":"StS","representativeName":"N"},
                          {"role":"JOBCENTER","organisation":"Stadt","representativeOffice":"OB","representativeName":"M"}],
                         "goals":[{"goalId":"I","title":"t"}]}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("jobcenterId"));
        mvc.perform(post("/api/agreements/05111-2031/signatures").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"party\":\"MINISTRY\",\"place\":\"Düsseldorf\",\"date\":\"2031-05-01\"}"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/agreements/05111-2031/signatures").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"party\":\"KING\",\"place\":\"Düsseldorf\",\"date\":\"2031-05-01\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("party"));
    }

    private JsonNode payload(String eventType) {
        return json.readTree(jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                        + "WHERE aggregateidentifier = '05122-2014' AND payloadtype = ?")
                .param("dev.zielmonitor.events.agreement." + eventType).query(String.class).single());
    }
}
