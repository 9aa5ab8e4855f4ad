package dev.zielmonitor.command.agreement;

import dev.zielmonitor.events.agreement.AgreementParty;
import dev.zielmonitor.events.agreement.Goal;
import dev.zielmonitor.events.common.JobcenterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

record ConcludeTargetAgreementCommand(@TargetAggregateIdentifier String agreementId, JobcenterId jobcenterId, int year,
                                      String title, List<AgreementParty> parties, String legalBasis, String preamble,
                                      List<String> priorities, List<String> referencedDocuments, List<Goal> goals,
                                      int dialoguesPerYear, String closingProvisions) {
}
