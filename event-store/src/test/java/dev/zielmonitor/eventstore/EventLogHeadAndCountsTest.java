package dev.zielmonitor.eventstore;

import dev.zielmonitor.infra.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The head and the counts a rebuild sizes its run with and an as-of replay reports against, read by the query role
 * as the query service reads them: an empty store has head -1 and no events; a count up to an index counts that
 * index and those before it, not those after.
 */
class EventLogHeadAndCountsTest {

    private final TestDatabase db = TestDatabase.another();

    @Test
    void theHeadIsTheHighestGlobalIndexAndCountsStopAtTheIndexAsked() throws SQLException {
        Flyway.configure().dataSource(db.url(), db.roles().owner().name(), db.roles().owner().password())
                .placeholders(Map.of("command-role", db.roles().command().name(),
                        "query-role", db.roles().query().name()))
                .locations("classpath:db/event-store").table("flyway_history_event_store").load().migrate();
        EventLog log = new EventLog(new DriverManagerDataSource(db.url(), db.roles().query().name(),
                db.roles().query().password()), null, null); // counts deserialise nothing
        assertThat(log.head()).isEqualTo(-1);
        assertThat(log.count()).isZero();
        assertThat(log.countUpTo(Long.MAX_VALUE)).isZero();

        long first;
        long second;
        long third;
        try (Connection c = DriverManager.getConnection(db.url(), db.roles().command().name(),
                db.roles().command().password())) {
            first = EventHashChainTest.append(c, "report:05122:2014-01", 0, "{\"n\":1}");
            second = EventHashChainTest.append(c, "report:05122:2014-02", 0, "{\"n\":2}");
            third = EventHashChainTest.append(c, "report:05122:2014-01", 1, "{\"n\":3}");
        }

        assertThat(log.head()).isEqualTo(third).isGreaterThan(second);
        assertThat(log.count()).isEqualTo(3);
        assertThat(log.countUpTo(second)).isEqualTo(2);
        assertThat(log.countUpTo(first)).isEqualTo(1);
        assertThat(log.countUpTo(first - 1)).isZero();
        assertThat(log.countUpTo(third)).isEqualTo(3);
    }
}
