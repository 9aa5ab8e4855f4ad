package dev.zielmonitor.command.ingest.kafka;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** The topics (created on start-up when missing) and a retry policy that never skips a record. */
@Configuration
class KafkaIngestConfiguration {

    @Bean
    NewTopic monthlyFiguresTopic(IngestProperties properties) {
        return TopicBuilder.name(properties.topic()).partitions(properties.partitions()).build();
    }

    @Bean
    NewTopic monthlyFiguresDeadLetterTopic(IngestProperties properties) {
        return TopicBuilder.name(properties.deadLetterTopic()).partitions(properties.partitions()).build();
    }

    /**
     * Contract violations never reach the error handler (they are parked by the listener). What does is a
     * failure of the platform itself, e.g. PostgreSQL unreachable: retry the same record, backing off up to
     * 30 s, for as long as it takes; dropping it would lose a Jobcenter's figures.
     */
    @Bean
    DefaultErrorHandler kafkaErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(30_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return new DefaultErrorHandler(backOff);
    }
}
