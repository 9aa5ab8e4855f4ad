package dev.zielmonitor.command.agreement;

import dev.zielmonitor.events.agreement.FrozenMonth;
import dev.zielmonitor.events.agreement.TargetResult;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * @param judgements by target id: a result other than what the figures say (only ACHIEVED_CONSIDERING_DEVIATIONS)
 *                   and the reasoning; targets left out take the computed result
 * @param figures    the Jobcenter's months as recorded now, from January two years before the agreement's year
 */
record AssessTargetAttainmentCommand(@TargetAggregateIdentifier String agreementId, LocalDate assessedOn,
                                     Map<String, Judgement> judgements, String reasoning,
                                     List<FrozenMonth> figures) {

    record Judgement(TargetResult result, String reasoning) {
    }
}
