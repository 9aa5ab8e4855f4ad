package dev.zielmonitor.command.ingest.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Parks a rejected record on the dead-letter topic: the original key and bytes, the original coordinates and
 * the reason in headers. Waits for the broker's acknowledgement, so the original offset is committed only
 * once the record is safely parked.
 */
@Component
class DeadLetterPublisher {

    static final String HEADER_CODE = "zielmonitor.error.code";
    static final String HEADER_REASON = "zielmonitor.error.reason";
    static final String HEADER_TOPIC = "zielmonitor.original.topic";
    static final String HEADER_PARTITION = "zielmonitor.original.partition";
    static final String HEADER_OFFSET = "zielmonitor.original.offset";

    private final KafkaTemplate<String, byte[]> kafka;
    private final IngestProperties properties;

    DeadLetterPublisher(KafkaTemplate<String, byte[]> kafka, IngestProperties properties) {
        this.kafka = kafka;
        this.properties = properties;
    }

    void park(ConsumerRecord<String, byte[]> original, String code, String reason) {
        ProducerRecord<String, byte[]> parked = new ProducerRecord<>(properties.deadLetterTopic(), original.key(),
                original.value());
        parked.headers()
                .add(HEADER_CODE, utf8(code))
                .add(HEADER_REASON, utf8(reason))
                .add(HEADER_TOPIC, utf8(original.topic()))
                .add(HEADER_PARTITION, utf8(Integer.toString(original.partition())))
                .add(HEADER_OFFSET, utf8(Long.toString(original.offset())));
        try {
            kafka.send(parked).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parking a rejected record", e);
        } catch (ExecutionException | TimeoutException e) {
            // thrown on, so the container retries the original record instead of losing it
            throw new IllegalStateException("could not park a rejected record on " + properties.deadLetterTopic(), e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
