package dev.zielmonitor.eventstore;

import dev.zielmonitor.events.common.CarrierType;
import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.events.registry.JobcenterRegisteredEvent;
import dev.zielmonitor.infra.TestDatabase;
import dev.zielmonitor.infra.TestInfrastructure;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.updates.configuration.UsagePropertyProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ADR 0001: Axon 4.13 on Spring Boot 4 without JPA, wired by this module. The first tests show the wiring;
 * the last one starts the same application without the transaction ordering fix and shows that Axon then
 * silently runs without transactions, so removing that fix fails the build ({@link AutoConfigurationOrderTest}
 * does the same for the JDBC ordering fix).
 */
@SpringBootTest(classes = EventStoreTestApplication.class,
        properties = {"axon.axonserver.enabled=false", "spring.flyway.enabled=false",
                "axon.serializer.general=jackson", "axon.update-check.disabled=true"})
class AxonOnBoot4Test {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.databaseProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    TransactionManager transactionManager;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UsagePropertyProvider updateCheckerSettings;

    @Test
    void usesTheJdbcEngineTransactionsAndTokensOnPostgres() {
        assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(transactionManager).isInstanceOf(SpringTransactionManager.class);
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
    }

    @Test
    void storesEventsAsJsonInByteaColumnsAndReadsThemBack() {
        String aggregateId = "test:" + UUID.randomUUID();
        JobcenterRegisteredEvent event = new JobcenterRegisteredEvent(JobcenterId.of("05122"), "Jobcenter Solingen",
                "DE-NW", CarrierType.ZKT, null, LocalDate.of(2005, 1, 1));
        transactionManager.executeInTransaction(() -> eventStore.publish(
                new GenericDomainEventMessage<>("Jobcenter", aggregateId, 0, event)));

        List<DomainEventMessage<?>> read = new ArrayList<>();
        eventStore.readEvents(aggregateId).forEachRemaining(read::add);
        assertThat(read).singleElement().satisfies(m -> assertThat(m.getPayload()).isEqualTo(event));

        Map<String, Object> row = jdbc.sql("""
                        SELECT payloadrevision, convert_from(payload, 'UTF8') AS json,
                               pg_typeof(payload)::text AS payload_type
                        FROM domainevententry WHERE aggregateidentifier = ?""")
                .param(aggregateId).query().singleRow();
        assertThat(row.get("payloadrevision")).as("the @Revision of the event class").isEqualTo("2");
        assertThat(row.get("payload_type")).isEqualTo("bytea");
        assertThat((String) row.get("json")).contains("\"jobcenterId\":\"05122\"", "\"validFrom\":\"2005-01-01\"");
    }

    @Test
    void theEventStoreSchemaHasItsOwnMigrationHistory() throws SQLException {
        // the history belongs to the owner role; the service's own role may not even read it
        TestDatabase db = TestDatabase.get();
        List<String> applied = new ArrayList<>();
        try (Connection admin = DriverManager.getConnection(db.url(), db.user(), db.password());
             ResultSet rs = admin.createStatement().executeQuery("SELECT script FROM "
                     + EventStoreAutoConfiguration.HISTORY_TABLE + " WHERE success ORDER BY installed_rank")) {
            while (rs.next()) {
                applied.add(rs.getString(1));
            }
        }
        assertThat(applied).contains("V1__axon_event_store.sql");
        assertThat(jdbc.sql("SELECT data_type FROM information_schema.columns "
                + "WHERE table_name = 'domainevententry' AND column_name = 'globalindex'")
                .query(String.class).single()).isEqualTo("bigint");
    }

    @Test
    void axonsUpdateCheckerIsOff() {
        assertThat(updateCheckerSettings.getDisabled()).isTrue();
    }

    @Test
    void withoutTheTransactionOrderingFixAxonRunsWithoutTransactions() {
        try (ConfigurableApplicationContext context = startWithout(AxonTransactionAutoConfiguration.class)) {
            assertThat(context.getBean(TransactionManager.class)).isNotInstanceOf(SpringTransactionManager.class);
        }
    }

    private static ConfigurableApplicationContext startWithout(Class<?> fix) {
        Map<String, Object> properties = new java.util.HashMap<>(TestInfrastructure.databaseProperties());
        properties.put("spring.autoconfigure.exclude", fix.getName());
        properties.put("axon.axonserver.enabled", "false");
        properties.put("spring.flyway.enabled", "false");
        properties.put("axon.serializer.general", "jackson");
        properties.put("spring.main.web-application-type", "none");
        return new SpringApplicationBuilder(EventStoreTestApplication.class).properties(properties).run();
    }
}
