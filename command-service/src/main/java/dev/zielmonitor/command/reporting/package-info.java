/** Monthly reporting: the figures of a Jobcenter and month, first recorded and then corrected, never overwritten. */
package dev.zielmonitor.command.reporting;
