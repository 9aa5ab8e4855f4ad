package dev.zielmonitor.command.ingest.kafka;

import dev.zielmonitor.command.CommandServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.zielmonitor.command.ingest.kafka.KafkaIngestionTestSupport.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * More than fifty bad messages of every kind the contract names, interleaved with good ones, through the real
 * topic: each bad one is parked with the right code, every good one is stored.
 */
class BadMessageCorpusTest extends CommandServiceIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    /** A valid message for Essen (05113), 2016, with the given month and message id. */
    private static String good(String messageId, int month) {
        return """
                {"schemaVersion":1,"messageId":"%s","jobcenterId":"05113","reportingMonth":"2016-%02d",
                 "dataStatus":"2016-12-31","source":"BA_STATISTIK","figures":{
                 "ELB":{"total":70000,"female":34000,"male":36000},"INT":{"total":1100,"female":400,"male":700},
                 "INT_LZB":{"total":500},"LZB":{"total":45000},"LZB_ACTIVATED":{"total":9000},
                 "ELB_SINGLE_PARENT":{"total":8000},"INT_SINGLE_PARENT":{"total":90},
                 "LLU_EUR":{"total":"23000000.00"}}}""".formatted(messageId, month);
    }

    /** key, value, expected code; the value is derived from a good message where that says more. */
    private static List<Object[]> corpus() {
        String base = good("bad-base", 1);
        List<Object[]> c = new ArrayList<>();
        // malformed JSON and encodings
        c.add(new Object[] {"05113", "", "EMPTY_MESSAGE"});
        c.add(new Object[] {"05113", "{", "MALFORMED_JSON"});
        c.add(new Object[] {"05113", "not json at all", "MALFORMED_JSON"});
        c.add(new Object[] {"05113", base.substring(0, base.length() - 5), "MALFORMED_JSON"});
        c.add(new Object[] {"05113", "[" + base + "]", "MALFORMED_JSON"});
        c.add(new Object[] {"05113", "null", "MALFORMED_JSON"});
        c.add(new Object[] {"05113", "42", "MALFORMED_JSON"});
        c.add(new Object[] {"05113", "\"a string\"", "MALFORMED_JSON"});
        c.add(new Object[] {"05113", base.replace("\"source\":\"BA_STATISTIK\"", "\"source\":\"A\",\"source\":\"B\""),
                "MALFORMED_JSON"});
        c.add(new Object[] {"05113", base.replace("{\"schemaVersion\"", "{'schemaVersion'"), "MALFORMED_JSON"});
        c.add(new Object[] {"05113", base + " trailing", "MALFORMED_JSON"});
        c.add(new Object[] {"05113", new String(new byte[] {(byte) 0xC3, (byte) 0x28, '{', '}'},
                StandardCharsets.ISO_8859_1), "MALFORMED_JSON"});
        // versions and missing fields
        c.add(new Object[] {"05113", base.replace("\"schemaVersion\":1", "\"schemaVersion\":2"), "UNKNOWN_SCHEMA_VERSION"});
        c.add(new Object[] {"05113", base.replace("\"schemaVersion\":1", "\"schemaVersion\":\"1\""), "UNKNOWN_SCHEMA_VERSION"});
        c.add(new Object[] {"05113", base.replace("\"schemaVersion\":1,", ""), "MISSING_FIELD"});
        c.add(new Object[] {"05113", base.replace("\"messageId\":\"bad-base\",", ""), "MISSING_FIELD"});
        c.add(new Object[] {"05113", base.replace("\"jobcenterId\":\"05113\",", ""), "MISSING_FIELD"});
        c.add(new Object[] {"05113", base.replace("\"reportingMonth\":\"2016-01\",", ""), "MISSING_FIELD"});
        c.add(new Object[] {"05113", base.replace("\"dataStatus\":\"2016-12-31\",", ""), "MISSING_FIELD"});
        c.add(new Object[] {"05113", base.replace("\"source\":\"BA_STATISTIK\",", ""), "MISSING_FIELD"});
        c.add(new Object[] {"05113", base.replace("\"ELB\":{\"total\":70000,", "\"ELB\":{"), "MISSING_FIELD"});
        c.add(new Object[] {"05113", "{}", "MISSING_FIELD"});
        // unknown fields
        c.add(new Object[] {"05113", base.replace("\"source\"", "\"extra\":1,\"source\""), "UNKNOWN_FIELD"});
        c.add(new Object[] {"05113", base.replace("\"INT_LZB\"", "\"INT_LZZ\""), "UNKNOWN_FIELD"});
        c.add(new Object[] {"05113", base.replace("\"total\":500}", "\"total\":500,\"diverse\":3}"), "UNKNOWN_FIELD"});
        // wrong types, ranges and formats
        c.add(new Object[] {"05113", base.replace("\"figures\":{", "\"figures\":[{").replace("}}}", "}}]}"), "INVALID_VALUE"});
        c.add(new Object[] {"05113", base.replace("\"total\":70000", "\"total\":-1"), "INVALID_VALUE"});
        c.add(new Object[] {"05113", base.replace("\"total\":70000", "\"total\":70000.5"), "INVALID_VALUE"});
        c.add(new Object[] {"05113", base.replace("\"total\":70000", "\"total\":\"70000\""), "INVALID_VALUE"});
        c.add(new Object[] {"05113", base.replace("\"total\":70000", "\"total\":1e400"), "INVALID_VALUE"});
        c.add(new Object[] {"05113", base.replace("\"total\":70000", "\"total\":99999999999999999999999"), "INVALID_VALUE"});
        c.add(new Object[] {"05113", base.replace("\"total\":70000", "\"total\":null"), "INVALID_VALUE"});
        c.add(new Object[] {"05113", base.replace("\"total\":70000", "\"total\":true"), "INVALID_VALUE"});
        c.add(new Object[] {"05113", base.replace("\"23000000.00\"", "\"23000000.001\""), "INVALID_VALUE"});
        c.add(new Object[] {"05113", base.replace("\"23000000.00\"", "23000000.00"), "INVALID_VALUE"});
        c.add(new Object[] {"05113", base.replace("\"23000000.00\"", "\"-5.00\""), "INVALID_VALUE"});
        c.add(new Object[] {"05113", base.replace("\"23000000.00\"", "\"23.000.000,00\""), "INVALID_VALUE"});
        c.add(new Object[] {"05113", base.replace("\"2016-01\"", "\"2016-13\""), "INVALID_VALUE"});
        c.add(new Object[] {"05113", base.replace("\"2016-01\"", "\"Jan 2016\""), "INVALID_VALUE"});
        c.add(new Object[] {"05113", base.replace("\"2016-12-31\"", "\"2016-02-30\""), "INVALID_VALUE"});
        c.add(new Object[] {"05113", base.replace("\"2016-12-31\"", "\"31.12.2016\""), "INVALID_VALUE"});
        c.add(new Object[] {"05113", base.replace("\"bad-base\"", "\"\""), "INVALID_VALUE"});
        c.add(new Object[] {"05113", base.replace("\"bad-base\"", "\"x".repeat(1) + "y".repeat(200) + "\""), "INVALID_VALUE"});
        c.add(new Object[] {"05113", base.replace("\"BA_STATISTIK\"", "\"\""), "INVALID_VALUE"});
        c.add(new Object[] {"05113", base.replace("\"figures\":{", "\"figures\":{}, \"x\":{"), "INVALID_VALUE"});
        // Unicode oddities
        c.add(new Object[] {"05113", base.replace("\"bad-base\"", "\"bad-\uD83D\uDE00\""), "INVALID_VALUE"});
        c.add(new Object[] {"\uFF10\uFF15\uFF11\uFF11\uFF13", base.replace("\"05113\"", "\"\uFF10\uFF15\uFF11\uFF11\uFF13\""),
                "INVALID_VALUE"});
        c.add(new Object[] {"05113", base.replace("\"BA_STATISTIK\"", "\"BA_STATISTİK\""), "INVALID_VALUE"});
        c.add(new Object[] {"05113", base.replace("\"jobcenterId\":\"05113\"", "\"jobcenterId\":\"05\u200B113\""),
                "INVALID_VALUE"});
        c.add(new Object[] {"05113", "\uFEFF" + base.replace("\"bad-base\"", "\"bad-\u0000\""), "MALFORMED_JSON"});
        c.add(new Object[] {"05113", base.replace("\"bad-base\"", "\"\\u0000\""), "INVALID_VALUE"});
        c.add(new Object[] {"051\u000013", base, "KEY_MISMATCH"});
        // domain rules
        c.add(new Object[] {"05124", base, "KEY_MISMATCH"});
        c.add(new Object[] {null, base, "KEY_MISMATCH"});
        c.add(new Object[] {"09999", base.replace("\"05113\"", "\"09999\""), "UNKNOWN_JOBCENTER"});
        c.add(new Object[] {"05113", base.replace("\"2016-12-31\"", "\"2015-12-31\""), "MONTH_AFTER_DATA_STATUS"});
        c.add(new Object[] {"05113", base.replace("\"female\":34000", "\"female\":40000"), "GENDER_SPLIT_EXCEEDS_TOTAL"});
        c.add(new Object[] {"05113", base.replace("\"total\":500}", "\"total\":1500}"), "SUBPOPULATION_EXCEEDS_POPULATION"});
        c.add(new Object[] {"05113", base.replace("\"total\":45000", "\"total\":75000"), "SUBPOPULATION_EXCEEDS_POPULATION"});
        c.add(new Object[] {"05113", base.replace("\"total\":9000", "\"total\":46000"), "SUBPOPULATION_EXCEEDS_POPULATION"});
        c.add(new Object[] {"05113", base.replace("\"total\":90}", "\"total\":1200}"), "SUBPOPULATION_EXCEEDS_POPULATION"});
        // size
        c.add(new Object[] {"05113", base.replace("\"bad-base\"", "\"bad-big\"").replace("}}}", "}},\"pad\":\""
                + "x".repeat(1_000_000) + "\"}"), "MESSAGE_TOO_LARGE"});
        return c;
    }

    @Test
    void everyBadMessageIsParkedWithItsCodeAndEveryGoodOneIsStored() throws Exception {
        List<Object[]> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(50);
        long lastDeadLetter = jdbc.sql("SELECT coalesce(max(id), 0) FROM command_side.dead_letter")
                .query(Long.class).single();
        Map<String, Integer> goodIds = new LinkedHashMap<>();
        int month = 1;
        for (Object[] bad : corpus) {
            publish((String) bad[0], ((String) bad[1]).getBytes(StandardCharsets.UTF_8));
            if (month <= 12) {
                String id = "good-" + UUID.randomUUID();
                publish("05113", good(id, month).getBytes(StandardCharsets.UTF_8));
                goodIds.put(id, month++);
            }
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "SELECT count(*) FROM command_side.dead_letter WHERE id > ?").param(lastDeadLetter)
                .query(Long.class).single() >= corpus.size());
        for (Object[] bad : corpus) {
            List<String> codes = jdbc.sql("SELECT error_code FROM command_side.dead_letter WHERE id > ? "
                            + "AND record_value = ? AND record_key IS NOT DISTINCT FROM ?")
                    .params(lastDeadLetter, ((String) bad[1]).getBytes(StandardCharsets.UTF_8),
                            bad[0] == null ? null : ((String) bad[0]).replace("\u0000", "\\u0000"))
                    .query(String.class).list();
            assertThat(codes).as("parked once: %.80s", bad[1]).containsExactly((String) bad[2]);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM command_side.dead_letter WHERE id > ?").param(lastDeadLetter)
                .query(Long.class).single()).isEqualTo(corpus.size());

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                        SELECT count(DISTINCT convert_from(metadata, 'UTF8')::jsonb ->> 'messageId') FROM domainevententry
                        WHERE convert_from(metadata, 'UTF8')::jsonb ->> 'messageId' LIKE 'good-%'""")
                .query(Long.class).single() == goodIds.size());
    }
}
