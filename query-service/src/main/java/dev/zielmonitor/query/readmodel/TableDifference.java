package dev.zielmonitor.query.readmodel;

import java.util.List;

/**
 * How one read-model table differs from what the history produces: a rebuild's verification and an as-of replay
 * both answer with one per table.
 *
 * @param rows          rows the rebuild wrote
 * @param onlyInLive    rows of the live read model that the history does not produce
 * @param onlyInRebuilt rows the history produces that the live read model lacks
 * @param samples       up to five rows of each, as text
 */
public record TableDifference(String table, long rows, long onlyInLive, long onlyInRebuilt, List<String> samples) {
}
