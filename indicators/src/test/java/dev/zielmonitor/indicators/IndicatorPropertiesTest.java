package dev.zielmonitor.indicators;

import dev.zielmonitor.events.common.IndicatorCode;
import dev.zielmonitor.events.common.ReportingMonth;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.indicators.IndicatorResult.NotComputable;
import dev.zielmonitor.indicators.IndicatorResult.Value;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariants of the arithmetic over generated figures. */
class IndicatorPropertiesTest {

    private final IndicatorEngine engine = new IndicatorEngine();
    private static final ReportingMonth DECEMBER = ReportingMonth.of(2014, 12);

    /** 13 months (Dec 2013 … Dec 2014) of an eLb stock and integrations. */
    private static Map<ReportingMonth, Map<FigureCode, Figure>> series(List<Long> stocks, List<Long> flows, long scale) {
        Map<ReportingMonth, Map<FigureCode, Figure>> figures = new HashMap<>();
        for (int i = 0; i < 13; i++) {
            Map<FigureCode, Figure> month = new EnumMap<>(FigureCode.class);
            month.put(FigureCode.ELB, Figure.total(stocks.get(i) * scale));
            month.put(FigureCode.INT, Figure.total(flows.get(i) * scale));
            figures.put(ReportingMonth.of(2013, 12).plusMonths(i), month);
        }
        return figures;
    }

    private BigDecimal k2(Map<ReportingMonth, Map<FigureCode, Figure>> figures) {
        return ((Value) engine.twelveMonth(IndicatorCode.K2, DECEMBER, Gender.TOTAL, FigureSource.of(figures))).percent();
    }

    @Property
    void aQuotaDoesNotDependOnTheScaleOfTheJobcenter(
            @ForAll @Size(13) List<@LongRange(min = 1_000, max = 200_000) Long> stocks,
            @ForAll @Size(13) List<@LongRange(min = 0, max = 5_000) Long> flows,
            @ForAll @LongRange(min = 2, max = 50) long scale) {
        assertThat(k2(series(stocks, flows, scale))).isEqualByComparingTo(k2(series(stocks, flows, 1)));
    }

    @Property
    void moreIntegrationsNeverLowerTheIntegrationRate(
            @ForAll @Size(13) List<@LongRange(min = 1_000, max = 200_000) Long> stocks,
            @ForAll @Size(13) List<@LongRange(min = 0, max = 5_000) Long> flows,
            @ForAll @IntRange(min = 1, max = 12) int month,
            @ForAll @LongRange(min = 0, max = 1_000) long more) {
        Map<ReportingMonth, Map<FigureCode, Figure>> figures = series(stocks, flows, 1);
        BigDecimal before = k2(figures);
        figures.get(ReportingMonth.of(2014, month)).put(FigureCode.INT, Figure.total(flows.get(month) + more));
        assertThat(k2(figures)).isGreaterThanOrEqualTo(before);
    }

    @Property
    void theDecemberYearToDateValueIsTheCalendarYearsTwelveMonthValue(
            @ForAll @Size(13) List<@LongRange(min = 1_000, max = 200_000) Long> stocks,
            @ForAll @Size(13) List<@LongRange(min = 0, max = 5_000) Long> flows) {
        FigureSource source = FigureSource.of(series(stocks, flows, 1));
        assertThat(((Value) engine.yearToDate(IndicatorCode.K2, DECEMBER, Gender.TOTAL, source)).percent())
                .isEqualByComparingTo(((Value) engine.twelveMonth(IndicatorCode.K2, DECEMBER, Gender.TOTAL, source))
                        .percent());
    }

    @Property
    void anyMissingMonthInTheWindowMakesItNotComputable(
            @ForAll @Size(13) List<@LongRange(min = 1_000, max = 200_000) Long> stocks,
            @ForAll @Size(13) List<@LongRange(min = 0, max = 5_000) Long> flows,
            @ForAll @IntRange(min = 0, max = 11) int gap,
            @ForAll boolean stockMissing) {
        Map<ReportingMonth, Map<FigureCode, Figure>> figures = series(stocks, flows, 1);
        // the K2 window for December: INT Jan–Dec 2014, ELB Dec 2013 – Nov 2014
        ReportingMonth month = stockMissing ? ReportingMonth.of(2013, 12).plusMonths(gap) : ReportingMonth.of(2014, 1 + gap);
        figures.get(month).remove(stockMissing ? FigureCode.ELB : FigureCode.INT);

        IndicatorResult result = engine.twelveMonth(IndicatorCode.K2, DECEMBER, Gender.TOTAL, FigureSource.of(figures));
        assertThat(result).isInstanceOfSatisfying(NotComputable.class,
                nc -> assertThat(nc.missing()).singleElement().satisfies(missing -> assertThat(missing.month())
                        .isEqualTo(month)));
    }
}
