package dev.zielmonitor.indicators;

import dev.zielmonitor.events.common.IndicatorCode;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.indicators.IndicatorResult.NotComputable;
import dev.zielmonitor.indicators.IndicatorResult.Value;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand-computed cases: every number below can be checked with pencil and paper (or a spreadsheet). */
class IndicatorEngineTest {

    private final IndicatorEngine engine = new IndicatorEngine();
    private final Map<ReportingMonth, Map<FigureCode, Figure>> figures = new HashMap<>();
    private final FigureSource source = FigureSource.of(figures);

    private static ReportingMonth m(String text) {
        return ReportingMonth.parse(text);
    }

    private void put(String month, FigureCode code, long total) {
        figures.computeIfAbsent(m(month), k -> new EnumMap<>(FigureCode.class)).put(code, Figure.total(total));
    }

    private void put(String month, FigureCode code, long total, long female, long male) {
        figures.computeIfAbsent(m(month), k -> new EnumMap<>(FigureCode.class)).put(code,
                new Figure(BigDecimal.valueOf(total), BigDecimal.valueOf(female), BigDecimal.valueOf(male)));
    }

    private void putEur(String month, FigureCode code, String amount) {
        figures.computeIfAbsent(m(month), k -> new EnumMap<>(FigureCode.class)).put(code,
                Figure.total(new BigDecimal(amount)));
    }

    private static Value value(IndicatorResult result) {
        assertThat(result).isInstanceOf(Value.class);
        return (Value) result;
    }

    @Test
    void k2DividesTwelveMonthsOfIntegrationsByTheAverageStockShiftedOneMonthBack() {
        // domain.md: integrations April 2014–March 2015 ÷ average eLb stock March 2014–February 2015
        for (int i = 0; i < 14; i++) {
            ReportingMonth month = m("2014-02").plusMonths(i);
            put(month.toString(), FigureCode.ELB, 10_000 + 10L * i);   // Feb 2014: 10000 … Mar 2015: 10130
            put(month.toString(), FigureCode.INT, 150 + i);             // Feb 2014: 150 … Mar 2015: 163
        }
        Value k2 = value(engine.twelveMonth(IndicatorCode.K2, m("2015-03"), Gender.TOTAL, source));

        // INT Apr 2014 (152) … Mar 2015 (163): 12 × (152 + 163) / 2 = 1890
        assertThat(k2.numerator()).isEqualByComparingTo("1890");
        // ELB Mar 2014 (10010) … Feb 2015 (10120): average (10010 + 10120) / 2 = 10065
        assertThat(k2.denominator()).isEqualByComparingTo("10065");
        // 1890 / 10065 = 0.187779… → 18.78 %
        assertThat(k2.percent()).isEqualByComparingTo("18.78");
    }

    @Test
    void solingensPublishedYearEndValueAndTargetLevel() {
        // 2,244 integrations in 2014 over an average stock Dec 2013 – Nov 2014 of 128,290 / 12 = 10,690.83
        long[] integrations = {157, 180, 202, 191, 191, 180, 180, 213, 213, 202, 191, 144};
        long[] stock = {10_820, 10_810, 10_830, 10_780, 10_710, 10_650, 10_600, 10_630, 10_660, 10_610, 10_580, 10_610};
        for (int i = 0; i < 12; i++) {
            put(ReportingMonth.of(2014, i + 1).toString(), FigureCode.INT, integrations[i]);
            put(ReportingMonth.of(2013, 12).plusMonths(i).toString(), FigureCode.ELB, stock[i]);
        }
        Value ytd = value(engine.yearToDate(IndicatorCode.K2, m("2014-12"), Gender.TOTAL, source));
        assertThat(ytd.numerator()).isEqualByComparingTo("2244");
        // 128290 / 12 = 10690.8333…, kept to 34 significant digits
        assertThat(ytd.denominator()).isCloseTo(new BigDecimal("10690.83333333"),
                org.assertj.core.data.Offset.offset(new BigDecimal("0.00000001")));
        assertThat(ytd.percent()).isEqualByComparingTo("20.99");

        // the December year-to-date value is the calendar-year value: the same windows as the 12-month value
        assertThat(value(engine.twelveMonth(IndicatorCode.K2, m("2014-12"), Gender.TOTAL, source)).percent())
                .isEqualByComparingTo("20.99");
        // +0.5 % relative to 2013's 19.88 % gives the published target level of 19.98 %
        assertThat(new BigDecimal("19.88").multiply(new BigDecimal("1.005")).setScale(2, RoundingMode.HALF_UP))
                .isEqualByComparingTo("19.98");
    }

