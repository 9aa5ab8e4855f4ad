package dev.zielmonitor.events.failure;

/**
 * A request that contradicts what is recorded (signing twice, other content under a recorded id) or what is going on
 * (a second rebuild while one runs); repeating it unchanged will not help.
 */
public class Conflict extends RuntimeException {

    public Conflict(String message) {
        super(message);
    }
}
