/** Events of monthly reporting: the figures a Jobcenter reported for a month, and where they came from. */
package dev.zielmonitor.events.reporting;
