package dev.zielmonitor.query.readmodel;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A read model: tables in the schema {@value #LIVE_SCHEMA} that one tracking processor keeps current and that a
 * rebuild can write from the history into any other schema with the same {@link ReadModelWriter}. Every table of
 * {@value #LIVE_SCHEMA} belongs to exactly one read model (ADR 0005). Its event handlers write through
 * {@link LiveWriters}.
 */
public interface ReadModel {

    String LIVE_SCHEMA = "read_model";

    /** The processing group, and so the processor, that keeps the read model current. */
    String processingGroup();

    /** Its tables, without schema. */
    List<String> tables();

    /** A writer of its rows into the tables of {@code schema}. */
    ReadModelWriter writerFor(String schema);


    /** {@code schema} itself if it is a plain lower-case name, safe to put into SQL; fails otherwise. */
    static String plainSchema(String schema) {
        if (!Pattern.matches("[a-z_][a-z0-9_]{0,62}", schema)) {
            throw new IllegalArgumentException("not a plain schema name: " + schema);
        }
        return schema;
    }
}
