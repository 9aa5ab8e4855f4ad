// @ts-check
// Übersicht: every Jobcenter of the Land with each target's status as a traffic light and its value, the latest
// data status, overdue reports and dialogues; filters by carrier and comparison type; sortable; CSV export.

import { api } from '../api.js';
import { day, month, pct, STATUS } from '../format.js';
import { defaultYear, jobcenters, yearOptions } from '../common.js';
import { dataTable, el, light, select } from '../ui.js';

/** @param {import('../main.js').PageContext} context */
export async function render({ params, go }) {
  const year = Number(params.get('jahr')) || await defaultYear();
  const carrierType = params.get('traeger') || '';
  const comparisonType = params.get('vergleichstyp') || '';
  const registry = await jobcenters();
  const types = [...new Set(registry.map((j) => j.comparisonType).filter(Boolean))].sort();
  const data = await api('/api/overview', { year, land: 'NW', carrierType, comparisonType });
  const navigate = (/** @type {Record<string, string>} */ changes) => go('uebersicht', null, { jahr: year, traeger: carrierType, vergleichstyp: comparisonType, ...changes });

  const filters = el('form', { class: 'filters', 'aria-label': 'Filter', onsubmit: (e) => e.preventDefault() },
    select('f-year', 'Jahr', yearOptions(year), year, (v) => navigate({ jahr: v })),
    select('f-carrier', 'Trägerart', [['', 'alle'], ['gE', 'gemeinsame Einrichtung (gE)'], ['zkT', 'zugelassener kommunaler Träger (zkT)']], carrierType, (v) => navigate({ traeger: v })),
    select('f-type', 'Vergleichstyp', [['', 'alle'], ...types.map((t) => [t, t])], comparisonType, (v) => navigate({ vergleichstyp: v })));
  const overdue = data.jobcenters.filter((j) => j.missingMonths.length).length;
  const dialogues = data.jobcenters.reduce((n, j) => n + j.dialoguesOverdue, 0);
  const targetValue = (row) => (row.targets[0] ? Number(row.targets[0].value) : null);

  const table = dataTable({
    id: 'overview-table',
    caption: `Jobcenter in Nordrhein-Westfalen, ${year}`,
    csv: `uebersicht-${year}.csv`,
    rows: data.jobcenters,
    columns: [
      { label: 'Jobcenter', sort: (r) => r.name, value: (r) => el('a', { href: `#/jobcenter/${r.jobcenterId}?jahr=${year}` }, `${r.name} (${r.jobcenterId})`) },
      { label: 'Trägerart', sort: (r) => r.carrierType, value: (r) => r.carrierType },
      { label: 'Vergleichstyp', sort: (r) => r.comparisonType, value: (r) => r.comparisonType || 'nicht zugeordnet' },
      { label: 'Letzter Berichtsmonat', sort: (r) => r.latestMonth, value: (r) => (r.latestMonth ? month(r.latestMonth) : 'keine Zahlen') },
      { label: 'Datenstand', sort: (r) => r.dataStatus, value: (r) => day(r.dataStatus) },
      {
        label: 'Berichte überfällig', sort: (r) => r.missingMonths.length,
        value: (r) => (r.missingMonths.length
          ? el('span', { class: 'badge warn', title: r.missingMonths.map(month).join(', ') }, `${r.missingMonths.length} (ab ${month(r.missingMonths[0])})`)
          : el('span', { class: 'badge ok' }, 'keine')),
      },
      {
        label: 'Ziele (Stand, Wert)', sort: targetValue,
        value: (r) => (r.targets.length ? el('ul', { class: 'targets', style: 'list-style:none;margin:0;padding:0' },
          r.targets.map((t) => el('li', { 'data-target': t.targetId },
            el('a', { href: `#/vereinbarung/${r.agreementId}` }, t.targetId), ' ',
            light(t.status, t.value == null ? 'kein Wert' : pct(t.value)),
            t.targetLevel != null ? el('span', { class: 'muted' }, ` Ziel ${pct(t.targetLevel)}`) : null)))
          : el('span', { class: 'muted' }, 'keine Zielvereinbarung')),
      },
      {
        label: 'Dialoge überfällig', sort: (r) => r.dialoguesOverdue,
        value: (r) => (!r.agreementId ? '–' : r.dialoguesOverdue
          ? el('span', { class: 'badge warn' }, `${r.dialoguesOverdue} überfällig`) : el('span', { class: 'badge ok' }, 'keine')),
      },
    ],
  });
  return [
    el('h1', {}, 'Übersicht'),
    el('p', { class: 'lead' }, `Zielerreichung und Berichtsstand ${year}. Fällig sind Zahlen bis `,
      el('strong', {}, data.expectedMonth ? month(data.expectedMonth) : '–'),
      ' (drei Monate Wartezeit der Statistik).'),
    filters,
    el('p', { id: 'overview-summary' }, `${data.jobcenters.length} Jobcenter, ${overdue} mit überfälligen Berichten, ${dialogues} überfällige Steuerungsdialoge.`),
    el('p', { class: 'muted' }, 'Ampel: ', Object.entries(STATUS).slice(0, 5).map(([k]) => [light(k), ' '])),
    table,
  ];
}

/** Any new figures may change a row. */
export const refreshOn = () => true;
