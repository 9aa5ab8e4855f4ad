package dev.zielmonitor.query.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay benchmark at a small size, so that it keeps working; its figures are measured by benchmarks/run.sh. */
class ReplayBenchmarkTest {

    @Test
    void rebuildsEveryEventOfTheSyntheticHistoryAndPrintsBothRates() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ReplayBenchmark.Result result = ReplayBenchmark.run(6000, new PrintStream(printed, true, StandardCharsets.UTF_8));

        // 9 Jobcenters registered, 9 x 600 months recorded; of the 9 x 597 months that have three months after
        // them, every ninth (one residue class mod 9 per Jobcenter) is corrected: 597 corrections
        assertThat(result.jobcenterRows()).isEqualTo(9);
        assertThat(result.events()).isEqualTo(9 + 9 * 600 + 597);
        assertThat(result.figureRows()).isEqualTo(result.events() - 9);
        assertThat(result.rawPerSecond()).isPositive();
        assertThat(result.rebuildPerSecond()).isPositive();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("raw read + deserialise payloads")
                .contains("ratio rebuild / raw");
    }
}
