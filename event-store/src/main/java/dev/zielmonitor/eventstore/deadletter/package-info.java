/**
 * Parked events of the projections: Axon's sequenced dead-letter queue with its JDBC store for every processing
 * group, and the operators' view and retry of what is parked (issue 17).
 */
package dev.zielmonitor.eventstore.deadletter;
