package dev.zielmonitor.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;

/**
 * What both services need to share one Axon event store on PostgreSQL: its schema, migrated by Flyway with a
 * history table of its own (so either service can start first, and each service keeps its own migrations),
 * and the Jackson 2 mapper that Axon serialises events with.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class, before = AxonJdbcAutoConfiguration.class)
public class EventStoreAutoConfiguration {

    static final String HISTORY_TABLE = "flyway_history_event_store";

    /** Runs at bean creation, before any Axon component or listener can touch the tables. */
    @Bean
    @ConditionalOnBean(DataSource.class)
    EventStoreSchema eventStoreSchema(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/event-store")
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        return new EventStoreSchema();
    }

    /**
     * Replaces Axon's default mapper: ISO dates instead of number arrays, and tolerance of fields an older
     * reader does not know, so that events stay readable as they evolve.
     */
    @Bean(name = "defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Marker: the event store schema is migrated. */
    public static final class EventStoreSchema {
    }
}
