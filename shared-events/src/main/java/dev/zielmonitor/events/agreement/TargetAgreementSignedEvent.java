package dev.zielmonitor.events.agreement;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** One party signed the agreement, at a place and on a date, e.g. Solingen, 14.04.2014. */
@Revision("1")
public record TargetAgreementSignedEvent(String agreementId, PartyRole party, String place, LocalDate date) {
}
