package dev.zielmonitor.query.web;

import java.time.Duration;
import java.util.Map;

/** A request beyond a limit (e.g. the auditors' concurrent jobs); answered with 429 and {@code Retry-After}. */
public class TooManyRequestsException extends RuntimeException {

    private final Duration retryAfter;
    private final Map<String, Object> properties;

    /** @param properties added to the problem, e.g. which limit and what holds it */
    public TooManyRequestsException(String message, Duration retryAfter, Map<String, Object> properties) {
        super(message);
        this.retryAfter = retryAfter;
        this.properties = Map.copyOf(properties);
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
