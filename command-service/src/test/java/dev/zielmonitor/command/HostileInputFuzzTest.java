package dev.zielmonitor.command;

import dev.zielmonitor.access.DemoUsers;
import dev.zielmonitor.command.ingest.deadletter.DeadLetters;
import dev.zielmonitor.infra.KafkaTestBroker;
import dev.zielmonitor.web.HostileValues;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.zielmonitor.command.ingest.kafka.KafkaIngestionTestSupport.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Random and hostile input through the real topic and every write endpoint (issue 17), with a seed that the log
 * names ({@code -Dzielmonitor.fuzz.seed=…} replays a run). The invariants: every record ends as exactly one event or
 * one parked record and each partition's next good record is stored; no endpoint answers 5xx; every event the
 * endpoints stored can be held by PostgreSQL's jsonb (what the projections store).
 */
class HostileInputFuzzTest extends CommandServiceIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(HostileInputFuzzTest.class);
    private static final int BATCHES = 25;
    private static final int RECORDS_PER_BATCH = 12;
    private static final int PARTITIONS = 6;
    private static final int REQUESTS = 400;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcClient jdbc;

    MockMvc ministry;
    MockMvc admin;

    @Autowired
    void logIn(WebApplicationContext context) {
        ministry = DemoUsers.mockMvc(context, DemoUsers.MINISTRY);
        admin = DemoUsers.mockMvc(context, DemoUsers.ADMIN);
    }

    private List<String> registered() {
        return jdbc.sql("SELECT aggregateidentifier FROM domainevententry WHERE payloadtype LIKE "
                + "'%JobcenterRegisteredEvent' ORDER BY aggregateidentifier").query(String.class).list();
    }

    /** A valid message for the n-th Jobcenter and month of the run: no two records of a run share one. */
    private static ObjectNode valid(List<String> jobcenters, int n, HostileValues hostile) {
        String jobcenter = jobcenters.get(n % jobcenters.size());
        YearMonth month = YearMonth.of(2006, 1).plusMonths(n / jobcenters.size());
        int elb = 10_000 + hostile.random().nextInt(40_000);
        int integrations = 100 + hostile.random().nextInt(400);
        int female = hostile.random().nextInt(integrations + 1);
        return (ObjectNode) JSON.readTree("""
                {"schemaVersion":1,"messageId":"%s","jobcenterId":"%s","reportingMonth":"%s","dataStatus":"%s",
                 "source":"BA_STATISTIK","figures":{"ELB":{"total":%d},"INT":{"total":%d,"female":%d,"male":%d},
                 "LLU_EUR":{"total":"%d.%02d"}}}""".formatted(UUID.randomUUID(), jobcenter, month,
                month.plusMonths(3).atEndOfMonth(), elb, integrations, female, integrations - female,
                3_000_000 + hostile.random().nextInt(1_000_000), hostile.random().nextInt(100)));
    }

    private record Sent(String kind, int partition, long offset) {
    }

    @Test
    void everyRecordEndsAsOneEventOrOneParkedRecordAndThePartitionGoesOn() throws Exception {
        long seed = HostileValues.seed();
        log.info("Kafka fuzz: seed {} (-Dzielmonitor.fuzz.seed={} replays it)", seed, seed);
        List<String> jobcenters = registered();
        assertThat(jobcenters).hasSizeGreaterThan(50);
        int n = 0;
        Map<String, Integer> kinds = new HashMap<>();
        try (HostileValues hostile = new HostileValues(seed);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.get().bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int batch = 0; batch < BATCHES; batch++) {
                List<Sent> sent = new ArrayList<>();
                for (int r = 0; r < RECORDS_PER_BATCH; r++) {
                    ObjectNode message = valid(jobcenters, n++, hostile);
                    String key = message.get("jobcenterId").asString();
                    String kind;
                    byte[] value;
                    switch (hostile.random().nextInt(8)) {
                        case 0 -> {
                            kind = "valid";
                            value = JSON.writeValueAsBytes(message);
                        }
                        case 1 -> {
                            kind = "hostile reason";
                            value = JSON.writeValueAsString(message).replace("}}}", "}},\"correction\":{\"reason\":"
                                    + HostileValues.quoted(hostile.text()) + "}}").getBytes(StandardCharsets.UTF_8);
                        }
                        case 2 -> {
                            kind = "random bytes";
                            value = new byte[hostile.random().nextInt(3000)];
                            hostile.random().nextBytes(value);
                        }
                        case 3 -> {
                            kind = "truncated";
                            byte[] whole = JSON.writeValueAsBytes(message);
                            value = java.util.Arrays.copyOf(whole, hostile.random().nextInt(whole.length));
                        }
                        case 4 -> {
                            kind = "hostile key";
                            key = hostile.text();
                            value = JSON.writeValueAsBytes(message);
                        }
                        default -> {
                            kind = "mutated";
                            value = hostile.mutate(message).getBytes(StandardCharsets.UTF_8);
                        }
                    }
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, key, value);
                    if (hostile.random().nextInt(3) == 0) {
                        String name = hostile.oneOf(List.of(DeadLetters.HEADER_RESUBMISSION_OF,
                                DeadLetters.HEADER_RESUBMISSION_TOKEN, DeadLetters.HEADER_CODE, "x-" + n));
                        record.headers().add(name, hostile.text().getBytes(StandardCharsets.UTF_8));
                        if (hostile.random().nextBoolean()) {
                            record.headers().add(DeadLetters.HEADER_RESUBMISSION_OF,
                                    hostile.oneOf(List.of("-1", "0", "1", "999999999999", "1 OR 1=1", ""))
                                            .getBytes(StandardCharsets.UTF_8));
                        }
                    }
                    RecordMetadata metadata = producer.send(record).get();
                    sent.add(new Sent(kind, metadata.partition(), metadata.offset()));
                    kinds.merge(kind, 1, Integer::sum);
                }
                List<String> sentinels = new ArrayList<>();
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    ObjectNode good = valid(jobcenters, n++, hostile);
                    sentinels.add(good.get("messageId").asString());
                    producer.send(new ProducerRecord<>(TOPIC, partition, good.get("jobcenterId").asString(),
                            JSON.writeValueAsBytes(good))).get();
                }
                await("every partition's next good record is stored").atMost(Duration.ofSeconds(60))
                        .until(() -> sentinels.stream().allMatch(this::stored));
                Map<String, Long> events = outcomes("SELECT (m ->> 'kafkaPartition') || ':' || (m ->> 'kafkaOffset') "
                        + "FROM (SELECT convert_from(metadata, 'UTF8')::jsonb AS m FROM domainevententry) e "
                        + "WHERE m ->> 'kafkaTopic' = ?");
                Map<String, Long> parked = outcomes("SELECT kafka_partition || ':' || kafka_offset "
                        + "FROM command_side.dead_letter WHERE topic = ?");
                for (Sent record : sent) {
                    String at = record.partition() + ":" + record.offset();
                    assertThat(events.getOrDefault(at, 0L) + parked.getOrDefault(at, 0L))
                            .as("seed %d: %s record at %s ends as one event or one parked record", seed,
                                    record.kind(), at)
                            .isEqualTo(1);
                }
            }
        }
        log.info("Kafka fuzz: {} records by kind {}", BATCHES * RECORDS_PER_BATCH, kinds);
    }

    private boolean stored(String messageId) {
        return jdbc.sql("SELECT count(*) FROM domainevententry WHERE convert_from(metadata, 'UTF8') LIKE ?")
                .param("%\"messageId\":\"" + messageId + "\"%").query(Long.class).single() == 1;
    }

    private Map<String, Long> outcomes(String sql) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql(sql).param(TOPIC).query(String.class).list().forEach(at -> counts.merge(at, 1L, Long::sum));
        return counts;
    }

    @Test
    void noWriteEndpointAnswers5xxAndWhatTheyStoreCanBeProjected() throws Exception {
        long seed = HostileValues.seed();
        log.info("REST fuzz: seed {} (-Dzielmonitor.fuzz.seed={} replays it)", seed, seed);
        try (HostileValues hostile = new HostileValues(seed)) {
            fuzzTheWriteEndpoints(seed, hostile);
        }
    }

    private void fuzzTheWriteEndpoints(long seed, HostileValues hostile) throws Exception {
        long before = jdbc.sql("SELECT coalesce(max(globalindex), 0) FROM domainevententry").query(Long.class)
                .single();
        JsonNode seedAgreement = JSON.readTree(Files.readString(Path.of("..", "demo", "agreements",
                "solingen-2014.json")));
        List<String> jobcenters = registered();
        List<String> agreements = new ArrayList<>(List.of("05122-2014"));
        Map<Integer, Integer> statuses = new HashMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            String agreement = hostile.random().nextInt(8) == 0 ? hostile.text() : hostile.oneOf(agreements);
            int endpoint = hostile.random().nextInt(9);
            MockHttpServletRequestBuilder request;
            MockMvc as = ministry;
            switch (endpoint) {
                case 0, 1 -> {
                    ObjectNode conclude = (ObjectNode) seedAgreement.get("conclude").deepCopy();
                    String jobcenter = hostile.oneOf(jobcenters);
                    int year = 2040 + hostile.random().nextInt(60);
                    conclude.put("jobcenterId", jobcenter);
                    conclude.put("year", year);
                    boolean plain = endpoint == 0 && hostile.random().nextBoolean();
                    if (plain) {
                        agreements.add(jobcenter + "-" + year);
                    }
                    request = post("/api/agreements").content(plain ? conclude.toString() : hostile.mutate(conclude));
                }
                case 2 -> request = post("/api/agreements/{id}/signatures", agreement).content(body(hostile, """
                        {"party":"MINISTRY","place":"Düsseldorf","date":"2041-05-07"}"""));
                case 3 -> request = post("/api/agreements/{id}/targets/{target}/revisions", agreement,
                        hostile.random().nextBoolean() ? "II-K2" : hostile.text()).content(body(hostile, """
                        {"indicator":"K2","type":"RELATIVE_CHANGE","value":0.8,"baseYear":2040,"decimals":2,
                         "reason":"Nachsteuerung","effectiveFrom":"2041-07-01"}"""));
                case 4 -> request = post("/api/agreements/{id}/goals/{goal}/progress", agreement,
                        hostile.random().nextBoolean() ? "II.1" : hostile.text()).content(body(hostile, """
                        {"status":"IN_PROGRESS","note":"läuft","date":"2041-06-30"}"""));
                case 5 -> request = post("/api/agreements/{id}/steering-dialogues", agreement).content(body(hostile, """
                        {"dialogueId":"D1","date":"2041-06-26","participants":["MAIS","Jobcenter"],
                         "findings":{"II":"im Plan"},"agreedActions":["weiter so"],
                         "deviations":[{"description":"Werksschließung","affectedIndicators":["K2"],
                         "estimatedEffect":-0.3}]}"""));
                case 6 -> request = post("/api/agreements/{id}/assessment", agreement).content(body(hostile, """
                        {"assessedOn":"2042-04-30","reasoning":"erreicht",
                         "judgements":{"II-K2":{"result":"ACHIEVED_CONSIDERING_DEVIATIONS","reasoning":"x"}}}"""));
                case 7 -> {
                    as = admin;
                    request = post("/api/jobcenters").content(body(hostile, """
                            {"jobcenterId":"%05d","name":"Jobcenter Test","land":"HE","carrierType":"gE",
                             "comparisonType":"IIIa","validFrom":"2012-01-01"}"""
                            .formatted(hostile.random().nextInt(100_000))));
                }
                default -> {
                    as = admin;
                    request = hostile.random().nextBoolean()
                            ? post("/api/ingestion/dead-letters/{id}/resubmit", hostile.text())
                            : get("/api/ingestion/dead-letters").param("status", hostile.text())
                                    .param("code", hostile.text()).param("beforeId", hostile.number())
                                    .param("limit", hostile.number());
                }
            }
            MockHttpServletResponse response = as.perform(request.contentType(MediaType.APPLICATION_JSON))
                    .andReturn().getResponse();
            statuses.merge(response.getStatus(), 1, Integer::sum);
            assertThat(response.getStatus()).as("seed %d, request %d (%s): %s", seed, i, endpoint,
                    response.getContentAsString()).isLessThan(500);
            if (response.getStatus() >= 400) {
                assertThat(response.getContentType()).as("seed %d, request %d (%s): %d %s", seed, i, endpoint,
                                response.getStatus(), response.getErrorMessage())
                        .startsWith("application/problem+json");
            }
        }
        log.info("REST fuzz: {} requests by status {}", REQUESTS, statuses);
        assertThat(statuses.keySet()).as("the run must also store something").anyMatch(s -> s < 300);
        // what the projections will store: every payload and metadata must be something jsonb can hold
        long storable = jdbc.sql("SELECT count(*) FROM domainevententry WHERE globalindex > ? "
                        + "AND convert_from(payload, 'UTF8')::jsonb IS NOT NULL "
                        + "AND convert_from(metadata, 'UTF8')::jsonb IS NOT NULL")
                .param(before).query(Long.class).single();
        long all = jdbc.sql("SELECT count(*) FROM domainevententry WHERE globalindex > ?").param(before)
                .query(Long.class).single();
        assertThat(storable).isEqualTo(all).isPositive();
    }

    /** The valid body, or one with a hostile value somewhere in it. */
    private static String body(HostileValues hostile, String valid) {
        return hostile.random().nextInt(4) == 0 ? valid : hostile.mutate(JSON.readTree(valid));
    }
}
