package dev.zielmonitor.events.failure;

import java.util.Objects;

/**
 * An input that breaks a rule Bean Validation cannot check (it needs what is recorded, or several fields at once).
 * It names where the input was: a field of the request body by its JSON path ({@code goals[0].targets[1].value}),
 * or a request parameter by its name; the reason reads after it ("must be …", "names no …").
 */
public class InvalidInput extends RuntimeException {

    /** Where the input was given. */
    public enum Source { FIELD, PARAMETER }

    private final Source source;
    private final String path;
    private final String reason;

    protected InvalidInput(Source source, String path, String reason) {
        super(reason);
        this.source = Objects.requireNonNull(source);
        this.path = Objects.requireNonNull(path);
        this.reason = Objects.requireNonNull(reason);
    }

    /** A field of the request body (or of a command), by its JSON path. */
    public static InvalidInput field(String path, String reason) {
        return new InvalidInput(Source.FIELD, path, reason);
    }

    /** A query or path parameter, by its name. */
    public static InvalidInput parameter(String name, String reason) {
        return new InvalidInput(Source.PARAMETER, name, reason);
    }

    public Source source() {
        return source;
    }

    /** The JSON path of the field or the parameter's name. */
    public String path() {
        return path;
    }

    public String reason() {
        return reason;
    }
}
