package dev.zielmonitor.platform;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo data must reproduce Solingen's published figures (domain.md) and respect the contract. */
class DemoFiguresTest {

    private static final List<String> NRW_SAMPLE = List.of("05111", "05122", "05124", "05313", "05978");

    /** K2 year-end value: integrations Jan–Dec × 100 ÷ average eLb stock Dec of the year before – Nov. */
    private static BigDecimal k2(Map<YearMonth, Map<String, long[]>> series, int year) {
        long integrations = IntStream.rangeClosed(1, 12)
                .mapToLong(m -> series.get(YearMonth.of(year, m)).get("INT")[0]).sum();
        long stockSum = IntStream.range(0, 12)
                .mapToLong(i -> series.get(YearMonth.of(year - 1, 12).plusMonths(i)).get("ELB")[0]).sum();
        BigDecimal averageStock = BigDecimal.valueOf(stockSum).divide(BigDecimal.valueOf(12), 10, RoundingMode.HALF_UP);
        return BigDecimal.valueOf(integrations * 100L).divide(averageStock, 2, RoundingMode.HALF_UP);
    }

    @Test
    void solingenMatchesItsPublishedIntegrationRates() {
        var solingen = DemoFigures.series(DemoFigures.SOLINGEN);

        long integrations2014 = IntStream.rangeClosed(1, 12)
                .mapToLong(m -> solingen.get(YearMonth.of(2014, m)).get("INT")[0]).sum();
        assertThat(integrations2014).isEqualTo(2244);
        assertThat(k2(solingen, 2014)).isEqualByComparingTo("20.99");
        assertThat(k2(solingen, 2013)).isEqualByComparingTo("19.88");
        // the 2014 target: +0.5 % relative to 2013, published as 19.98 %
        assertThat(k2(solingen, 2013).multiply(new BigDecimal("1.005")).setScale(2, RoundingMode.HALF_UP))
                .isEqualByComparingTo("19.98");
    }

    @Test
    void solingensMagnitudesAreRealistic() {
        var solingen = DemoFigures.series(DemoFigures.SOLINGEN);
        solingen.forEach((month, figures) -> {
            if (month.getYear() == 2014) {
                assertThat(figures.get("ELB")[0]).isBetween(10_400L, 11_000L);
                assertThat(figures.get("INT")[0]).isBetween(140L, 230L);
                assertThat(figures.get("LLU_EUR")[0] / 100).isBetween(3_300_000L, 3_800_000L);
                double lzbShare = (double) figures.get("LZB")[0] / figures.get("ELB")[0];
                assertThat(lzbShare).isBetween(0.6, 0.7);
            }
        });
    }

    @Test
    void everyMonthRespectsTheContractsRules() {
        for (String id : NRW_SAMPLE) {
            DemoFigures.series(id).forEach((month, f) -> {
                f.forEach((code, values) -> assertThat(java.util.Arrays.stream(values).min().orElseThrow())
                        .as(id + " " + month + " " + code).isNotNegative());
                assertThat(f.get("ELB")[1] + f.get("ELB")[2]).isEqualTo(f.get("ELB")[0]);
                assertThat(f.get("INT")[1] + f.get("INT")[2]).isEqualTo(f.get("INT")[0]);
                assertThat(f.get("LZB")[0]).isLessThanOrEqualTo(f.get("ELB")[0]);
                assertThat(f.get("INT_LZB")[0]).isLessThanOrEqualTo(f.get("INT")[0]);
                assertThat(f.get("INT_SINGLE_PARENT")[0]).isLessThanOrEqualTo(f.get("INT")[0]);
                assertThat(f.get("LZB_ACTIVATED")[0]).isLessThanOrEqualTo(f.get("LZB")[0]);
                assertThat(f.get("ELB_SINGLE_PARENT")[0]).isLessThanOrEqualTo(f.get("ELB")[0]);
            });
        }
    }

    @Test
    void distributesAWholeNumberExactlyByWeight() {
        long[] parts = DemoFigures.distribute(2244, new double[] {7.0, 8.0, 9.0, 8.5, 8.5, 8.0, 8.0, 9.5, 9.5, 9.0,
                8.5, 6.5});
        assertThat(java.util.Arrays.stream(parts).sum()).isEqualTo(2244);
        assertThat(parts[0]).isEqualTo(157); // 2244 × 7 % = 157.08
    }
}
