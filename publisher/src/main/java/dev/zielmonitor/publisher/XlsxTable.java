package dev.zielmonitor.publisher;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Sheet;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One worksheet of an Excel {@code .xlsx} workbook, read as a stream (FastExcel), so that large workbooks need
 * little memory. Numbers keep Excel's 15 significant digits (no binary noise such as 0.30000000000000004);
 * formulas count with their last computed value.
 */
final class XlsxTable implements Table {

    /** Excel shows serial numbers up to this one (31.12.9999) as dates. */
    private static final BigDecimal LAST_DATE_SERIAL = BigDecimal.valueOf(2_958_465);

    private final ReadableWorkbook workbook;
    private final Stream<org.dhatim.fastexcel.reader.Row> stream;
    private final Iterator<org.dhatim.fastexcel.reader.Row> rows;
    private final List<String> header;
    private final int headerRow;
    private final String sheetName;

    private XlsxTable(ReadableWorkbook workbook, Sheet sheet, int headerRow, Path file) throws IOException {
        this.workbook = workbook;
        this.stream = sheet.openStream();
        this.rows = stream.iterator();
        this.headerRow = headerRow;
        this.sheetName = sheet.getName();
        List<String> found = null;
        while (found == null && rows.hasNext()) {
            org.dhatim.fastexcel.reader.Row row = rows.next();
            if (row.getRowNum() == headerRow) {
                found = cells(row).stream().map(Cell::shown).toList();
            } else if (row.getRowNum() > headerRow) {
                break;
            }
        }
        if (found == null) {
            throw new FileProblem("Das Blatt „" + sheetName + "“ in " + file + " hat keine Kopfzeile (Zeile "
                    + headerRow + ")", "sheet '" + sheetName + "' of " + file + " has no header row (row "
                    + headerRow + ")");
        }
        this.header = found;
    }

    static XlsxTable open(Path file, Mapping mapping) throws IOException {
        ReadableWorkbook workbook;
        try {
            workbook = new ReadableWorkbook(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new FileProblem("Die Datei " + file + " ist keine lesbare Excel-Arbeitsmappe (.xlsx): "
                    + e.getMessage(), file + " is not a readable Excel workbook (.xlsx): " + e.getMessage());
        }
        try {
            Sheet sheet = sheet(workbook, mapping.sheet(), file);
            return new XlsxTable(workbook, sheet, mapping.headerRow(), file);
        } catch (IOException | RuntimeException e) {
            workbook.close();
            throw e;
        }
    }

    private static Sheet sheet(ReadableWorkbook workbook, String wanted, Path file) {
        if (wanted == null || wanted.isBlank()) {
            return workbook.getFirstSheet();
        }
        if (wanted.matches("\\d+")) {
            return workbook.getSheet(Integer.parseInt(wanted) - 1).orElseThrow(() -> noSheet(wanted, file));
        }
        return workbook.findSheet(wanted).orElseThrow(() -> noSheet(wanted, file));
    }

    private static FileProblem noSheet(String wanted, Path file) {
        return new FileProblem("Blatt „" + wanted + "“ gibt es in " + file + " nicht",
                "there is no sheet '" + wanted + "' in " + file);
    }

    private static List<Cell> cells(org.dhatim.fastexcel.reader.Row row) {
        List<Cell> cells = new ArrayList<>(row.getCellCount());
        for (int i = 0; i < row.getCellCount(); i++) {
            cells.add(cell(row.getCell(i)));
        }
        return cells;
    }

    private static Cell cell(org.dhatim.fastexcel.reader.Cell cell) {
        if (cell == null) {
            return Cell.EMPTY;
        }
        String raw = cell.getRawValue();
        switch (cell.getType()) {
            case NUMBER:
                return number(cell, raw);
            case FORMULA:
                if (raw != null && raw.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
                    return number(cell, raw);
                }
                return Cell.text(raw == null ? "" : raw);
            case EMPTY:
                return Cell.EMPTY;
            case STRING:
            case BOOLEAN:
            case ERROR:
            default:
                return Cell.text(raw == null ? cell.getText() : raw);
        }
    }

    private static Cell number(org.dhatim.fastexcel.reader.Cell cell, String raw) {
        BigDecimal number = new BigDecimal(raw).round(new MathContext(15)).stripTrailingZeros();
        if (number.scale() < 0) {
            number = number.setScale(0);
        }
        LocalDate date = null;
        if (number.signum() > 0 && number.compareTo(LAST_DATE_SERIAL) <= 0) {
            try {
                date = cell.asDate().toLocalDate();
            } catch (RuntimeException e) {
                // not a date after all; the number stands
            }
        }
        return Cell.number(number, date);
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public int headerRowNumber() {
        return headerRow;
    }

    @Override
    public String kind() {
        return "Excel, Blatt/sheet „" + sheetName + "“";
    }

    @Override
    public Iterator<Row> rows() {
        return Table.nonBlank(new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                org.dhatim.fastexcel.reader.Row row = rows.next();
                return new Row(row.getRowNum(), cells(row));
            }
        });
    }

    @Override
    public void close() throws IOException {
        stream.close();
        workbook.close();
    }
}
