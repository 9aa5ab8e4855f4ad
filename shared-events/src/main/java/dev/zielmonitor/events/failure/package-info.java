/**
 * Failures that are facts of the domain, not of HTTP: an input that breaks a rule ({@link
 * dev.zielmonitor.events.failure.InvalidInput}), something not recorded ({@link
 * dev.zielmonitor.events.failure.NotFound}), a request contradicting what is recorded or going on ({@link
 * dev.zielmonitor.events.failure.Conflict}), a limit reached ({@link dev.zielmonitor.events.failure.LimitReached}).
 * The domain throws them; web-support's one problem+json mapping answers them, the same in both services.
 */
package dev.zielmonitor.events.failure;
