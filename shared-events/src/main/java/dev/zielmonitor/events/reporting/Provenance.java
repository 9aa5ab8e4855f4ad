package dev.zielmonitor.events.reporting;

/** Metadata keys that say where an event came from; every event written from a Kafka message carries them. */
public final class Provenance {

    public static final String KAFKA_TOPIC = "kafkaTopic";
    public static final String KAFKA_PARTITION = "kafkaPartition";
    public static final String KAFKA_OFFSET = "kafkaOffset";
    /** when the producer published the record (Kafka record timestamp, ISO instant) */
    public static final String KAFKA_TIMESTAMP = "kafkaTimestamp";
    public static final String MESSAGE_ID = "messageId";
    public static final String SOURCE = "source";
    public static final String RECEIVED_AT = "receivedAt";
    public static final String PRINCIPAL = "principal";
    /**
     * who produced the Kafka record, as far as the broker vouches for it: {@code shared} (the shared topic) or
     * {@code jobcenter:<id>} (that Jobcenter's own topic, which only its producers may write; ADR 0013)
     */
    public static final String PRODUCER = "producer";
    /** the dead letter a resubmitted message was parked as */
    public static final String RESUBMISSION_OF = "resubmissionOf";

    private Provenance() {
    }
}
