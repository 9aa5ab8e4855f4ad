package dev.zielmonitor.query.web;

import dev.zielmonitor.events.failure.InvalidInput;
import java.time.Instant;
import java.util.Objects;

/**
 * The Stand a query answers as of: the recorded time ({@code asOf}) whose knowledge it shows, or now. A controller
 * takes it as a parameter ({@code Stand stand}); {@link StandArgumentResolver} reads and checks {@code asOf} once
 * for every endpoint, so the bounds and the 400 naming {@code asOf} are the same everywhere.
 *
 * @param instant the instant the answer is as of (now when {@code now})
 * @param now     whether the request named no {@code asOf}, so the answer is the current knowledge
 */
public record Stand(Instant instant, boolean now) {

    /** The request parameter that names the Stand. */
    public static final String PARAMETER = "asOf";

    public Stand {
        Objects.requireNonNull(instant, "a Stand's instant must not be null");
    }

    /** The current knowledge: the instant of the request. */
    public static Stand current() {
        return new Stand(Instant.now(), true);
    }

    /** The knowledge recorded up to {@code instant}. */
    public static Stand at(Instant instant) {
        return new Stand(instant, false);
    }

    /** For an {@code asOf} that is required: a 400 naming {@code asOf}, as a missing required parameter is. */
    public Stand required() {
        if (now) {
            throw InvalidInput.parameter(PARAMETER, "is required");
        }
        return this;
    }
}