    @Test
    void theYearToDateValueOfAQuotaStartsInJanuaryWithDecembersStock() {
        put("2013-12", FigureCode.ELB, 10_000);
        put("2014-01", FigureCode.ELB, 10_200);
        put("2014-02", FigureCode.ELB, 10_400);
        put("2014-01", FigureCode.INT, 150);
        put("2014-02", FigureCode.INT, 170);
        put("2014-03", FigureCode.INT, 190);

        // January: 150 / 10000 = 1.50 %; March: 510 / ((10000 + 10200 + 10400) / 3 = 10200) = 5.00 %
        assertThat(value(engine.yearToDate(IndicatorCode.K2, m("2014-01"), Gender.TOTAL, source)).percent())
                .isEqualByComparingTo("1.50");
        Value march = value(engine.yearToDate(IndicatorCode.K2, m("2014-03"), Gender.TOTAL, source));
        assertThat(march.numerator()).isEqualByComparingTo("510");
        assertThat(march.denominator()).isEqualByComparingTo("10200");
        assertThat(march.percent()).isEqualByComparingTo("5.00");
    }

    @Test
    void k1IsTheRateOfChangeOfBenefitsAgainstTheSameMonthAYearEarlierAndOfTheSumsYearToDate() {
        putEur("2013-01", FigureCode.LLU_EUR, "3500000.00");
        putEur("2013-02", FigureCode.LLU_EUR, "3400000.00");
        putEur("2014-01", FigureCode.LLU_EUR, "3600000.00");
        putEur("2014-02", FigureCode.LLU_EUR, "3366000.00");

        // January: 3.6 M / 3.5 M − 1 = +2.857 % → 2.86
        assertThat(value(engine.twelveMonth(IndicatorCode.K1, m("2014-01"), Gender.TOTAL, source)).percent())
                .isEqualByComparingTo("2.86");
        // February: 3.366 / 3.4 − 1 = −1.00 %
        assertThat(value(engine.twelveMonth(IndicatorCode.K1, m("2014-02"), Gender.TOTAL, source)).percent())
                .isEqualByComparingTo("-1.00");
        // Jan + Feb: 6.966 M / 6.9 M − 1 = +0.957 % → 0.96
        Value ytd = value(engine.yearToDate(IndicatorCode.K1, m("2014-02"), Gender.TOTAL, source));
        assertThat(ytd.numerator()).isEqualByComparingTo("6966000");
        assertThat(ytd.denominator()).isEqualByComparingTo("6900000");
        assertThat(ytd.percent()).isEqualByComparingTo("0.96");
    }

    @Test
    void stockIndicatorsCompareAverageStocksYearToDate() {
        put("2013-01", FigureCode.LZB, 7_000);
        put("2013-02", FigureCode.LZB, 7_200);
        put("2014-01", FigureCode.LZB, 6_900);
        put("2014-02", FigureCode.LZB, 7_100);
        // (6900 + 7100) / 2 = 7000 against (7000 + 7200) / 2 = 7100: 7000 / 7100 − 1 = −1.408 % → −1.41
        assertThat(value(engine.yearToDate(IndicatorCode.K3, m("2014-02"), Gender.TOTAL, source)).percent())
                .isEqualByComparingTo("-1.41");
        // the published monthly K3: 7100 / 7200 − 1 = −1.39 %
        assertThat(value(engine.twelveMonth(IndicatorCode.K3, m("2014-02"), Gender.TOTAL, source)).percent())
                .isEqualByComparingTo("-1.39");
    }

