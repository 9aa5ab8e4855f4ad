package dev.zielmonitor.command.ingest.kafka;

import dev.zielmonitor.command.reporting.RecordMonthlyFiguresCommand;
import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Turns the bytes of a contract message into a {@link RecordMonthlyFiguresCommand}, or says why it cannot.
 * Counts become integers, amounts get two decimals, so that equal figures compare equal.
 */
@Component
class MonthlyFiguresMessageReader {

    private final JsonMapper jsonMapper;

    MonthlyFiguresMessageReader(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    RecordMonthlyFiguresCommand read(String key, byte[] value) {
        if (value == null || value.length == 0) {
            throw new RejectedMessageException("EMPTY_MESSAGE", "the record has no value");
        }
        MonthlyFiguresMessage message;
        try {
            message = jsonMapper.readValue(value, MonthlyFiguresMessage.class);
        } catch (JacksonException e) {
            throw new RejectedMessageException("MALFORMED_JSON", "not a JSON object of the contract: "
                    + e.getOriginalMessage(), e);
        }
        if (message == null) {
            throw new RejectedMessageException("MALFORMED_JSON", "the value is JSON null");
        }
        if (!Integer.valueOf(1).equals(message.schemaVersion())) {
            throw new RejectedMessageException("UNKNOWN_SCHEMA_VERSION",
                    "schemaVersion must be 1, got " + message.schemaVersion());
        }
        String messageId = required(message.messageId(), "messageId");
        JobcenterId jobcenterId = parse("jobcenterId", message.jobcenterId(), JobcenterId::of);
        if (!jobcenterId.value().equals(key)) {
            throw new RejectedMessageException("KEY_MISMATCH",
                    "record key '" + key + "' differs from jobcenterId '" + jobcenterId + "'");
        }
        ReportingMonth month = parse("reportingMonth", message.reportingMonth(), ReportingMonth::parse);
        LocalDate dataStatus = parse("dataStatus", message.dataStatus(), LocalDate::parse);
        if (month.value().atDay(1).isAfter(dataStatus)) {
            throw new RejectedMessageException("MONTH_AFTER_DATA_STATUS",
                    "reportingMonth " + month + " lies after dataStatus " + dataStatus);
        }
        String source = required(message.source(), "source");
        if (message.figures() == null || message.figures().isEmpty()) {
            throw new RejectedMessageException("MISSING_FIELD", "figures: at least one figure is required");
        }
        Map<FigureCode, Figure> figures = new EnumMap<>(FigureCode.class);
        message.figures().forEach((name, figure) -> {
            FigureCode code = figureCode(name);
            if (figure == null) {
                throw new RejectedMessageException("MISSING_FIELD", "figures." + name + " is null");
            }
            figures.put(code, new Figure(
                    number(code, name + ".total", required(figure.total(), "figures." + name + ".total")),
                    figure.female() == null ? null : number(code, name + ".female", figure.female()),
                    figure.male() == null ? null : number(code, name + ".male", figure.male())));
        });
        String reason = message.correction() == null ? null : message.correction().reason();
        return new RecordMonthlyFiguresCommand(jobcenterId, month, dataStatus, source, messageId, figures, reason);
    }

    private static BigDecimal number(FigureCode code, String field, String text) {
        BigDecimal value;
        try {
            value = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new RejectedMessageException("INVALID_VALUE", "figures." + field + " is not a number: '" + text + "'");
        }
        if (value.signum() < 0) {
            throw new RejectedMessageException("INVALID_VALUE", "figures." + field + " is negative: " + text);
        }
        try {
            return code.unit() == FigureCode.Unit.COUNT
                    ? value.setScale(0, java.math.RoundingMode.UNNECESSARY)
                    : value.setScale(2, java.math.RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new RejectedMessageException("INVALID_VALUE", "figures." + field + ": " + text
                    + (code.unit() == FigureCode.Unit.COUNT ? " is not a whole number" : " has more than two decimals"));
        }
    }

    private static FigureCode figureCode(String name) {
        try {
            return FigureCode.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new RejectedMessageException("UNKNOWN_FIGURE", "figures." + name + " is not a figure of the contract");
        }
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new RejectedMessageException("MISSING_FIELD", field + " is required");
        }
        return value;
    }

    private static <T> T parse(String field, String text, java.util.function.Function<String, T> parser) {
        String value = required(text, field);
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new RejectedMessageException("INVALID_VALUE", field + ": " + e.getMessage());
        }
    }
}
