/**
 * Live updates for the dashboard: server-sent events when new figures are in the read model, each subscriber
 * getting only what its role may read.
 */
package dev.zielmonitor.query.updates;
