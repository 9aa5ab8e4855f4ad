package dev.zielmonitor.infra;

import java.util.LinkedHashMap;
import java.util.Map;

/** The Spring properties that point a service under test at this run's database and broker. */
public final class TestInfrastructure {

    private TestInfrastructure() {
    }

    public static Map<String, String> databaseProperties() {
        return databaseProperties(TestDatabase.get());
    }

    /** The data source properties of one database, e.g. a test class's own {@link TestDatabase#another()}. */
    public static Map<String, String> databaseProperties(TestDatabase db) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("spring.datasource.url", db.url());
        props.put("spring.datasource.username", db.user());
        props.put("spring.datasource.password", db.password());
        return props;
    }

    public static Map<String, String> databaseAndKafkaProperties() {
        Map<String, String> props = databaseProperties();
        props.put("spring.kafka.bootstrap-servers", KafkaTestBroker.get().bootstrapServers());
        return props;
    }
}
