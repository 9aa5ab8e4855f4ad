package dev.zielmonitor.command.web;

/** A field whose value breaks a business rule that bean validation cannot check; answered with 400 naming it. */
public class InvalidFieldException extends IllegalArgumentException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
