package dev.zielmonitor.infra;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fallback for machines without a PostgreSQL server: an embedded one, with real databases in it. */
class PostgresServerTest {

    @Test
    void anEmbeddedServerCreatesUsableDatabasesAndDropsThem() throws Exception {
        try (PostgresServer server = PostgresServer.startEmbedded()) {
            assertThat(server.isEmbedded()).isTrue();
            String url = server.createDatabase("zm_embedded_check");
            assertThat(server.ensureDatabase("zm_embedded_check")).isEqualTo(url);

            try (Connection c = DriverManager.getConnection(url, server.user(), server.password());
                 ResultSet rs = c.createStatement().executeQuery("SELECT current_database(), version()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("zm_embedded_check");
                assertThat(rs.getString(2)).startsWith("PostgreSQL");
            }
            server.dropDatabase("zm_embedded_check");
            assertThat(PostgresServer.answers(url, server.user(), server.password())).isFalse();
        }
    }

    @Test
    void refusesDatabaseNamesThatAreNotPlainIdentifiers() {
        try (PostgresServer server = PostgresServer.startEmbedded()) {
            assertThatThrownBy(() -> server.createDatabase("x; DROP DATABASE postgres"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theTestDatabaseIsFreshAndNamedAsATestOne() throws Exception {
        TestDatabase db = TestDatabase.get();
        assertThat(db.name()).matches("zm_test_\\d{8}_\\d{6}_[a-z0-9]+");
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }
}