    @Test
    void inflowAndOutflowRatesAreMeansOfMonthlyRatesTheOutflowOverThePreviousMonthsStock() {
        // a window across the year boundary: Feb 2014 … Jan 2015, stock from Jan 2014
        for (int i = 0; i <= 12; i++) {
            ReportingMonth month = m("2014-01").plusMonths(i);
            put(month.toString(), FigureCode.ELB, i % 2 == 0 ? 10_000 : 8_000);
            put(month.toString(), FigureCode.ELB_IN, 400);
            put(month.toString(), FigureCode.ELB_OUT, 400);
        }
        // inflow: months alternate 400/8000 = 5 % (Feb …) and 400/10000 = 4 %: mean 4.5 %
        Value in = value(engine.twelveMonth(IndicatorCode.K1E3, m("2015-01"), Gender.TOTAL, source));
        assertThat(in.denominator()).isEqualByComparingTo("12");
        assertThat(in.percent()).isEqualByComparingTo("4.50");
        // outflow over the previous month's stock: Feb over Jan (10000) = 4 %, Mar over Feb (8000) = 5 %: 4.5 %
        assertThat(value(engine.twelveMonth(IndicatorCode.K1E4, m("2015-01"), Gender.TOTAL, source)).percent())
                .isEqualByComparingTo("4.50");
        // year to date in January 2015: only January: inflow 400/10000 = 4 %, outflow over Dec (8000) = 5 %
        assertThat(value(engine.yearToDate(IndicatorCode.K1E3, m("2015-01"), Gender.TOTAL, source)).percent())
                .isEqualByComparingTo("4.00");
        assertThat(value(engine.yearToDate(IndicatorCode.K1E4, m("2015-01"), Gender.TOTAL, source)).percent())
                .isEqualByComparingTo("5.00");
    }

    @Test
    void continuousEmploymentIsAShareOfIntegrationsAndActivationAShareOfTheStock() {
        for (int i = 1; i <= 12; i++) {
            String month = ReportingMonth.of(2014, i).toString();
            put(month, FigureCode.INT, 200);
            put(month, FigureCode.INT_CONTINUOUS, i <= 6 ? 120 : 130);
            put(month, FigureCode.LZB, 7_000);
            put(month, FigureCode.LZB_ACTIVATED, i == 12 ? 1_435 : 1_400);
        }
        // (6 × 120 + 6 × 130) / (12 × 200) = 1500 / 2400 = 62.50 %
        assertThat(value(engine.twelveMonth(IndicatorCode.K2E3, m("2014-12"), Gender.TOTAL, source)).percent())
                .isEqualByComparingTo("62.50");
        // December: 1435 / 7000 = 20.50 %; year to date: average 1402.9166… / 7000 = 20.04 %
        assertThat(value(engine.twelveMonth(IndicatorCode.K3E2, m("2014-12"), Gender.TOTAL, source)).percent())
                .isEqualByComparingTo("20.50");
        assertThat(value(engine.yearToDate(IndicatorCode.K3E2, m("2014-12"), Gender.TOTAL, source)).percent())
                .isEqualByComparingTo("20.04");
    }

    @Test
    void aGapGivesNotComputableNamingEveryMissingFigure() {
        for (int i = 0; i < 13; i++) {
            ReportingMonth month = m("2013-12").plusMonths(i);
            if (!month.toString().equals("2014-06")) {
                put(month.toString(), FigureCode.ELB, 10_000);
            }
            if (!month.toString().equals("2014-09")) {
                put(month.toString(), FigureCode.INT, 180);
            }
        }
        IndicatorResult k2 = engine.twelveMonth(IndicatorCode.K2, m("2014-12"), Gender.TOTAL, source);

        assertThat(k2).isInstanceOfSatisfying(NotComputable.class, nc -> {
            assertThat(nc.missing()).extracting(Object::toString).containsExactlyInAnyOrder("INT 2014-09", "ELB 2014-06");
            assertThat(nc.reason()).contains("INT 2014-09", "ELB 2014-06");
        });
    }

