package dev.zielmonitor.query.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.zielmonitor.eventstore.EventLog;
import dev.zielmonitor.events.reporting.Provenance;

/**
 * Where an event came from, as its metadata records it: the principal of a REST command or the producer of a Kafka
 * record, with the record's topic, partition and offset and the message's id; the correlation and trace ids that tie
 * it to the request or message that caused it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OriginView(String principal, String producer, String source, String kafkaTopic, Integer kafkaPartition,
                         Long kafkaOffset, String kafkaTimestamp, String messageId, String receivedAt,
                         String resubmissionOf, String correlationId, String traceId) {

    /** The origin the stored event's metadata names, {@code null} when it names none (or cannot be read). */
    public static OriginView of(EventLog.StoredEvent event) {
        if (event.message() == null || event.message().getMetaData().isEmpty()) {
            return null;
        }
        Long partition = number(event, Provenance.KAFKA_PARTITION);
        return new OriginView(text(event, Provenance.PRINCIPAL), text(event, Provenance.PRODUCER),
                text(event, Provenance.SOURCE), text(event, Provenance.KAFKA_TOPIC),
                partition == null ? null : partition.intValue(), number(event, Provenance.KAFKA_OFFSET),
                text(event, Provenance.KAFKA_TIMESTAMP), text(event, Provenance.MESSAGE_ID),
                text(event, Provenance.RECEIVED_AT), text(event, Provenance.RESUBMISSION_OF),
                text(event, "correlationId"), text(event, "traceId"));
    }

    private static String text(EventLog.StoredEvent event, String key) {
        return event.metadata(key).map(String::valueOf).orElse(null);
    }

    private static Long number(EventLog.StoredEvent event, String key) {
        Object value = event.metadata(key).orElse(null);
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return value == null ? null : Long.valueOf(String.valueOf(value));
        } catch (NumberFormatException e) {
            return null; // metadata is what a producer sent; a history shows what it can
        }
    }
}
