// @ts-check
// Jobcenter: one indicator over a year: the year-to-date value against the target line and the previous year, the
// 12-month values, corrections marked with their reason; the table behind the chart with numerator and
// denominator and the female/male split.

import { api } from '../api.js';
import { day, instant, month, monthAxis, num, pct } from '../format.js';
import { indicatorOptions, isIndicator } from '../indicators.js';
import { defaultYear, jobcenterName, jobcenters, yearOptions } from '../common.js';
import { dataTable, el, lineChart, select } from '../ui.js';

/**
 * @typedef {import('../attainment.js').Rate} Rate
 * @typedef {{ reportingMonth: string, yearToDate: Rate, previousYearToDate?: Rate | null,
 *   twelveMonth?: Rate | null }} IndicatorMonth
 * @typedef {{ indicator: string, name: string, months: IndicatorMonth[] }} IndicatorSeries
 * @typedef {{ TOTAL: IndicatorSeries, FEMALE: IndicatorSeries | null, MALE: IndicatorSeries | null }} GenderSplit
 * @typedef {{ reportingMonth: string, dataStatus?: string, corrections: number, correctionReason?: string | null,
 *   recordedFrom?: string }} FigureMonth
 * @typedef {{ agreementId: string, targetId: string, indicator: string,
 *   months: Array<{ reportingMonth: string, samePeriodTarget?: number | string | null,
 *   targetLevel?: number | string | null }> }} TargetProgress
 */

/** @param {Rate | null | undefined} v */
const value = (v) => (v && v.percent != null ? Number(v.percent) : null);
/** @param {Rate | null | undefined} v */
const whyNot = (v) => (v && v.notComputable ? v.notComputable : null);

/**
 * The agreement's target for the indicator in that year, with its progress; null without one (or without the
 * right to read it).
 * @param {string} id
 * @param {number} year
 * @param {string} code
 * @returns {Promise<TargetProgress | null>}
 */
async function targetFor(id, year, code) {
  const agreements = await api('/api/agreements', { year, jobcenterId: id }).catch(() => []);
  if (!agreements.length) return null;
  const progress = await api(`/api/agreements/${agreements[0].agreementId}/progress`).catch(() => null);
  if (!progress) return null;
  const target = progress.targets.find((/** @type {{ indicator: string }} */ t) => t.indicator === code);
  return target ? { agreementId: progress.agreementId, ...target } : null;
}

/**
 * What the page shows of one Jobcenter, indicator and year: the monthly figures, the indicator in total and split
 * by gender (one request: the female and male series are null where the figures do not split), the target.
 * @param {string} jobcenter
 * @param {number} year
 * @param {string} code
 * @returns {Promise<{ figures: { months: FigureMonth[] }, total: IndicatorSeries, female: IndicatorSeries | null,
 *   male: IndicatorSeries | null, target: TargetProgress | null }>}
 */
export async function loadIndicatorYear(jobcenter, year, code) {
  const [figures, genders, target] = await Promise.all([
    api(`/api/jobcenters/${jobcenter}/figures`, { year }),
    /** @type {Promise<GenderSplit>} */ (api(`/api/jobcenters/${jobcenter}/indicators/${code}/genders`, { year })),
    targetFor(jobcenter, year, code),
  ]);
  return { figures, total: genders.TOTAL, female: genders.FEMALE, male: genders.MALE, target };
}

