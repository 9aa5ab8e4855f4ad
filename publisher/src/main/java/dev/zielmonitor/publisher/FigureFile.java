package dev.zielmonitor.publisher;

import dev.zielmonitor.contract.ContractViolation;
import dev.zielmonitor.contract.FigureRules;
import dev.zielmonitor.contract.FiguresCodec;
import dev.zielmonitor.contract.MonthlyFiguresContract;
import dev.zielmonitor.events.reporting.Figure;
import dev.zielmonitor.events.reporting.FigureCode;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntConsumer;

/**
 * Reads one CSV or Excel file into contract messages, one per row, and checks every row with the platform's own
 * contract code ({@link MonthlyFiguresContract#violations}). Rows that cannot become a valid message are
 * problems, each located by row and column; valid rows are messages with a deterministic id.
 */
public final class FigureFile {

    private final MonthlyFiguresContract contract;
    private final Mapping mapping;
    private final Charset charset;
    private final char delimiter;

    public FigureFile(MonthlyFiguresContract contract, Mapping mapping, Charset charset, char delimiter) {
        this.contract = contract;
        this.mapping = mapping;
        this.charset = charset;
        this.delimiter = delimiter;
    }

    /** A valid row as a record for the topic. */
    public record Message(String key, String messageId, YearMonth month, LocalDate dataStatus, byte[] value,
                          String file, int row) {
    }

    /**
     * What one file holds.
     *
     * @param rows     rows read below the header (blank rows not counted)
     * @param invalid  rows with at least one problem
     * @param repeated rows identical to an earlier row (same message id): sent once
     * @param notes    remarks on the file that do not make a row invalid (columns not found or not used)
     */
    public record Result(String file, String kind, int rows, int invalid, int repeated, List<Message> messages,
                         List<Problem> problems, List<Problem> notes) {
    }

    /** Reads the whole file; {@code progress} hears the number of rows read so far. */
    public Result read(Path file, IntConsumer progress) {
        try (Table table = Table.open(file, mapping, charset, delimiter)) {
            return read(file.toString(), table, progress);
        } catch (IOException e) {
            throw new FileProblem("Die Datei " + file + " ist nicht lesbar: " + e.getMessage(),
                    "cannot read " + file + ": " + e.getMessage());
        }
    }

    private Result read(String file, Table table, IntConsumer progress) {
        Columns columns = Columns.of(file, table, mapping);
        String defaultSource = mapping.defaultValue("source");
        LocalDate defaultDataStatus = defaultDataStatus();
        List<Message> messages = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Map<String, Message> byMonthAndStatus = new HashMap<>();
        Set<String> ids = new HashSet<>();
        int rows = 0;
        int invalid = 0;
        int repeated = 0;
        for (Iterator<Table.Row> it = table.rows(); it.hasNext(); ) {
            Table.Row row = it.next();
            rows++;
            RowReader reader = new RowReader(file, row, columns);
            Message message = reader.read(defaultSource, defaultDataStatus);
            if (message != null) {
                String slot = message.key() + "|" + message.month() + "|" + message.dataStatus();
                Message earlier = byMonthAndStatus.putIfAbsent(slot, message);
                if (earlier != null && earlier.messageId().equals(message.messageId())) {
                    repeated++;
                    message = null;
                } else if (earlier != null) {
                    reader.problem(null, "Gleiches Jobcenter, gleicher Monat und Datenstand wie Zeile " + earlier.row()
                            + ", aber andere Zahlen: welche gilt?", "same Jobcenter, month and data status as row "
                            + earlier.row() + ", but different figures: which one holds?");
                    message = null;
                }
            }
            if (reader.problems.isEmpty()) {
                if (message != null && ids.add(message.messageId())) {
                    messages.add(message);
                }
            } else {
                invalid++;
                problems.addAll(reader.problems);
            }
            progress.accept(rows);
        }
        return new Result(file, table.kind(), rows, invalid, repeated, messages, problems, columns.notes);
    }

    private LocalDate defaultDataStatus() {
        String value = mapping.defaultValue("dataStatus");
        if (value == null) {
            return null;
        }
        try {
            return Values.date(Cell.text(value));
        } catch (Values.ValueProblem e) {
            throw new FileProblem("default.dataStatus in " + mapping.name() + ": " + e.german(),
                    "default.dataStatus in " + mapping.name() + ": " + e.getMessage());
        }
    }

    /** Which column holds which field, found by the header. */
    private static final class Columns {
        final Map<String, Integer> index = new LinkedHashMap<>();
        final Map<String, String> label = new HashMap<>();
        final List<Problem> notes = new ArrayList<>();

