package dev.zielmonitor.events.agreement;

/** What a qualitative part of a goal is. */
public enum SubGoalKind {
    /** a numbered sub-goal of the document, e.g. "Verbesserung der Integration von Älteren" */
    SUB_GOAL,
    /** a measure or project the Jobcenter commits to, e.g. the pilot "Schritt für Schritt" */
    MEASURE,
    /** a support offer, e.g. debt counselling under § 16a SGB II */
    SUPPORT_OFFER
}
