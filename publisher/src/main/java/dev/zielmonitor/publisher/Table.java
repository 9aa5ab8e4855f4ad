package dev.zielmonitor.publisher;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * The rows of one file below its header row, read one at a time so that large files need little memory.
 * Row numbers are those a spreadsheet program shows (the header row of a plain file is row 1).
 */
interface Table extends AutoCloseable {

    /** The header row's cells, in column order. */
    List<String> header();

    int headerRowNumber();

    /** The rows after the header; blank rows are left out. */
    Iterator<Row> rows();

    String kind();

    @Override
    void close() throws IOException;

    record Row(int number, List<Cell> cells) {

        Cell cell(int column) {
            return column < cells.size() ? cells.get(column) : Cell.EMPTY;
        }
    }

    /** The rows of {@code rows} that have at least one cell that is not blank. */
    static Iterator<Row> nonBlank(Iterator<Row> rows) {
        return new Iterator<>() {
            private Row ahead;

            @Override
            public boolean hasNext() {
                while (ahead == null && rows.hasNext()) {
                    Row row = rows.next();
                    if (!row.cells().stream().allMatch(Cell::isBlank)) {
                        ahead = row;
                    }
                }
                return ahead != null;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row row = ahead;
                ahead = null;
                return row;
            }
        };
    }

    /** Opens a {@code .csv} or {@code .xlsx} file by its name's ending. */
    static Table open(Path file, Mapping mapping, Charset csvCharset, char delimiter) {
        if (!Files.isRegularFile(file)) {
            throw new FileProblem("Datei nicht gefunden: " + file, "file not found: " + file);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".xlsx") || name.endsWith(".xlsm")) {
                return XlsxTable.open(file, mapping);
            }
            if (name.endsWith(".xls")) {
                throw new FileProblem("Das alte Excel-Format .xls wird nicht gelesen; bitte als .xlsx oder CSV "
                        + "speichern: " + file, "the old Excel format .xls is not read; save as .xlsx or CSV: " + file);
            }
            return CsvTable.open(file, mapping, csvCharset, delimiter);
        } catch (IOException e) {
            throw new FileProblem("Die Datei " + file + " ist nicht lesbar: " + e.getMessage(),
                    "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Spreadsheet column letters: 0 → A, 26 → AA. */
    static String columnLetter(int index) {
        StringBuilder letters = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            letters.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return letters.toString();
    }
}
