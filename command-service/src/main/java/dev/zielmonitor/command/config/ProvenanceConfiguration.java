package dev.zielmonitor.command.config;

import dev.zielmonitor.events.reporting.Provenance;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Copies the provenance a command carries into the metadata of every event it produces. */
@Configuration
class ProvenanceConfiguration {

    @Bean
    CorrelationDataProvider provenanceCorrelation() {
        return new SimpleCorrelationDataProvider(Provenance.KAFKA_TOPIC, Provenance.KAFKA_PARTITION,
                Provenance.KAFKA_OFFSET, Provenance.KAFKA_TIMESTAMP, Provenance.MESSAGE_ID, Provenance.SOURCE, Provenance.RECEIVED_AT,
                Provenance.PRINCIPAL, Provenance.PRODUCER, Provenance.RESUBMISSION_OF);
    }

    /** Declared because any provider bean replaces Axon's default one: correlation and trace ids. */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }
}
