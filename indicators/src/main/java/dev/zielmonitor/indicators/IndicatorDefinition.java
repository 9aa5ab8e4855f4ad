package dev.zielmonitor.indicators;

import dev.zielmonitor.events.common.IndicatorCode;
import dev.zielmonitor.events.reporting.FigureCode;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which figures an indicator divides, and how (Verordnung zu § 48a SGB II; domain.md). The marked choices are
 * our assumptions where the sources are silent, kept in one place.
 *
 * @param kind  the shape of the quotient
 * @param flow  the numerator's figure
 * @param stock the denominator's figure
 */
public record IndicatorDefinition(IndicatorCode code, Kind kind, FigureCode flow, FigureCode stock) {

    public enum Kind {
        /**
         * Rate of change against the same month a year earlier. Year to date: for sums of money (LLU, LUH) the
         * sum January…month against the same months of the year before; for stocks the average stock.
         */
        CHANGE,
        /**
         * 12-month sum of a flow ÷ average stock over the 12 months before, shifted one month back. Year to
         * date: sum January…month ÷ average stock December of the year before…month − 1.
         */
        QUOTA,
        /** 12-month sum of a flow ÷ 12-month sum of another flow (K2E3); year to date: January…month. */
        SHARE_OF_SUMS,
        /** Mean over 12 months of flow(month) ÷ stock(same month); year to date: over January…month. */
        MEAN_RATE_SAME_MONTH,
        /** Mean over 12 months of flow(month) ÷ stock(previous month); year to date: over January…month. */
        MEAN_RATE_PREVIOUS_MONTH,
        /**
         * A part of a stock ÷ the stock, same month (K3E2). Year to date [assumption]: average part ÷ average
         * stock over January…month.
         */
        STOCK_RATIO
    }

    private static final Map<IndicatorCode, IndicatorDefinition> ALL = new EnumMap<>(IndicatorCode.class);

    static {
        define(IndicatorCode.K1, Kind.CHANGE, FigureCode.LLU_EUR, FigureCode.LLU_EUR);
        define(IndicatorCode.K1E1, Kind.CHANGE, FigureCode.LUH_EUR, FigureCode.LUH_EUR);
        define(IndicatorCode.K1E2, Kind.CHANGE, FigureCode.ELB, FigureCode.ELB);
        define(IndicatorCode.K1E3, Kind.MEAN_RATE_SAME_MONTH, FigureCode.ELB_IN, FigureCode.ELB);
        define(IndicatorCode.K1E4, Kind.MEAN_RATE_PREVIOUS_MONTH, FigureCode.ELB_OUT, FigureCode.ELB);
        define(IndicatorCode.K2, Kind.QUOTA, FigureCode.INT, FigureCode.ELB);
        // [assumption] K2E1 and K2E2 share K2's denominator, shifted the same way
        define(IndicatorCode.K2E1, Kind.QUOTA, FigureCode.INT_MARGINAL, FigureCode.ELB);
        define(IndicatorCode.K2E2, Kind.QUOTA, FigureCode.INT_PUBLIC, FigureCode.ELB);
        define(IndicatorCode.K2E3, Kind.SHARE_OF_SUMS, FigureCode.INT_CONTINUOUS, FigureCode.INT);
        define(IndicatorCode.K2E4, Kind.QUOTA, FigureCode.INT_SINGLE_PARENT, FigureCode.ELB_SINGLE_PARENT);
        define(IndicatorCode.K3, Kind.CHANGE, FigureCode.LZB, FigureCode.LZB);
        define(IndicatorCode.K3E1, Kind.QUOTA, FigureCode.INT_LZB, FigureCode.LZB);
        define(IndicatorCode.K3E2, Kind.STOCK_RATIO, FigureCode.LZB_ACTIVATED, FigureCode.LZB);
        define(IndicatorCode.K3E3, Kind.MEAN_RATE_SAME_MONTH, FigureCode.LZB_IN, FigureCode.LZB);
        define(IndicatorCode.K3E4, Kind.MEAN_RATE_PREVIOUS_MONTH, FigureCode.LZB_OUT, FigureCode.LZB);
    }

    private static void define(IndicatorCode code, Kind kind, FigureCode flow, FigureCode stock) {
        ALL.put(code, new IndicatorDefinition(code, kind, flow, stock));
    }

    public static IndicatorDefinition of(IndicatorCode code) {
        return ALL.get(code);
    }

    /** Every indicator of the regulation, in its order (K1, K1E1, …, K3E4): the catalogue the API serves. */
    public static List<IndicatorDefinition> all() {
        return List.copyOf(ALL.values());
    }

    /**
     * The indicator's German name as the regulation and the dashboard write it. The names live with the code in
     * {@link IndicatorCode} (shared-events), since events and messages name indicators too; this is the one place
     * the read side takes them from.
     */
    public String name() {
        return code.germanName();
    }

    /** Which way the indicator is better ({@link Attainment#direction}). */
    public Attainment.Direction direction() {
        return Attainment.direction(code);
    }

    /**
     * The unit of its values: every indicator is a quotient shown in percent (domain.md), a rate of change too,
     * {@code (numerator / denominator − 1) × 100}.
     */
    public Unit unit() {
        return kind == Kind.CHANGE ? Unit.PERCENT_CHANGE : Unit.PERCENT;
    }

    /**
     * Whether the indicator is also computed for women and for men. Every one is (domain.md: "ideally split by
     * gender"); a value needs the split of each figure it reads, and is not computable, with the missing figures
     * named, where the figures carry no split.
     */
    public boolean genderSplit() {
        return true;
    }

    /** Percent of the denominator, or percent change against the same period a year earlier. */
    public enum Unit { PERCENT, PERCENT_CHANGE }

    /** Sums of money are compared as sums, counts of people as average stocks (CHANGE, year to date). */
    boolean sumsMoney() {
        return flow.unit() == FigureCode.Unit.EUR;
    }
}
