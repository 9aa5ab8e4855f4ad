package dev.zielmonitor.access.login;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/**
 * The {@code access_control} schema, migrated by Flyway with a history table of its own, so that both services
 * (which share the database) can run the same idempotent migrations and either can start first.
 */
public final class AccessSchema {

    static final String HISTORY_TABLE = "flyway_history_access";

    private AccessSchema() {
    }

    /** Migrates; returns once the tables exist. */
    public static AccessSchema migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/access")
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        return new AccessSchema();
    }
}
