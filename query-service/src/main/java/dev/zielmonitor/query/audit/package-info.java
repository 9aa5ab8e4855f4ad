/**
 * Audit: the event history with its provenance, the hash chain's keyed seals (made, published and verified here,
 * ADR 0010) and its verification, and (docs/audit.md) what an auditor needs to check figures without database
 * access.
 */
package dev.zielmonitor.query.audit;
