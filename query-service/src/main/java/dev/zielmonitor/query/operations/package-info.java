/**
 * Operations for the dashboard's "Betrieb" page: the command service's ingestion endpoints (dead letters, consumer
 * lag) passed through with the caller's own credentials, so the browser talks to one origin only; the projections'
 * status and lag, and their parked events.
 */
package dev.zielmonitor.query.operations;