        static Columns of(String file, Table table, Mapping mapping) {
            Columns columns = new Columns();
            Map<String, Integer> headers = new HashMap<>();
            Set<String> duplicates = new HashSet<>();
            List<String> header = table.header();
            for (int i = 0; i < header.size(); i++) {
                String normalised = Mapping.normalise(header.get(i));
                if (!normalised.isEmpty() && headers.putIfAbsent(normalised, i) != null) {
                    duplicates.add(header.get(i).strip());
                }
            }
            List<String> missing = new ArrayList<>();
            Set<Integer> used = new HashSet<>();
            mapping.columns().forEach((field, wanted) -> {
                Integer column = headers.get(Mapping.normalise(wanted));
                if (column == null) {
                    missing.add(field);
                    return;
                }
                if (duplicates.contains(header.get(column).strip())) {
                    throw new FileProblem("Die Spalte „" + wanted + "“ kommt in " + file + " mehrfach vor",
                            "column '" + wanted + "' appears more than once in " + file);
                }
                columns.index.put(field, column);
                columns.label.put(field, Table.columnLetter(column) + " „" + header.get(column).strip() + "“ ("
                        + field + ")");
                used.add(column);
            });
            List<String> required = new ArrayList<>(List.of("jobcenterId", "reportingMonth"));
            if (mapping.defaultValue("dataStatus") == null) {
                required.add("dataStatus");
            }
            if (mapping.defaultValue("source") == null) {
                required.add("source");
            }
            List<String> absent = required.stream().filter(missing::contains)
                    .map(f -> "„" + mapping.column(f) + "“ (" + f + ")").toList();
            if (!absent.isEmpty()) {
                throw new FileProblem("In der Kopfzeile (Zeile " + table.headerRowNumber() + ") von " + file
                        + " fehlt: " + String.join(", ", absent) + ". Gefunden: " + String.join(" | ", header)
                        + ". Eigene Überschriften mit --mapping angeben.", "the header row (row "
                        + table.headerRowNumber() + ") of " + file + " lacks: " + String.join(", ", absent)
                        + ". Found: " + String.join(" | ", header) + ". Give your own headers with --mapping.");
            }
            if (columns.index.keySet().stream().noneMatch(f -> f.contains("."))) {
                throw new FileProblem("Keine Kennzahlen-Spalte der Zuordnung " + mapping.name() + " steht in "
                        + file + ". Gefunden: " + String.join(" | ", header), "no figure column of mapping "
                        + mapping.name() + " is in " + file + ". Found: " + String.join(" | ", header));
            }
            List<String> missingFigures = missing.stream()
                    .filter(f -> f.endsWith(".total") || (f.contains(".") && !mapping.isStandard())).toList();
            if (!missingFigures.isEmpty()) {
                columns.notes.add(new Problem(file, 0, null, null, "Diese Spalten fehlen, ihre Kennzahlen bleiben "
                        + "unbekannt (eine Korrektur lässt den bisherigen Wert stehen): " + describe(mapping,
                        missingFigures), "these columns are missing, so their figures stay unknown (a correction "
                        + "leaves the earlier value as it is): " + describe(mapping, missingFigures)));
            }
            List<String> unused = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                if (!used.contains(i) && !Mapping.normalise(header.get(i)).isEmpty()) {
                    unused.add(Table.columnLetter(i) + " „" + header.get(i).strip() + "“");
                }
            }
            if (!unused.isEmpty()) {
                columns.notes.add(new Problem(file, 0, null, null, "Nicht verwendete Spalten: "
                        + String.join(", ", unused), "columns not used: " + String.join(", ", unused)));
            }
            return columns;
        }

