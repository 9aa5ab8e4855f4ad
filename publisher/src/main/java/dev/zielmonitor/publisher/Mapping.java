package dev.zielmonitor.publisher;

import dev.zielmonitor.contract.FiguresCodec;
import dev.zielmonitor.events.reporting.FigureCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which column of a file holds which field of the contract: a properties file, UTF-8 (docs/publisher.md). Keys are
 * fields ({@code jobcenterId}, {@code reportingMonth}, {@code dataStatus}, {@code source}, {@code correctionReason},
 * {@code jobcenterName}, and {@code <FIGURE>.total|female|male}), values are column headers, matched ignoring
 * case, surrounding and repeated spaces and Unicode composition. {@code default.source} and
 * {@code default.dataStatus} give a value for a whole file that has no such column; {@code sheet} (name or
 * number, from 1) and {@code headerRow} (from 1) say where the table starts in a workbook or CSV file.
 */
public final class Mapping {

    /** The fields besides the figures; jobcenterName is only shown in reports. */
    public static final List<String> FIELDS = List.of("jobcenterId", "jobcenterName", "reportingMonth", "dataStatus",
            "source", "correctionReason");
    public static final List<String> PARTS = FiguresCodec.PARTS;
    static final String DEFAULT_RESOURCE = "default-mapping.properties";

    private final String name;
    private final boolean standard;
    private final Map<String, String> columns;
    private final Map<String, String> defaults;
    private final String sheet;
    private final int headerRow;

    private Mapping(String name, boolean standard, Map<String, String> columns, Map<String, String> defaults,
                    String sheet, int headerRow) {
        this.name = name;
        this.standard = standard;
        this.columns = Collections.unmodifiableMap(columns);
        this.defaults = Collections.unmodifiableMap(defaults);
        this.sheet = sheet;
        this.headerRow = headerRow;
    }

    /** The mapping shipped with the tool: headers as in {@code demo/figures}, e.g. "ELB", "ELB weiblich". */
    public static Mapping standard() {
        try (InputStream in = Objects.requireNonNull(Mapping.class.getResourceAsStream(DEFAULT_RESOURCE))) {
            return parse("Standard (default)", true, new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Mapping load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file.toString(), false, reader);
        } catch (IOException e) {
            throw new FileProblem("Die Zuordnungsdatei " + file + " ist nicht lesbar: " + e.getMessage(),
                    "cannot read the mapping file " + file + ": " + e.getMessage());
        }
    }

    static Mapping parse(String name, boolean standard, Reader reader) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        Map<String, String> columns = new LinkedHashMap<>();
        Map<String, String> defaults = new LinkedHashMap<>();
        String sheet = null;
        int headerRow = 1;
        List<String> unknown = new ArrayList<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            String value = properties.getProperty(key).strip();
            if (key.equals("sheet")) {
                sheet = value;
            } else if (key.equals("headerRow")) {
                headerRow = positive(name, key, value);
            } else if (key.equals("default.source") || key.equals("default.dataStatus")) {
                defaults.put(key.substring("default.".length()), value);
            } else if (isField(key)) {
                if (!value.isEmpty()) {
                    columns.put(key, value);
                }
            } else {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new FileProblem("Unbekannte Schlüssel in der Zuordnung " + name + ": " + String.join(", ", unknown)
                    + " (erlaubt: " + String.join(", ", FIELDS) + ", <KENNZAHL>.total|female|male, default.source, "
                    + "default.dataStatus, sheet, headerRow)",
                    "unknown keys in mapping " + name + ": " + String.join(", ", unknown));
        }
        if (!columns.containsKey("jobcenterId") || !columns.containsKey("reportingMonth")) {
            throw new FileProblem("Die Zuordnung " + name + " muss jobcenterId und reportingMonth einer Spalte "
                    + "zuordnen", "mapping " + name + " must map jobcenterId and reportingMonth to a column");
        }
        if (!columns.containsKey("dataStatus") && !defaults.containsKey("dataStatus")) {
            throw new FileProblem("Die Zuordnung " + name + " braucht dataStatus oder default.dataStatus",
                    "mapping " + name + " needs dataStatus or default.dataStatus");
        }
        if (!columns.containsKey("source") && !defaults.containsKey("source")) {
            throw new FileProblem("Die Zuordnung " + name + " braucht source oder default.source",
                    "mapping " + name + " needs source or default.source");
        }
        if (columns.keySet().stream().noneMatch(k -> k.contains("."))) {
            throw new FileProblem("Die Zuordnung " + name + " ordnet keine Kennzahl zu",
                    "mapping " + name + " maps no figure");
        }
        return new Mapping(name, standard, columns, defaults, sheet, headerRow);
    }

    private static boolean isField(String key) {
        if (FIELDS.contains(key)) {
            return true;
        }
        int dot = key.indexOf('.');
        if (dot < 0 || !PARTS.contains(key.substring(dot + 1))) {
            return false;
        }
        try {
            FigureCode.valueOf(key.substring(0, dot));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int positive(String name, String key, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new FileProblem(key + " in " + name + " muss eine Zahl ab 1 sein, nicht „" + value + "“",
                key + " in " + name + " must be a number from 1, not '" + value + "'");
    }

    /** A header as it is compared: trimmed, inner spaces collapsed, lower case, composed umlauts. */
    static String normalise(String header) {
        String text = Normalizer.normalize(header == null ? "" : header, Normalizer.Form.NFC)
                .replace('\u00A0', ' ').replace('\u202F', ' ').replace("\uFEFF", "");
        return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    public String name() {
        return name;
    }

    /** The built-in mapping, whose female and male columns a file may well leave out. */
    public boolean isStandard() {
        return standard;
    }

    /** Field → column header, in the order of the file; figure fields as {@code ELB.female}. */
    public Map<String, String> columns() {
        return columns;
    }

    public String column(String field) {
        return columns.get(field);
    }

    public String defaultValue(String field) {
        return defaults.get(field);
    }

    public String sheet() {
        return sheet;
    }

    public int headerRow() {
        return headerRow;
    }

    /** The figure fields this mapping knows, e.g. {@code ELB.total}. */
    public Set<String> figureFields() {
        Set<String> fields = new TreeSet<>();
        columns.keySet().stream().filter(k -> k.contains(".")).forEach(fields::add);
        return fields;
    }
}
