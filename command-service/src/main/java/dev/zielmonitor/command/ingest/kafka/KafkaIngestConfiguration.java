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

/** The topics (created on start-up when missing), the contract, and a retry policy that never skips a record. */
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
        return new MonthlyFiguresContract();
    }

    /**
     * Contract violations never reach the error handler (they are parked by the listener). What does is a
     * failure of the platform itself, e.g. PostgreSQL unreachable: retry the same poll, backing off up to
     * 10 s, for as long as it takes; dropping it would lose a Jobcenter's figures.
     */
    @Bean
    DefaultErrorHandler kafkaErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return new DefaultErrorHandler(backOff);
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
