package dev.zielmonitor.contract;

import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FiguresCodecTest {

    private static final MonthlyFiguresContract CONTRACT = new MonthlyFiguresContract();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The example of contract.md without its spaces: what a producer sends. */
    private static byte[] compactExample() {
        return JSON.writeValueAsBytes(JSON.readTree(MonthlyFiguresContractTest.CONTRACT_EXAMPLE));
    }

    @Test
    void writesTheContractExampleByteForByteAsReadFromIt() {
        MonthlyFigures read = CONTRACT.read("05122", compactExample());

        byte[] written = FiguresCodec.encode(read);

        assertThat(new String(written, StandardCharsets.UTF_8))
                .isEqualTo(new String(compactExample(), StandardCharsets.UTF_8));
        assertThat(CONTRACT.read("05122", written)).isEqualTo(read);
    }

    @Test
    void writesFiguresInTheContractsOrderWhateverTheOrderTheyAreGiven() {
        Map<FigureCode, Figure> figures = new LinkedHashMap<>();
        figures.put(FigureCode.LUH_EUR, Figure.total(new BigDecimal("2214000")));
        figures.put(FigureCode.INT, new Figure(new BigDecimal("187.0"), null, new BigDecimal("116")));
        figures.put(FigureCode.ELB, Figure.total(new BigDecimal("1.0712E+4")));

        assertThat(FiguresCodec.write(figures).toString()).isEqualTo(("{'ELB':{'total':10712},"
                + "'INT':{'total':187,'male':116},'LUH_EUR':{'total':'2214000.00'}}").replace('\'', '"'));
    }

    @Test
    void aMessageWithFieldsMissingOrWrongIsWrittenAsGivenForTheContractToReport() {
        byte[] value = FiguresCodec.message()
                .source("BA_STATISTIK").jobcenterId("5122").dataStatus(LocalDate.of(2014, 6, 30))
                .figure(FigureCode.ELB, null, new BigDecimal("5301"), null)
                .figure(FigureCode.INT, new BigDecimal("398.5"), null, null)
                .figure(FigureCode.LLU_EUR, new BigDecimal("3541234.505"), null, null)
                .figure(FigureCode.LZB, null, null, null)
                .toBytes();

        assertThat(new String(value, StandardCharsets.UTF_8)).isEqualTo(("{'schemaVersion':1,'jobcenterId':'5122',"
                + "'dataStatus':'2014-06-30','source':'BA_STATISTIK','figures':{'ELB':{'female':5301},"
                + "'INT':{'total':398.5},'LLU_EUR':{'total':'3541234.505'}}}").replace('\'', '"'));
        assertThat(CONTRACT.violations("5122", value)).extracting(ContractViolation::pointer)
                .contains("/messageId", "/reportingMonth", "/jobcenterId", "/figures/ELB/total",
                        "/figures/INT/total", "/figures/LLU_EUR/total");
    }

    @Test
    void theFieldsKeepTheContractsOrderWhateverTheOrderTheyAreSetIn() {
        byte[] value = FiguresCodec.message().correctionReason("Revision").source("BA_STATISTIK")
                .dataStatus(LocalDate.of(2014, 6, 30)).reportingMonth(YearMonth.of(2014, 3)).jobcenterId("05122")
                .messageId("m-1").figure(FigureCode.ELB, BigDecimal.TEN, null, null).toBytes();

        assertThat(new String(value, StandardCharsets.UTF_8)).isEqualTo(("{'schemaVersion':1,'messageId':'m-1',"
                + "'jobcenterId':'05122','reportingMonth':'2014-03','dataStatus':'2014-06-30',"
                + "'source':'BA_STATISTIK','figures':{'ELB':{'total':10}},'correction':{'reason':'Revision'}}")
                .replace('\'', '"'));
        assertThat(CONTRACT.violations("05122", value)).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ELB     | 10712       | 10712
            ELB     | 10712.000   | 10712
            ELB     | 1.0712E+4   | 10712
            ELB     | 0.0         | 0
            ELB     | 398.5       | 398.5
            LLU_EUR | 3541234.5   | 3541234.50
            LLU_EUR | 3541234     | 3541234.00
            LLU_EUR | 0.300       | 0.30
            LLU_EUR | 3541234.505 | 3541234.505
            """)
    void canonicalNumbersAreWholeCountsAndAmountsWithTwoDecimals(FigureCode code, String value, String canonical) {
        assertThat(FiguresCodec.canonical(code, new BigDecimal(value)).toPlainString()).isEqualTo(canonical);
    }

    @Test
    void aTableShowsTheCanonicalDigitsWithItsDecimalSeparator() {
        assertThat(FiguresCodec.plain(FigureCode.LLU_EUR, new BigDecimal("3541234.5"), ',')).isEqualTo("3541234,50");
        assertThat(FiguresCodec.plain(FigureCode.ELB, new BigDecimal("1.0712E+4"), ',')).isEqualTo("10712");
        assertThat(FiguresCodec.plain(FigureCode.ELB, null, ',')).isEmpty();
    }

    @Test
    void namesTheParts() {
        Figure figure = new Figure(BigDecimal.TEN, BigDecimal.ONE, null);
        assertThat(FiguresCodec.PARTS).containsExactly("total", "female", "male");
        assertThat(FiguresCodec.PARTS.stream().map(part -> FiguresCodec.part(figure, part)))
                .containsExactly(BigDecimal.TEN, BigDecimal.ONE, null);
    }
}
