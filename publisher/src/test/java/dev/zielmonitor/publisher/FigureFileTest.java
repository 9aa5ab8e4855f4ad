package dev.zielmonitor.publisher;

import dev.zielmonitor.contract.MonthlyFigures;
import dev.zielmonitor.contract.MonthlyFiguresContract;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class FigureFileTest {

    private static final MonthlyFiguresContract CONTRACT = new MonthlyFiguresContract();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final String HEADER = "Jobcenter;Name;Berichtsmonat;Datenstand;Quelle;Korrekturgrund;ELB;"
            + "ELB weiblich;ELB männlich;INT;INT_CONTINUOUS;INT_LZB;LZB;LLU_EUR";

    @TempDir
    Path dir;

    private static FigureFile.Result read(Path file) {
        return read(file, Mapping.standard(), StandardCharsets.UTF_8);
    }

    private static FigureFile.Result read(Path file, Mapping mapping, Charset charset) {
        return new FigureFile(CONTRACT, mapping, charset, ';').read(file, rows -> { });
    }

    @Test
    void readsACsvFileWithByteOrderMarkUmlautsDecimalCommasAndEmptyCells() throws IOException {
        Path file = TestFiles.csv(dir.resolve("düren.csv"), StandardCharsets.UTF_8,
                "\uFEFF" + HEADER,
                "05358;Jobcenter Kreis Düren;03.2014;30.06.2014;BA_STATISTIK;;10.712;5.301;5.411;187;;95;7.100;"
                        + "3.541.234,5");

        FigureFile.Result result = read(file);

        assertThat(result.problems()).isEmpty();
        assertThat(result.rows()).isEqualTo(1);
        FigureFile.Message message = result.messages().get(0);
        assertThat(message.key()).isEqualTo("05358");
        assertThat(message.row()).isEqualTo(2);
        JsonNode json = JSON.readTree(message.value());
        assertThat(json.toString()).isEqualTo(("{'schemaVersion':1,'messageId':'" + message.messageId() + "',"
                + "'jobcenterId':'05358','reportingMonth':'2014-03','dataStatus':'2014-06-30',"
                + "'source':'BA_STATISTIK','figures':{'ELB':{'total':10712,'female':5301,'male':5411},"
                + "'INT':{'total':187},'LZB':{'total':7100},'INT_LZB':{'total':95},"
                + "'LLU_EUR':{'total':'3541234.50'}}}").replace('\'', '"'));
        // and the platform reads it as meant: the empty INT_CONTINUOUS is unknown, not zero
        MonthlyFigures figures = CONTRACT.read("05358", message.value());
        assertThat(figures.figures()).doesNotContainKey(FigureCode.INT_CONTINUOUS);
        assertThat(figures.figures().get(FigureCode.ELB)).isEqualTo(new Figure(new BigDecimal("10712"),
                new BigDecimal("5301"), new BigDecimal("5411")));
        assertThat(figures.figures().get(FigureCode.LLU_EUR).total()).isEqualTo(new BigDecimal("3541234.50"));
        assertThat(result.notes()).extracting(Problem::english).anySatisfy(note -> assertThat(note)
                .contains("columns are missing").contains("ELB_IN").doesNotContain("ELB weiblich"));
    }

    @Test
    void theSameFiguresInAWorkbookAreTheSameMessage() throws IOException {
        Path csv = TestFiles.csv(dir.resolve("a.csv"), StandardCharsets.UTF_8, HEADER,
                "05358;Jobcenter Kreis Düren;2014-03;2014-06-30;BA_STATISTIK;;10712;5301;5411;187;;95;7100;"
                        + "3541234.50");
        // as Excel keeps it: the id as a number without its leading zero, the month and data status as date
        // cells, counts and the amount as numbers, the empty cell empty
        Path xlsx = TestFiles.xlsx(dir.resolve("a.xlsx"), "Tabelle1", new Object[][] {
                HEADER.split(";"),
                {5358, "Jobcenter Kreis Düren", LocalDate.of(2014, 3, 1), LocalDate.of(2014, 6, 30), "BA_STATISTIK",
                    null, 10712, 5301, 5411, 187, null, 95, 7100, 3541234.5}});

        FigureFile.Message fromCsv = read(csv).messages().get(0);
        FigureFile.Result fromXlsx = read(xlsx);

        assertThat(fromXlsx.problems()).isEmpty();
        assertThat(fromXlsx.kind()).contains("Tabelle1");
        assertThat(fromXlsx.messages().get(0).messageId()).isEqualTo(fromCsv.messageId());
        assertThat(new String(fromXlsx.messages().get(0).value(), StandardCharsets.UTF_8))
                .isEqualTo(new String(fromCsv.value(), StandardCharsets.UTF_8));
    }

    @Test
    void workbookNumbersKeepExcelsPrecisionAndTextCellsMayHoldGermanNumbers() throws IOException {
        Path xlsx = TestFiles.xlsx(dir.resolve("b.xlsx"), "Daten", new Object[][] {
                {"Jobcenter", "Berichtsmonat", "Datenstand", "Quelle", "ELB", "INT", "LLU_EUR", "LUH_EUR"},
                {"05122", "201403", "30.06.2014", "BA_STATISTIK", "10.712", 187, 0.1 + 0.2, "2.214.000,00"}});

        FigureFile.Result result = read(xlsx);

        assertThat(result.problems()).isEmpty();
        JsonNode figures = JSON.readTree(result.messages().get(0).value()).get("figures");
        assertThat(figures.at("/ELB/total").asLong()).isEqualTo(10712);
        assertThat(figures.at("/LLU_EUR/total").asString()).as("not 0.30000000000000004").isEqualTo("0.30");
        assertThat(figures.at("/LUH_EUR/total").asString()).isEqualTo("2214000.00");
        assertThat(result.messages().get(0).month()).isEqualTo(YearMonth.of(2014, 3));
    }

    @Test
    void findsTheSheetAndHeaderRowTheMappingNames() throws IOException {
        Path xlsx = TestFiles.xlsx(dir.resolve("c.xlsx"),
                "Erläuterungen", new Object[][] {{"Diese Mappe enthält Monatszahlen."}},
                "Zahlen 2014", new Object[][] {
                    {"Monatszahlen nach § 48a SGB II"},
                    {},
                    {"Kennung", "Monat", "Stand", "eLb"},
                    {"05122", "2014-03", LocalDate.of(2014, 6, 30), 10712},
                    {},
                    {"05122", "2014-04", LocalDate.of(2014, 7, 31), 10650}});
        Mapping mapping = mapping("sheet = Zahlen 2014\nheaderRow = 3\njobcenterId = Kennung\n"
                + "reportingMonth = Monat\ndataStatus = Stand\ndefault.source = BA_STATISTIK\nELB.total = eLb\n");

        FigureFile.Result result = read(xlsx, mapping, StandardCharsets.UTF_8);

        assertThat(result.problems()).isEmpty();
        assertThat(result.rows()).as("blank rows are not rows").isEqualTo(2);
        assertThat(result.messages()).extracting(FigureFile.Message::row, FigureFile.Message::month)
                .containsExactly(tuple(4, YearMonth.of(2014, 3)), tuple(6, YearMonth.of(2014, 4)));
        assertThatThrownBy(() -> read(xlsx, mapping("sheet = Zahlen 2015\n" + "jobcenterId = Kennung\n"
                + "reportingMonth = Monat\ndataStatus = Stand\ndefault.source = X\nELB.total = eLb\n"),
                StandardCharsets.UTF_8)).isInstanceOf(FileProblem.class).hasMessageContaining("Zahlen 2015");
    }

    @Test
    void reportsEveryProblemOfEveryRowByRowAndColumn() throws IOException {
        Path file = TestFiles.csv(dir.resolve("bad.csv"), StandardCharsets.UTF_8, HEADER,
                // 2: fine
                "05122;Jobcenter Solingen;2014-03;30.06.2014;BA_STATISTIK;;10712;5301;5411;187;120;95;7100;3541234,50",
                // 3: month unreadable and female + male above total
                "05122;Jobcenter Solingen;2014-13;30.06.2014;BA_STATISTIK;;10712;6301;5411;187;;95;7100;",
                // 4: a count with a fraction, a negative count, an amount with three decimals
                "05122;Jobcenter Solingen;2014-04;31.07.2014;BA_STATISTIK;;10712,5;5301;5411;-1;;;;1,005",
                // 5: a four-letter word for a number, INT_LZB above INT and above LZB, wrong source
                "05122;Jobcenter Solingen;2014-05;31.08.2014;ba;;viel;;;187;;295;200;",
                // 6: month after data status, no jobcenter
                ";;2014-09;31.08.2014;BA_STATISTIK;;10712;;;;;;;",
                // 7: only a correction reason: no figure at all
                "05122;Jobcenter Solingen;2014-06;30.09.2014;BA_STATISTIK;nur ein Grund;;;;;;;;");

        FigureFile.Result result = read(file);

        assertThat(result.rows()).isEqualTo(6);
        assertThat(result.invalid()).isEqualTo(5);
        assertThat(result.messages()).extracting(FigureFile.Message::row).containsExactly(2);
        assertThat(result.problems()).extracting(Problem::row, Problem::column).containsExactly(
                tuple(3, "C „Berichtsmonat“ (reportingMonth)"),
                tuple(3, "H „ELB weiblich“ (ELB.female)"),
                tuple(4, "G „ELB“ (ELB.total)"),
                tuple(4, "J „INT“ (INT.total)"),
                tuple(4, "N „LLU_EUR“ (LLU_EUR.total)"),
                tuple(5, "G „ELB“ (ELB.total)"),
                tuple(5, "E „Quelle“ (source)"),
                tuple(5, "L „INT_LZB“ (INT_LZB.total)"),
                tuple(5, "L „INT_LZB“ (INT_LZB.total)"),
                tuple(6, "A „Jobcenter“ (jobcenterId)"),
                tuple(6, "C „Berichtsmonat“ (reportingMonth)"),
                tuple(7, null));
        assertThat(result.problems()).allSatisfy(p -> {
            assertThat(p.german()).isNotBlank();
            assertThat(p.english()).isNotBlank();
            assertThat(p.file()).endsWith("bad.csv");
        });
        assertThat(result.problems().get(1).german()).isEqualTo("ELB: Frauen + Männer = 11712 ist mehr als die "
                + "Gesamtzahl 10712.");
        assertThat(result.problems().get(2).german()).isEqualTo("Eine Anzahl muss eine ganze Zahl sein.");
        assertThat(result.problems().get(3).german()).isEqualTo("Der Wert darf nicht negativ sein.");
        assertThat(result.problems().get(4).german()).contains("höchstens zwei Nachkommastellen");
        assertThat(result.problems().get(7).german()).startsWith("INT_LZB (295) ist größer als INT (187)");
        assertThat(result.problems().get(8).german()).startsWith("INT_LZB (295) ist größer als LZB (200)");
        assertThat(result.problems().get(10).german()).isEqualTo("Der Berichtsmonat liegt nach dem Datenstand.");
        assertThat(result.problems().get(11).german()).isEqualTo("Die Zeile enthält keine einzige Kennzahl.");
        assertThat(result.problems().get(3).where()).isEqualTo(
                "Zeile/row 4 · Spalte/column J „INT“ (INT.total) · 05122 Jobcenter Solingen, 2014-04");
    }

    @Test
    void aRepeatedRowIsSentOnceButTwoDifferentVersionsOfTheSameDataStatusAreAProblem() throws IOException {
        String row = "05122;Jobcenter Solingen;2014-03;30.06.2014;BA_STATISTIK;;10712;5301;5411;187;;95;7100;";
        Path file = TestFiles.csv(dir.resolve("twice.csv"), StandardCharsets.UTF_8, HEADER, row, row,
                row.replace(";187;", ";188;"),
                row.replace("30.06.2014", "31.07.2014").replace(";187;", ";188;"));

        FigureFile.Result result = read(file);

        assertThat(result.repeated()).isEqualTo(1);
        assertThat(result.invalid()).isEqualTo(1);
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.row()).isEqualTo(4);
            assertThat(p.german()).contains("wie Zeile 2");
            assertThat(p.english()).contains("as row 2");
        });
        assertThat(result.messages()).extracting(FigureFile.Message::row).containsExactly(2, 5);
    }

    /**
     * The bytes on the topic and the message id derived from them are pinned: a change here makes every file
     * published before it a new message (a correction of itself) instead of a redelivery.
     */
    @Test
    void writesTheSameBytesAndMessageIdAsEver() throws IOException {
        Path file = TestFiles.csv(dir.resolve("pinned.csv"), StandardCharsets.UTF_8, HEADER,
                "05358;Jobcenter Kreis Düren;2014-03;30.06.2014;BA_STATISTIK;Revision März;10712;5301;5411;187;"
                        + ";95;7100;3541234,5");

        FigureFile.Message message = read(file).messages().get(0);

        assertThat(message.messageId()).isEqualTo("45748c56-4a1c-394d-94ca-3f90d0687b67");
        assertThat(new String(message.value(), StandardCharsets.UTF_8)).isEqualTo(("{'schemaVersion':1,"
                + "'messageId':'45748c56-4a1c-394d-94ca-3f90d0687b67','jobcenterId':'05358','reportingMonth':'2014-03',"
                + "'dataStatus':'2014-06-30','source':'BA_STATISTIK','figures':{'ELB':{'total':10712,'female':5301,"
                + "'male':5411},'INT':{'total':187},'LZB':{'total':7100},'INT_LZB':{'total':95},"
                + "'LLU_EUR':{'total':'3541234.50'}},'correction':{'reason':'Revision März'}}").replace('\'', '"'));
    }

    @Test
    void messageIdsDependOnContentOnly() throws IOException {
        String row = "05122;Jobcenter Solingen;2014-03;30.06.2014;BA_STATISTIK;;10712;5301;5411;187;;95;7100;";
        String id = read(TestFiles.csv(dir.resolve("1.csv"), StandardCharsets.UTF_8, HEADER, row))
                .messages().get(0).messageId();

        assertThat(read(TestFiles.csv(dir.resolve("2.csv"), StandardCharsets.UTF_8, HEADER,
                row.replace("Jobcenter Solingen", "Klingenstadt").replace(";10712;", ";10.712,0;")))
                .messages().get(0).messageId()).as("same content, other name and notation").isEqualTo(id);
        assertThat(read(TestFiles.csv(dir.resolve("3.csv"), StandardCharsets.UTF_8, HEADER,
                row.replace(";187;", ";186;"))).messages().get(0).messageId()).isNotEqualTo(id);
        assertThat(read(TestFiles.csv(dir.resolve("4.csv"), StandardCharsets.UTF_8, HEADER,
                row.replace("30.06.2014", "01.07.2014"))).messages().get(0).messageId()).isNotEqualTo(id);
    }

    @Test
    void aFileInAnotherEncodingIsNamedAsSuchAndReadWithTheEncodingGiven() throws IOException {
        Path file = TestFiles.csv(dir.resolve("ansi.csv"), WINDOWS_1252, HEADER,
                "05358;Jobcenter Kreis Düren;2014-03;30.06.2014;BA_STATISTIK;Nachmeldung für März;10712;;;187;;;;");

        assertThatThrownBy(() -> read(file)).isInstanceOfSatisfying(FileProblem.class, e -> {
            assertThat(e.german()).contains("--encoding windows-1252");
            assertThat(e.english()).contains("--encoding windows-1252");
        });
        FigureFile.Result result = read(file, Mapping.standard(), WINDOWS_1252);
        assertThat(result.problems()).isEmpty();
        assertThat(JSON.readTree(result.messages().get(0).value()).at("/correction/reason").asString())
                .isEqualTo("Nachmeldung für März");
    }

    @Test
    void aHeaderWithoutTheRequiredColumnsIsRefusedNamingThem() throws IOException {
        Path file = TestFiles.csv(dir.resolve("header.csv"), StandardCharsets.UTF_8,
                "Jobcenter;Monat;Datenstand;Quelle;ELB", "05122;2014-03;30.06.2014;BA_STATISTIK;10712");

        assertThatThrownBy(() -> read(file)).isInstanceOfSatisfying(FileProblem.class, e -> {
            assertThat(e.german()).contains("„Berichtsmonat“ (reportingMonth)").contains("--mapping");
            assertThat(e.english()).contains("Found: Jobcenter | Monat | Datenstand | Quelle | ELB");
        });
        assertThatThrownBy(() -> read(dir.resolve("missing.csv"))).isInstanceOf(FileProblem.class)
                .hasMessageContaining("file not found");
        assertThatThrownBy(() -> read(TestFiles.csv(dir.resolve("old.xls"), StandardCharsets.UTF_8, "x")))
                .isInstanceOf(FileProblem.class).hasMessageContaining(".xlsx");
    }

    @Test
    void theExampleFilesInTheRepositoryAreValid() {
        FigureFile.Result standard = read(Path.of("examples/beispiel-monatszahlen.csv"));
        FigureFile.Result statistics = read(Path.of("examples/beispiel-ba-statistik.csv"),
                Mapping.load(Path.of("examples/mapping-ba-statistik.properties")), WINDOWS_1252);

        assertThat(standard.problems()).isEmpty();
        assertThat(standard.messages()).hasSize(5);
        assertThat(statistics.problems()).isEmpty();
        assertThat(statistics.messages()).extracting(FigureFile.Message::key)
                .containsExactly("05515", "05515", "05754");
        JsonNode february = JSON.readTree(statistics.messages().get(1).value());
        assertThat(february.at("/figures/INT_PUBLIC/total").asLong()).as("'-' is zero").isZero();
        assertThat(february.at("/figures/INT_CONTINUOUS").isMissingNode()).as("'x' is unknown").isTrue();
        assertThat(february.get("source").asString()).isEqualTo("BA_STATISTIK");
    }

    private static Mapping mapping(String text) throws IOException {
        return Mapping.parse("test", false, new StringReader(text));
    }
}
