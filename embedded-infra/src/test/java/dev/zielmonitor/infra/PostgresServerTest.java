package dev.zielmonitor.infra;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fallback for machines without a PostgreSQL server: an embedded one, with real databases in it, reachable
 * from this machine only; the platform's roles prepared on it as on any server.
 */
class PostgresServerTest {

    private static final DatabaseRoles ROLES = new DatabaseRoles(new DatabaseRoles.Role("zm_check_owner", "o-1"),
            new DatabaseRoles.Role("zm_check_command", "c-1"), new DatabaseRoles.Role("zm_check_query", "q-1"));

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
    void anEmbeddedServerListensOnTheLoopbackInterfaceOnly() throws Exception {
        // PostgreSQL's own default is localhost as well; the server is configured so, not left to the default
        try (PostgresServer server = PostgresServer.startEmbedded()) {
            int port = Integer.parseInt(server.urlOf("postgres").replaceAll(".*:(\\d+)/.*", "$1"));

            List<InetAddress> bound = ListeningSockets.boundTo(port);
            assertThat(bound).as("listening sockets on port " + port).isNotEmpty()
                    .allMatch(InetAddress::isLoopbackAddress);
            Optional<InetAddress> external = ListeningSockets.otherInterfaceAddress();
            if (external.isPresent()) {
                try (Socket socket = new Socket()) {
                    assertThatThrownBy(() -> socket.connect(new InetSocketAddress(external.get(), port), 2000))
                            .as("connecting through " + external.get()).isInstanceOf(java.io.IOException.class);
                }
            } else {
                System.out.println("no non-loopback interface here: checked the listening sockets only");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            }
        }
    }

    @Test
    void preparesThePlatformsRoles_whoNeedTheirPasswordsAndMayDoOnlyWhatTheirServiceNeeds() throws Exception {
        try (PostgresServer server = PostgresServer.startEmbedded()) {
            String url = server.createDatabase("zm_roles_check");
            try (Connection admin = DriverManager.getConnection(url, server.user(), server.password());
                 Statement s = admin.createStatement()) {
                // as the services left a database when they connected as the superuser
                s.execute("CREATE SCHEMA command_side; CREATE TABLE command_side.t (id BIGSERIAL PRIMARY KEY); "
                        + "CREATE TABLE domainevententry (globalindex BIGSERIAL PRIMARY KEY); "
                        + "CREATE FUNCTION zm_f() RETURNS int LANGUAGE sql AS 'SELECT 1'");
            }

            server.prepare("zm_roles_check", ROLES);

            assertThatThrownBy(() -> DriverManager.getConnection(url, "zm_check_command", "wrong").close())
                    .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState())
                    .isEqualTo("28P01");
            try (Connection admin = DriverManager.getConnection(url, server.user(), server.password());
                 Statement s = admin.createStatement()) {
                ResultSet rs = s.executeQuery("""
                        SELECT string_agg(rolname || ':' || rolsuper || rolcanlogin || rolcreaterole || rolcreatedb,
                                          ',' ORDER BY rolname) FROM pg_roles WHERE rolname LIKE 'zm_check_%'""");
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("zm_check_command:falsetruefalsefalse,"
                        + "zm_check_owner:falsetruefalsefalse,zm_check_query:falsetruefalsefalse");
                rs = s.executeQuery("""
                        SELECT pg_get_userbyid(d.datdba), pg_has_role('zm_check_owner', 'zm_check_query', 'MEMBER'),
                               has_database_privilege('zm_check_query', d.datname, 'CREATE'),
                               has_database_privilege('zm_check_command', d.datname, 'CREATE'),
                               has_database_privilege('public', d.datname, 'CONNECT'),
                               (SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'command_side'),
                               (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 't'),
                               (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 't_id_seq'),
                               (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'domainevententry'),
                               (SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE proname = 'zm_f')
                        FROM pg_database d WHERE d.datname = current_database()""");
                rs.next();
                assertThat(List.of(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4),
                        rs.getBoolean(5))).containsExactly("zm_check_owner", true, true, false, false);
                assertThat(List.of(rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10))).as("what the superuser had created").containsOnly("zm_check_owner");
            }
            try (Connection command = DriverManager.getConnection(url, "zm_check_command", "c-1");
                 Statement s = command.createStatement()) {
                assertThatThrownBy(() -> s.execute("CREATE TABLE public.anything (x int)"))
                        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
                assertThatThrownBy(() -> s.execute("CREATE SCHEMA anything"))
                        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
            }

            // again, with another password: idempotent, the new password counts
            server.prepare("zm_roles_check", new DatabaseRoles(ROLES.owner(), new DatabaseRoles.Role(
                    "zm_check_command", "c-2"), ROLES.query()));
            DriverManager.getConnection(url, "zm_check_command", "c-2").close();
            assertThatThrownBy(() -> DriverManager.getConnection(url, "zm_check_command", "c-1").close())
                    .isInstanceOf(SQLException.class);
            server.dropDatabase("zm_roles_check");
        }
    }

    @Test
    void refusesToMakeASuperuserOrARoleWithoutPasswordOneOfThePlatformsRoles() throws Exception {
        try (PostgresServer server = PostgresServer.startEmbedded()) {
            server.createDatabase("zm_roles_refused");
            assertThatThrownBy(() -> server.prepare("zm_roles_refused", new DatabaseRoles(
                    new DatabaseRoles.Role("postgres", "x"), ROLES.command(), ROLES.query())))
                    .hasMessageContaining("role postgres is a superuser");
            assertThatThrownBy(() -> server.prepare("zm_roles_refused", new DatabaseRoles(
                    ROLES.owner(), ROLES.owner(), ROLES.query()))).hasMessageContaining("must be three roles");
            assertThatThrownBy(() -> server.prepare("zm_roles_refused", new DatabaseRoles(
                    ROLES.owner(), new DatabaseRoles.Role("zm_check_command", null), ROLES.query())))
                    .hasMessageContaining("every role needs a password");
            try (Connection admin = DriverManager.getConnection(server.urlOf("zm_roles_refused"), server.user(),
                    server.password()); Statement s = admin.createStatement();
                 ResultSet rs = s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = 'postgres'")) {
                rs.next();
                assertThat(rs.getBoolean(1)).isTrue();
            }
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
                     "SELECT count(*), (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = "
                             + "current_database()) FROM information_schema.tables WHERE table_schema = 'public'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
            assertThat(rs.getString(2)).isEqualTo(db.roles().owner().name());
        }
    }
}
