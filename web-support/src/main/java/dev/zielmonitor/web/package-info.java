/**
 * The bounds of what a REST request may say, the same for both services: instants, dates and months within the
 * platform's time ({@link dev.zielmonitor.web.PlatformTime}), text without control characters
 * ({@link dev.zielmonitor.web.SingleLine}, {@link dev.zielmonitor.web.FreeText}).
 */
package dev.zielmonitor.web;
