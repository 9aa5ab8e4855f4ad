package dev.zielmonitor.query.readmodel;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.zielmonitor.query.readmodel.ReadModel.LIVE_SCHEMA;
import static dev.zielmonitor.query.readmodel.ReadModel.plainSchema;

/**
 * The SQL that replays need on schemas: the live tables, an empty copy of them, the comparison of a copy with the
 * live tables. Replays write into a schema of their own with the read models' writers; these statements know
 * nothing of any read model's tables.
 */
@Component
public class ReadModelSchemas {

    private static final Pattern INDEX_NAME = Pattern.compile("INDEX \\S+ ON \\S+?\\.");

    private final JdbcTemplate jdbc;

    public ReadModelSchemas(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<String> liveTables() {
        return jdbc.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = ? ORDER BY tablename",
                String.class, LIVE_SCHEMA);
    }

    public List<String> schemasStartingWith(String prefix) {
        return jdbc.queryForList("SELECT nspname FROM pg_namespace WHERE starts_with(nspname, ?)", String.class,
                prefix);
    }

    /**
     * An empty copy of the live tables in a new schema: columns, defaults and constraints with the names the
     * migrations gave them. Indexes that back no constraint are left out, to be created after the bulk of the
     * rows is in (faster than keeping them up to date row by row); returns the statements that create them,
     * with their live names, so that the schema is indistinguishable after a switch.
     */
    public List<String> createEmptyCopy(String schema, List<String> tables) {
        jdbc.execute("CREATE SCHEMA " + plainSchema(schema));
        for (String table : tables) {
            jdbc.execute("CREATE TABLE %s.%s (LIKE %s.%s INCLUDING ALL)".formatted(schema, table, LIVE_SCHEMA, table));
        }
        Map<String, String> liveNameByDefinition = new HashMap<>();
        List<String> deferred = new ArrayList<>();
        indexes(LIVE_SCHEMA).forEach(index -> {
            liveNameByDefinition.put(index.anonymous(), index.name());
            if (!index.backsConstraint()) {
                deferred.add(index.definition().replace(" ON " + LIVE_SCHEMA + ".", " ON " + schema + "."));
            }
        });
        for (Index index : indexes(schema)) {
            if (!index.backsConstraint()) {
                jdbc.execute("DROP INDEX " + schema + "." + index.name());
            } else {
                String liveName = liveNameByDefinition.get(index.anonymous());
                if (liveName != null && !liveName.equals(index.name())) {
                    jdbc.execute("ALTER INDEX %s.%s RENAME TO %s".formatted(schema, index.name(), liveName));
                }
            }
        }
        return deferred;
    }

    private record Index(String name, String definition, boolean backsConstraint) {
        /** The definition without the index's name and schema, to match an index with its copy. */
        String anonymous() {
            return INDEX_NAME.matcher(definition).replaceFirst("INDEX ON ");
        }
    }

    private List<Index> indexes(String schema) {
        return jdbc.query("""
                SELECT i.relname, pg_get_indexdef(i.oid),
                       EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid) FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace n ON n.oid = i.relnamespace
                WHERE n.nspname = ?""", (row, n) -> new Index(row.getString(1), row.getString(2), row.getBoolean(3)),
                schema);
    }

    public void drop(String schema) {
        jdbc.execute("DROP SCHEMA IF EXISTS " + plainSchema(schema) + " CASCADE");
    }

    /** Rows of a table that only one of the live and the rebuilt schema has, with up to five of each. */
    public TableDifference compare(String schema, String table) {
        return compare("SELECT * FROM %s.%s".formatted(LIVE_SCHEMA, table), new Object[0], "live", schema, table,
                "rebuilt");
    }

    /**
     * Rows that only one of {@code live} (a query with {@code parameters}) and {@code table} in {@code schema} has,
     * with up to five of each, labelled {@code liveLabel} and {@code rebuiltLabel}.
     */
    public TableDifference compare(String live, Object[] parameters, String liveLabel, String schema, String table,
                                   String rebuiltLabel) {
        String rebuilt = "SELECT * FROM %s.%s".formatted(plainSchema(schema), table);
        long rows = count("SELECT count(*) FROM " + plainSchema(schema) + "." + table);
        String onlyLive = "(" + live + " EXCEPT ALL " + rebuilt + ")";
        String onlyRebuilt = "(" + rebuilt + " EXCEPT ALL " + live + ")";
        long liveOnly = count("SELECT count(*) FROM " + onlyLive + " d", parameters);
        long rebuiltOnly = count("SELECT count(*) FROM " + onlyRebuilt + " d", parameters);
        List<String> samples = new ArrayList<>();
        samples.addAll(jdbc.queryForList("SELECT '" + liveLabel + ": ' || d::text FROM " + onlyLive + " d LIMIT 5",
                String.class, parameters));
        samples.addAll(jdbc.queryForList("SELECT '" + rebuiltLabel + ": ' || d::text FROM " + onlyRebuilt
                + " d LIMIT 5", String.class, parameters));
        return new TableDifference(table, rows, liveOnly, rebuiltOnly, samples);
    }

    private long count(String sql, Object... parameters) {
        Long n = jdbc.queryForObject(sql, Long.class, parameters);
        return n == null ? 0 : n;
    }
}
