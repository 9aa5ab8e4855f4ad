package dev.zielmonitor.web.problem;

import java.io.IOException;

/**
 * A request body that grew past the service's limit while being read (access's request size filter throws it from
 * the stream); whatever reads the body fails with it as a cause, and {@link ProblemAdvice} answers 413.
 */
public class BodyTooLarge extends IOException {

    public BodyTooLarge(long maxBytes) {
        super("The request body is larger than " + maxBytes + " bytes");
    }

    /** Whether a failure was caused by a body over the limit. */
    public static boolean causes(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLarge) {
                return true;
            }
        }
        return false;
    }
}
