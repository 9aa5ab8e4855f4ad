package dev.zielmonitor.command.ingest.kafka;

import dev.zielmonitor.command.reporting.RecordMonthlyFiguresCommand;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MonthlyFiguresMessageReaderTest {

    /** The example of contract.md. */
    static final String CONTRACT_EXAMPLE = """
            {
              "schemaVersion": 1,
              "messageId": "0b6f6c2e-8a4b-4a53-9a2e-3f3b8c1d2e10",
              "jobcenterId": "05122",
              "reportingMonth": "2014-03",
              "dataStatus": "2014-06-30",
              "source": "BA_STATISTIK",
              "figures": {
                "ELB":               { "total": 10712, "female": 5301, "male": 5411 },
                "ELB_IN":            { "total": 412 },
                "ELB_OUT":           { "total": 398 },
                "INT":               { "total": 187, "female": 71, "male": 116 },
                "INT_MARGINAL":      { "total": 55 },
                "INT_PUBLIC":        { "total": 20 },
                "INT_CONTINUOUS":    { "total": 120 },
                "ELB_SINGLE_PARENT": { "total": 1350 },
                "INT_SINGLE_PARENT": { "total": 18 },
                "LZB":               { "total": 7100 },
                "LZB_IN":            { "total": 150 },
                "LZB_OUT":           { "total": 170 },
                "INT_LZB":           { "total": 95 },
                "LZB_ACTIVATED":     { "total": 1400 },
                "LLU_EUR":           { "total": "3541234.50" },
                "LUH_EUR":           { "total": "2214000.00" }
              },
              "correction": { "reason": "optional free text, e.g. the statistics office's revision note" }
            }
            """;

    private final MonthlyFiguresMessageReader reader = new MonthlyFiguresMessageReader(JsonMapper.builder().build());

    private RecordMonthlyFiguresCommand read(String key, String json) {
        return reader.read(key, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheContractExample() {
        RecordMonthlyFiguresCommand command = read("05122", CONTRACT_EXAMPLE);

        assertThat(command.jobcenterId().value()).isEqualTo("05122");
        assertThat(command.reportingMonth().toString()).isEqualTo("2014-03");
        assertThat(command.dataStatus()).isEqualTo(LocalDate.of(2014, 6, 30));
        assertThat(command.messageId()).isEqualTo("0b6f6c2e-8a4b-4a53-9a2e-3f3b8c1d2e10");
        assertThat(command.figures()).hasSize(16);
        assertThat(command.figures().get(FigureCode.ELB)).isEqualTo(new Figure(new BigDecimal("10712"),
                new BigDecimal("5301"), new BigDecimal("5411")));
        assertThat(command.figures().get(FigureCode.LLU_EUR)).isEqualTo(Figure.total(new BigDecimal("3541234.50")));
        assertThat(command.correctionReason()).startsWith("optional free text");
    }

    @Test
    void normalisesNumbersSoThatEqualFiguresCompareEqual() {
        RecordMonthlyFiguresCommand command = read("05122", CONTRACT_EXAMPLE
                .replace("\"3541234.50\"", "\"3541234.5\"").replace("\"total\": 187,", "\"total\": \"187\","));

        assertThat(command.figures().get(FigureCode.LLU_EUR).total()).isEqualTo(new BigDecimal("3541234.50"));
        assertThat(command.figures().get(FigureCode.INT).total()).isEqualTo(new BigDecimal("187"));
    }

    @Test
    void leavesFiguresThatAreNotSentUnknown() {
        RecordMonthlyFiguresCommand command = read("05122", """
                {"schemaVersion":1,"messageId":"m","jobcenterId":"05122","reportingMonth":"2014-03",
                 "dataStatus":"2014-04-30","source":"BA_STATISTIK","figures":{"ELB":{"total":10712}}}""");

        assertThat(command.figures()).containsOnlyKeys(FigureCode.ELB);
        assertThat(command.figures().get(FigureCode.ELB).female()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON                  | 05122 | {"schemaVersion":1,                                   | MALFORMED_JSON
            JSON null                 | 05122 | null                                                  | MALFORMED_JSON
            an array                  | 05122 | []                                                    | MALFORMED_JSON
            unknown schema version    | 05122 | @"schemaVersion": 1@"schemaVersion": 2                | UNKNOWN_SCHEMA_VERSION
            key differs               | 05124 | @"reportingMonth"@"reportingMonth"                    | KEY_MISMATCH
            bad jobcenter id          | 5122  | @"05122"@"5122"                                       | INVALID_VALUE
            month after data status   | 05122 | @"2014-03"@"2014-07"                                  | MONTH_AFTER_DATA_STATUS
            negative count            | 05122 | @"total": 398@"total": -398                           | INVALID_VALUE
            fractional count          | 05122 | @"total": 398@"total": 398.5                          | INVALID_VALUE
            amount with three decimals| 05122 | @"3541234.50"@"3541234.505"                           | INVALID_VALUE
            non-numeric amount        | 05122 | @"3541234.50"@"3,5 Mio"                               | INVALID_VALUE
            unknown figure            | 05122 | @"LZB_IN"@"LZB_INN"                                   | UNKNOWN_FIGURE
            missing message id        | 05122 | @"messageId": "0b6f6c2e-8a4b-4a53-9a2e-3f3b8c1d2e10",@ | MISSING_FIELD
            """)
    void rejectsContractViolationsWithACode(String what, String key, String change, String code) {
        String json = change.startsWith("@") ? CONTRACT_EXAMPLE.replace(change.split("@", -1)[1],
                change.split("@", -1)[2]) : change;

        assertThatThrownBy(() -> read(key, json))
                .as(what)
                .isInstanceOfSatisfying(RejectedMessageException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void rejectsAnEmptyRecord() {
        assertThatThrownBy(() -> reader.read("05122", new byte[0]))
                .isInstanceOfSatisfying(RejectedMessageException.class,
                        e -> assertThat(e.code()).isEqualTo("EMPTY_MESSAGE"));
    }
}
