/**
 * Axon Framework 4 on PostgreSQL through JDBC for both services: the event store schema (append-only, migrated
 * as the owner role, ADR 0009) and the auto-configuration that makes Axon 4.13 work on Spring Boot 4 (ADR 0001);
 * the hash chain over the stored events and its keyed seals (docs/audit.md, ADR 0010).
 */
package dev.zielmonitor.eventstore;
