package dev.zielmonitor.command.agreement;

import dev.zielmonitor.events.failure.Conflict;

/** A command that contradicts the agreement as recorded (signing twice, a second dialogue with one id, …). */
class AgreementConflictException extends Conflict {

    AgreementConflictException(String message) {
        super(message);
    }
}
