// @ts-check
// Betrieb: ingestion (consumer lag, messages by outcome), projection lag, dead letters with their reasons and
// resubmission, events the projections parked with their failure and their retry, read-model rebuilds with
// progress. Always the current state: the Stand does not apply here.

import { api } from '../api.js';
import { instant, num } from '../format.js';
import { dataTable, el, errorBox, select } from '../ui.js';

const OUTCOME = { recorded: 'erfasst', corrected: 'korrigiert', duplicate: 'doppelt', unchanged: 'unverändert', rejected: 'abgelehnt' };
const PHASE_STATE = (run) => `${run.state}${run.phase ? ` / ${run.phase}` : ''}`;

function statusCards(status, projections) {
  return el('div', { class: 'cards', id: 'ingestion-status' },
    el('section', { class: 'card' }, el('h3', {}, 'Kafka-Verzögerung'),
      el('p', {}, el('strong', { id: 'consumer-lag' }, status.consumerLag == null ? 'unbekannt' : num(status.consumerLag)), ' Nachrichten noch nicht gelesen'),
      status.brokerError ? el('p', { class: 'error' }, `Kafka: ${status.brokerError}`) : null,
      el('p', { class: 'muted' }, `Topic ${status.topic}, Gruppe ${status.consumerGroup}, ${status.partitions.length} Partitionen`)),
    el('section', { class: 'card' }, el('h3', {}, 'Nachrichten seit Start'),
      el('ul', {}, Object.entries(status.messages).map(([k, v]) => el('li', {}, `${OUTCOME[k] || k}: ${num(v)}`)))),
    el('section', { class: 'card' }, el('h3', {}, 'Dead Letters'),
      el('ul', {}, Object.keys(status.deadLetters).length ? Object.entries(status.deadLetters).map(([k, v]) => el('li', {}, `${k === 'PARKED' ? 'geparkt' : 'erneut eingereicht'}: ${num(v)}`)) : el('li', {}, 'keine'))),
    projections ? el('section', { class: 'card' }, el('h3', {}, 'Projektionen'),
      el('ul', { id: 'projection-lag' }, projections.map((p) => el('li', {}, `${p.processor}: ${p.lagEvents == null ? 'nicht verbunden' : `${num(p.lagEvents)} Ereignisse Rückstand`}${p.running ? '' : ' (angehalten)'}`)))) : null);
}

/**
 * @param {boolean} admin
 * @param {string} statusFilter
 * @param {(filter: string, note?: string) => Promise<void> | void} rerender
 */
async function deadLetterSection(admin, statusFilter, rerender) {
  const letters = await api('/api/ingestion/dead-letters', { status: statusFilter || null, limit: 100 }, { now: true });
  const message = el('div', { 'aria-live': 'polite', id: 'dead-letter-message' });
  return [
    el('form', { class: 'filters', 'aria-label': 'Dead Letters filtern', onsubmit: (e) => e.preventDefault() },
      select('d-status', 'Status', [['PARKED', 'geparkt'], ['RESUBMITTED', 'erneut eingereicht'], ['', 'alle']], statusFilter, (v) => rerender(v))),
    message,
    dataTable({
      id: 'dead-letters-table', caption: `Dead Letters (${letters.length})`, csv: 'dead-letters.csv', rows: letters,
      columns: [
        { label: 'Nr.', num: true, sort: (d) => d.id, value: (d) => String(d.id) },
        { label: 'Geparkt', sort: (d) => d.parkedAt, value: (d) => instant(d.parkedAt) },
        { label: 'Code', sort: (d) => d.errorCode, value: (d) => d.errorCode },
        { label: 'Grund', value: (d) => d.reason },
        { label: 'Schlüssel', value: (d) => d.key || '–' },
        { label: 'Herkunft', value: (d) => `Partition ${d.partition}, Offset ${d.offset}${d.resubmissionOf ? `, erneut von Nr. ${d.resubmissionOf}` : ''}` },
        { label: 'Status', value: (d) => (d.status === 'PARKED' ? 'geparkt' : `erneut eingereicht ${instant(d.resubmittedAt)} von ${d.resubmittedBy}`) },
        {
          label: 'Aktion', value: (d) => (admin && d.status === 'PARKED' ? el('button', {
            type: 'button', class: 'secondary', 'data-resubmit': d.id, 'aria-label': `Dead Letter ${d.id} erneut einreichen`,
            onclick: async (e) => {
              e.target.disabled = true;
              try {
                await api(`/api/ingestion/dead-letters/${d.id}/resubmit`, {}, { method: 'POST', now: true });
                await rerender(statusFilter, `Dead Letter ${d.id} wurde erneut eingereicht.`);
              } catch (error) {
                message.replaceChildren(errorBox(error));
                e.target.disabled = false;
              }
            },
          }, 'Erneut einreichen') : ''),
        },
      ],
      empty: 'Keine Dead Letters.',
    }),
  ];
}

