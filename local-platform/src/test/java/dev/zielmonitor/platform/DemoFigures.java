package dev.zielmonitor.platform;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the demo figures in {@code demo/figures} were made ({@link DemoFigureFiles} writes them): 2012–2015 for the
 * 53 NRW Jobcenters. <b>All of them are synthetic</b> ({@code "source": "SYNTHETIC_DEMO"}). Solingen's are built to match its published yearly
 * figures (domain.md): 2,244 integrations in 2014 over an average eLb stock (Dec 2013 – Nov 2014) of 10,690.83,
 * which gives the published K2 of 20.99 %, and 2013 at 19.88 %, the base of the 2014 target of 19.98 %. The
 * other Jobcenters are Solingen's pattern scaled by a size and a success factor drawn from their district key.
 * Every month's figures are final (data status three months after the month); three Solingen months of 2014
 * are then revised, as the statistics office did in 2024 for the activation of long-term recipients.
 */
final class DemoFigures {

    static final String REVISION_REASON =
            "Rückwirkende Korrektur der Zahl der LZB in aktivierenden Maßnahmen (synthetisch)";
    static final String REVISION_DATA_STATUS = "27.02.2015";

    static final String SOLINGEN = "05122";
    static final String SOURCE = "SYNTHETIC_DEMO";
    static final int FIRST_YEAR = 2012;
    static final int LAST_YEAR = 2015;

    /** Deviation of the eLb stock from the year's level, January to December; sums to zero. */
    private static final int[] ELB_SEASON = {120, 140, 90, 20, -40, -90, -60, -30, -80, -110, -90, 130};
    /** Share of the year's integrations per month, January to December, in percent; sums to 100. */
    private static final double[] INT_SEASON = {7.0, 8.0, 9.0, 8.5, 8.5, 8.0, 8.0, 9.5, 9.5, 9.0, 8.5, 6.5};
    private static final Map<Integer, Integer> SOLINGEN_ELB_LEVEL = Map.of(2012, 10_850, 2013, 10_800, 2014, 10_690,
            2015, 10_560);
    private static final Map<Integer, Integer> SOLINGEN_INTEGRATIONS = Map.of(2012, 2_120, 2013, 2_147, 2014, 2_244,
            2015, 2_290);
    /** Sum of the eLb stock over December of the year before to November: the K2 denominator times 12. */
    static final Map<Integer, Integer> SOLINGEN_K2_DENOMINATOR_SUM = Map.of(2013, 129_600, 2014, 128_290);

    private DemoFigures() {
    }

    /** Solingen's three revised months of 2014: the activated long-term recipients, as revised. */
    static Map<YearMonth, Long> revisedActivations() {
        Map<YearMonth, Map<String, long[]>> solingen = series(SOLINGEN);
        Map<YearMonth, Long> revised = new LinkedHashMap<>();
        for (int m = 7; m <= 9; m++) {
            YearMonth month = YearMonth.of(2014, m);
            revised.put(month, solingen.get(month).get("LZB_ACTIVATED")[0] + 35);
        }
        return revised;
    }

    /**
     * The figures of one Jobcenter by month: each figure a {total} or {total, female, male}; amounts in cents.
     */
    static Map<YearMonth, Map<String, long[]>> series(String jobcenterId) {
        boolean solingen = SOLINGEN.equals(jobcenterId);
        int h = Math.floorMod(Objects.hash(jobcenterId) * 31 + 7, 1000);
        double size = solingen ? 1.0 : 0.45 + (h % 60) / 10.0;       // 0.45 … 6.35 × Solingen
        double success = solingen ? 1.0 : 0.80 + (h / 60) / 30.0;     // 0.80 … 1.33 × Solingen's rate

        Map<YearMonth, Long> elb = new LinkedHashMap<>();
        for (int year = FIRST_YEAR - 1; year <= LAST_YEAR; year++) {
            int level = SOLINGEN_ELB_LEVEL.getOrDefault(year, 10_900);
            for (int m = 1; m <= 12; m++) {
                elb.put(YearMonth.of(year, m), Math.round((level + ELB_SEASON[m - 1]) * size));
            }
        }
        if (solingen) {
            // hit the published yearly K2 figures exactly: adjust the last month of each denominator window
            SOLINGEN_K2_DENOMINATOR_SUM.forEach((year, wanted) -> {
                long sum = 0;
                for (int i = 0; i < 12; i++) {
                    sum += elb.get(YearMonth.of(year - 1, 12).plusMonths(i));
                }
                elb.merge(YearMonth.of(year, 11), wanted - sum, Long::sum);
            });
        }

        Map<YearMonth, Map<String, long[]>> result = new LinkedHashMap<>();
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            long yearly = Math.round(SOLINGEN_INTEGRATIONS.get(year) * size * success);
            long[] integrations = distribute(yearly, INT_SEASON);
            for (int m = 1; m <= 12; m++) {
                YearMonth month = YearMonth.of(year, m);
                long stock = elb.get(month);
                long previous = elb.get(month.minusMonths(1));
                long ints = integrations[m - 1];
                long lzb = Math.round(stock * 0.652);
                Map<String, long[]> f = new LinkedHashMap<>();
                f.put("ELB", split(stock, 0.495));
                f.put("ELB_IN", new long[] {Math.round(stock * 0.038)});
                f.put("ELB_OUT", new long[] {Math.round(stock * 0.038) + previous - stock});
                f.put("INT", split(ints, 0.38));
                f.put("INT_MARGINAL", new long[] {Math.round(ints * 0.27)});
                f.put("INT_PUBLIC", new long[] {Math.round(ints * 0.09)});
                f.put("INT_CONTINUOUS", new long[] {Math.round(ints * 0.61)});
                f.put("ELB_SINGLE_PARENT", new long[] {Math.round(stock * 0.126)});
                f.put("INT_SINGLE_PARENT", new long[] {Math.round(ints * 0.085)});
                f.put("LZB", new long[] {lzb});
                f.put("LZB_IN", new long[] {Math.round(lzb * 0.021)});
                f.put("LZB_OUT", new long[] {Math.round(lzb * 0.023)});
                f.put("INT_LZB", new long[] {Math.round(ints * 0.44)});
                f.put("LZB_ACTIVATED", new long[] {Math.round(lzb * 0.205)});
                f.put("LLU_EUR", new long[] {Math.round(stock * 331.17 * 100)});
                f.put("LUH_EUR", new long[] {Math.round(stock * 206.43 * 100)});
                result.put(month, f);
            }
        }
        return result;
    }

    /** Splits a whole number by the weights (percent), the remainders going to the largest fractions. */
    static long[] distribute(long total, double[] weightsPercent) {
        long[] parts = new long[weightsPercent.length];
        double[] fractions = new double[weightsPercent.length];
        long assigned = 0;
        for (int i = 0; i < parts.length; i++) {
            double exact = total * weightsPercent[i] / 100.0;
            parts[i] = (long) Math.floor(exact);
            fractions[i] = exact - parts[i];
            assigned += parts[i];
        }
        while (assigned < total) {
            int best = 0;
            for (int i = 1; i < fractions.length; i++) {
                if (fractions[i] > fractions[best]) {
                    best = i;
                }
            }
            parts[best]++;
            fractions[best] = -1;
            assigned++;
        }
        return parts;
    }

    private static long[] split(long total, double femaleShare) {
        long female = Math.round(total * femaleShare);
        return new long[] {total, female, total - female};
    }
}
