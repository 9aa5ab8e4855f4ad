package dev.zielmonitor.contract;

import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MonthlyFiguresContractTest {

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

    private static final MonthlyFiguresContract CONTRACT = new MonthlyFiguresContract();

    private static MonthlyFigures read(String key, String json) {
        return CONTRACT.read(key, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheContractExample() {
        MonthlyFigures message = read("05122", CONTRACT_EXAMPLE);

        assertThat(message.jobcenterId().value()).isEqualTo("05122");
        assertThat(message.reportingMonth().toString()).isEqualTo("2014-03");
        assertThat(message.dataStatus()).isEqualTo(LocalDate.of(2014, 6, 30));
        assertThat(message.messageId()).isEqualTo("0b6f6c2e-8a4b-4a53-9a2e-3f3b8c1d2e10");
        assertThat(message.figures()).hasSize(16);
        assertThat(message.figures().get(FigureCode.ELB)).isEqualTo(new Figure(new BigDecimal("10712"),
                new BigDecimal("5301"), new BigDecimal("5411")));
        assertThat(message.figures().get(FigureCode.LLU_EUR)).isEqualTo(Figure.total(new BigDecimal("3541234.50")));
        assertThat(message.correctionReason()).startsWith("optional free text");
    }

    @Test
    void normalisesAmountsSoThatEqualFiguresCompareEqual() {
        MonthlyFigures message = read("05122", CONTRACT_EXAMPLE.replace("\"3541234.50\"", "\"3541234.5\""));
        assertThat(message.figures().get(FigureCode.LLU_EUR).total()).isEqualTo(new BigDecimal("3541234.50"));
    }

    @Test
    void leavesFiguresThatAreNotSentUnknown() {
        MonthlyFigures message = read("05122", """
                {"schemaVersion":1,"messageId":"m","jobcenterId":"05122","reportingMonth":"2014-03",
                 "dataStatus":"2014-04-30","source":"BA_STATISTIK","figures":{"ELB":{"total":10712}}}""");

        assertThat(message.figures()).containsOnlyKeys(FigureCode.ELB);
        assertThat(message.figures().get(FigureCode.ELB).female()).isNull();
    }

    @Test
    void checksSubPopulationsOnlyWhereBothFiguresAreKnown() {
        MonthlyFigures message = read("05122", """
                {"schemaVersion":1,"messageId":"m","jobcenterId":"05122","reportingMonth":"2014-03",
                 "dataStatus":"2014-04-30","source":"BA_STATISTIK","figures":{"INT_LZB":{"total":95}}}""");
        assertThat(message.figures()).containsOnlyKeys(FigureCode.INT_LZB);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON                  | 05122 | {"schemaVersion":1,                                   | MALFORMED_JSON
            JSON null                 | 05122 | null                                                  | MALFORMED_JSON
            an array                  | 05122 | []                                                    | MALFORMED_JSON
            duplicate key             | 05122 | @"source": "BA_STATISTIK",@"source": "A", "source": "B", | MALFORMED_JSON
            unknown schema version    | 05122 | @"schemaVersion": 1@"schemaVersion": 2                | UNKNOWN_SCHEMA_VERSION
            key differs               | 05124 | @"reportingMonth"@"reportingMonth"                    | KEY_MISMATCH
            bad jobcenter id          | 5122  | @"05122"@"5122"                                       | INVALID_VALUE
            impossible month          | 05122 | @"2014-03"@"2014-13"                                  | INVALID_VALUE
            impossible date           | 05122 | @"2014-06-30"@"2014-02-30"                            | INVALID_VALUE
            month after data status   | 05122 | @"2014-03"@"2014-07"                                  | MONTH_AFTER_DATA_STATUS
            negative count            | 05122 | @"total": 398@"total": -398                           | INVALID_VALUE
            fractional count          | 05122 | @"total": 398@"total": 398.5                          | INVALID_VALUE
            count as a string         | 05122 | @"total": 398@"total": "398"                          | INVALID_VALUE
            huge count                | 05122 | @"total": 398@"total": 1e400                          | INVALID_VALUE
            amount with three decimals| 05122 | @"3541234.50"@"3541234.505"                           | INVALID_VALUE
            amount as a number        | 05122 | @"3541234.50"@3541234.50                              | INVALID_VALUE
            non-numeric amount        | 05122 | @"3541234.50"@"3,5 Mio"                               | INVALID_VALUE
            unknown figure            | 05122 | @"LZB_IN"@"LZB_INN"                                   | UNKNOWN_FIELD
            unknown top-level field   | 05122 | @"source"@"sauce": 1, "source"                        | UNKNOWN_FIELD
            missing message id        | 05122 | @"messageId": "0b6f6c2e-8a4b-4a53-9a2e-3f3b8c1d2e10",@ | MISSING_FIELD
            gender split above total  | 05122 | @"female": 5301@"female": 6301                        | GENDER_SPLIT_EXCEEDS_TOTAL
            INT_LZB above INT         | 05122 | @"total": 95@"total": 195                             | SUBPOPULATION_EXCEEDS_POPULATION
            LZB above ELB             | 05122 | @"total": 7100@"total": 17100                         | SUBPOPULATION_EXCEEDS_POPULATION
            data status far ahead     | 05122 | @"2014-06-30"@"2099-12-31"                            | FUTURE_DATA_STATUS
            NUL in the reason         | 05122 | @"optional free text@"optional \\u0000 text           | INVALID_VALUE
            escape code in the reason | 05122 | @"optional free text@"optional \\u001b[2J text        | INVALID_VALUE
            C1 control in the reason  | 05122 | @"optional free text@"optional \\u0085 text           | INVALID_VALUE
            lone surrogate in reason  | 05122 | @"optional free text@"optional \\udc00 text           | INVALID_VALUE
            """)
    void rejectsContractViolationsWithACode(String what, String key, String change, String code) {
        String json = change.startsWith("@") ? CONTRACT_EXAMPLE.replace(change.split("@", -1)[1],
                change.split("@", -1)[2]) : change;

        assertThatThrownBy(() -> read(key, json))
                .as(what)
                .isInstanceOfSatisfying(ContractViolationException.class,
                        e -> assertThat(e.code()).hasToString(code));
    }

    /** The receiving day is the platform's (Europe/Berlin); one day of tolerance for producers ahead of it. */
    @Test
    void refusesADataStatusAfterTheReceivingDayPlusOneDay() {
        Clock evening = Clock.fixed(Instant.parse("2014-06-29T21:30:00Z"), ZoneOffset.UTC); // 23:30 in Berlin
        MonthlyFiguresContract contract = new MonthlyFiguresContract(evening);
        assertThat(contract.read("05122", CONTRACT_EXAMPLE.replace("\"2014-06-30\"", "\"2014-06-30\"")
                .getBytes(StandardCharsets.UTF_8)).dataStatus()).hasToString("2014-06-30");
        assertThatThrownBy(() -> contract.read("05122", CONTRACT_EXAMPLE.replace("\"2014-06-30\"", "\"2014-07-01\"")
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ContractViolationException.class, e -> {
                    assertThat(e.code()).isEqualTo(RejectionCode.FUTURE_DATA_STATUS);
                    assertThat(e.getMessage()).contains("2014-07-01").contains("at most 2014-06-30");
                });
    }

    @Test
    void aReasonMayHaveLinesAndTabs() {
        MonthlyFigures figures = read("05122", CONTRACT_EXAMPLE.replace("optional free text",
                "Revision\\nZeile 2\\tmit Tab, \\u00fc und \\ud83d\\ude00"));
        assertThat(figures.correctionReason()).isEqualTo("Revision\nZeile 2\tmit Tab, ü und \ud83d\ude00"
                + ", e.g. the statistics office's revision note");
    }

    @Test
    void rejectsEmptyAndOversizedRecordsUnread() {
        assertThatThrownBy(() -> CONTRACT.read("05122", new byte[0]))
                .isInstanceOfSatisfying(ContractViolationException.class,
                        e -> assertThat(e.code()).isEqualTo(RejectionCode.EMPTY_MESSAGE));
        assertThatThrownBy(() -> CONTRACT.read("05122", new byte[MonthlyFiguresContract.MAX_MESSAGE_BYTES + 1]))
                .isInstanceOfSatisfying(ContractViolationException.class,
                        e -> assertThat(e.code()).isEqualTo(RejectionCode.MESSAGE_TOO_LARGE));
    }

    @Test
    void aRejectionNamesTheOffendingField() {
        assertThatThrownBy(() -> read("05122", CONTRACT_EXAMPLE.replace("\"total\": 398", "\"total\": -398")))
                .hasMessageContaining("ELB_OUT");
    }

    @Test
    void listsEveryViolationOfAMessageWithItsLocation() {
        String json = CONTRACT_EXAMPLE
                .replace("\"total\": 398", "\"total\": -398")
                .replace("\"3541234.50\"", "\"3541234.505\"")
                .replace("\"source\": \"BA_STATISTIK\",", "");

        var violations = CONTRACT.violations("05122", json.getBytes(StandardCharsets.UTF_8));

        assertThat(violations).extracting(ContractViolation::pointer, ContractViolation::code)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("/source", RejectionCode.MISSING_FIELD),
                        org.assertj.core.groups.Tuple.tuple("/figures/ELB_OUT/total", RejectionCode.INVALID_VALUE),
                        org.assertj.core.groups.Tuple.tuple("/figures/LLU_EUR/total", RejectionCode.INVALID_VALUE));
        assertThat(violations).allSatisfy(v -> assertThat(v.reason()).startsWith(v.pointer() + ": "));
    }

    @Test
    void listsEveryRuleAMessageBreaksOnceItPassesTheSchema() {
        String json = CONTRACT_EXAMPLE
                .replace("\"female\": 5301", "\"female\": 6301")
                .replace("\"total\": 95", "\"total\": 195")
                .replace("\"2014-06-30\"", "\"2014-02-28\"");

        var violations = CONTRACT.violations("05122", json.getBytes(StandardCharsets.UTF_8));

        assertThat(violations).extracting(ContractViolation::pointer, ContractViolation::code)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/reportingMonth", RejectionCode.MONTH_AFTER_DATA_STATUS),
                        org.assertj.core.groups.Tuple.tuple("/figures/ELB/female",
                                RejectionCode.GENDER_SPLIT_EXCEEDS_TOTAL),
                        org.assertj.core.groups.Tuple.tuple("/figures/INT_LZB/total",
                                RejectionCode.SUBPOPULATION_EXCEEDS_POPULATION));
        assertThat(CONTRACT.violations("05122", CONTRACT_EXAMPLE.getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(CONTRACT.violations("05122", "{".getBytes(StandardCharsets.UTF_8)))
                .extracting(ContractViolation::code).containsExactly(RejectionCode.MALFORMED_JSON);
    }
}