        private static String describe(Mapping mapping, List<String> fields) {
            List<String> parts = new ArrayList<>();
            for (String field : fields) {
                String column = mapping.column(field);
                parts.add(field.equals(column + ".total") ? column : "„" + column + "“ (" + field + ")");
            }
            return String.join(", ", parts);
        }
    }

    /** One row into one message, collecting every problem of the row. */
    private final class RowReader {
        private final String file;
        private final Table.Row row;
        private final Columns columns;
        private final List<Problem> problems = new ArrayList<>();
        /** fields whose value could not be read, so that the contract's "missing" for them is not reported twice */
        private final Set<String> unreadable = new HashSet<>();
        private String context = "";

        RowReader(String file, Table.Row row, Columns columns) {
            this.file = file;
            this.row = row;
            this.columns = columns;
        }

        private Cell cell(String field) {
            Integer column = columns.index.get(field);
            return column == null ? Cell.EMPTY : row.cell(column);
        }

        void problem(String field, String german, String english) {
            problems.add(new Problem(file, row.number(), field == null ? null : columns.label.get(field), context,
                    german, english));
        }

        private <T> T value(String field, java.util.function.Function<Cell, T> reading) {
            try {
                return reading.apply(cell(field));
            } catch (Values.ValueProblem e) {
                unreadable.add(field);
                problem(field, e.german(), e.getMessage());
                return null;
            }
        }

        Message read(String defaultSource, LocalDate defaultDataStatus) {
            String jobcenterId = Values.jobcenterId(cell("jobcenterId"));
            String name = Values.text(cell("jobcenterName"));
            context = (jobcenterId + (name == null ? "" : " " + name)).strip();
            YearMonth month = value("reportingMonth", Values::month);
            context = (jobcenterId + (name == null ? "" : " " + name) + (month == null ? "" : ", " + month)).strip();
            LocalDate dataStatus = columns.index.containsKey("dataStatus") ? value("dataStatus", Values::date) : null;
            if (dataStatus == null && !unreadable.contains("dataStatus")) {
                dataStatus = defaultDataStatus;
            }
            String source = Values.text(cell("source"));
            if (source == null) {
                source = defaultSource;
            }
            String reason = Values.text(cell("correctionReason"));

            FiguresCodec.Message draft = FiguresCodec.message()
                    .jobcenterId(jobcenterId.isEmpty() ? null : jobcenterId).reportingMonth(month)
                    .dataStatus(dataStatus).source(source).correctionReason(reason);
            Map<FigureCode, Figure> read = new EnumMap<>(FigureCode.class);
            for (FigureCode code : FigureCode.values()) {
                BigDecimal[] parts = new BigDecimal[FiguresCodec.PARTS.size()];
                for (int i = 0; i < parts.length; i++) {
                    String field = code + "." + FiguresCodec.PARTS.get(i);
                    parts[i] = columns.index.containsKey(field) ? value(field, Values::number) : null;
                }
                draft.figure(code, parts[0], parts[1], parts[2]);
                if (parts[0] != null) {
                    read.put(code, new Figure(parts[0], parts[1], parts[2]));
                }
            }
            if (!unreadable.isEmpty() && !draft.hasFigures()) {
                // every figure it has is unreadable: that is what is wrong, not "no figures"
                return null;
            }
            // the id is the content's: the same figures in another file or notation are the same message
            byte[] content = draft.toBytes();
            String messageId = UUID.nameUUIDFromBytes(concat("zielmonitor-publisher/1\n", content)).toString();
            byte[] value = draft.messageId(messageId).toBytes();
            // the contract checks the rules beyond the schema only on a message that passes the schema; the row's
            // other values are checked by the same rules here, so that one run reports every problem of the row
            Set<ContractViolation> violations = new LinkedHashSet<>(contract.violations(jobcenterId, value));
            if (month != null && dataStatus != null) {
                FigureRules.monthAfterDataStatus(month, dataStatus).ifPresent(violations::add);
            }
            violations.addAll(FigureRules.violations(read));
            for (ContractViolation violation : violations) {
                String field = field(violation.pointer());
                if (field != null && unreadable.contains(field)) {
                    continue;
                }
                if (field != null && !columns.index.containsKey(field) && mapping.defaultValue(field) != null) {
                    problem(null, "default." + field + " in " + mapping.name() + ": " + ViolationTexts.german(violation),
                            "default." + field + " in " + mapping.name() + ": " + violation.reason());
                } else {
                    problem(columns.index.containsKey(field) ? field : null, ViolationTexts.german(violation),
                            violation.reason());
                }
            }
            if (!problems.isEmpty()) {
                return null;
            }
            return new Message(jobcenterId, messageId, month, dataStatus, value, file, row.number());
        }
    }

    /** The mapping field a JSON pointer of the contract points at, or {@code null}. */
    static String field(String pointer) {
        return switch (pointer) {
            case "/jobcenterId", "/reportingMonth", "/dataStatus", "/source" -> pointer.substring(1);
            case "/correction/reason", "/correction" -> "correctionReason";
            default -> {
                String[] parts = pointer.split("/");
                if (parts.length >= 3 && parts[1].equals("figures")) {
                    yield parts[2] + "." + (parts.length >= 4 ? parts[3] : "total");
                }
                yield null;
            }
        };
    }

    private static byte[] concat(String prefix, byte[] content) {
        byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + content.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        return all;
    }
}
