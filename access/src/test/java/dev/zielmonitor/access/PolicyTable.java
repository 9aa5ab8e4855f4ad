package dev.zielmonitor.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The documented access policy: the rows of one service in the policy table of docs/security.md. */
public final class PolicyTable {

    /** Columns after service, method and path. */
    public static final List<String> CALLERS = List.of("anonymous", "MINISTRY", "JOBCENTER", "AUDITOR", "ADMIN");

    private PolicyTable() {
    }

    /** One endpoint's row: the cell for each of {@link #CALLERS}. */
    public record Row(String method, String path, Map<String, String> cells) {
        public String endpoint() {
            return method + " " + path;
        }
    }

    /** The rows for {@code service} ("command" or "query"), keyed by "METHOD path". */
    public static Map<String, Row> read(Path securityDoc, String service) {
        List<String> lines;
        try {
            lines = Files.readAllLines(securityDoc);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the documented policy " + securityDoc, e);
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : lines) {
            if (!line.startsWith("| " + service + " |")) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(1, line.lastIndexOf('|')).split("\\|")) {
                cells.add(cell.strip());
            }
            if (cells.size() != 3 + CALLERS.size()) {
                throw new IllegalStateException("policy row with " + cells.size() + " cells: " + line);
            }
            Map<String, String> byCaller = new LinkedHashMap<>();
            for (int i = 0; i < CALLERS.size(); i++) {
                byCaller.put(CALLERS.get(i), cells.get(3 + i));
            }
            Row row = new Row(cells.get(1), cells.get(2), byCaller);
            if (rows.put(row.endpoint(), row) != null) {
                throw new IllegalStateException("two policy rows for " + row.endpoint());
            }
        }
        return rows;
    }
}
