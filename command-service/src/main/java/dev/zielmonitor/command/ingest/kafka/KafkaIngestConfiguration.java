package dev.zielmonitor.command.ingest.kafka;

import dev.zielmonitor.contract.MonthlyFiguresContract;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRestartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import java.time.Clock;

/**
 * The shared topics (created on start-up when missing), the contract, and a retry policy that waits out outages and
 * never lets one record block its partition.
 */
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

    @Bean
    MonthlyFiguresContract monthlyFiguresContract() {
        return new MonthlyFiguresContract(Clock.system(MonthlyFiguresContract.RECEIVING_ZONE));
    }

    /**
     * What reaches the error handler: a failure of the platform itself (PostgreSQL or the broker unreachable), which
     * the listener rethrows: retry the same poll, backing off up to 10 s, for as long as it takes; dropping it would
     * lose a Jobcenter's figures, and it passes once the platform is back. Anything else should not get here (the
     * listener isolates and parks what a record causes); if it does, the poll is tried twice more and then each of
     * its records is parked by the {@link LastResortParking} as it was received, so that no record can stop its
     * partition for good (issue 17).
     */
    @Bean
    DefaultErrorHandler kafkaErrorHandler(LastResortParking lastResort) {
        ExponentialBackOff outage = new ExponentialBackOff(200, 2.0);
        outage.setMaxInterval(10_000);
        outage.setMaxElapsedTime(Long.MAX_VALUE);
        DefaultErrorHandler handler = new DefaultErrorHandler(lastResort, outage);
        handler.setBackOffFunction((record, failure) -> FailureKind.isTransient(failure) ? outage
                : new FixedBackOff(1_000, 2));
        handler.setResetStateOnExceptionChange(true);
        return handler;
    }

    /** Consumes only once the application is ready, i.e. after the registry seed ({@code @Order(0)}). */
    @EventListener(ApplicationReadyEvent.class)
    @Order(100)
    void startConsuming(ApplicationReadyEvent event) {
        event.getApplicationContext().getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer(MonthlyFiguresListener.LISTENER_ID).start();
    }

    /**
     * A context restart (after {@code pause()}, as Spring's test context cache does with contexts not in use) starts
     * only auto-startup beans again; the listener is not one, so it is started here.
     */
    @EventListener(ContextRestartedEvent.class)
    void consumeAgain(ContextRestartedEvent event) {
        event.getApplicationContext().getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer(MonthlyFiguresListener.LISTENER_ID).start();
    }
}
