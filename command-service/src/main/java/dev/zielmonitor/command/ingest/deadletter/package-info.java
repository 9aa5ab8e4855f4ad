/** Parked messages: stored with their reason, listed for operators, resubmitted once the cause is fixed. */
package dev.zielmonitor.command.ingest.deadletter;
