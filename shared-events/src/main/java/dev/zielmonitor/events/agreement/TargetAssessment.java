package dev.zielmonitor.events.agreement;

import java.math.BigDecimal;
import java.util.List;

/**
 * The judgement on one target.
 *
 * @param target               the target as it stood at the end of the year
 * @param yearValue            the indicator's December year-to-date value, {@code null} if not computable
 *                             (MONITORING only)
 * @param targetLevel          the level it had to reach (or not exceed); {@code null} for MONITORING
 * @param computed             what the figures say: ACHIEVED, NOT_ACHIEVED or MONITORED
 * @param result               the parties' judgement: the computed one, or ACHIEVED_CONSIDERING_DEVIATIONS
 * @param deviationsConsidered the deviations recorded for the target's indicator in the year's dialogues
 */
public record TargetAssessment(String targetId, QuantitativeTarget target, BigDecimal yearValue,
                               BigDecimal targetLevel, TargetResult computed, TargetResult result,
                               List<Deviation> deviationsConsidered, String reasoning) {

    public TargetAssessment {
        deviationsConsidered = List.copyOf(deviationsConsidered);
    }
}
