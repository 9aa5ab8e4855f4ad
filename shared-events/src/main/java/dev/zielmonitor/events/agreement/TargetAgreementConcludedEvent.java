package dev.zielmonitor.events.agreement;

import dev.zielmonitor.events.common.JobcenterId;
import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * A target agreement for a Jobcenter and year was concluded with this content; it is in force once both parties
 * have signed ({@link TargetAgreementSignedEvent}).
 *
 * @param agreementId          {@code <jobcenter id>-<year>}, e.g. "05122-2014": one agreement per Jobcenter and year
 * @param legalBasis           e.g. "§ 48b Abs. 1 S. 1 Nr. 4 SGB II"
 * @param priorities           the Land's priorities (Schwerpunkte) as the document lists them
 * @param referencedDocuments  documents the agreement refers to or attaches, e.g. the local planning document
 * @param dialoguesPerYear     steering dialogues the parties expect in the year ("in der Regel zwei")
 * @param closingProvisions    the provisions after the goals, as agreed (e.g. on steering dialogues and on deviations
 *                             in framework conditions)
 */
@Revision("1")
public record TargetAgreementConcludedEvent(
        String agreementId,
        JobcenterId jobcenterId,
        int year,
        String title,
        List<AgreementParty> parties,
        String legalBasis,
        String preamble,
        List<String> priorities,
        List<String> referencedDocuments,
        List<Goal> goals,
        int dialoguesPerYear,
        String closingProvisions) {

    public TargetAgreementConcludedEvent {
        parties = List.copyOf(parties);
        priorities = List.copyOf(priorities);
        referencedDocuments = List.copyOf(referencedDocuments);
        goals = List.copyOf(goals);
    }
}
