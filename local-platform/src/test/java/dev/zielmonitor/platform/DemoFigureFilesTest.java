package dev.zielmonitor.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zielmonitor.contract.MonthlyFiguresContract;
import dev.zielmonitor.publisher.FigureFile;
import dev.zielmonitor.publisher.Mapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo data files are what {@link DemoFigureFiles} writes, and read through the publishing tool they are
 * valid and carry Solingen's published figures. With {@code -Dzielmonitor.write-demo-files=true} the first test
 * writes the files anew instead.
 */
class DemoFigureFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private static FigureFile.Result read(Path file) {
        return new FigureFile(new MonthlyFiguresContract(), Mapping.standard(), StandardCharsets.UTF_8, ';')
                .read(file, rows -> { });
    }

    @Test
    void theFilesInTheRepositoryAreTheGeneratedOnes() throws IOException {
        if (Boolean.getBoolean("zielmonitor.write-demo-files")) {
            DemoFigureFiles.write(ROOT);
        }
        assertThat(Files.readString(ROOT.resolve(DemoFigureFiles.CSV), StandardCharsets.UTF_8))
                .isEqualTo(DemoFigureFiles.csv(ROOT));
        // a workbook's bytes carry the time it was written: compare what the tool reads from it
        Path fresh = temp.resolve("fresh.xlsx");
        DemoFigureFiles.writeXlsx(fresh);
        assertThat(read(ROOT.resolve(DemoFigureFiles.XLSX)).messages()).extracting(FigureFile.Message::messageId)
                .containsExactlyElementsOf(read(fresh).messages().stream().map(FigureFile.Message::messageId)
                        .toList());
    }

    @Test
    void everyMonthOfEveryNrwJobcenterIsAValidMessageAndSolingenMatchesItsPublishedRate() throws IOException {
        FigureFile.Result csv = read(ROOT.resolve(DemoFigureFiles.CSV));

        assertThat(csv.problems()).isEmpty();
        assertThat(csv.rows()).isEqualTo(53 * 48);
        assertThat(csv.messages()).hasSize(53 * 48);
        Map<YearMonth, JsonNode> solingen = new HashMap<>();
        for (FigureFile.Message message : csv.messages()) {
            JsonNode node = JSON.readTree(message.value());
            assertThat(node.get("source").asText()).isEqualTo("SYNTHETIC_DEMO");
            assertThat(node.at("/figures/LLU_EUR/total").asText()).matches("\\d+\\.\\d{2}");
            if (message.key().equals(DemoFigures.SOLINGEN)) {
                solingen.put(message.month(), node);
            }
        }
        // K2 2014 from the file's values: integrations Jan–Dec × 100 ÷ average eLb Dec 2013 – Nov 2014
        long integrations = 0;
        long stock = 0;
        for (int i = 0; i < 12; i++) {
            integrations += solingen.get(YearMonth.of(2014, 1).plusMonths(i)).at("/figures/INT/total").asLong();
            stock += solingen.get(YearMonth.of(2013, 12).plusMonths(i)).at("/figures/ELB/total").asLong();
        }
        assertThat(integrations).isEqualTo(2244);
        assertThat(BigDecimal.valueOf(integrations * 1200).divide(BigDecimal.valueOf(stock), 2, RoundingMode.HALF_UP))
                .isEqualByComparingTo("20.99");
    }

    @Test
    void theWorkbookRevisesSolingensActivatedLongTermRecipients() throws IOException {
        FigureFile.Result xlsx = read(ROOT.resolve(DemoFigureFiles.XLSX));

        assertThat(xlsx.problems()).isEmpty();
        assertThat(xlsx.messages()).extracting(FigureFile.Message::month)
                .containsExactly(YearMonth.of(2014, 7), YearMonth.of(2014, 8), YearMonth.of(2014, 9));
        for (FigureFile.Message message : xlsx.messages()) {
            JsonNode node = JSON.readTree(message.value());
            assertThat(node.get("dataStatus").asText()).isEqualTo("2015-02-27");
            assertThat(node.at("/correction/reason").asText()).isEqualTo(DemoFigures.REVISION_REASON);
            assertThat(node.get("figures").size()).as("only the revised figure").isEqualTo(1);
            assertThat(node.at("/figures/LZB_ACTIVATED/total").asLong())
                    .isEqualTo(DemoFigures.revisedActivations().get(message.month()));
        }
        assertThat(xlsx.notes()).as("the figures it leaves out are named").isNotEmpty();
        assertThat(List.of(xlsx.kind())).allMatch(kind -> kind.contains("Korrekturen"));
    }
}
