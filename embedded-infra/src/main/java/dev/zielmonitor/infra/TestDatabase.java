package dev.zielmonitor.infra;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The database of this test run: created fresh on first use in a JVM, on the server that
 * {@link PostgresServer#locateOrStart()} finds, and dropped when the JVM ends (set
 * {@code zielmonitor.test.keep-database=true} to keep it for a look afterwards).
 */
public final class TestDatabase {

    private static TestDatabase instance;

    private final PostgresServer server;
    private final String name;
    private final String url;

    private TestDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
        this.url = server.createDatabase(name);
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            PostgresServer server = PostgresServer.locateOrStart();
            String name = "zm_test_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"))
                    + "_" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24), 36);
            TestDatabase db = new TestDatabase(server, name);
            Runtime.getRuntime().addShutdownHook(new Thread(db::dispose, "drop-test-database"));
            instance = db;
        }
        return instance;
    }

    public PostgresServer server() {
        return server;
    }

    public String name() {
        return name;
    }

    public String url() {
        return url;
    }

    public String user() {
        return server.user();
    }

    public String password() {
        return server.password();
    }

    private void dispose() {
        try {
            if (!Boolean.getBoolean("zielmonitor.test.keep-database")) {
                server.dropDatabase(name);
            }
        } catch (RuntimeException ignored) {
            // the JVM is going down; a leftover database is harmless and named as a test one
        } finally {
            server.close();
        }
    }
}
