package dev.zielmonitor.command.ingest.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param topic                  the monthly-figures topic (contract.md), shared by every producer; a Jobcenter's own
 *                               topic is this name followed by {@code .<jobcenter id>} (ADR 0013)
 * @param deadLetterTopic        where rejected messages of all these topics are parked, with their reason
 * @param partitions             partitions created on start-up when the shared topics do not exist yet
 * @param sharedTopic            whether the shared topic is read: records there may be for any Jobcenter, so only
 *                               trusted producers (the statistics office) may write it; ACLs decide who can
 * @param jobcenterTopics        whether the Jobcenters' own topics are read: a record there must be for that
 *                               Jobcenter, else it is parked as PRODUCER_NOT_ALLOWED. How soon a newly created
 *                               topic is read is the consumer's {@code metadata.max.age.ms} (application.yml)
 */
@ConfigurationProperties("zielmonitor.ingest")
public record IngestProperties(
        @DefaultValue("zielmonitor.monthly-figures.v1") String topic,
        @DefaultValue("zielmonitor.monthly-figures.v1.dlt") String deadLetterTopic,
        @DefaultValue("6") int partitions,
        @DefaultValue("true") boolean sharedTopic,
        @DefaultValue("true") boolean jobcenterTopics) {

    public IngestProperties {
        if (!sharedTopic && !jobcenterTopics) {
            throw new IllegalArgumentException("zielmonitor.ingest: shared-topic and jobcenter-topics are both false; "
                    + "the service would read no figures");
        }
    }
}
