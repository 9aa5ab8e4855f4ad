package dev.zielmonitor.publisher;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** Writes the files the tests read: CSV in a given encoding, workbooks with typed cells. */
final class TestFiles {

    private TestFiles() {
    }

    static Path csv(Path file, Charset charset, String... lines) throws IOException {
        Files.writeString(file, String.join("\r\n", lines) + "\r\n", charset);
        return file;
    }

    /**
     * One workbook; each sheet is a name followed by its rows. Cells: {@link LocalDate} as a date cell,
     * {@link Number} as a number cell, {@link String} as a text cell, {@code null} left empty.
     */
    static Path xlsx(Path file, Object... sheets) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook workbook = new Workbook(out, "Zielmonitor tests", "1.0");
            for (int s = 0; s < sheets.length; s += 2) {
                Worksheet sheet = workbook.newWorksheet((String) sheets[s]);
                Object[][] rows = (Object[][]) sheets[s + 1];
                for (int r = 0; r < rows.length; r++) {
                    for (int c = 0; c < rows[r].length; c++) {
                        Object value = rows[r][c];
                        if (value instanceof LocalDate date) {
                            sheet.value(r, c, date);
                            sheet.style(r, c).format("dd.mm.yyyy").set();
                        } else if (value instanceof Number number) {
                            sheet.value(r, c, number);
                        } else if (value instanceof String text) {
                            sheet.value(r, c, text);
                        }
                    }
                }
            }
            workbook.finish();
        }
        return file;
    }
}
