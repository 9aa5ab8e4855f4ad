/**
 * The German web dashboard served at {@code /} (static files in {@code resources/static}) and the two endpoints it
 * needs beyond the query API: who is logged in, and how to log in.
 */
package dev.zielmonitor.query.dashboard;
