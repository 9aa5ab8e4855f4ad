package dev.zielmonitor.web;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What a hostile or broken client sends, for the fuzz tests (issue 17): texts with NUL, lone surrogates, control and
 * bidi characters, injections; numbers beyond every bound; instants, dates and months outside any calendar; JSON
 * that is deep, truncated or of the wrong shape. Drawn with jqwik's generators from a seed the test logs, so that a
 * failure can be replayed ({@code -Dzielmonitor.fuzz.seed=…}). jqwik draws only inside a session of its own (the
 * tests run on JUnit Jupiter threads, where Spring's contexts are): close it in the thread that opened it.
 */
public final class HostileValues implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Random random;

    public HostileValues(long seed) {
        this.random = new Random(seed);
        JqwikSession.start();
    }

    @Override
    public void close() {
        JqwikSession.finish();
    }

    /** The seed of this run: {@code zielmonitor.fuzz.seed} if set, else a new one (log it). */
    public static long seed() {
        String configured = System.getProperty("zielmonitor.fuzz.seed");
        return configured != null ? Long.parseLong(configured) : new Random().nextLong();
    }

    public Random random() {
        return random;
    }

    private <T> T draw(Arbitrary<T> arbitrary) {
        RandomGenerator<T> generator = arbitrary.generator(1000);
        return generator.next(random).value();
    }

    public <T> T oneOf(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A text: anything at all, a known troublemaker, or digits. */
    public String text() {
        return draw(Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.strings().all().ofMaxLength(40)),
                net.jqwik.api.Tuple.of(4, Arbitraries.of("\u0000", "a\u0000b", "\ud800", "x\udfff", "\ude00\ud83d",
                        "\u001b[2J", "\u0007", "\u0085", "\u202e\u202dabc", "\ufeff", "\r\n\t", "🙂", "",
                        " ", "'; DROP TABLE domainevententry; --", "<script>alert(1)</script>", "=HYPERLINK(\"x\")",
                        "%00", "../../../etc/passwd", "${jndi:ldap://example.invalid/a}", "\\u0000", "null",
                        "NaN", "x".repeat(20_001))),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withCharRange('0', '9').ofLength(5))));
    }

    /** A number as JSON text: beyond every bound, oddly written, or plain. */
    public String number() {
        return draw(Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of("1e1000000000", "-1e1000000000", "1e-1000000000",
                        "9".repeat(1000), "-0", "0.0000000000000001", "2147483648", "-2147483649",
                        "9223372036854775808", "1.7976931348623157e309", "123456789012345678901234567890.5")),
                net.jqwik.api.Tuple.of(2, Arbitraries.bigDecimals().ofScale(3).map(java.math.BigDecimal::toPlainString)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().map(n -> Long.toString(n)))));
    }

    /** An instant as text: outside any calendar, impossible, or within the platform's time. */
    public String instant() {
        return draw(Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of("+999999999-12-31T00:00:00Z", "-999999999-01-01T00:00:00Z",
                        "0000-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2014-02-30T00:00:00Z",
                        "2014-01-01T25:00:00Z", "2014-01-01T00:00:00+25:00", "now", "", "2014-01-01",
                        "294277-01-01T00:00:00Z", "2199-12-31T23:59:59.999999999Z")),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(-62_000_000_000L, 9_000_000_000_000L)
                        .map(seconds -> java.time.Instant.ofEpochSecond(seconds).toString())),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(30))));
    }

    /** A date or month as text, valid or not. */
    public String dateOrMonth() {
        return draw(Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of("+999999999-12-31", "-999999999-01-01", "0000-00-00",
                        "2014-02-30", "2014-13", "2014-00", "99999-01", "2014-3", "1899-12", "2200-01", "")),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(-10_000, 100_000)
                        .map(year -> String.format("%d-%02d", year, 1 + Math.floorMod(year, 12)))),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1990, 2210)
                        .map(year -> year + "-06-30"))));
    }

    /** Any JSON value as text, hostile in any of the ways above, or of the wrong shape. */
    public String jsonValue() {
        return switch (random.nextInt(9)) {
            case 0, 1, 2 -> quoted(text());
            case 3, 4 -> number();
            case 5 -> quoted(random.nextBoolean() ? instant() : dateOrMonth());
            case 6 -> oneOf(List.of("null", "true", "false", "{}", "[]", "[null]", "{\"\": 1}"));
            case 7 -> "[".repeat(2000) + "]".repeat(2000);
            default -> "{\"a\":" + quoted(text()) + ",\"b\":[" + number() + "]}";
        };
    }

    /** JSON text of a string, escaping only what JSON demands, so lone surrogates arrive as escapes. */
    public static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /**
     * The document with one value replaced by a hostile JSON value, one field removed, or an unknown field added,
     * at a random place; {@code null} values count as places.
     */
    public String mutate(JsonNode document) {
        JsonNode copy = document.deepCopy();
        List<JsonNode> containers = new ArrayList<>();
        collect(copy, containers);
        JsonNode container = oneOf(containers);
        String marker = "__hostile_" + Long.toHexString(random.nextLong()) + "__";
        if (container instanceof ObjectNode object && !object.isEmpty()) {
            List<String> names = new ArrayList<>(object.propertyNames());
            String name = oneOf(names);
            switch (random.nextInt(4)) {
                case 0 -> object.remove(name);
                case 1 -> object.put(marker.substring(2, 10) + text().replace("\"", ""), 1);
                default -> object.put(name, marker);
            }
        } else if (container instanceof ArrayNode array && !array.isEmpty()) {
            array.set(random.nextInt(array.size()), JSON.getNodeFactory().textNode(marker));
        } else {
            return jsonValue();
        }
        return JSON.writeValueAsString(copy).replace("\"" + marker + "\"", jsonValue());
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainer()) {
            containers.add(node);
            node.forEach(child -> collect(child, containers));
        }
    }
}
