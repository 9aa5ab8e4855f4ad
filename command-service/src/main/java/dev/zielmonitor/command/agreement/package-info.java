/**
 * Target agreements: concluded with goals and targets, signed by both parties, targets revised, qualitative
 * progress recorded, steering dialogues held; one {@link dev.zielmonitor.command.agreement.TargetAgreement}
 * aggregate per Jobcenter and year.
 */
package dev.zielmonitor.command.agreement;
