package dev.zielmonitor.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server to create databases on: the one named by {@code ZIELMONITOR_DB_URL} (with
 * {@code ZIELMONITOR_DB_USER}, {@code ZIELMONITOR_DB_PASSWORD}), else the one on {@code localhost:5432} when it
 * answers, else an embedded one started from the binaries Maven resolved (it works as root, too). The connection it
 * holds is an administrator's (a superuser's): it creates databases and the platform's roles, and nothing else uses
 * it; the services connect as those roles ({@link #prepare}).
 */
public final class PostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    static final String DEFAULT_URL = "jdbc:postgresql://localhost:5432/postgres";
    /** deploy/postgres/roles.sql, copied here by the build: the one definition of the roles, also for compose. */
    private static final String ROLES_SQL = "/dev/zielmonitor/infra/postgres/roles.sql";
    /** Held on the administrator's database while roles are prepared: roles are cluster-wide, test JVMs many. */
    private static final long ROLES_LOCK = 4848480010L;

    private final String adminUrl;
    private final String user;
    private final String password;
    private final EmbeddedPostgres embedded;

    private PostgresServer(String adminUrl, String user, String password, EmbeddedPostgres embedded) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    /** Finds a running server or starts an embedded one, as the class comment says. */
    public static PostgresServer locateOrStart() {
        String configuredUrl = System.getenv("ZIELMONITOR_DB_URL");
        if (configuredUrl != null && !configuredUrl.isBlank()) {
            String user = envOr("ZIELMONITOR_DB_USER", "postgres");
            String password = envOr("ZIELMONITOR_DB_PASSWORD", "");
            log.info("Using PostgreSQL from ZIELMONITOR_DB_URL: {}", configuredUrl);
            return new PostgresServer(configuredUrl, user, password, null);
        }
        for (String user : new String[] {"postgres", System.getProperty("user.name")}) {
            if (answers(DEFAULT_URL, user, "")) {
                log.info("Using PostgreSQL on localhost:5432 as {}", user);
                return new PostgresServer(DEFAULT_URL, user, "", null);
            }
        }
        return startEmbedded();
    }

    /**
     * Starts an embedded server on a free port (about 3 s), listening on the loopback interface only; stopped by
     * {@link #close()}. Its administrator {@code postgres} logs in without a password, as initdb made it; every
     * other role needs its password, so the platform's roles are checked here as on any server.
     */
    public static PostgresServer startEmbedded() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setServerConfig("listen_addresses", "localhost")
                    .setDataDirectoryCustomizer(PostgresServer::passwordsForAllButTheAdministrator)
                    .start();
            log.info("No PostgreSQL on localhost:5432: started an embedded one on port {}", pg.getPort());
            // no user in the URL: it would override the user of every connection made with it
            return new PostgresServer("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres", "postgres", "", pg);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start an embedded PostgreSQL", e);
        }
    }

    private static void passwordsForAllButTheAdministrator(java.io.File dataDirectory) {
        try {
            java.nio.file.Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"), """
                    # written by embedded-infra's PostgresServer: the administrator as initdb made it, every other
                    # role with its password
                    local all postgres              trust
                    host  all postgres 127.0.0.1/32 trust
                    host  all postgres ::1/128      trust
                    local all all                   scram-sha-256
                    host  all all      127.0.0.1/32 scram-sha-256
                    host  all all      ::1/128      scram-sha-256
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean answers(String url, String user, String password) {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "2");
        try (Connection ignored = DriverManager.getConnection(url, props)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Creates an empty database and returns its JDBC URL. */
    public String createDatabase(String name) {
        execute("CREATE DATABASE " + checked(name));
        return urlOf(name);
    }

    /** Creates the database unless it exists, and returns its JDBC URL. */
    public String ensureDatabase(String name) {
        try (Connection c = connect();
             var ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, checked(name));
            if (ps.executeQuery().next()) {
                return urlOf(name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up database " + name, e);
        }
        return createDatabase(name);
    }

    /**
     * Creates the platform's roles if missing, with the given passwords (deploy/postgres/roles.sql), makes the
     * owner role the database's owner and hands it whatever a superuser created there before. Concurrent callers on
     * the same server take turns.
     */
    public void prepare(String database, DatabaseRoles roles) {
        if (!roles.complete()) {
            throw new IllegalArgumentException("every role needs a password: " + roles);
        }
        String sql;
        try (InputStream in = PostgresServer.class.getResourceAsStream(ROLES_SQL)) {
            if (in == null) {
                throw new IllegalStateException(ROLES_SQL + " is not on the class path");
            }
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> settings = Map.of(
                "zielmonitor.owner_role", roles.owner().name(), "zielmonitor.owner_password", roles.owner().password(),
                "zielmonitor.command_role", roles.command().name(),
                "zielmonitor.command_password", roles.command().password(),
                "zielmonitor.query_role", roles.query().name(), "zielmonitor.query_password", roles.query().password());
        try (Connection admin = connect(); Statement lock = admin.createStatement()) {
            lock.execute("SELECT pg_advisory_lock(" + ROLES_LOCK + ")");
            try (Connection c = DriverManager.getConnection(urlOf(checked(database)), user, password)) {
                c.setAutoCommit(false);
                try (PreparedStatement set = c.prepareStatement("SELECT set_config(?, ?, true)")) {
                    for (Map.Entry<String, String> setting : settings.entrySet()) {
                        set.setString(1, setting.getKey());
                        set.setString(2, setting.getValue());
                        set.execute();
                    }
                }
                try (Statement s = c.createStatement()) {
                    s.execute(sql);
                }
                c.commit();
            } finally {
                lock.execute("SELECT pg_advisory_unlock(" + ROLES_LOCK + ")");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare the roles " + roles + " for database " + database
                    + ": " + e.getMessage(), e);
        }
    }

    /** Drops the database, ending its open connections first. */
    public void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + checked(name) + " WITH (FORCE)");
    }

    public String urlOf(String database) {
        int slash = adminUrl.lastIndexOf('/');
        int query = adminUrl.indexOf('?', slash);
        return adminUrl.substring(0, slash + 1) + database + (query < 0 ? "" : adminUrl.substring(query));
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(adminUrl, user, password);
    }

    private void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + sql, e);
        }
    }

    private static String checked(String name) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        return name;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                log.warn("could not stop the embedded PostgreSQL", e);
            }
        }
    }
}
