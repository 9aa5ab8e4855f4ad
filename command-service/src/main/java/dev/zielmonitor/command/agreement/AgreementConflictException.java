package dev.zielmonitor.command.agreement;

import dev.zielmonitor.command.web.ConflictException;

/** A command that contradicts the agreement as recorded (signing twice, a second dialogue with one id, …). */
class AgreementConflictException extends ConflictException {

    AgreementConflictException(String message) {
        super(message);
    }
}
