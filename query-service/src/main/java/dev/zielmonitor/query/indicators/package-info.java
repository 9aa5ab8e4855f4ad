/** Indicator series per Jobcenter, computed on read from the bitemporal figures (ADR 0004). */
package dev.zielmonitor.query.indicators;
