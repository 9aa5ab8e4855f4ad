package dev.zielmonitor.access.login;

import dev.zielmonitor.access.AccessProperties;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Failed logins per user name and per client address, counted in PostgreSQL so that every instance of both
 * services sees the same counts. Each attempt is charged <em>before</em> its password is checked, in one atomic
 * statement: parallel attempts cannot slip past the limit between a check and a count. A success takes its charge
 * back and clears the user's count (not the address's: one valid account must not reset an address's guesses).
 */
public final class LoginThrottle {

    /*
     * Counts need no durability (a crash forgets some failures, no more): synchronous_commit off for these
     * statements' own transactions spares every HTTP Basic request the wait for the WAL flush. The setting is
     * joined in, not left in a CTE of its own, which PostgreSQL would skip.
     */
    private static final String CHARGE = """
            INSERT INTO access_control.login_failure AS f (subject, failures, window_start)
            SELECT v.subject, 1, v.start
            FROM (VALUES (?, ?::timestamptz), (?, ?::timestamptz)) AS v (subject, start)
            CROSS JOIN (SELECT set_config('synchronous_commit', 'off', true)) AS relaxed
            ON CONFLICT (subject) DO UPDATE SET
                failures = CASE WHEN f.window_start <= ? THEN 1 ELSE f.failures + 1 END,
                window_start = CASE WHEN f.window_start <= ? THEN EXCLUDED.window_start ELSE f.window_start END
            RETURNING subject, failures, window_start""";

    private static final String TAKE_BACK = """
            WITH user_cleared AS (DELETE FROM access_control.login_failure WHERE subject = ?)
            UPDATE access_control.login_failure SET failures = failures - 1
            FROM (SELECT set_config('synchronous_commit', 'off', true)) AS relaxed
            WHERE subject = ? AND failures > 0""";

    private final JdbcClient jdbc;
    private final AccessProperties.LoginThrottle limits;
    private final Clock clock;

    public LoginThrottle(JdbcClient jdbc, AccessProperties.LoginThrottle limits, Clock clock) {
        this.jdbc = jdbc;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Charges one attempt to the user and the address; how long until either may try again when one is over its
     * limit (the attempt must then be refused unchecked), else empty.
     */
    public Optional<Duration> charge(String user, String address) {
        Instant now = clock.instant();
        Timestamp start = Timestamp.from(now);
        Timestamp expired = Timestamp.from(now.minus(limits.window()));
        String userSubject = userSubject(user);
        String addressSubject = addressSubject(address);
        // counts of windows that ended go now and then, with an attempt: no scheduler needed
        if (java.util.concurrent.ThreadLocalRandom.current().nextInt(64) == 0) {
            jdbc.sql("DELETE FROM access_control.login_failure WHERE window_start <= ?").param(expired).update();
        }
        Duration wait = Duration.ZERO;
        for (Count count : jdbc.sql(CHARGE)
                .params(userSubject, start, addressSubject, start, expired, expired)
                .query((rs, i) -> new Count(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant()))
                .list()) {
            int max = count.subject().equals(userSubject) ? limits.maxFailuresPerUser()
                    : limits.maxFailuresPerAddress();
            if (count.failures() > max) {
                Duration left = Duration.between(now, count.windowStart().plus(limits.window()));
                wait = left.compareTo(wait) > 0 ? left : wait;
            }
        }
        return wait.isZero() || wait.isNegative() ? Optional.empty() : Optional.of(wait);
    }

    /** The attempt charged by {@link #charge} succeeded. */
    public void succeeded(String user, String address) {
        jdbc.sql(TAKE_BACK).params(userSubject(user), addressSubject(address)).update();
    }

    /**
     * User names as the login compares them (lower case), hashed: what someone typed as a user name may be a
     * password, and must not be kept.
     */
    static String userSubject(String user) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.valueOf(user).toLowerCase(Locale.ROOT)
                    .getBytes(StandardCharsets.UTF_8));
            return "user:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static String addressSubject(String address) {
        String value = address == null ? "unknown" : address;
        return "address:" + (value.length() > 100 ? value.substring(0, 100) : value);
    }

    private record Count(String subject, int failures, Instant windowStart) {
    }
}
