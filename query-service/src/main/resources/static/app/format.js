// German number and date formats (de-DE): "20,99 %", "10.712", "14.04.2014", times in Berlin.

const NBSP = '\u00a0';
const decimals = (n) => new Intl.NumberFormat('de-DE', { minimumFractionDigits: n, maximumFractionDigits: n });
const two = decimals(2);
const whole = decimals(0);
const date = new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat('de-DE', {
  day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
  timeZone: 'Europe/Berlin',
});
const monthName = new Intl.DateTimeFormat('de-DE', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const monthShort = new Intl.DateTimeFormat('de-DE', { month: 'short', timeZone: 'UTC' });

const missing = (v) => v === null || v === undefined || v === '';

/** A percentage: 20.99 → "20,99 %". */
export const pct = (v) => (missing(v) ? '–' : `${two.format(Number(v))}${NBSP}%`);
/** Percentage points (a gap): 1.01 → "+1,01 Pp." */
export const points = (v) => (missing(v) ? '–' : `${Number(v) > 0 ? '+' : ''}${two.format(Number(v))}${NBSP}Pp.`);
/** A count or amount: whole numbers with thousands separators, fractions with two decimals. */
export const num = (v) => {
  if (missing(v)) return '–';
  const n = Number(v);
  return Number.isInteger(n) ? whole.format(n) : two.format(n);
};
/** A calendar date "2014-04-14" → "14.04.2014". */
export const day = (v) => (missing(v) ? '–' : date.format(new Date(`${v}T00:00:00Z`)));
/** An instant → "02.12.2026, 11:28:25" (Berlin). */
export const instant = (v) => (missing(v) ? '–' : dateTime.format(new Date(v)));
/** A reporting month "2014-03" → "März 2014". */
export const month = (v) => (missing(v) ? '–' : monthName.format(new Date(`${v}-01T00:00:00Z`)));
/** A reporting month "2014-03" → "März" (chart axis). */
export const monthAxis = (v) => monthShort.format(new Date(`${v}-01T00:00:00Z`));

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

export const GOAL_STATUS = {
  NOT_STARTED: 'nicht begonnen', IN_PROGRESS: 'in Arbeit', ACHIEVED: 'erreicht', PARTLY_ACHIEVED: 'teilweise erreicht',
  NOT_ACHIEVED: 'nicht erreicht', DISCONTINUED: 'eingestellt',
};

export const TARGET_TYPE = {
  RELATIVE_CHANGE: 'Steigerung gegenüber dem Basisjahr um', LEVEL: 'Zielwert', MAX_CHANGE: 'höchstens Veränderung um',
  MONITORING: 'Monitoring',
};

export const PARTY = { MINISTRY: 'Ministerium', JOBCENTER: 'Jobcenter' };

export const ROLE = { MINISTRY: 'Ministerium', JOBCENTER: 'Jobcenter', AUDITOR: 'Prüfung', ADMIN: 'Betrieb' };

/** The § 48a indicators with their German names (as the API's IndicatorCode names them). */
export const INDICATORS = {
  K1: 'Veränderung der Summe der Leistungen zum Lebensunterhalt',
  K1E1: 'Veränderung der Summe der Leistungen für Unterkunft und Heizung',
  K1E2: 'Veränderung der Zahl der erwerbsfähigen Leistungsberechtigten',
  K1E3: 'Durchschnittliche Zugangsrate der erwerbsfähigen Leistungsberechtigten',
  K1E4: 'Durchschnittliche Abgangsrate der erwerbsfähigen Leistungsberechtigten',
  K2: 'Integrationsquote',
  K2E1: 'Quote der Eintritte in geringfügige Beschäftigung',
  K2E2: 'Quote der Eintritte in öffentlich geförderte Beschäftigung',
  K2E3: 'Kontinuierliche Beschäftigung nach Integration',
  K2E4: 'Integrationsquote der Alleinerziehenden',
  K3: 'Veränderung des Bestands an Langzeitleistungsbeziehenden',
  K3E1: 'Integrationsquote der Langzeitleistungsbeziehenden',
  K3E2: 'Aktivierungsquote der Langzeitleistungsbeziehenden',
  K3E3: 'Zugangsrate der Langzeitleistungsbeziehenden',
  K3E4: 'Abgangsrate der Langzeitleistungsbeziehenden',
};
export const indicatorOptions = () => Object.entries(INDICATORS).map(([code, name]) => [code, `${code} – ${name}`]);

/** Converts an instant to the value of a datetime-local input in the browser's zone, and back. */
export function toLocalInput(iso) {
  const d = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
export const fromLocalInput = (value) => new Date(value).toISOString();
