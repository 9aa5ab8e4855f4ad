package dev.zielmonitor.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.zielmonitor.eventstore.upcasting.JobcenterRegisteredEventUpcaster;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.util.Map;

/**
 * What both services need to share one Axon event store on PostgreSQL: its schema, migrated by Flyway with a
 * history table of its own (so either service can start first, and each service keeps its own migrations),
 * and the Jackson 2 mapper that Axon serialises events with.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
        before = {AxonJdbcAutoConfiguration.class, JdbcAutoConfiguration.class})
public class EventStoreAutoConfiguration {

    static final String HISTORY_TABLE = "flyway_history_event_store";

    /**
     * Runs at bean creation, before any Axon component or listener can touch the tables. The migrations run as the
     * owner role the service's own Flyway runs as ({@code spring.flyway.user}, {@code .password}, {@code .url} or
     * the data source's URL, with the same {@code spring.flyway.placeholders}); then the service's own connection
     * is checked to be one that cannot rewrite the history ({@link RuntimeRoleCheck}).
     */
    @Bean
    @ConditionalOnBean(DataSource.class)
    EventStoreSchema eventStoreSchema(DataSource dataSource, Environment environment) {
        String owner = environment.getProperty("spring.flyway.user");
        if (owner == null || owner.isBlank()) {
            throw new IllegalStateException("no owner role for the event store's migrations: set spring.flyway.user "
                    + "and spring.flyway.password (docs/security.md#least-privilege-in-postgresql)");
        }
        String url = environment.getProperty("spring.flyway.url",
                environment.getRequiredProperty("spring.datasource.url"));
        Map<String, String> placeholders = Binder.get(environment)
                .bind("spring.flyway.placeholders", Bindable.mapOf(String.class, String.class)).orElse(Map.of());
        Flyway.configure()
                .dataSource(url, owner, environment.getProperty("spring.flyway.password"))
                .placeholders(placeholders)
                .locations("classpath:db/event-store")
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        RuntimeRoleCheck.refuseRolesThatCanRewriteHistory(dataSource);
        return new EventStoreSchema();
    }

    /** The read-only view of the stored events, with the service's serializer and upcasters (issue 18). */
    @Bean
    @ConditionalOnBean(DataSource.class)
    EventLog eventLog(DataSource dataSource, @Qualifier("eventSerializer") Serializer eventSerializer,
                      org.axonframework.config.Configuration configuration, EventStoreSchema migrated) {
        return new EventLog(dataSource, eventSerializer, configuration.upcasterChain());
    }

    /** Stored revision-1 registrations read as revision 2; Axon chains every {@code EventUpcaster} bean. */
    @Bean
    JobcenterRegisteredEventUpcaster jobcenterRegisteredEventUpcaster() {
        return new JobcenterRegisteredEventUpcaster();
    }

    /**
     * Replaces Axon's default mapper: ISO dates instead of number arrays, and tolerance of fields an older
     * reader does not know, so that events stay readable as they evolve. Decimals keep their exact value and
     * scale also where an event passes through a JSON tree (upcasters): 3541234.50 must not come back as the
     * double 3541234.5, or a recorded amount would no longer equal the same amount sent again.
     */
    @Bean(name = "defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }

    /**
     * Axon's JDBC engine as Axon's own auto-configuration builds it, as a {@link PrefetchingEventStorageEngine}
     * so that a service can run many commands in one transaction cheaply (ADR 0003).
     */
    @Bean
    @ConditionalOnMissingBean({EventStorageEngine.class, EventStore.class})
    @ConditionalOnBean(DataSource.class)
    PrefetchingEventStorageEngine eventStorageEngine(Serializer defaultSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration configuration, ConnectionProvider connectionProvider,
            TransactionManager transactionManager, ObjectProvider<EventSchema> eventSchema,
            EventStoreSchema migrated) {
        return new PrefetchingEventStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema.getIfAvailable(EventSchema::new)));
    }

    /** Marker: the event store schema is migrated. */
    public static final class EventStoreSchema {
    }
}
