package dev.zielmonitor.publisher;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValuesTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "10712           | 10712",
            "10.712          | 10712",
            "1.234.567       | 1234567",
            "3.541.234,50    | 3541234.50",
            "3541234,5       | 3541234.5",
            "3541234.50      | 3541234.50",
            "0,07            | 0.07",
            "' 10 712 '      | 10712",
            "'10\u00A0712'   | 10712",
            "-5              | -5",
            "−5              | -5",
            "3,5             | 3.5",
            "-               | 0",
            "–               | 0"})
    void readsGermanAndPlainNumbers(String text, String expected) {
        assertThat(Values.number(Cell.text(text))).isEqualByComparingTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", ".", "x", "X", "*", "…"})
    void treatsEmptyCellsAndStatisticalSignsForWithheldValuesAsUnknown(String text) {
        assertThat(Values.number(Cell.text(text))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.2.3", "1,234.56", "12.34.567", "1e5", "10712 Personen", "1,2,3"})
    void rejectsWhatIsNotANumberInBothLanguages(String text) {
        assertThatThrownBy(() -> Values.number(Cell.text(text)))
                .isInstanceOfSatisfying(Values.ValueProblem.class, e -> {
                    assertThat(e.german()).contains("ist keine Zahl").contains(text);
                    assertThat(e.getMessage()).contains("is not a number").contains(text);
                });
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"30.06.2014, 2014-06-30", "1.7.2014, 2014-07-01", "2014-06-30, 2014-06-30",
            "2014-06-30T00:00:00, 2014-06-30"})
    void readsDates(String text, LocalDate expected) {
        assertThat(Values.date(Cell.text(text))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"31.02.2014", "30/06/2014", "Juni 2014", "2014"})
    void rejectsWhatIsNotADate(String text) {
        assertThatThrownBy(() -> Values.date(Cell.text(text))).isInstanceOf(Values.ValueProblem.class);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"2014-03, 2014-03", "2014-3, 2014-03", "03.2014, 2014-03", "3/2014, 2014-03", "201403, 2014-03",
            "März 2014, 2014-03", "Mrz. 2014, 2014-03", "maerz 2014, 2014-03", "Dezember 2015, 2015-12",
            "31.03.2014, 2014-03", "2014-03-01, 2014-03"})
    void readsMonthsAsControllersWriteThem(String text, YearMonth expected) {
        assertThat(Values.month(Cell.text(text))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2014-13", "13.2014", "201413", "Brumaire 2014", "März"})
    void rejectsWhatIsNotAMonth(String text) {
        assertThatThrownBy(() -> Values.month(Cell.text(text)))
                .isInstanceOfSatisfying(Values.ValueProblem.class, e -> assertThat(e.german()).contains("kein Monat"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"05122, 05122", "5122, 05122", "' 05122 ', 05122", "122, 122", "051220, 051220"})
    void givesTheLeadingZeroBackThatSpreadsheetsDrop(String text, String expected) {
        assertThat(Values.jobcenterId(Cell.text(text))).isEqualTo(expected);
        assertThat(Values.jobcenterId(Cell.number(new BigDecimal("5122"), null))).isEqualTo("05122");
    }

    @org.junit.jupiter.api.Test
    void readsNumberAndDateCellsOfAWorkbookAsTheyAre() {
        Cell dateCell = Cell.number(new BigDecimal("41820"), LocalDate.of(2014, 6, 30));
        assertThat(Values.date(dateCell)).isEqualTo(LocalDate.of(2014, 6, 30));
        assertThat(Values.month(dateCell)).isEqualTo(YearMonth.of(2014, 6));
        // 201403 typed as a number is a month, though Excel could also show it as a date in the year 2451
        assertThat(Values.month(Cell.number(new BigDecimal("201403"), LocalDate.of(2451, 6, 1))))
                .isEqualTo(YearMonth.of(2014, 3));
        // a number cell's value is never read as German: 1234.567 stays 1234.567
        assertThat(Values.number(Cell.number(new BigDecimal("1234.567"), null))).isEqualByComparingTo("1234.567");
    }
}
