package dev.zielmonitor.command.ingest.kafka;

import dev.zielmonitor.events.common.JobcenterId;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which producer a record comes from, as far as the broker vouches for it (ADR 0013): a consumer does not see the
 * principal that wrote a record, but it sees the topic, and the broker's ACLs let only Jobcenter A's user write
 * A's own topic {@code <topic>.<A>}. So a record on A's topic is A's, and may only carry A's figures; the shared
 * topic is for producers trusted with every Jobcenter (the statistics office), or for local mode.
 */
@Component("producerBinding")
class ProducerBinding {

    /** The shared topic's producer, as named in provenance and dead letters. */
    static final String SHARED = "shared";

    private final String topic;
    private final Pattern jobcenterTopic;
    private final Pattern subscription;

    ProducerBinding(IngestProperties properties) {
        this.topic = properties.topic();
        this.jobcenterTopic = Pattern.compile(Pattern.quote(topic) + "\\.(\\d{5})");
        String shared = Pattern.quote(topic);
        this.subscription = Pattern.compile(properties.sharedTopic() && properties.jobcenterTopics()
                ? shared + "(\\.\\d{5})?"
                : properties.sharedTopic() ? shared : shared + "\\.\\d{5}");
    }

    /** The topics the ingestion reads, as the listener's topic pattern. */
    public String subscription() {
        return subscription.pattern();
    }

    /**
     * @param identity  how provenance and dead letters name it: {@value #SHARED}, or {@code jobcenter:<id>}
     * @param jobcenter the only Jobcenter it may report for, or {@code null} for the shared topic
     */
    record Producer(String identity, JobcenterId jobcenter) {
    }

    Producer of(String recordTopic) {
        Matcher own = jobcenterTopic.matcher(recordTopic);
        if (own.matches()) {
            return new Producer("jobcenter:" + own.group(1), JobcenterId.of(own.group(1)));
        }
        return new Producer(SHARED, null);
    }

    /** Why the producer may not report figures for {@code jobcenterId}, if it may not. */
    Optional<String> refusal(Producer producer, String recordTopic, JobcenterId jobcenterId) {
        if (producer.jobcenter() == null || producer.jobcenter().equals(jobcenterId)) {
            return Optional.empty();
        }
        return Optional.of("records on " + recordTopic + " may only carry figures of Jobcenter "
                + producer.jobcenter() + ", this one is for " + jobcenterId);
    }
}
