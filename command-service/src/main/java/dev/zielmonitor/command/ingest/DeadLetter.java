package dev.zielmonitor.command.ingest;

import dev.zielmonitor.contract.RejectionCode;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record that was rejected, with its coordinates and the reason; what is parked.
 *
 * @param producer       who produced it, as far as the broker vouches for it (the topic it came from, ADR 0013)
 * @param resubmissionOf the dead letter it is the resubmission of, only when the command service itself wrote
 *                       that marker (a {@link ResubmissionMarker.Trusted}); never taken from a producer's header unchecked
 */
public record DeadLetter(String topic, int partition, long offset, String key, byte[] value, RejectionCode code,
                         String reason, String producer, Long resubmissionOf) {

    public static DeadLetter of(ConsumerRecord<String, byte[]> record, RejectionCode code, String reason,
                                String producer, Long resubmissionOf) {
        return new DeadLetter(record.topic(), record.partition(), record.offset(), record.key(), record.value(), code,
                reason, producer, resubmissionOf);
    }
}
