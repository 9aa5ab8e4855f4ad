/**
 * The query service: projections turn the event stream into read-model tables, and the query REST API and the
 * dashboard read them, always as of a {@code Stand}. Features live in their own packages; see README.md, "Where
 * things are".
 */
package dev.zielmonitor.query;
