package dev.zielmonitor.query.audit;

import dev.zielmonitor.access.DemoUsers;
import dev.zielmonitor.events.common.CarrierType;
import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.registry.JobcenterRegisteredEvent;
import dev.zielmonitor.eventstore.ChainSeal;
import dev.zielmonitor.infra.TestDatabase;
import dev.zielmonitor.query.CommandSideEvents;
import dev.zielmonitor.infra.TestInfrastructure;
import dev.zielmonitor.query.QueryServiceApplication;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

/**
 * The scheduled sealer (ADR 0010) on a store of its own, sealing every 200 ms: each seal is appended to the
 * publication file and logged; seals deleted from the database show against the one published last, and nothing
 * is sealed over them; without a key the service does not start.
 */
@DirtiesContext
@SpringBootTest(properties = "zielmonitor.hash-chain.seal-interval=200ms")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class HashChainSealingTest {

    static final TestDatabase DB = TestDatabase.another();
    static final Path PUBLISHED = temporaryFolder().resolve("seals").resolve("hash-chain-seals.jsonl");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestInfrastructure.databaseProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("zielmonitor.hash-chain.publish-file", PUBLISHED::toString);
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("hash-chain-sealing");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("eventSerializer")
    org.axonframework.serialization.Serializer eventSerializer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JsonMapper json;

    MockMvc mvc;

    @Autowired
    void logIn(WebApplicationContext context) {
        mvc = DemoUsers.mockMvc(context, DemoUsers.AUDITOR);
    }

    private void register(String jobcenter) {
        new CommandSideEvents(DB, eventSerializer).append(new GenericDomainEventMessage<>(
                "JobcenterRegisteredEvent", jobcenter, 0, new JobcenterRegisteredEvent(JobcenterId.of(jobcenter),
                "Jobcenter " + jobcenter, "DE-NW", CarrierType.GE, null, null), MetaData.with("principal", "test"),
                UUID.randomUUID().toString(), Instant.now()));
    }

    private long head() {
        return jdbc.sql("SELECT max(position) FROM event_hash_chain").query(Long.class).single();
    }

    private List<String> published() throws IOException {
        return Files.exists(PUBLISHED) ? Files.readAllLines(PUBLISHED) : List.of();
    }

    @Test
    @Order(1)
    void everySealIsAppendedToThePublicationFileAndLogged_periodically(CapturedOutput output) throws Exception {
        register("05122");
        long first = head();
        await().atMost(Duration.ofSeconds(20)).until(() -> published().size() == 1);
        register("05124");
        await().atMost(Duration.ofSeconds(20)).until(() -> published().size() == 2);

        List<String> lines = published();
        ChainSeal one = json.readValue(lines.get(0), ChainSeal.class);
        ChainSeal two = json.readValue(lines.get(1), ChainSeal.class);
        assertThat(one).extracting(ChainSeal::sealNumber, ChainSeal::position, ChainSeal::keyId)
                .containsExactly(1L, first, "test-2026");
        assertThat(two).extracting(ChainSeal::sealNumber, ChainSeal::position, ChainSeal::previousMac)
                .containsExactly(2L, head(), one.mac());
        assertThat(output.getOut()).contains("Hash chain sealed: " + lines.get(1));
        assertThat(meters.get("zielmonitor.hash.chain.seals").tag("outcome", "sealed").counter().count())
                .isEqualTo(2);
        mvc.perform(get("/api/audit/hash-chain"))
                .andExpect(jsonPath("$.intact").value(true))
                .andExpect(jsonPath("$.seals.published").value(2))
                .andExpect(jsonPath("$.seals.latest.mac").value(two.mac()));
    }

    @Test
    @Order(2)
    void sealsDeletedFromTheDatabaseShowAgainstTheOnePublished_andNothingIsSealedOverThem(CapturedOutput output)
            throws Exception {
        List<String> before = published();
        ChainSeal last = json.readValue(before.get(before.size() - 1), ChainSeal.class);
        // as someone who can write the tables: the service's own role may not delete a seal
        JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(DB.url(), DB.user(),
                DB.password())).sql("DELETE FROM event_hash_seal WHERE seal_number = ?").param(last.sealNumber())
                .update();

        mvc.perform(get("/api/audit/hash-chain"))
                .andExpect(jsonPath("$.intact").value(false))
                .andExpect(jsonPath("$.firstBroken").doesNotExist())
                .andExpect(jsonPath("$.seals.firstBroken.problem").value("PUBLISHED_SEAL_MISSING"))
                .andExpect(jsonPath("$.seals.firstBroken.sealNumber").value(last.sealNumber()));

        register("05113");
        await().atMost(Duration.ofSeconds(20)).until(() -> output.getOut().contains("Hash chain NOT sealed"));
        assertThat(output.getOut()).contains("seal " + last.sealNumber() + " (position " + last.position()
                + "), published outside the database, is no longer in it: PUBLISHED_SEAL_MISSING");
        assertThat(jdbc.sql("SELECT count(*) FROM event_hash_seal").query(Long.class).single())
                .isEqualTo(last.sealNumber() - 1);
        assertThat(published()).isEqualTo(before);
        assertThat(meters.get("zielmonitor.hash.chain.seals").tag("outcome", "refused").counter().count())
                .isPositive();
    }

    @Test
    @Order(3)
    void withoutAKeyTheServiceDoesNotStart() {
        Map<String, String> database = TestInfrastructure.databaseProperties(TestDatabase.another());
        String[] args = database.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        assertThatThrownBy(() -> start(args, "--zielmonitor.hash-chain.keys="))
                .rootCause().hasMessageContaining("No key for the hash chain's seals: set ZIELMONITOR_HASH_CHAIN_KEYS")
                .hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> start(args, "--zielmonitor.hash-chain.keys=short:c2hvcnQ="))
                .rootCause().hasMessageContaining("ZIELMONITOR_HASH_CHAIN_KEYS")
                .hasMessageContaining("at least 32");
    }

    private static void start(String[] database, String keys) {
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(database),
                java.util.stream.Stream.of(keys, "--server.port=0", "--spring.main.banner-mode=off"))
                .toArray(String[]::new);
        new SpringApplicationBuilder(QueryServiceApplication.class).run(args).close();
    }
}
