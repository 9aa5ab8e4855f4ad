package dev.zielmonitor.command.ingest.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param topic      the monthly-figures topic (contract.md)
 * @param deadLetterTopic where rejected messages are parked, with their reason
 * @param partitions partitions created on start-up when the topics do not exist yet
 */
@ConfigurationProperties("zielmonitor.ingest")
public record IngestProperties(
        @DefaultValue("zielmonitor.monthly-figures.v1") String topic,
        @DefaultValue("zielmonitor.monthly-figures.v1.dlt") String deadLetterTopic,
        @DefaultValue("6") int partitions) {
}
