package dev.zielmonitor.command.ingest.kafka;

import dev.zielmonitor.command.ingest.DeadLetter;
import dev.zielmonitor.command.ingest.Parking;
import dev.zielmonitor.contract.RejectionCode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The error handler's recoverer: a record of a poll that failed again and again for a reason that is not an outage
 * is parked as it was received (bytes only, nothing it said), so that its partition moves on. The listener isolates
 * and parks what a record causes itself; this is for what slips past it. A record that was recorded before the poll
 * failed may be parked here too: its resubmission is then a duplicate, which changes nothing.
 */
@Component
class LastResortParking implements ConsumerRecordRecoverer {

    private static final Logger log = LoggerFactory.getLogger(LastResortParking.class);

    private final Parking deadLetters;
    private final ProducerBinding producers;

    LastResortParking(Parking deadLetters, ProducerBinding producers) {
        this.deadLetters = deadLetters;
        this.producers = producers;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> failed, Exception failure) {
        log.error("Parking {}-{}@{} after repeated failures of its poll", failed.topic(), failed.partition(),
                failed.offset(), failure);
        DeadLetter letter = new DeadLetter(failed.topic(), failed.partition(), failed.offset(), null,
                failed.value() instanceof byte[] bytes ? bytes : null, RejectionCode.PROCESSING_ERROR,
                "its poll failed repeatedly", producers.of(failed.topic()).identity(), null);
        deadLetters.storeLastResort(List.of(letter), failure);
        deadLetters.publish(List.of(letter));
    }
}
