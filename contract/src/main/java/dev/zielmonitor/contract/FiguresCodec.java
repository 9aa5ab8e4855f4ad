package dev.zielmonitor.contract;

import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The one definition of the monthly figures as text: the message's fields and their order, the figures in
 * {@link FigureCode} order, a figure's parts ({@link #PARTS}) and how a number is written. The contract reads
 * messages with it, the publishing tool writes them with it, the query service's CSV export takes names, order and
 * numbers from it and its figures view the numbers (a test holds the view to the codec's names and order), so that a
 * figure reads the same on the topic, in the API and in a spreadsheet.
 *
 * <p>Numbers are canonical ({@link #canonical}): counts are whole numbers, amounts carry two decimals. On the
 * topic a count is a JSON integer and an amount a decimal string (contract.md: a string keeps its two decimals
 * through any JSON reader); in the API both are JSON numbers, in a table plain digits.
 */
public final class FiguresCodec {

    public static final int SCHEMA_VERSION = 1;
    /** A figure's parts in the order they are written; {@code female} and {@code male} are optional. */
    public static final List<String> PARTS = List.of("total", "female", "male");

    /** Written as it always was: the message id is derived from these bytes, so they must never change. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FiguresCodec() {
    }

    /**
     * Counts as whole numbers without a fraction part, amounts with two decimals, so that 10712 and 10.712,0 or
     * 3541234,5 and 3541234.50 are the same figure. A value that cannot be so (a fraction of a count, a third
     * decimal) is left as it is, for the contract to refuse.
     */
    public static BigDecimal canonical(FigureCode code, BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        int scale = code.unit() == FigureCode.Unit.COUNT ? 0 : 2;
        return stripped.scale() <= scale ? stripped.setScale(scale) : stripped;
    }

    /** The part of a figure named {@code part} (one of {@link #PARTS}), {@code null} if not reported. */
    public static BigDecimal part(Figure figure, String part) {
        return switch (part) {
            case "total" -> figure.total();
            case "female" -> figure.female();
            case "male" -> figure.male();
            default -> throw new IllegalArgumentException("a figure has no part " + part);
        };
    }

    /** A figure's canonical value as plain digits, e.g. for a table: {@code 3541234,50} with a decimal comma. */
    public static String plain(FigureCode code, BigDecimal value, char decimalSeparator) {
        return value == null ? "" : canonical(code, value).toPlainString().replace('.', decimalSeparator);
    }

    /** The figures object of a message, as written on the topic. */
    public static ObjectNode write(Map<FigureCode, Figure> figures) {
        Message message = message();
        figures.forEach((code, figure) -> message.figure(code, figure.total(), figure.female(), figure.male()));
        return message.figures();
    }

    /** The figures object of a message the schema has accepted, canonical. */
    public static Map<FigureCode, Figure> read(JsonNode figures) {
        Map<FigureCode, Figure> read = new EnumMap<>(FigureCode.class);
        for (Map.Entry<String, JsonNode> entry : figures.properties()) {
            FigureCode code = FigureCode.valueOf(entry.getKey());
            JsonNode figure = entry.getValue();
            read.put(code, new Figure(number(code, figure.get("total")), number(code, figure.get("female")),
                    number(code, figure.get("male"))));
        }
        return Collections.unmodifiableMap(read);
    }

    private static BigDecimal number(FigureCode code, JsonNode node) {
        if (node == null) {
            return null;
        }
        return canonical(code, code.unit() == FigureCode.Unit.COUNT ? new BigDecimal(node.bigIntegerValue())
                : new BigDecimal(node.asString()));
    }

    /** The whole message of a checked month, as a producer sends it. */
    public static byte[] encode(MonthlyFigures figures) {
        Message message = message().messageId(figures.messageId()).jobcenterId(figures.jobcenterId().value())
                .reportingMonth(figures.reportingMonth().value()).dataStatus(figures.dataStatus())
                .source(figures.source()).correctionReason(figures.correctionReason());
        figures.figures().forEach((code, figure) ->
                message.figure(code, figure.total(), figure.female(), figure.male()));
        return message.toBytes();
    }

    /** A message to fill field by field. */
    public static Message message() {
        return new Message();
    }

    /**
     * A message as a producer has it, field by field: what is not set is left out, what is set is written as
     * given (canonical numbers), even where it breaks the contract, so that the contract can say what is wrong
     * with it ({@link MonthlyFiguresContract#violations}). Fields are written in the contract's order whatever the
     * order they are set in.
     */
    public static final class Message {
        private String messageId;
        private String jobcenterId;
        private YearMonth reportingMonth;
        private LocalDate dataStatus;
        private String source;
        private String correctionReason;
        private final Map<FigureCode, BigDecimal[]> parts = new EnumMap<>(FigureCode.class);

        private Message() {
        }

        public Message messageId(String value) {
            messageId = value;
            return this;
        }

        public Message jobcenterId(String value) {
            jobcenterId = value;
            return this;
        }

        public Message reportingMonth(YearMonth value) {
            reportingMonth = value;
            return this;
        }

        public Message dataStatus(LocalDate value) {
            dataStatus = value;
            return this;
        }

        public Message source(String value) {
            source = value;
            return this;
        }

        public Message correctionReason(String value) {
            correctionReason = value;
            return this;
        }

        /** One figure; a part that is {@code null} is not reported (a missing total is the contract's to report). */
        public Message figure(FigureCode code, BigDecimal total, BigDecimal female, BigDecimal male) {
            if (total != null || female != null || male != null) {
                parts.put(code, new BigDecimal[] {total, female, male});
            }
            return this;
        }

        /** The figures object: figures in {@link FigureCode} order, parts in {@link #PARTS} order. */
        ObjectNode figures() {
            ObjectNode figures = JSON.createObjectNode();
            parts.forEach((code, values) -> {
                ObjectNode figure = figures.putObject(code.name());
                for (int i = 0; i < PARTS.size(); i++) {
                    BigDecimal value = canonical(code, values[i]);
                    if (value == null) {
                        continue;
                    }
                    if (code.unit() == FigureCode.Unit.COUNT) {
                        figure.put(PARTS.get(i), value);
                    } else {
                        figure.put(PARTS.get(i), value.toPlainString());
                    }
                }
            });
            return figures;
        }

        public boolean hasFigures() {
            return !parts.isEmpty();
        }

        /** The message as UTF-8 JSON, the fields in the contract's order. */
        public byte[] toBytes() {
            ObjectNode root = JSON.createObjectNode();
            root.put("schemaVersion", SCHEMA_VERSION);
            if (messageId != null) {
                root.put("messageId", messageId);
            }
            if (jobcenterId != null) {
                root.put("jobcenterId", jobcenterId);
            }
            if (reportingMonth != null) {
                root.put("reportingMonth", reportingMonth.toString());
            }
            if (dataStatus != null) {
                root.put("dataStatus", dataStatus.toString());
            }
            if (source != null) {
                root.put("source", source);
            }
            root.set("figures", figures());
            if (correctionReason != null) {
                root.putObject("correction").put("reason", correctionReason);
            }
            return JSON.writeValueAsBytes(root);
        }
    }
}
