package dev.zielmonitor.command.ingest.kafka;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Map;

/** The value of a record on the monthly-figures topic, version 1 (contract.md), as it arrives. */
@JsonIgnoreProperties(ignoreUnknown = true)
record MonthlyFiguresMessage(
        Integer schemaVersion,
        String messageId,
        String jobcenterId,
        String reportingMonth,
        String dataStatus,
        String source,
        Map<String, FigureValue> figures,
        Correction correction) {

    /** Counts arrive as JSON integers, amounts as decimal strings; both are read as text first. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record FigureValue(String total, String female, String male) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Correction(String reason) {
    }
}
