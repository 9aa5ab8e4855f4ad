package dev.zielmonitor.infra;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The platform's PostgreSQL roles (docs/security.md#least-privilege-in-postgresql): the owner role that runs the
 * migrations, and the runtime role of each service. {@link #environment()} gives them as the environment
 * variables the services read; {@link PostgresServer#prepare} creates them on a server.
 */
public record DatabaseRoles(Role owner, Role command, Role query) {

    public static final String OWNER_USER = "ZIELMONITOR_DB_OWNER_USER";
    public static final String OWNER_PASSWORD = "ZIELMONITOR_DB_OWNER_PASSWORD";
    public static final String COMMAND_USER = "ZIELMONITOR_DB_COMMAND_USER";
    public static final String COMMAND_PASSWORD = "ZIELMONITOR_DB_COMMAND_PASSWORD";
    public static final String QUERY_USER = "ZIELMONITOR_DB_QUERY_USER";
    public static final String QUERY_PASSWORD = "ZIELMONITOR_DB_QUERY_PASSWORD";

    /**
     * The roles the tests run the services as: names of their own, so that a test run never changes the password
     * of the roles a platform on the same server runs with, and the configurable names are exercised; the
     * passwords are fixed because concurrent test JVMs share the roles.
     */
    static final DatabaseRoles TESTS = new DatabaseRoles(new Role("zm_test_owner", "zm-test-owner"),
            new Role("zm_test_command", "zm-test-command"), new Role("zm_test_query", "zm-test-query"));

    /** A role and its password; {@code password} is {@code null} where not configured. */
    public record Role(String name, String password) {
        @Override
        public String toString() {
            return name; // never the password, e.g. in a log line
        }
    }

    /**
     * The roles named by the environment ({@code ZIELMONITOR_DB_OWNER_USER}, …), by default
     * {@code zielmonitor_owner}, {@code zielmonitor_command} and {@code zielmonitor_query}; passwords as configured,
     * {@code null} where not.
     */
    public static DatabaseRoles fromEnvironment(Map<String, String> env) {
        return new DatabaseRoles(
                new Role(value(env, OWNER_USER, "zielmonitor_owner"), value(env, OWNER_PASSWORD, null)),
                new Role(value(env, COMMAND_USER, "zielmonitor_command"), value(env, COMMAND_PASSWORD, null)),
                new Role(value(env, QUERY_USER, "zielmonitor_query"), value(env, QUERY_PASSWORD, null)));
    }

    /** The same roles, each without a configured password given a random one. */
    public DatabaseRoles withGeneratedPasswords() {
        return new DatabaseRoles(generated(owner), generated(command), generated(query));
    }

    /** Whether every role has a password. */
    public boolean complete() {
        return owner.password() != null && command.password() != null && query.password() != null;
    }

    /** The environment variables both services read their database roles from. */
    public Map<String, String> environment() {
        if (!complete()) {
            throw new IllegalStateException("no password configured for some of the database roles " + this
                    + ": set " + OWNER_PASSWORD + ", " + COMMAND_PASSWORD + " and " + QUERY_PASSWORD);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put(OWNER_USER, owner.name());
        env.put(OWNER_PASSWORD, owner.password());
        env.put(COMMAND_USER, command.name());
        env.put(COMMAND_PASSWORD, command.password());
        env.put(QUERY_USER, query.name());
        env.put(QUERY_PASSWORD, query.password());
        return env;
    }

    private static Role generated(Role role) {
        if (role.password() != null) {
            return role;
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return new Role(role.name(), Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }

    private static String value(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
