package dev.zielmonitor.events.failure;

/** Nothing of that identity is recorded (or visible as of the time asked); the message says what was sought. */
public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message);
    }
}
