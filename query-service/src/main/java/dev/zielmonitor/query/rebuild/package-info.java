/**
 * Rebuilding the read models from the event store (ADR 0005), on top of {@code readmodel/}: {@link
 * dev.zielmonitor.query.rebuild.Rebuilds} orchestrates a run, {@link dev.zielmonitor.query.rebuild.SchemaReplay}
 * replays the history into a new schema, {@link dev.zielmonitor.query.rebuild.SchemaSwitch} switches to it (blue/green)
 * or {@link dev.zielmonitor.query.rebuild.RebuildVerification} compares it with the live one, and {@link
 * dev.zielmonitor.query.rebuild.RebuildProgress} reports; started over REST or with
 * {@link dev.zielmonitor.query.rebuild.RebuildCli}. No feature depends on this package.
 */
package dev.zielmonitor.query.rebuild;
