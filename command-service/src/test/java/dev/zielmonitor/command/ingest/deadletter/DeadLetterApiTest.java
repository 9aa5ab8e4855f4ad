package dev.zielmonitor.command.ingest.deadletter;

import dev.zielmonitor.access.DemoUsers;
import dev.zielmonitor.command.CommandServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static dev.zielmonitor.command.ingest.kafka.KafkaIngestionTestSupport.message;
import static dev.zielmonitor.command.ingest.kafka.KafkaIngestionTestSupport.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class DeadLetterApiTest extends CommandServiceIntegrationTest {

    MockMvc mvc;

    @Autowired
    void logIn(WebApplicationContext context) {
        mvc = DemoUsers.mockMvc(context, DemoUsers.ADMIN);
    }

    @Autowired
    JdbcClient jdbc;

    private Optional<Long> deadLetterOf(String messageId, String status) {
        return jdbc.sql("SELECT id FROM command_side.dead_letter WHERE position(convert_to(?, 'UTF8') IN record_value) > 0 "
                        + "AND status = ? ORDER BY id DESC LIMIT 1")
                .params(messageId, status).query(Long.class).optional();
    }

    @Test
    void anOperatorResubmitsAMessageOnceItsJobcenterIsRegistered() throws Exception {
        String messageId = UUID.randomUUID().toString();
        publish("06411", message(messageId, "06411", "2014-03", "2014-06-30", 12000).getBytes(StandardCharsets.UTF_8));
        long id = await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterOf(messageId, "PARKED"),
                Optional::isPresent).get();

        mvc.perform(get("/api/ingestion/dead-letters").param("code", "UNKNOWN_JOBCENTER"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == " + id + ")].reason").value("no Jobcenter 06411 is registered"))
                .andExpect(jsonPath("$[?(@.id == " + id + ")].key").value("06411"));
        mvc.perform(get("/api/ingestion/dead-letters/" + id))
                .andExpect(jsonPath("$.value").value(org.hamcrest.Matchers.containsString(messageId)));

        mvc.perform(post("/api/jobcenters").contentType(MediaType.APPLICATION_JSON).content("""
                        {"jobcenterId":"06411","name":"Jobcenter Darmstadt","land":"HE","carrierType":"zkT"}"""))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/ingestion/dead-letters/" + id + "/resubmit"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("RESUBMITTED"))
                .andExpect(jsonPath("$.resubmittedBy").value(DemoUsers.ADMIN));

        String metadata = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                        "SELECT convert_from(metadata, 'UTF8') FROM domainevententry WHERE convert_from(metadata, 'UTF8') LIKE ?")
                .param("%\"messageId\":\"" + messageId + "\"%").query(String.class).optional(), Optional::isPresent).get();
        assertThat(metadata).as("the resubmission is recorded with the event").contains("\"resubmissionOf\":" + id);

        mvc.perform(post("/api/ingestion/dead-letters/" + id + "/resubmit"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void aResubmissionThatFailsAgainIsParkedAsANewDeadLetterPointingBack() throws Exception {
        String messageId = UUID.randomUUID().toString();
        publish("07111", message(messageId, "07111", "2014-03", "2014-06-30", 100).getBytes(StandardCharsets.UTF_8));
        long first = await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterOf(messageId, "PARKED"),
                Optional::isPresent).get();

        mvc.perform(post("/api/ingestion/dead-letters/" + first + "/resubmit")).andExpect(status().isOk());

        long second = await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterOf(messageId, "PARKED"),
                o -> o.isPresent() && o.get() != first).get();
        mvc.perform(get("/api/ingestion/dead-letters/" + second))
                .andExpect(jsonPath("$.resubmissionOf").value(first))
                .andExpect(jsonPath("$.errorCode").value("UNKNOWN_JOBCENTER"));
    }

    /** The operations page's summary: consumer lag per partition, messages by outcome, dead letters by status. */
    @Test
    void theIngestionStatusCountsWhatWasHandledAndWhatIsParked() throws Exception {
        String messageId = UUID.randomUUID().toString();
        publish("08111", message(messageId, "08111", "2014-03", "2014-06-30", 100).getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterOf(messageId, "PARKED"), Optional::isPresent);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(get("/api/ingestion/status"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.topic").value("zielmonitor.monthly-figures.v1"))
                .andExpect(jsonPath("$.consumerLag").value(0))
                .andExpect(jsonPath("$.partitions[*].lag", everyItem(is(0))))
                .andExpect(jsonPath("$.partitions", org.hamcrest.Matchers.not(org.hamcrest.Matchers.empty())))
                .andExpect(jsonPath("$.messages.rejected", greaterThanOrEqualTo(1)))
                .andExpect(jsonPath("$.deadLetters.PARKED").value(jdbc.sql(
                        "SELECT count(*) FROM command_side.dead_letter WHERE status = 'PARKED'")
                        .query(Long.class).single().intValue())));
        mvc.perform(get("/api/ingestion/status").with(DemoUsers.as(DemoUsers.JOBCENTER_SOLINGEN)))
                .andExpect(status().isForbidden());
    }

    @Test
    void unknownDeadLettersAndBadParametersAreProblems() throws Exception {
        mvc.perform(get("/api/ingestion/dead-letters/999999")).andExpect(status().isNotFound());
        mvc.perform(get("/api/ingestion/dead-letters").param("limit", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/ingestion/dead-letters").param("status", "DROP TABLE"))
                .andExpect(status().isBadRequest());
    }
}
