package dev.zielmonitor.access.login;

import org.springframework.security.core.AuthenticationException;

import java.time.Duration;

/** A login refused unchecked because its user name or address failed too often (429 with Retry-After). */
public final class LoginThrottledException extends AuthenticationException {

    private final Duration retryAfter;

    LoginThrottledException(Duration retryAfter) {
        super("Too many failed logins; try again in " + seconds(retryAfter) + " s");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least one: the value of {@code Retry-After}. */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
