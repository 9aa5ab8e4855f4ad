/** Monthly figures as read model and API: the latest known figures per Jobcenter and month. */
package dev.zielmonitor.query.reporting;
