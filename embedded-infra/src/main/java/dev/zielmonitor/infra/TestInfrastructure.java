package dev.zielmonitor.infra;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Spring properties that point a service under test at this run's database and broker. The database settings
 * are the environment variables the services' application.yml read (README, "Configuration"): the URL, the owner
 * role for the migrations, and each service's runtime role, so a service under test connects as in production.
 */
public final class TestInfrastructure {

    private TestInfrastructure() {
    }

    public static Map<String, String> databaseProperties() {
        return databaseProperties(TestDatabase.get());
    }

    /** The database settings of one database, e.g. a test class's own {@link TestDatabase#another()}. */
    public static Map<String, String> databaseProperties(TestDatabase db) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("ZIELMONITOR_DB_URL", db.url());
        props.putAll(db.roles().environment());
        return props;
    }

    public static Map<String, String> databaseAndKafkaProperties() {
        Map<String, String> props = databaseProperties();
        props.put("spring.kafka.bootstrap-servers", KafkaTestBroker.get().bootstrapServers());
        return props;
    }
}
