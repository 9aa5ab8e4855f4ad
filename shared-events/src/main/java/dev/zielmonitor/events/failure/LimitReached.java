package dev.zielmonitor.events.failure;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A request beyond a limit (e.g. the auditors' concurrent jobs): it may succeed later, after {@link #retryAfter()}
 * when the limit knows when. {@link #facts()} say which limit and what holds it, for the client to show.
 */
public class LimitReached extends RuntimeException {

    private final Duration retryAfter;
    private final Map<String, Object> facts;

    public LimitReached(String message, Duration retryAfter, Map<String, Object> facts) {
        super(message);
        this.retryAfter = retryAfter;
        this.facts = Map.copyOf(facts);
    }

    public LimitReached(String message) {
        this(message, null, Map.of());
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public Map<String, Object> facts() {
        return facts;
    }
}
