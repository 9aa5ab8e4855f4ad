/**
 * Real infrastructure without a container engine: a PostgreSQL server (local or embedded) with a fresh
 * database per test run, prepared with the platform's roles (deploy/postgres/roles.sql), and an in-process KRaft
 * Kafka broker. Used by the tests and by the local platform.
 */
package dev.zielmonitor.infra;
