package dev.zielmonitor.query.web;

/** A request that conflicts with what is going on (e.g. a second rebuild); answered with 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
