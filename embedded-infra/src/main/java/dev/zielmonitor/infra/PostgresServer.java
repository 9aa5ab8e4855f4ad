package dev.zielmonitor.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server to create databases on: the one named by {@code ZIELMONITOR_DB_URL} (with
 * {@code ZIELMONITOR_DB_USER}, {@code ZIELMONITOR_DB_PASSWORD}), else the one on {@code localhost:5432} when it
 * answers, else an embedded one started from the binaries Maven resolved (it works as root, too).
 */
public final class PostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    static final String DEFAULT_URL = "jdbc:postgresql://localhost:5432/postgres";

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

    /** Starts an embedded server on a free port (about 3 s); stopped by {@link #close()}. */
    public static PostgresServer startEmbedded() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            log.info("No PostgreSQL on localhost:5432: started an embedded one on port {}", pg.getPort());
            return new PostgresServer(pg.getJdbcUrl("postgres", "postgres"), "postgres", "", pg);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start an embedded PostgreSQL", e);
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
