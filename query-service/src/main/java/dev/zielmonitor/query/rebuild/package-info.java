/**
 * Rebuilding the read models from the event store: into a new schema and switched when caught up, or compared
 * with the live ones (verification); started over REST or with {@link dev.zielmonitor.query.rebuild.RebuildCli}.
 */
package dev.zielmonitor.query.rebuild;