const GROUP = { 'monthly-figures': 'Monatszahlen', agreements: 'Zielvereinbarungen', jobcenters: 'Jobcenter' };

/**
 * @param {boolean} admin
 * @param {{ groups: any[], sequences: any[] }} parked
 * @param {(note?: string) => Promise<void>} rerender
 */
function parkedSection(admin, parked, rerender) {
  const message = el('div', { 'aria-live': 'polite', id: 'parked-message' });
  const rows = parked.sequences.flatMap((s) => s.events.map((e, i) => ({ ...e, group: s.processingGroup, sequence: s.sequence, first: i === 0 })));
  return [
    el('p', { class: 'muted', id: 'parked-summary' }, parked.groups.map((g) => `${GROUP[g.processingGroup] || g.processingGroup}: ${num(g.parkedEvents)} Ereignisse in ${num(g.sequences)} Folgen`).join(' · ')),
    message,
    dataTable({
      id: 'parked-table', caption: `Zurückgestellte Ereignisse der Projektionen (${rows.length})`, csv: 'zurueckgestellte-ereignisse.csv', rows,
      columns: [
        { label: 'Projektion', value: (r) => GROUP[r.group] || r.group },
        { label: 'Folge', value: (r) => r.sequence },
        { label: 'Ereignis', value: (r) => `${r.eventType} (${r.aggregate || '–'}${r.aggregateSequence == null ? '' : ` #${r.aggregateSequence}`})` },
        { label: 'Aufgezeichnet', sort: (r) => r.recordedAt, value: (r) => instant(r.recordedAt) },
        { label: 'Zurückgestellt', sort: (r) => r.parkedAt, value: (r) => instant(r.parkedAt) },
        { label: 'Fehler', value: (r) => (r.first ? `${r.causeType || '–'}: ${r.causeMessage || ''}${r.retries ? ` (${num(r.retries)} erneute Versuche)` : ''}` : 'wartet auf das erste Ereignis der Folge') },
        {
          label: 'Aktion', value: (r) => (admin && r.first ? el('button', {
            type: 'button', class: 'secondary', 'data-retry': `${r.group}/${r.sequence}`, 'aria-label': `Folge ${r.sequence} erneut verarbeiten`,
            onclick: async (e) => {
              e.target.disabled = true;
              try {
                const result = await api(`/api/admin/parked-events/${encodeURIComponent(r.group)}/${encodeURIComponent(r.sequence)}/retry`, {}, { method: 'POST', now: true });
                await rerender(`Folge ${r.sequence} erneut verarbeitet; ${result.applied ? 'alle Ereignisse verarbeitet' : 'ein Ereignis scheitert weiter und bleibt zurückgestellt'}; noch zurückgestellt in ${GROUP[r.group] || r.group}: ${num(result.stillParked)}.`);
              } catch (error) {
                message.replaceChildren(errorBox(error));
                e.target.disabled = false;
              }
            },
          }, 'Erneut verarbeiten') : ''),
        },
      ],
      empty: 'Keine zurückgestellten Ereignisse: alle Projektionen sind verarbeitet.',
    }),
  ];
}

/**
 * @param {any[]} runs
 * @param {(mode: 'VERIFY' | 'SWITCH') => void} onStart
 */
function rebuildSection(runs, onStart) {
  return [
    el('div', { class: 'actions' },
      el('button', { type: 'button', id: 'rebuild-verify', onclick: () => onStart('VERIFY') }, 'Lesemodelle prüfen (Verify)'), ' ',
      el('button', { type: 'button', id: 'rebuild-switch', onclick: () => onStart('SWITCH') }, 'Lesemodelle neu aufbauen')),
    dataTable({
      id: 'rebuilds-table', caption: 'Letzte Neuaufbauten', rows: runs,
      columns: [
        { label: 'Lauf', value: (r) => r.id },
        { label: 'Art', value: (r) => (r.mode === 'VERIFY' ? 'Prüfung' : 'Neuaufbau') },
        { label: 'Zustand', value: (r) => PHASE_STATE(r) },
        { label: 'Gestartet', value: (r) => instant(r.startedAt) },
        { label: 'Fortschritt', num: true, value: (r) => `${num(r.eventsDone)} / ${num(r.eventsTotal)}${r.eventsTotal ? ` (${Math.floor((100 * r.eventsDone) / r.eventsTotal)} %)` : ''}` },
        { label: 'Ereignisse/s', num: true, value: (r) => num(Math.round(r.eventsPerSecond)) },
        { label: 'Ergebnis', value: (r) => r.error || r.summary || '–' },
      ],
      empty: 'Noch kein Neuaufbau seit dem Start.',
    }),
  ];
}

/** @param {import('../main.js').PageContext} context */
export async function render({ me, params, go }) {
  const admin = me.roles.includes('ADMIN');
  const statusFilter = params.has('status') ? params.get('status') : 'PARKED';
  const container = el('div', { id: 'operations' });
  /** @type {(filter: string, note?: string) => Promise<void>} */
  const draw = async (filter, note) => {
    const [status, projections, runs, parked] = await Promise.all([
      api('/api/ingestion/status', {}, { now: true }).catch((e) => e),
      admin ? api('/api/admin/projections', {}, { now: true }) : null,
      admin ? api('/api/admin/rebuilds', {}, { now: true }) : null,
      api('/api/admin/parked-events', { limit: 100 }, { now: true }).catch((e) => e),
    ]);
    const parts = [
      el('h2', {}, 'Einlesen und Verarbeitung'),
      status instanceof Error ? errorBox(status) : statusCards(status, projections),
      el('h2', {}, 'Dead Letters'),
      ...(await deadLetterSection(admin, filter, (f, n) => (f === filter ? draw(f, n) : go('betrieb', null, { status: f })))),
      el('h2', {}, 'Zurückgestellte Ereignisse'),
      ...(parked instanceof Error ? [errorBox(parked)] : parkedSection(admin, parked, (n) => draw(filter, n))),
    ];
    if (admin) {
      parts.push(el('h2', {}, 'Neuaufbau der Lesemodelle'), ...rebuildSection(runs, async (mode) => {
        try {
          await api('/api/admin/rebuilds', { mode }, { method: 'POST', now: true });
          await draw(filter, `Neuaufbau (${mode}) gestartet.`);
        } catch (error) {
          container.prepend(errorBox(error));
        }
      }));
      if (runs.some((r) => r.state === 'RUNNING')) {
        setTimeout(() => { if (container.isConnected) draw(filter); }, 1000);
      }
    }
    container.replaceChildren(note ? el('p', { class: 'notice', role: 'status' }, note) : '', ...parts);
  };
  await draw(statusFilter);
  return [
    el('h1', {}, 'Betrieb'),
    el('p', { class: 'lead' }, 'Aktueller Zustand der Plattform (der gewählte Stand gilt hier nicht). ',
      el('button', { type: 'button', class: 'secondary', onclick: () => draw(statusFilter) }, 'Aktualisieren')),
    container,
  ];
}

/** The counts change with any new figures. */
export const refreshOn = () => true;
