/**
 * Auditors' long work as jobs (docs/audit.md, ADR 0012): a replay or an audit package is accepted with 202, run on a
 * thread of the instance that accepted it, and followed by anyone through PostgreSQL (state, progress, result, the
 * package's zip in chunks), so that several instances behave like one. Limits per user and in total are counted
 * across instances; a runner that stops sending heartbeats loses its job, which then shows FAILED.
 */
package dev.zielmonitor.query.audit.jobs;
