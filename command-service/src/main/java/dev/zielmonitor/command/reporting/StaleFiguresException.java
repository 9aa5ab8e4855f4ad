package dev.zielmonitor.command.reporting;

import java.time.LocalDate;

/** Figures older (by data status) than those already known; the contract parks such a message. */
public class StaleFiguresException extends RuntimeException {

    StaleFiguresException(RecordMonthlyFiguresCommand command, LocalDate known) {
        super("data status " + command.dataStatus() + " of message " + command.messageId() + " for "
                + command.jobcenterId() + " " + command.reportingMonth() + " is older than the known data status "
                + known);
    }
}
