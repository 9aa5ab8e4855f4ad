/**
 * Ingestion of the Jobcenters' monthly figures: {@code kafka/} reads the topic and turns contract messages into
 * commands, {@code deadletter/} keeps what was rejected; {@link dev.zielmonitor.command.ingest.Parking} is what the
 * first needs of the second, so that neither package depends on both.
 */
package dev.zielmonitor.command.ingest;
