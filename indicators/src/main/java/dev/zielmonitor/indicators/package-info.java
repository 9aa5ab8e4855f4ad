/**
 * The indicator arithmetic of the Verordnung zu § 48a SGB II: quotients over 12-month windows and from January,
 * with BigDecimal and one documented rounding ({@link dev.zielmonitor.indicators.Rounding}). No framework types.
 */
package dev.zielmonitor.indicators;
