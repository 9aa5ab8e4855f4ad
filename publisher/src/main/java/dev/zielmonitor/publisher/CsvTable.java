package dev.zielmonitor.publisher;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A CSV file: semicolon-separated by default (what German Excel writes), quotes as in RFC 4180, UTF-8 with or
 * without byte order mark unless another encoding is given. Bytes that are not valid in the encoding stop the
 * reading with a clear message instead of turning into replacement characters.
 */
final class CsvTable implements Table {

    private final Path file;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private final int headerRow;

    private CsvTable(Path file, CSVParser parser, int headerRow) {
        this.file = file;
        this.parser = parser;
        this.records = parser.iterator();
        this.headerRow = headerRow;
        List<String> found = null;
        while (found == null && more()) {
            CSVRecord record = next();
            if (record.getRecordNumber() == headerRow) {
                found = record.toList();
            }
        }
        if (found == null) {
            throw new FileProblem("Die Datei " + file + " hat keine Kopfzeile (Zeile " + headerRow + ")",
                    file + " has no header row (row " + headerRow + ")");
        }
        this.header = found;
    }

    static CsvTable open(Path file, Mapping mapping, Charset charset, char delimiter) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        if (charset.equals(StandardCharsets.UTF_8)) {
            skipByteOrderMark(in);
        }
        InputStreamReader reader = new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false)
                .setTrim(false).get();
        try {
            return new CsvTable(file, CSVParser.parse(reader, format), mapping.headerRow());
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static void skipByteOrderMark(InputStream in) throws IOException {
        in.mark(3);
        byte[] first = in.readNBytes(3);
        if (!(first.length == 3 && (first[0] & 0xFF) == 0xEF && (first[1] & 0xFF) == 0xBB
                && (first[2] & 0xFF) == 0xBF)) {
            in.reset();
        }
    }

    private boolean more() {
        try {
            return records.hasNext();
        } catch (RuntimeException e) {
            throw problem(e);
        }
    }

    private CSVRecord next() {
        try {
            return records.next();
        } catch (RuntimeException e) {
            throw problem(e);
        }
    }

    /** Reading errors, which commons-csv raises from hasNext() as well as next(), as problems with the file. */
    private FileProblem problem(RuntimeException e) {
        if (e instanceof UncheckedIOException) {
            if (e.getCause() instanceof CharacterCodingException) {
                return new FileProblem("Die Datei " + file + " ist nicht in der angegebenen Zeichenkodierung "
                        + "gespeichert (Standard UTF-8). Aus Excel „CSV UTF-8“ wählen oder --encoding windows-1252 "
                        + "angeben.", file + " is not in the given encoding (default UTF-8). Save as \"CSV UTF-8\" "
                        + "in Excel or pass --encoding windows-1252.");
            }
            return new FileProblem("Die CSV-Datei " + file + " ist nicht lesbar: " + e.getCause().getMessage(),
                    "cannot read the CSV file " + file + ": " + e.getCause().getMessage());
        }
        return new FileProblem("Die CSV-Datei " + file + " ist fehlerhaft: " + e.getMessage(),
                "malformed CSV file " + file + ": " + e.getMessage());
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
        return "CSV";
    }

    @Override
    public Iterator<Row> rows() {
        return Table.nonBlank(new Iterator<>() {
            @Override
            public boolean hasNext() {
                return more();
            }

            @Override
            public Row next() {
                CSVRecord record = CsvTable.this.next();
                List<Cell> cells = new ArrayList<>(record.size());
                record.forEach(value -> cells.add(Cell.text(value)));
                return new Row((int) record.getRecordNumber(), cells);
            }
        });
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
