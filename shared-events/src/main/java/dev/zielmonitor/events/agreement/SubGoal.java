package dev.zielmonitor.events.agreement;

import dev.zielmonitor.events.common.IndicatorCode;

import java.time.LocalDate;
import java.util.List;

/**
 * A qualitative sub-goal, measure or support offer of a goal, with its text as agreed.
 *
 * @param subGoalId         unique within the agreement, e.g. "II.2"
 * @param linkedIndicators  indicators that show its effect, if any
 * @param until             the end date the document names, if any (e.g. 30.11.2015)
 */
public record SubGoal(String subGoalId, SubGoalKind kind, String title, String text,
                      List<IndicatorCode> linkedIndicators, LocalDate until) {

    public SubGoal {
        linkedIndicators = linkedIndicators == null ? List.of() : List.copyOf(linkedIndicators);
    }
}
