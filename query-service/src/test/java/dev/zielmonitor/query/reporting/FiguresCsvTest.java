package dev.zielmonitor.query.reporting;

import dev.zielmonitor.events.reporting.FigureCode;
import dev.zielmonitor.query.reporting.MonthlyFiguresQueryController.FigureView;
import dev.zielmonitor.query.reporting.MonthlyFiguresQueryController.MonthView;
import dev.zielmonitor.query.reporting.MonthlyFiguresQueryController.YearFiguresView;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The bytes of the CSV export are pinned: spreadsheets and scripts of its users read them. */
class FiguresCsvTest {

    private static final String HEADER = "\uFEFFJobcenter;Berichtsmonat;Datenstand;Quelle;Korrekturen;Bekannt seit;"
            + "Stand;ELB;ELB weiblich;ELB männlich;ELB_IN;ELB_IN weiblich;ELB_IN männlich;ELB_OUT;ELB_OUT weiblich;"
            + "ELB_OUT männlich;INT;INT weiblich;INT männlich;INT_MARGINAL;INT_MARGINAL weiblich;"
            + "INT_MARGINAL männlich;INT_PUBLIC;INT_PUBLIC weiblich;INT_PUBLIC männlich;INT_CONTINUOUS;"
            + "INT_CONTINUOUS weiblich;INT_CONTINUOUS männlich;ELB_SINGLE_PARENT;ELB_SINGLE_PARENT weiblich;"
            + "ELB_SINGLE_PARENT männlich;INT_SINGLE_PARENT;INT_SINGLE_PARENT weiblich;INT_SINGLE_PARENT männlich;"
            + "LZB;LZB weiblich;LZB männlich;LZB_IN;LZB_IN weiblich;LZB_IN männlich;LZB_OUT;LZB_OUT weiblich;"
            + "LZB_OUT männlich;INT_LZB;INT_LZB weiblich;INT_LZB männlich;LZB_ACTIVATED;LZB_ACTIVATED weiblich;"
            + "LZB_ACTIVATED männlich;LLU_EUR;LLU_EUR weiblich;LLU_EUR männlich;LUH_EUR;LUH_EUR weiblich;"
            + "LUH_EUR männlich\r\n";
    private static final Instant AS_OF = Instant.parse("2014-09-01T12:00:00Z");
    /** 48 figure cells; the tests fill the ones they need */
    private static final int FIGURE_CELLS = FigureCode.values().length * 3;

    private static MonthView month(String month, String source, int corrections, Map<FigureCode, FigureView> figures) {
        return new MonthView(month, LocalDate.parse(month + "-01").plusMonths(4).minusDays(1), source, "m-" + month,
                "e-" + month, corrections, null, Instant.parse(month + "-15T08:30:00Z"), null, figures,
                new ArrayList<>());
    }

    private static String empty(int cells) {
        return ";".repeat(cells);
    }

    @Test
    void writesOneRowPerMonthWithDecimalCommasAndEmptyCellsForWhatWasNotReported() {
        Map<FigureCode, FigureView> figures = new EnumMap<>(FigureCode.class);
        figures.put(FigureCode.ELB, new FigureView(new BigDecimal("10712"), new BigDecimal("5301"),
                new BigDecimal("5411")));
        figures.put(FigureCode.INT, new FigureView(new BigDecimal("187"), null, null));
        figures.put(FigureCode.LLU_EUR, new FigureView(new BigDecimal("3541234.50"), null, null));
        figures.put(FigureCode.LUH_EUR, new FigureView(new BigDecimal("0.00"), null, null));

        String csv = FiguresCsv.write(new YearFiguresView("05122", 2014, AS_OF, List.of(
                month("2014-01", "BA_STATISTIK", 0, figures), month("2014-02", "BA_STATISTIK", 2, Map.of()))));

        assertThat(csv).isEqualTo(HEADER
                + "05122;2014-01;2014-04-30;\"BA_STATISTIK\";0;2014-01-15T08:30:00Z;2014-09-01T12:00:00Z;"
                + "10712;5301;5411" + empty(7) + "187;;" + empty(31) + "3541234,50;;;0,00;;\r\n"
                + "05122;2014-02;2014-05-31;\"BA_STATISTIK\";2;2014-02-15T08:30:00Z;2014-09-01T12:00:00Z"
                + empty(FIGURE_CELLS) + "\r\n");
    }

    @Test
    void aYearWithoutFiguresIsTheHeaderAlone() {
        assertThat(FiguresCsv.write(new YearFiguresView("05122", 2014, AS_OF, List.of()))).isEqualTo(HEADER);
    }

    /**
     * Text from outside (the message's source) is always quoted, and a leading formula character is defused with
     * an apostrophe, so that a spreadsheet shows the text instead of running it (CSV injection).
     */
    @Test
    void quotesTextAndDefusesFormulas() {
        List<String> sources = List.of("=HYPERLINK(\"http://x\";\"klick\")", "+1", "-1", "@SUM(A1)", "\tTAB",
                "\rCR", "Zeile 1\nZeile 2", "A;B", "", "a=b");
        List<MonthView> months = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            months.add(month("2014-%02d".formatted(i + 1), sources.get(i), 0, Map.of()));
        }
        months.add(month("2014-11", null, 0, Map.of()));

        List<String> quoted = new ArrayList<>();
        for (String row : FiguresCsv.write(new YearFiguresView("05122", 2014, AS_OF, months))
                .substring(HEADER.length()).split("\r\n")) {
            quoted.add(row.split(";", 4)[3].replaceFirst(";0;2014-.*", ""));
        }

        assertThat(quoted).containsExactly("\"'=HYPERLINK(\"\"http://x\"\";\"\"klick\"\")\"", "\"'+1\"", "\"'-1\"",
                "\"'@SUM(A1)\"", "\"'\tTAB\"", "\"'\rCR\"", "\"Zeile 1\nZeile 2\"", "\"A;B\"", "\"\"", "\"a=b\"", "");
    }
}
