package dev.zielmonitor.command.web;

/** Answered with 404 and the message as detail. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