    @Test
    void genderValuesNeedTheSplitOfEveryFigure() {
        for (int i = 0; i < 13; i++) {
            String month = m("2013-11").plusMonths(i).toString();
            put(month, FigureCode.ELB, 10_000, 5_000, 5_000);
            if (month.equals("2014-04")) {
                put(month, FigureCode.INT, 180); // no split this month
            } else {
                put(month, FigureCode.INT, 180, 70, 110);
            }
        }
        assertThat(value(engine.twelveMonth(IndicatorCode.K2, m("2014-11"), Gender.TOTAL, source)).percent())
                .isEqualByComparingTo("21.60"); // 12 × 180 / 10000
        assertThat(engine.twelveMonth(IndicatorCode.K2, m("2014-11"), Gender.FEMALE, source))
                .isInstanceOfSatisfying(NotComputable.class, nc -> assertThat(nc.missing()).extracting(Object::toString)
                        .containsExactly("INT 2014-04 (female)"));
        // from May on the window has the split: women 12 × 70 / 5000 = 16.80 %, men 12 × 110 / 5000 = 26.40 %
        put("2014-04", FigureCode.INT, 180, 70, 110);
        assertThat(value(engine.twelveMonth(IndicatorCode.K2, m("2014-11"), Gender.FEMALE, source)).percent())
                .isEqualByComparingTo("16.80");
        assertThat(value(engine.twelveMonth(IndicatorCode.K2, m("2014-11"), Gender.MALE, source)).percent())
                .isEqualByComparingTo("26.40");
    }

    @Test
    void aCorrectionInsideTheWindowMovesTheValueByExactlyItsShare() {
        for (int i = 0; i < 13; i++) {
            String month = m("2013-12").plusMonths(i).toString();
            put(month, FigureCode.ELB, 12_000);
            put(month, FigureCode.INT, 200);
        }
        BigDecimal before = value(engine.twelveMonth(IndicatorCode.K2, m("2014-12"), Gender.TOTAL, source)).percent();
        put("2014-07", FigureCode.INT, 260); // +60 integrations: +60 / 12000 = +0.50 points
        BigDecimal after = value(engine.twelveMonth(IndicatorCode.K2, m("2014-12"), Gender.TOTAL, source)).percent();

        assertThat(before).isEqualByComparingTo("20.00");
        assertThat(after).isEqualByComparingTo("20.50");
    }

    @Test
    void aZeroDenominatorIsNotComputableNotInfinite() {
        put("2014-01", FigureCode.LZB, 0);
        put("2014-01", FigureCode.LZB_ACTIVATED, 0);
        assertThat(engine.twelveMonth(IndicatorCode.K3E2, m("2014-01"), Gender.TOTAL, source))
                .isInstanceOfSatisfying(NotComputable.class, nc -> assertThat(nc.reason()).contains("zero"));
    }

    @Test
    void everyIndicatorIsDefinedAndComputableFromCompleteFigures() {
        for (int i = 0; i < 25; i++) {
            String month = m("2013-01").plusMonths(i).toString();
            for (FigureCode code : FigureCode.values()) {
                if (code.unit() == FigureCode.Unit.EUR) {
                    putEur(month, code, "1000000.00");
                } else {
                    put(month, code, code == FigureCode.ELB ? 10_000 : code == FigureCode.LZB ? 6_500 : 100);
                }
            }
        }
        for (IndicatorCode code : IndicatorCode.values()) {
            assertThat(IndicatorDefinition.of(code)).as(code.name()).isNotNull();
            assertThat(engine.twelveMonth(code, m("2014-12"), Gender.TOTAL, source)).as(code.name())
                    .isInstanceOf(Value.class);
            assertThat(engine.yearToDate(code, m("2014-12"), Gender.TOTAL, source)).as(code.name())
                    .isInstanceOf(Value.class);
        }
    }
}
