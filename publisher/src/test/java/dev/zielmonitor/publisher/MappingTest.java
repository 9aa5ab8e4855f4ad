package dev.zielmonitor.publisher;

import dev.zielmonitor.events.reporting.FigureCode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MappingTest {

    private static Mapping parse(String text) throws IOException {
        return Mapping.parse("test", false, new StringReader(text));
    }

    @Test
    void theStandardMappingNamesEveryFigureOfTheContract() {
        Mapping standard = Mapping.standard();

        for (FigureCode code : FigureCode.values()) {
            assertThat(standard.column(code + ".total")).isEqualTo(code.name());
            assertThat(standard.column(code + ".female")).isEqualTo(code + " weiblich");
            assertThat(standard.column(code + ".male")).isEqualTo(code + " männlich");
        }
        assertThat(standard.column("jobcenterId")).isEqualTo("Jobcenter");
        assertThat(standard.column("reportingMonth")).isEqualTo("Berichtsmonat");
        assertThat(standard.isStandard()).isTrue();
        assertThat(standard.headerRow()).isEqualTo(1);
    }

    @Test
    void theExampleMappingInTheRepositoryLoads() {
        Mapping example = Mapping.load(Path.of("examples/mapping-ba-statistik.properties"));

        assertThat(example.column("jobcenterId")).isEqualTo("Regionalschlüssel");
        assertThat(example.column("LZB_ACTIVATED.total")).isEqualTo("Langzeitleistungsbezieher in Maßnahmen");
        assertThat(example.defaultValue("source")).isEqualTo("BA_STATISTIK");
        assertThat(example.headerRow()).isEqualTo(3);
        assertThat(example.figureFields()).as("16 totals, female and male of ELB and INT").hasSize(20);
    }

    @Test
    void headersMatchIgnoringCaseSpacesAndUnicodeComposition() {
        // "Männer" with a combining diaeresis (as some Mac exports write it) and a no-break space
        assertThat(Mapping.normalise("  ELB\u00A0 Ma\u0308nner ")).isEqualTo(Mapping.normalise("elb männer"));
    }

    @Test
    void rejectsUnknownKeysAndMappingsThatCannotWork() {
        assertThatThrownBy(() -> parse("jobcenterId=A\nreportingMonth=B\ndataStatus=C\nsource=D\nELB.totl=E\n"))
                .isInstanceOfSatisfying(FileProblem.class, e -> {
                    assertThat(e.german()).contains("Unbekannte Schlüssel").contains("ELB.totl");
                    assertThat(e.english()).contains("unknown keys").contains("ELB.totl");
                });
        assertThatThrownBy(() -> parse("reportingMonth=B\ndataStatus=C\nsource=D\nELB.total=E\n"))
                .hasMessageContaining("jobcenterId");
        assertThatThrownBy(() -> parse("jobcenterId=A\nreportingMonth=B\nsource=D\nELB.total=E\n"))
                .hasMessageContaining("dataStatus");
        assertThatThrownBy(() -> parse("jobcenterId=A\nreportingMonth=B\ndataStatus=C\nELB.total=E\n"))
                .hasMessageContaining("source");
        assertThatThrownBy(() -> parse("jobcenterId=A\nreportingMonth=B\ndataStatus=C\nsource=D\n"))
                .hasMessageContaining("no figure");
        assertThatThrownBy(() -> parse("jobcenterId=A\nreportingMonth=B\ndataStatus=C\nsource=D\nELB.total=E\n"
                + "headerRow=0\n")).hasMessageContaining("headerRow");
    }

    @Test
    void defaultsStandInForColumnsAFileDoesNotHave() throws IOException {
        Mapping mapping = parse("jobcenterId=A\nreportingMonth=B\ndefault.dataStatus=30.06.2014\n"
                + "default.source=BA_STATISTIK\nELB.total=E\nsheet=Daten\n");

        assertThat(mapping.defaultValue("dataStatus")).isEqualTo("30.06.2014");
        assertThat(mapping.defaultValue("source")).isEqualTo("BA_STATISTIK");
        assertThat(mapping.sheet()).isEqualTo("Daten");
        assertThat(mapping.column("dataStatus")).isNull();
    }
}
