package dev.zielmonitor.access.login;

import org.flywaydb.core.Flyway;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.util.Map;

/**
 * The {@code access_control} schema, migrated by Flyway with a history table of its own, so that both services
 * (which share the database) can run the same idempotent migrations and either can start first. Like every
 * migration it runs as the owner role the service's own Flyway runs as ({@code spring.flyway.user},
 * {@code .password}, {@code .url}, {@code .placeholders}: ADR 0009), and grants the runtime roles what they use.
 */
public final class AccessSchema {

    static final String HISTORY_TABLE = "flyway_history_access";

    private AccessSchema() {
    }

    /** Migrates as the owner role when one is configured, else with the service's own connection; returns once done. */
    public static AccessSchema migrate(DataSource dataSource, Environment environment) {
        String owner = environment.getProperty("spring.flyway.user");
        Map<String, String> placeholders = Binder.get(environment)
                .bind("spring.flyway.placeholders", Bindable.mapOf(String.class, String.class)).orElse(Map.of());
        var configuration = Flyway.configure()
                .placeholders(placeholders)
                .locations("classpath:db/access")
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0");
        if (owner == null || owner.isBlank()) {
            configuration.dataSource(dataSource);
        } else {
            configuration.dataSource(environment.getProperty("spring.flyway.url",
                    environment.getRequiredProperty("spring.datasource.url")), owner,
                    environment.getProperty("spring.flyway.password"));
        }
        configuration.load().migrate();
        return new AccessSchema();
    }
}
