/** Replays of the event store: the verification replay that shows every figure follows from the history. */
package dev.zielmonitor.query.replay;
