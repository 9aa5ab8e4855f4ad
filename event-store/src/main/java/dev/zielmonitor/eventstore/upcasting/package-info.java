/**
 * Upcasters that turn stored events of an older revision into the current one on reading; one class per change,
 * each with golden JSON fixtures of both revisions (shared-events test resources). Procedure: ADR 0006.
 */
package dev.zielmonitor.eventstore.upcasting;
