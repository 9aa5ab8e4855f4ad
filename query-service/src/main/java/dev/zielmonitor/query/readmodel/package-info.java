/**
 * The read-model machinery every feature builds on: a feature owns its tables and registers them as a
 * {@link dev.zielmonitor.query.readmodel.ReadModel}, whose {@link dev.zielmonitor.query.readmodel.ReadModelWriter}
 * writes them live (through {@link dev.zielmonitor.query.readmodel.LiveWriters}) and into any other schema; the
 * schema SQL, bulk COPY and the auditor's as-of replay live here too. Depends on no feature and not on
 * {@code rebuild/}, which builds on it.
 */
package dev.zielmonitor.query.readmodel;
