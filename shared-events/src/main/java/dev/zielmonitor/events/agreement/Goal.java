package dev.zielmonitor.events.agreement;

import java.util.List;

/**
 * A goal of the agreement as numbered there (I … V), with its quantitative targets (none for a purely
 * qualitative goal) and its qualitative sub-goals, measures and support offers.
 */
public record Goal(String goalId, String title, String description, List<QuantitativeTarget> targets,
                   List<SubGoal> subGoals) {

    public Goal {
        targets = targets == null ? List.of() : List.copyOf(targets);
        subGoals = subGoals == null ? List.of() : List.copyOf(subGoals);
    }
}
