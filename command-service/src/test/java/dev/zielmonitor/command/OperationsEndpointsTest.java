package dev.zielmonitor.command;

import dev.zielmonitor.access.DemoUsers;
import dev.zielmonitor.command.ingest.kafka.KafkaIngestionTestSupport;
import org.axonframework.updates.configuration.UsagePropertyProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class OperationsEndpointsTest extends CommandServiceIntegrationTest {

    MockMvc mvc;

    @Autowired
    void logIn(WebApplicationContext context) {
        mvc = DemoUsers.mockMvc(context, DemoUsers.ADMIN);
    }

    @Autowired
    UsagePropertyProvider updateCheckerSettings;

    @Test
    void reportsHealthMetricsAndItsApi() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("jvm_memory_used_bytes")));
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/jobcenters'].post").exists());
    }

    @Test
    void exposesIngestionOutcomesAndConsumerLag() throws Exception {
        KafkaIngestionTestSupport.publish("05122", KafkaIngestionTestSupport.message(java.util.UUID.randomUUID()
                .toString(), "05122", "2011-01", "2011-04-30", 10900).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> mvc
                .perform(get("/actuator/prometheus")).andReturn().getResponse().getContentAsString()
                .contains("zielmonitor_ingest_messages_total{code=\"none\",outcome=\"recorded\"}"));
        String metrics = mvc.perform(get("/actuator/prometheus")).andReturn().getResponse().getContentAsString();
        assertThat(metrics).contains("kafka_consumer_fetch_manager_records_lag_max");
    }

    @Test
    void axonsUpdateCheckerIsConfiguredOff() {
        assertThat(updateCheckerSettings.getDisabled()).isTrue();
    }
}
