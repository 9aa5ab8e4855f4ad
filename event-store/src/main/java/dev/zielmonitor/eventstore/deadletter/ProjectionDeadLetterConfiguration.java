package dev.zielmonitor.eventstore.deadletter;

import dev.zielmonitor.eventstore.AxonJdbcAutoConfiguration;
import dev.zielmonitor.events.common.TextRules;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configurer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;

/**
 * Every processing group of a service gets Axon's sequenced dead-letter queue with its JDBC store (table
 * {@code deadletterentry}, migration V6): an event whose handler fails is parked with its sequence (the events of
 * one aggregate, by the processors' default sequencing policy), and the processor goes on with the others (issue
 * 17). Replaces Axon's own provider, which enables the queue only per processor property, so that a new projection
 * cannot be forgotten. The queue has no practical size limit: a full queue would stop the processor it protects.
 * The cause is stored as text PostgreSQL can hold, whatever the failure quoted.
 */
@AutoConfiguration(before = AxonJdbcAutoConfiguration.class)
@ConditionalOnBean(DataSource.class)
public class ProjectionDeadLetterConfiguration {

    /** Stored with the parked letter, counted up by every retry that fails again. */
    public static final String RETRIES = "retries";

    @Bean
    DeadLetterQueueProviderConfigurerModule deadLetterQueueProviderConfigurerModule(
            EventProcessorProperties properties, ObjectProvider<ConnectionProvider> connectionProvider,
            ObjectProvider<TransactionManager> transactionManager,
            @Qualifier("eventSerializer") ObjectProvider<Serializer> eventSerializer,
            ObjectProvider<Serializer> genericSerializer) {
        return new DeadLetterQueueProviderConfigurerModule(properties, processingGroup -> configuration -> null) {
            @Override
            public void configureModule(Configurer configurer) {
                configurer.eventProcessing()
                        .registerDeadLetterQueueProvider(processingGroup -> configuration ->
                                JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                                        .processingGroup(processingGroup)
                                        .connectionProvider(connectionProvider.getObject())
                                        .transactionManager(transactionManager.getObject())
                                        .schema(DeadLetterSchema.defaultSchema())
                                        .eventSerializer(eventSerializer.getObject())
                                        .genericSerializer(genericSerializer.getObject())
                                        .maxSequences(Integer.MAX_VALUE)
                                        .maxSequenceSize(Integer.MAX_VALUE)
                                        .build())
                        .registerDefaultDeadLetterPolicy(configuration -> new StorableCausePolicy());
            }
        };
    }

    @Bean
    ParkedEvents parkedEvents(ObjectProvider<EventProcessingConfiguration> processing,
                              ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters) {
        return new ParkedEvents(processing, meters);
    }

    /**
     * Parks every failing event (and requeues one whose retry fails again), with a cause that names the failure's
     * type and its message made storable, and the number of failed retries in the diagnostics.
     */
    static final class StorableCausePolicy implements EnqueuePolicy<EventMessage<?>> {
        @Override
        public EnqueueDecision<EventMessage<?>> decide(
                org.axonframework.messaging.deadletter.DeadLetter<? extends EventMessage<?>> letter,
                Throwable cause) {
            String message = TextRules.storable(String.valueOf(cause.getMessage()));
            if (message.length() > ThrowableCause.TRUNCATED_MESSAGE_SIZE) {
                message = message.substring(0, ThrowableCause.TRUNCATED_MESSAGE_SIZE - 1) + "…";
            }
            ThrowableCause storable = new ThrowableCause(cause.getClass().getName(), message);
            boolean retry = letter.cause().isPresent();
            long retries = letter.diagnostics().containsKey(RETRIES)
                    ? ((Number) letter.diagnostics().get(RETRIES)).longValue() : 0;
            return retry
                    ? Decisions.requeue(storable, l -> l.diagnostics().and(RETRIES, retries + 1))
                    : Decisions.enqueue(storable, l -> l.diagnostics().and(RETRIES, 0L));
        }
    }
}
