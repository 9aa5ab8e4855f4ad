// @ts-check
// German number and date formats (de-DE): "20,99 %", "10.712", "14.04.2014", times in Berlin.

const NBSP = '\u00a0';
const decimals = (/** @type {number} */ n) => new Intl.NumberFormat('de-DE', { minimumFractionDigits: n, maximumFractionDigits: n });
const two = decimals(2);
const whole = decimals(0);
const date = new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat('de-DE', {
  day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
  timeZone: 'Europe/Berlin',
});
const monthName = new Intl.DateTimeFormat('de-DE', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const monthShort = new Intl.DateTimeFormat('de-DE', { month: 'short', timeZone: 'UTC' });

/** @typedef {number | string | null | undefined} Value a number as the API sends it (JSON number or decimal string) */

/** @param {unknown} v */
const missing = (v) => v === null || v === undefined || v === '';

/** A percentage: 20.99 → "20,99 %". @type {(v: Value) => string} */
export const pct = (v) => (missing(v) ? '–' : `${two.format(Number(v))}${NBSP}%`);
/** Percentage points (a gap): 1.01 → "+1,01 Pp." @type {(v: Value) => string} */
export const points = (v) => (missing(v) ? '–' : `${Number(v) > 0 ? '+' : ''}${two.format(Number(v))}${NBSP}Pp.`);
/**
 * A count or amount: whole numbers with thousands separators, fractions with two decimals.
 * @param {Value} v
 * @returns {string}
 */
export const num = (v) => {
  if (missing(v)) return '–';
  const n = Number(v);
  return Number.isInteger(n) ? whole.format(n) : two.format(n);
};
/** A calendar date "2014-04-14" → "14.04.2014". @type {(v: string | null | undefined) => string} */
export const day = (v) => (missing(v) ? '–' : date.format(new Date(`${v}T00:00:00Z`)));
/** An instant → "02.12.2026, 11:28:25" (Berlin). @type {(v: string | null | undefined) => string} */
export const instant = (v) => (missing(v) ? '–' : dateTime.format(new Date(v)));
/** A reporting month "2014-03" → "März 2014". @type {(v: string | null | undefined) => string} */
export const month = (v) => (missing(v) ? '–' : monthName.format(new Date(`${v}-01T00:00:00Z`)));
/** A reporting month "2014-03" → "März" (chart axis). @type {(v: string) => string} */
export const monthAxis = (v) => monthShort.format(new Date(`${v}-01T00:00:00Z`));

/** The traffic light's and the assessment's words (the API's status names). @type {Record<string, string>} */
export const STATUS = {
  ON_TRACK: 'im Plan',
  AT_RISK: 'gefährdet',
  OFF_TRACK: 'nicht im Plan',
  MONITORING: 'Beobachtung',
  NOT_COMPUTABLE: 'nicht berechenbar',
  ACHIEVED: 'erreicht',
  NOT_ACHIEVED: 'nicht erreicht',
  ACHIEVED_CONSIDERING_DEVIATIONS: 'erreicht unter Berücksichtigung von Abweichungen',
  MONITORED: 'beobachtet',
};

/** @type {Record<string, string>} */
export const GOAL_STATUS = {
  NOT_STARTED: 'nicht begonnen', IN_PROGRESS: 'in Arbeit', ACHIEVED: 'erreicht', PARTLY_ACHIEVED: 'teilweise erreicht',
  NOT_ACHIEVED: 'nicht erreicht', DISCONTINUED: 'eingestellt',
};

/** @type {Record<string, string>} */
export const TARGET_TYPE = {
  RELATIVE_CHANGE: 'Steigerung gegenüber dem Basisjahr um', LEVEL: 'Zielwert', MAX_CHANGE: 'höchstens Veränderung um',
  MONITORING: 'Monitoring',
};

/** @type {Record<string, string>} */
export const PARTY = { MINISTRY: 'Ministerium', JOBCENTER: 'Jobcenter' };

/** @type {Record<string, string>} */
export const ROLE = { MINISTRY: 'Ministerium', JOBCENTER: 'Jobcenter', AUDITOR: 'Prüfung', ADMIN: 'Betrieb' };

/**
 * Converts an instant to the value of a datetime-local input in the browser's zone, and back.
 * @param {string} iso
 */
export function toLocalInput(iso) {
  const d = new Date(iso);
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
/** @type {(value: string) => string} */
export const fromLocalInput = (value) => new Date(value).toISOString();
