/**
 * Axon Framework 4 on PostgreSQL through JDBC for both services: the event store schema (append-only, migrated
 * as the owner role, ADR 0009) and the auto-configuration that makes Axon 4.13 work on Spring Boot 4 (ADR 0001).
 */
package dev.zielmonitor.eventstore;
