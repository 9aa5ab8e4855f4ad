// @ts-check
// Vergleich: the Jobcenters of the Land (or of one comparison type) ranked by one indicator in one month; a
// Jobcenter user sees the others anonymised, and in a group with fewer than three others only its own row.

import { api } from '../api.js';
import { month, num, pct } from '../format.js';
import { directionText, indicatorOptions, isIndicator } from '../indicators.js';
import { defaultYear, jobcenters } from '../common.js';
import { barChart, dataTable, el, field, select } from '../ui.js';

/** @param {import('../main.js').PageContext} context */
export async function render({ params, me, go }) {
  const code = isIndicator(params.get('kennzahl')) ? params.get('kennzahl') : 'K2';
  const reportingMonth = /^\d{4}-\d{2}$/.test(params.get('monat') || '') ? params.get('monat') : `${await defaultYear()}-12`;
  const view = params.get('ansicht') === 'TWELVE_MONTH' ? 'TWELVE_MONTH' : 'YEAR_TO_DATE';
  const comparisonType = params.get('vergleichstyp') || '';
  const types = [...new Set((await jobcenters()).map((j) => j.comparisonType).filter(Boolean))].sort();
  const navigate = (/** @type {Record<string, string>} */ changes) => go('vergleich', null, { kennzahl: code, monat: reportingMonth, ansicht: view, vergleichstyp: comparisonType, ...changes });
  const data = await api(`/api/comparisons/${code}`, comparisonType
    ? { month: reportingMonth, comparisonType, view } : { month: reportingMonth, land: 'NW', view });

  const monthInput = el('input', { type: 'month', value: reportingMonth, min: '2012-01', onchange: (/** @type {Event} */ e) => {
    const chosen = /** @type {HTMLInputElement} */ (e.target).value;
    if (chosen) navigate({ monat: chosen });
  } });
  const filters = el('form', { class: 'filters', 'aria-label': 'Auswahl', onsubmit: (e) => e.preventDefault() },
    select('f-indicator', 'Kennzahl', indicatorOptions(), code, (v) => navigate({ kennzahl: v })),
    field('f-month', 'Berichtsmonat', monthInput),
    select('f-view', 'Wert', [['YEAR_TO_DATE', 'Jahreswert bis zum Monat'], ['TWELVE_MONTH', '12-Monats-Wert']], view, (v) => navigate({ ansicht: v })),
    select('f-group', 'Vergleichsgruppe', [['', 'Land Nordrhein-Westfalen'], ...types.map((t) => [t, `Vergleichstyp ${t}`])], comparisonType, (v) => navigate({ vergleichstyp: v })));
  const label = (/** @type {{ jobcenterId?: string | null, name?: string }} */ r) => (r.jobcenterId ? `${r.name} (${r.jobcenterId})` : 'anderes Jobcenter (anonymisiert)');
  const caption = `Rangfolge ${code} ${data.name}, ${month(reportingMonth)} (${view === 'YEAR_TO_DATE' ? 'Jahreswert' : '12-Monats-Wert'})`;
  return [
    el('h1', {}, 'Vergleich'),
    el('p', { class: 'lead', id: 'comparison-direction' }, `Rang 1 ist der höchste Wert; bei ${code} ist ${directionText(code)}.`),
    filters,
    data.withheld ? el('p', { class: 'notice', id: 'comparison-withheld', role: 'status' },
      `In dieser Vergleichsgruppe (${num(data.groupSize)} Jobcenter) haben weniger als drei andere Jobcenter einen Wert. `
      + 'Damit niemand erkennbar wird, zeigt der Vergleich nur Ihr eigenes Jobcenter, ohne Rang.') : null,
    barChart({ label: `Balkendiagramm: ${caption}`, labels: data.ranking.map((r) => (r.rank == null ? '–' : String(r.rank))), values: data.ranking.map((r) => Number(r.percent)), highlight: (i) => me.jobcenterId && data.ranking[i].jobcenterId === me.jobcenterId }),
    dataTable({
      id: 'ranking-table', caption, csv: `vergleich-${code.toLowerCase()}-${reportingMonth}.csv`, rows: data.ranking,
      columns: [
        { label: 'Rang', num: true, sort: (r) => r.rank, value: (r) => (r.rank == null ? '–' : String(r.rank)) },
        { label: 'Jobcenter', sort: (r) => label(r), value: (r) => (r.jobcenterId ? el('a', { href: `#/jobcenter/${r.jobcenterId}?jahr=${reportingMonth.slice(0, 4)}&kennzahl=${code}` }, label(r)) : el('span', { class: 'muted' }, label(r))) },
        { label: 'Wert', num: true, sort: (r) => Number(r.percent), value: (r) => pct(r.percent) },
        { label: 'Zähler', num: true, value: (r) => num(r.numerator) },
        { label: 'Nenner', num: true, value: (r) => num(r.denominator) },
      ],
    }),
    data.notComputable.length ? el('div', {}, el('h2', {}, 'Nicht berechenbar'),
      el('ul', {}, data.notComputable.map((n) => el('li', {}, `${n.jobcenterId ? `${n.name} (${n.jobcenterId})` : 'anderes Jobcenter'}: ${n.reason}`)))) : null,
  ];
}

/** Any new figures may change the ranking. */
export const refreshOn = () => true;
