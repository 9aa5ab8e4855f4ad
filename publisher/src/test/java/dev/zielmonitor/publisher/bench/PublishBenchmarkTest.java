package dev.zielmonitor.publisher.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The publish benchmark at a small size, so that it keeps working; its figures are measured by benchmarks/run.sh. */
class PublishBenchmarkTest {

    @Test
    void publishesEveryRowBothWaysAndPrintsBothRates() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        PublishBenchmark.Result result = PublishBenchmark.run(1_500,
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(result.toolRecords()).isEqualTo(1_500);
        assertThat(result.rawRecords()).isEqualTo(1_500);
        assertThat(result.toolPerSecond()).isPositive();
        assertThat(result.rawPerSecond()).isPositive();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("ratio tool / raw").contains("peak heap");
    }
}
