/**
 * The command service: monthly figures from the Kafka topic and commands from the REST API become events of the
 * aggregates (a Jobcenter's month, a target agreement, the registry); nothing here reads a read model.
 */
package dev.zielmonitor.command;
