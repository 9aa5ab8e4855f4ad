package dev.zielmonitor.command.web;

/** A command that contradicts what is already recorded; answered with 409 Conflict. */
public abstract class ConflictException extends RuntimeException {

    protected ConflictException(String message) {
        super(message);
    }
}
