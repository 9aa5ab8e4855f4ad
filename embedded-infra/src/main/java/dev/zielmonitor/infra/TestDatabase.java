package dev.zielmonitor.infra;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The database of this test run: created fresh on first use in a JVM (and {@link #another()} more where
 * tests must not share data), on the server that {@link PostgresServer#locateOrStart()} finds, and dropped when
 * the JVM ends (set
 * {@code zielmonitor.test.keep-database=true} to keep it for a look afterwards). It is prepared as a platform's
 * database is: owned by the owner role, with the runtime roles the services under test connect as ({@link #roles()},
 * names of their own, see {@link DatabaseRoles#TESTS}).
 */
public final class TestDatabase {

    private static TestDatabase instance;

    private final PostgresServer host;
    private final String name;
    private final String url;

    private TestDatabase(PostgresServer host, String name) {
        this.host = host;
        this.name = name;
        this.url = host.createDatabase(name);
        host.prepare(name, DatabaseRoles.TESTS);
    }

    private static PostgresServer server;

    /** This JVM's test database. */
    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = create();
        }
        return instance;
    }

    /** Another fresh database on the same server, for tests whose data must not meet the others'. */
    public static synchronized TestDatabase another() {
        return create();
    }

    private static TestDatabase create() {
        if (server == null) {
            server = PostgresServer.locateOrStart();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-test-postgres"));
        }
        String name = "zm_test_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"))
                + "_" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24), 36);
        TestDatabase db = new TestDatabase(server, name);
        Runtime.getRuntime().addShutdownHook(new Thread(db::dispose, "drop-test-database"));
        return db;
    }

    public PostgresServer server() {
        return host;
    }

    public String name() {
        return name;
    }

    public String url() {
        return url;
    }

    /**
     * The server's administrator (a superuser), for test code that inspects the database or tampers with it on
     * purpose; never for a service under test, which connects as one of {@link #roles()}.
     */
    public String user() {
        return host.user();
    }

    public String password() {
        return host.password();
    }

    /** The owner and runtime roles the services under test connect as. */
    public DatabaseRoles roles() {
        return DatabaseRoles.TESTS;
    }

    private void dispose() {
        try {
            if (!Boolean.getBoolean("zielmonitor.test.keep-database")) {
                host.dropDatabase(name);
            }
        } catch (RuntimeException ignored) {
            // the JVM is going down (an embedded server may already be stopped); a leftover database is
            // harmless and named as a test one
        }
    }
}
