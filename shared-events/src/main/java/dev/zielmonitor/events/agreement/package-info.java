/**
 * Target agreements (Zielvereinbarungen, § 48b SGB II): their goals and targets, signatures, revisions, the
 * progress of qualitative goals, and the steering dialogues with their deviations in framework conditions.
 */
package dev.zielmonitor.events.agreement;
