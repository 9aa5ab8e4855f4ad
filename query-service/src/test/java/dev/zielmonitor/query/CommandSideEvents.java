package dev.zielmonitor.query;

import dev.zielmonitor.infra.TestDatabase;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Appends events to a test database as the command service does, as the command role. The query service's own role
 * may only read the event store (docs/security.md#least-privilege-in-postgresql), so its EventStore cannot append;
 * the events are serialised with the service's event serializer, so they read back as the command service's do.
 */
public final class CommandSideEvents {

    private final JdbcEventStorageEngine engine;
    private final JdbcClient jdbc;

    /** @param eventSerializer the service's ({@code @Qualifier("eventSerializer")}) */
    public CommandSideEvents(TestDatabase db, Serializer eventSerializer) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(db.url());
        dataSource.setUser(db.roles().command().name());
        dataSource.setPassword(db.roles().command().password());
        jdbc = JdbcClient.create(dataSource);
        engine = JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(dataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(eventSerializer)
                .build();
    }

    /** The command role's connection, for rows written as an earlier version of the command service stored them. */
    public JdbcClient jdbc() {
        return jdbc;
    }

    /** Appends the events, committed when this returns (the connection commits each statement). */
    public void append(EventMessage<?>... events) {
        engine.appendEvents(events);
    }
}
