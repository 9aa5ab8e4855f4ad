package dev.zielmonitor.command.ingest.deadletter;

import dev.zielmonitor.contract.RejectionCode;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record that was rejected, with its coordinates and the reason; what is parked. */
public record DeadLetter(String topic, int partition, long offset, String key, byte[] value, RejectionCode code,
                         String reason, Long resubmissionOf) {

    public static DeadLetter of(ConsumerRecord<String, byte[]> record, RejectionCode code, String reason,
                                Long resubmissionOf) {
        return new DeadLetter(record.topic(), record.partition(), record.offset(), record.key(), record.value(), code,
                reason, resubmissionOf);
    }
}
