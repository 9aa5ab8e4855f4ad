package dev.zielmonitor.command.agreement;

import dev.zielmonitor.events.agreement.PartyRole;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

record SignTargetAgreementCommand(@TargetAggregateIdentifier String agreementId, PartyRole party, String place,
                                  LocalDate date) {
}
