package dev.zielmonitor.platform;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the demo data files that the local platform publishes with the publishing tool, as a Jobcenter would:
 * {@code demo/figures/nrw-2012-2015.csv} (every month of the 53 NRW Jobcenters; "CSV UTF-8" as Excel writes it:
 * byte order mark, semicolons, German numbers) and {@code demo/figures/solingen-2014-korrekturen.xlsx} (three
 * revised months of Solingen, date cells, only the column that changed). {@code DemoFigureFilesTest} checks that
 * the files in the repository are what this writes; to write them anew after a change here, run it with
 * {@code mvn -pl local-platform test -Dtest=DemoFigureFilesTest -Dzielmonitor.write-demo-files=true}.
 */
final class DemoFigureFiles {

    static final String CSV = "demo/figures/nrw-2012-2015.csv";
    static final String XLSX = "demo/figures/solingen-2014-korrekturen.xlsx";
    static final String REGISTRY = "command-service/src/main/resources/registry/jobcenters-nw.csv";
    static final List<String> CODES = List.of("ELB", "ELB_IN", "ELB_OUT", "INT", "INT_MARGINAL", "INT_PUBLIC",
            "INT_CONTINUOUS", "ELB_SINGLE_PARENT", "INT_SINGLE_PARENT", "LZB", "LZB_IN", "LZB_OUT", "INT_LZB",
            "LZB_ACTIVATED", "LLU_EUR", "LUH_EUR");
    private static final DateTimeFormatter GERMAN_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private DemoFigureFiles() {
    }

    static void write(Path root) throws IOException {
        writeCsv(root, root.resolve(CSV));
        writeXlsx(root.resolve(XLSX));
    }

    /** The 53 NRW Jobcenters: id → name, from the registry seed. */
    static Map<String, String> jobcenters(Path root) throws IOException {
        Map<String, String> names = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(root.resolve(REGISTRY), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(";");
            names.put(fields[0], fields[1]);
        }
        return names;
    }

    static String csv(Path root) throws IOException {
        List<String> header = new ArrayList<>(List.of("Jobcenter", "Name", "Berichtsmonat", "Datenstand", "Quelle",
                "Korrekturgrund"));
        for (String code : CODES) {
            header.add(code);
            if (code.equals("ELB") || code.equals("INT")) {
                header.add(code + " weiblich");
                header.add(code + " männlich");
            }
        }
        StringBuilder csv = new StringBuilder("\uFEFF").append(String.join(";", header)).append("\r\n");
        for (Map.Entry<String, String> jobcenter : jobcenters(root).entrySet()) {
            DemoFigures.series(jobcenter.getKey()).forEach((month, figures) -> {
                List<String> row = new ArrayList<>(List.of(jobcenter.getKey(), jobcenter.getValue(),
                        month.toString(), month.plusMonths(3).atEndOfMonth().format(GERMAN_DATE),
                        DemoFigures.SOURCE, ""));
                for (String code : CODES) {
                    long[] values = figures.get(code);
                    for (long value : values) {
                        row.add(code.endsWith("_EUR") ? germanAmount(value) : germanCount(value));
                    }
                }
                csv.append(String.join(";", row)).append("\r\n");
            });
        }
        return csv.toString();
    }

    static void writeCsv(Path root, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, csv(root), StandardCharsets.UTF_8);
    }

    static void writeXlsx(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook workbook = new Workbook(out, "Zielmonitor", "1.0");
            Worksheet sheet = workbook.newWorksheet("Korrekturen");
            String[] header = {"Jobcenter", "Name", "Berichtsmonat", "Datenstand", "Quelle", "Korrekturgrund",
                "LZB_ACTIVATED"};
            for (int c = 0; c < header.length; c++) {
                sheet.value(0, c, header[c]);
            }
            int r = 1;
            LocalDate dataStatus = LocalDate.parse(DemoFigures.REVISION_DATA_STATUS, GERMAN_DATE);
            for (Map.Entry<YearMonth, Long> revision : DemoFigures.revisedActivations().entrySet()) {
                sheet.value(r, 0, DemoFigures.SOLINGEN);
                sheet.value(r, 1, "Jobcenter Solingen");
                sheet.value(r, 2, revision.getKey().atDay(1));
                sheet.style(r, 2).format("mm.yyyy").set();
                sheet.value(r, 3, dataStatus);
                sheet.style(r, 3).format("dd.mm.yyyy").set();
                sheet.value(r, 4, DemoFigures.SOURCE);
                sheet.value(r, 5, DemoFigures.REVISION_REASON);
                sheet.value(r, 6, revision.getValue());
                r++;
            }
            workbook.finish();
        }
    }

    private static String germanCount(long value) {
        return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.GERMANY)).format(value);
    }

    private static String germanAmount(long cents) {
        return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.GERMANY))
                .format(BigDecimal.valueOf(cents).movePointLeft(2));
    }
}