/** @param {import('../main.js').PageContext} context */
export async function render({ id, params, me, go }) {
  const own = me.roles.includes('JOBCENTER') && !me.roles.includes('MINISTRY') && !me.roles.includes('AUDITOR');
  const jobcenter = own ? me.jobcenterId : (id || (await jobcenters())[0].jobcenterId);
  const year = Number(params.get('jahr')) || await defaultYear();
  const code = isIndicator(params.get('kennzahl')) ? params.get('kennzahl') : 'K2';
  const navigate = (/** @type {Record<string, string | number>} */ changes) => {
    /** @type {Record<string, string | number>} */
    const next = { jahr: year, kennzahl: code, ...changes };
    const nextId = String(next.id || jobcenter);
    delete next.id;
    go('jobcenter', nextId, next);
  };

  const [{ figures, total, female, male, target }, name] = await Promise.all([
    loadIndicatorYear(jobcenter, year, code),
    jobcenterName(jobcenter),
  ]);

  const byMonth = (/** @type {IndicatorSeries | null} */ view) => new Map((view ? view.months : []).map((m) => [m.reportingMonth, m]));
  const femaleBy = byMonth(female);
  const maleBy = byMonth(male);
  const figuresBy = new Map(figures.months.map((m) => [m.reportingMonth, m]));
  const targetBy = new Map((target ? target.months : []).map((m) => [m.reportingMonth, m]));
  const months = total.months;
  const corrected = figures.months.filter((m) => m.corrections > 0);

  const jobcenterSelect = own ? null : select('f-jobcenter', 'Jobcenter',
    (await jobcenters()).map((j) => [j.jobcenterId, `${j.name} (${j.jobcenterId})`]), jobcenter, (v) => navigate({ id: v }));
  const filters = el('form', { class: 'filters', 'aria-label': 'Auswahl', onsubmit: (e) => e.preventDefault() },
    jobcenterSelect,
    select('f-year', 'Jahr', yearOptions(year), year, (v) => navigate({ jahr: v })),
    select('f-indicator', 'Kennzahl', indicatorOptions(), code, (v) => navigate({ kennzahl: v })));

  const caption = `${code} ${total.name}: Werte je Monat ${year}`;
  const ytd = months.map((m) => value(m.yearToDate));
  /** @type {Array<Record<string, any>>} */
  const datasets = [
    { label: `Jahreswert bis zum Monat ${year}`, data: ytd, borderColor: '#004b87', backgroundColor: '#004b87', borderWidth: 3, pointRadius: 3 },
    { label: `Vorjahr ${year - 1}`, data: months.map((m) => value(m.previousYearToDate)), borderColor: '#6b6b6b', backgroundColor: '#6b6b6b', borderDash: [6, 4], pointRadius: 2 },
    { label: '12-Monats-Wert', data: months.map((m) => value(m.twelveMonth)), borderColor: '#7a3e9d', backgroundColor: '#7a3e9d', borderWidth: 1.5, pointRadius: 1 },
  ];
  const samePeriod = months.map((m) => { const t = targetBy.get(m.reportingMonth); return t && t.samePeriodTarget != null ? Number(t.samePeriodTarget) : null; });
  if (samePeriod.some((v) => v !== null)) {
    datasets.push({ label: `Ziel ${target.targetId} für den Zeitraum`, data: samePeriod, borderColor: '#b35900', backgroundColor: '#b35900', borderDash: [8, 3], pointRadius: 0, borderWidth: 2 });
  }
  if (target) {
    datasets.push({ label: `Zielwert ${target.targetId} (Dezember)`, data: months.map((m) => { const t = targetBy.get(m.reportingMonth); return t && t.targetLevel != null ? Number(t.targetLevel) : null; }), borderColor: '#b00020', backgroundColor: '#b00020', borderDash: [2, 3], pointRadius: 0, borderWidth: 2 });
  }
  datasets.push({
    label: 'Korrektur', type: 'scatter', showLine: false, pointStyle: 'triangle', pointRadius: 8, borderColor: '#b35900', backgroundColor: '#ffbf47',
    data: months.map((m, i) => (figuresBy.get(m.reportingMonth)?.corrections > 0 ? ytd[i] : null)),
  });
  const tooltip = {
    label: (item) => {
      const m = months[item.dataIndex];
      if (item.dataset.label === 'Korrektur') {
        const f = figuresBy.get(m.reportingMonth);
        return `Korrektur: ${f.correctionReason || 'ohne Angabe eines Grundes'} (Datenstand ${day(f.dataStatus)})`;
      }
      const source = item.datasetIndex === 0 ? m.yearToDate : item.datasetIndex === 1 ? m.previousYearToDate : item.datasetIndex === 2 ? m.twelveMonth : null;
      const base = `${item.dataset.label}: ${pct(item.raw)}`;
      return source && source.numerator != null ? `${base} (Zähler ${num(source.numerator)}, Nenner ${num(source.denominator)})` : base;
    },
  };
  const chart = lineChart({
    label: `Liniendiagramm: ${code} ${total.name} ${year} für ${name}, Jahreswert bis zum Monat gegen ${target ? 'Zielwert, ' : ''}Vorjahr und 12-Monats-Wert`,
    tableCaption: caption, labels: months.map((m) => monthAxis(m.reportingMonth)), datasets, yTitle: 'Prozent', tooltip,
  });

  const table = dataTable({
    id: 'indicator-table', caption, csv: `${code.toLowerCase()}-${jobcenter}-${year}.csv`, rows: months,
    columns: [
      { label: 'Monat', value: (m) => month(m.reportingMonth) },
      { label: 'Jahreswert bis Monat', num: true, value: (m) => el('span', { title: whyNot(m.yearToDate) || '' }, pct(value(m.yearToDate))) },
      { label: 'Zähler', num: true, value: (m) => num(m.yearToDate.numerator) },
      { label: 'Nenner', num: true, value: (m) => num(m.yearToDate.denominator) },
      { label: `Vorjahr ${year - 1}`, num: true, value: (m) => pct(value(m.previousYearToDate)) },
      { label: '12-Monats-Wert', num: true, value: (m) => pct(value(m.twelveMonth)) },
      target ? { label: 'Ziel für den Zeitraum', num: true, value: (m) => pct(targetBy.get(m.reportingMonth)?.samePeriodTarget) } : null,
      target ? { label: 'Zielwert Dezember', num: true, value: (m) => pct(targetBy.get(m.reportingMonth)?.targetLevel) } : null,
      { label: 'weiblich', num: true, value: (m) => { const f = femaleBy.get(m.reportingMonth); return el('span', { title: whyNot(f && f.yearToDate) || '' }, pct(value(f && f.yearToDate))); } },
      { label: 'männlich', num: true, value: (m) => { const f = maleBy.get(m.reportingMonth); return el('span', { title: whyNot(f && f.yearToDate) || '' }, pct(value(f && f.yearToDate))); } },
      { label: 'Datenstand', value: (m) => day(figuresBy.get(m.reportingMonth)?.dataStatus) },
      { label: 'Korrektur', value: (m) => { const f = figuresBy.get(m.reportingMonth); return f && f.corrections > 0 ? `${f.corrections}× – ${f.correctionReason || 'ohne Grund'}` : ''; } },
    ].filter(Boolean),
  });

  const notComputable = months.find((m) => whyNot(m.yearToDate));
  return [
    el('h1', {}, `${name} (${jobcenter})`),
    el('p', { class: 'lead' }, `${code} ${total.name}, ${year}`, target ? [' · ', el('a', { href: `#/vereinbarung/${target.agreementId}` }, `Zielvereinbarung ${target.agreementId}`)] : ''),
    filters,
    el('h2', {}, 'Verlauf'),
    chart,
    notComputable ? el('p', { class: 'notice' }, `Nicht berechenbar (z. B. ${month(notComputable.reportingMonth)}): ${whyNot(notComputable.yearToDate)}`) : null,
    el('h2', {}, 'Korrekturen'),
    corrected.length ? el('ul', { id: 'corrections' }, corrected.map((m) => el('li', { 'data-month': m.reportingMonth },
      el('strong', {}, month(m.reportingMonth)), `: ${m.corrections} Korrektur(en), zuletzt am ${instant(m.recordedFrom)} – Grund: ${m.correctionReason || 'nicht angegeben'} (Datenstand ${day(m.dataStatus)})`)))
      : el('p', { class: 'muted' }, 'Keine Korrekturen in diesem Jahr.'),
    el('h2', {}, 'Tabelle'),
    table,
  ];
}

/**
 * New figures of the Jobcenter shown (a Jobcenter user's stream carries only its own).
 * @type {(data: { jobcenterId: string }, route: import('../routes.js').Route) => boolean}
 */
export const refreshOn = (data, route) => !route.id || data.jobcenterId === route.id;
