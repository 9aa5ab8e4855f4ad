package dev.zielmonitor.indicators;

import dev.zielmonitor.events.agreement.QuantitativeTarget;
import dev.zielmonitor.events.agreement.TargetType;
import dev.zielmonitor.events.common.IndicatorCode;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attainment against hand-computed cases. Stocks are held constant so that every value can be checked by hand:
 * 10,000 eLb each month, so K2 year to date = integrations January…month ÷ 100.
 */
class AttainmentTest {

    private static final QuantitativeTarget K2_PLUS_HALF = new QuantitativeTarget("II-K2", IndicatorCode.K2,
            TargetType.RELATIVE_CHANGE, new BigDecimal("0.5"), 2013, 2);
    private final Map<ReportingMonth, Map<FigureCode, Figure>> figures = new HashMap<>();
    private final Attainment attainment = new Attainment(new BigDecimal("0.5"));

    private void year(int year, long integrationsPerMonth, long lzb) {
        for (int m = 1; m <= 12; m++) {
            put(ReportingMonth.of(year, m), integrationsPerMonth, lzb);
        }
        put(ReportingMonth.of(year - 1, 12), null, null); // the December before: the first denominator month
    }

    private void put(ReportingMonth month, Long integrations, Long lzb) {
        Map<FigureCode, Figure> f = figures.computeIfAbsent(month, k -> new EnumMap<>(FigureCode.class));
        f.put(FigureCode.ELB, Figure.total(10_000));
        if (integrations != null) {
            f.put(FigureCode.INT, Figure.total(integrations));
        }
        if (lzb != null) {
            f.put(FigureCode.LZB, Figure.total(lzb));
        }
    }

    private Attainment.Progress k2(int month) {
        return attainment.progress(K2_PLUS_HALF, ReportingMonth.of(2014, month), FigureSource.of(figures));
    }

    @Test
    void aRelativeTargetGrowsTheBaseYearsPublishedValueBySoManyPercentOfItself() {
        // Solingen: 1,988 integrations in 2013 over 10,000 eLb = 19.88 %; × 1.005 = 19.9794 → 19.98 %
        figures.clear();
        for (int m = 1; m <= 12; m++) {
            put(ReportingMonth.of(2013, m), m <= 8 ? 166L : 165L, null); // 8 × 166 + 4 × 165 = 1,988
        }
        put(ReportingMonth.of(2012, 12), null, null);
        assertThat(attainment.targetLevel(K2_PLUS_HALF, 2014, FigureSource.of(figures))).isEqualByComparingTo("19.98");
    }

    @Test
    void onTrackWhenTheForecastMeetsTheLevel() {
        year(2013, 165, 7000); // 2013: 1,980 / 10,000 = 19.80 %; level 19.80 × 1.005 = 19.899 → 19.90
        year(2014, 170, 7000); // 2014: 170 a month
        Attainment.Progress june = k2(6);
        assertThat(((IndicatorResult.Value) june.yearToDate()).percent()).isEqualByComparingTo("10.20");
        assertThat(((IndicatorResult.Value) june.previousYearToDate()).percent()).isEqualByComparingTo("9.90");
        assertThat(june.targetLevel()).isEqualByComparingTo("19.90");
        assertThat(june.samePeriodTarget()).isEqualByComparingTo("9.95"); // 9.90 × 1.005 = 9.9495
        assertThat(june.forecast()).isEqualByComparingTo("20.40");        // 10.20 × 19.80 / 9.90
        assertThat(june.gap()).isEqualByComparingTo("0.50");
        assertThat(june.status()).isEqualTo(Attainment.Status.ON_TRACK);
        Attainment.Progress december = k2(12);
        assertThat(december.forecast()).isEqualByComparingTo("20.40");
        assertThat(december.forecastMethod()).startsWith("December");
        assertThat(december.status()).isEqualTo(Attainment.Status.ON_TRACK);
    }

    @Test
    void atRiskWithinTheToleranceAndOffTrackBeyondIt() {
        year(2013, 165, 7000);
        year(2014, 163, 7000); // June 9.78 → forecast 19.56: 0.34 below 19.90
        assertThat(k2(6).forecast()).isEqualByComparingTo("19.56");
        assertThat(k2(6).status()).isEqualTo(Attainment.Status.AT_RISK);
        year(2014, 160, 7000); // June 9.60 → forecast 19.20: 0.70 below
        assertThat(k2(6).gap()).isEqualByComparingTo("-0.70");
        assertThat(k2(6).status()).isEqualTo(Attainment.Status.OFF_TRACK);
        assertThat(new Attainment(BigDecimal.ONE).progress(K2_PLUS_HALF, ReportingMonth.of(2014, 6),
                FigureSource.of(figures)).status()).isEqualTo(Attainment.Status.AT_RISK);
    }

    @Test
    void aLevelTargetIsTheValueItselfAndJudgedOnTheForecast() {
        QuantitativeTarget level = new QuantitativeTarget("II-K2", IndicatorCode.K2, TargetType.LEVEL,
                new BigDecimal("20.50"), null, 2);
        year(2013, 165, 7000);
        year(2014, 170, 7000); // forecast 20.40: 0.10 short of 20.50
        Attainment.Progress june = attainment.progress(level, ReportingMonth.of(2014, 6), FigureSource.of(figures));
        assertThat(june.targetLevel()).isEqualByComparingTo("20.50");
        assertThat(june.samePeriodTarget()).isNull();
        assertThat(june.gap()).isEqualByComparingTo("-0.10");
        assertThat(june.status()).isEqualTo(Attainment.Status.AT_RISK);
    }

    @Test
    void aMaximumChangeOfAStockIsMetAtOrBelowItAndCarriedForward() {
        QuantitativeTarget k3 = new QuantitativeTarget("III-K3", IndicatorCode.K3, TargetType.MAX_CHANGE,
                BigDecimal.ZERO, 2013, 2);
        year(2013, 165, 7000);
        year(2014, 165, 7070); // +1.00 %
        Attainment.Progress rising = attainment.progress(k3, ReportingMonth.of(2014, 4), FigureSource.of(figures));
        assertThat(rising.forecast()).isEqualByComparingTo("1.00");
        assertThat(rising.forecastMethod()).isEqualTo("value so far, carried to December");
        assertThat(rising.status()).isEqualTo(Attainment.Status.OFF_TRACK);
        year(2014, 165, 6930); // −1.00 %
        assertThat(attainment.progress(k3, ReportingMonth.of(2014, 4), FigureSource.of(figures)).status())
                .isEqualTo(Attainment.Status.ON_TRACK);
    }

    @Test
    void monitoringIsNotJudgedAndMissingFiguresAreNotComputableWithTheReason() {
        year(2014, 170, 7000);
        QuantitativeTarget monitored = new QuantitativeTarget("I-K1", IndicatorCode.K1, TargetType.MONITORING, null,
                null, 2);
        assertThat(attainment.progress(monitored, ReportingMonth.of(2014, 6), FigureSource.of(figures)).status())
                .isEqualTo(Attainment.Status.MONITORING);
        Attainment.Progress noBase = k2(6); // no 2013 figures
        assertThat(noBase.status()).isEqualTo(Attainment.Status.NOT_COMPUTABLE);
        assertThat(noBase.reason()).contains("2013");
        year(2013, 165, 7000);
        figures.get(ReportingMonth.of(2014, 3)).remove(FigureCode.INT);
        assertThat(k2(6).reason()).contains("INT 2014-03");
    }
}
