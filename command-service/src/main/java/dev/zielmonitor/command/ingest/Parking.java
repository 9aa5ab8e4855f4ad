package dev.zielmonitor.command.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;

/**
 * Where ingestion parks what it rejects, and how it learns whether a record resubmits a parked one. Ingestion owns
 * this interface and the dead-letter package implements it, so that ingestion never depends on how dead letters are
 * stored, listed or resubmitted (which in turn reads ingestion's settings).
 */
public interface Parking {

    /** Writes the rows; call inside the transaction that stores the batch's events. */
    void store(List<DeadLetter> letters);

    /** Writes rows holding nothing from the producer but the bytes, when {@link #store} itself failed. */
    void storeLastResort(List<DeadLetter> letters, Throwable failure);

    /** Sends the letters to the dead-letter topic, after their rows are committed. */
    void publish(List<DeadLetter> letters);

    /** What the record's resubmission headers amount to, checked against the parked dead letters. */
    ResubmissionMarker resubmissionMarker(ConsumerRecord<String, byte[]> record);
}
