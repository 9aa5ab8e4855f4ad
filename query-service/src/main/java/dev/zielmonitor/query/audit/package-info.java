/**
 * Audit: the event history with its provenance, the hash chain's verification, and (docs/audit.md) what an
 * auditor needs to check figures without database access.
 */
package dev.zielmonitor.query.audit;
