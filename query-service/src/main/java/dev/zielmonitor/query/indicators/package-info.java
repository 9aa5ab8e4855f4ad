/**
 * The indicator catalogue, and indicator series per Jobcenter computed on read from the bitemporal figures
 * (ADR 0004): one small component per question (series, changes, provenance), the controller only maps requests.
 */
package dev.zielmonitor.query.indicators;
