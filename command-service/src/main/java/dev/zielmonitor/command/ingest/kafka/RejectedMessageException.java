package dev.zielmonitor.command.ingest.kafka;

/** A message that breaks the contract; it is parked with {@link #code()} and the readable message. */
class RejectedMessageException extends RuntimeException {

    private final String code;

    RejectedMessageException(String code, String reason) {
        super(reason);
        this.code = code;
    }

    RejectedMessageException(String code, String reason, Throwable cause) {
        super(reason, cause);
        this.code = code;
    }

    String code() {
        return code;
    }
}
