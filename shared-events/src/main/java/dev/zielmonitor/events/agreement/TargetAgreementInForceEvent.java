package dev.zielmonitor.events.agreement;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** Both parties have signed: the agreement is in force from the later signature's date. */
@Revision("1")
public record TargetAgreementInForceEvent(String agreementId, LocalDate since) {
}
