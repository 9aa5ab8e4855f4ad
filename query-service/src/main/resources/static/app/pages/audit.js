// Prüfung: the Stand (every page as known at an instant, set in the header), the event history with provenance,
// change reports between two recorded times, the hash chain, audit packages.

import { api, download, stand } from '../api.js';
import { fromLocalInput, indicatorOptions, instant, month, pct, toLocalInput } from '../format.js';
import { defaultYear, jobcenters, yearOptions } from '../common.js';
import { dataTable, el, errorBox, field, select } from '../ui.js';

const EVENT_TYPES = ['', 'MonthlyFiguresRecordedEvent', 'MonthlyFiguresCorrectedEvent', 'JobcenterRegisteredEvent',
  'TargetAgreementConcludedEvent', 'TargetAgreementSignedEvent', 'TargetAgreementInForceEvent', 'TargetRevisedEvent',
  'SteeringDialogueHeldEvent', 'GoalProgressRecordedEvent', 'TargetAttainmentAssessedEvent'];

/** Where an event came from: the principal, and for Kafka figures topic, partition, offset and message id. */
function origin(metadata) {
  if (!metadata) return '–';
  const parts = [metadata.principal || 'unbekannt'];
  if (metadata.kafkaTopic) parts.push(`${metadata.kafkaTopic} / Partition ${metadata.kafkaPartition} / Offset ${metadata.kafkaOffset}`);
  if (metadata.messageId) parts.push(`Nachricht ${metadata.messageId}`);
  if (metadata.resubmissionOf) parts.push(`erneut eingereicht (Dead Letter ${metadata.resubmissionOf})`);
  return parts.join(' · ');
}

function summary(event) {
  const p = event.payload || {};
  if (p.reportingMonth) return `${p.jobcenterId} ${month(p.reportingMonth)}, Datenstand ${p.dataStatus || '–'}${p.reason ? `, Grund: ${p.reason}` : ''}`;
  if (p.agreementId) return `${p.agreementId}${p.dialogueId ? ` ${p.dialogueId}` : ''}${p.reason ? `: ${p.reason}` : ''}`;
  if (p.name) return `${p.jobcenterId || ''} ${p.name}`;
  return '';
}

const displayValue = (v) => {
  if (v === null || v === undefined) return '–';
  if (v.percent !== undefined) return pct(v.percent);
  if (v.notComputable) return `nicht berechenbar (${v.notComputable})`;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
};

function historySection(registry) {
  const result = el('div', { id: 'history-result' });
  const jobcenter = select('h-jobcenter', 'Jobcenter', [['', 'alle'], ...registry.map((j) => [j.jobcenterId, `${j.name} (${j.jobcenterId})`])], '05122');
  const type = select('h-type', 'Ereignistyp', EVENT_TYPES.map((t) => [t, t || 'alle']), '');
  let events = [];
  let next = null;
  const load = async (more) => {
    const params = {
      jobcenter: jobcenter.querySelector('select').value, type: type.querySelector('select').value,
      to: stand.get(), after: more ? next : null, limit: 100,
    };
    try {
      const page = await api('/api/audit/events', params, { now: true });
      events = more ? events.concat(page.events) : page.events;
      next = page.next;
      result.replaceChildren(
        dataTable({
          id: 'history-table', caption: `Ereignisse${stand.get() ? ` bis ${instant(stand.get())}` : ''} (${events.length}${next ? ', weitere vorhanden' : ''})`,
          csv: 'ereignisse.csv', rows: events,
          columns: [
            { label: 'Nr.', num: true, value: (e) => String(e.globalIndex) },
            { label: 'Erfasst', value: (e) => instant(e.recordedAt) },
            { label: 'Ereignis', value: (e) => `${e.type} (Rev. ${e.revision || '–'})` },
            { label: 'Aggregat', value: (e) => `${e.aggregateIdentifier} #${e.sequenceNumber}` },
            { label: 'Inhalt', value: (e) => summary(e) },
            { label: 'Herkunft', value: (e) => origin(e.metadata) },
          ],
        }),
        ...(next ? [el('button', { type: 'button', class: 'secondary', onclick: () => load(true) }, 'Weitere laden')] : []));
    } catch (error) {
      result.replaceChildren(errorBox(error));
    }
  };
  return [
    el('form', { class: 'filters', 'aria-label': 'Ereignisse filtern', onsubmit: (e) => { e.preventDefault(); load(false); } },
      jobcenter, type, el('button', { type: 'submit', id: 'history-load' }, 'Ereignisse anzeigen')),
    result,
  ];
}

/** The events behind a change: corrections with their reasons first, then the latest others, the rest counted. */
function causes(events) {
  const shown = [...events.filter((e) => e.reason), ...events.filter((e) => !e.reason).reverse()].slice(0, 3);
  const text = shown.map((e) => `${e.type} ${e.aggregateIdentifier} (${instant(e.recordedAt)})${e.reason ? `: ${e.reason}` : ''}`).join('; ');
  return events.length > shown.length ? `${text}; und ${events.length - shown.length} weitere Ereignisse` : text;
}

function changesSection(registry, year) {
  const result = el('div', { id: 'changes-result' });
  const now = new Date();
  const from = el('input', { type: 'datetime-local', step: 1, value: toLocalInput(new Date(now.getTime() - 86400000).toISOString()) });
  const to = el('input', { type: 'datetime-local', step: 1, value: toLocalInput((stand.get() || now.toISOString())) });
  const jobcenter = select('c-jobcenter', 'Jobcenter', registry.map((j) => [j.jobcenterId, `${j.name} (${j.jobcenterId})`]), '05122');
  const code = select('c-indicator', 'Kennzahl', indicatorOptions(), 'K2');
  const yearSelect = select('c-year', 'Jahr', yearOptions(year), year);
  const run = async () => {
    try {
      const id = jobcenter.querySelector('select').value;
      const report = await api(`/api/jobcenters/${id}/indicators/${code.querySelector('select').value}/changes`,
        { year: yearSelect.querySelector('select').value, from: fromLocalInput(from.value), to: fromLocalInput(to.value) }, { now: true });
      result.replaceChildren(dataTable({
        id: 'changes-table', caption: `Änderungen ${report.subject} zwischen ${instant(report.from)} und ${instant(report.to)}`,
        csv: 'aenderungen.csv', rows: report.changes,
        columns: [
          { label: 'Monat', value: (c) => month(c.month) },
          { label: 'Wert', value: (c) => ({ yearToDate: 'Jahreswert', twelveMonth: '12-Monats-Wert', previousYearToDate: 'Vorjahr', previousYearTwelveMonth: 'Vorjahr 12 Monate' }[c.value] || c.value) },
          { label: 'Vorher', value: (c) => displayValue(c.before) },
          { label: 'Nachher', value: (c) => displayValue(c.after) },
          { label: 'Ursachen', value: (c) => causes(c.causes) },
        ],
        empty: 'Keine Änderungen in diesem Zeitraum.',
      }));
    } catch (error) {
      result.replaceChildren(errorBox(error));
    }
  };
  return [
    el('form', { class: 'filters', 'aria-label': 'Änderungsbericht', onsubmit: (e) => { e.preventDefault(); run(); } },
      jobcenter, code, yearSelect, field('c-from', 'Von (erfasst)', from), field('c-to', 'Bis (erfasst)', to),
      el('button', { type: 'submit', id: 'changes-run' }, 'Änderungen anzeigen')),
    result,
  ];
}

async function packageSection() {
  const agreements = await api('/api/agreements', {}, { now: true });
  const status = el('div', { 'aria-live': 'polite', id: 'package-status' });
  const choice = select('p-agreement', 'Zielvereinbarung', agreements.map((a) => [a.agreementId, `${a.agreementId} ${a.title}`]), agreements[0] && agreements[0].agreementId);
  return [
    el('form', { class: 'filters', 'aria-label': 'Prüfpaket', onsubmit: async (e) => {
      e.preventDefault();
      const id = choice.querySelector('select').value;
      status.textContent = 'Prüfpaket wird erstellt …';
      try {
        await download(`/api/audit/packages/${id}`, {}, `pruefpaket-${id}.zip`);
        status.textContent = `Prüfpaket ${id} heruntergeladen.`;
      } catch (error) {
        status.replaceChildren(errorBox(error));
      }
    } }, choice, el('button', { type: 'submit', id: 'package-download', disabled: !agreements.length }, 'Prüfpaket herunterladen')),
    status,
  ];
}

// the keyed seals (ADR 0010): up to where the chain is vouched for, and the first seal that does not hold
function sealText(seals) {
  const latest = seals.latest;
  const sealed = latest
    ? `Versiegelt bis Position ${latest.position} (Siegel ${latest.sealNumber}, Schlüssel ${latest.keyId}, ${instant(latest.sealedAt)}); ${seals.unsealedLinks} Glieder seitdem noch nicht versiegelt.`
    : 'Noch nicht versiegelt.';
  return seals.firstBroken
    ? `${sealed} Gebrochenes Siegel ${seals.firstBroken.sealNumber} (Position ${seals.firstBroken.position}): ${seals.firstBroken.problem}`
    : sealed;
}

function chainSection() {
  const result = el('div', { id: 'chain-result', 'aria-live': 'polite' });
  return [
    el('button', { type: 'button', class: 'primary', id: 'chain-check', onclick: async () => {
      result.textContent = 'Prüfe …';
      try {
        const chain = await api('/api/audit/hash-chain', {}, { now: true });
        result.replaceChildren(el('p', {}, el('span', { class: `badge ${chain.intact ? 'ok' : 'warn'}` }, chain.intact ? 'intakt' : 'gebrochen'),
          ` ${chain.chained} von ${chain.events} Ereignissen verkettet, Kopf ${chain.headHash ? chain.headHash.slice(0, 16) : '–'}…, geprüft ${instant(chain.checkedAt)}`,
          chain.firstBroken ? ` · erstes gebrochenes Glied: ${JSON.stringify(chain.firstBroken)}` : ''),
          el('p', { id: 'chain-seal' }, sealText(chain.seals)));
      } catch (error) {
        result.replaceChildren(errorBox(error));
      }
    } }, 'Hash-Kette prüfen'),
    result,
  ];
}

export async function render() {
  const registry = await jobcenters();
  const year = await defaultYear();
  return [
    el('h1', {}, 'Prüfung'),
    el('section', { 'aria-labelledby': 'stand-title' },
      el('h2', { id: 'stand-title' }, 'Stand'),
      el('p', {}, 'Mit „Stand“ oben wählen Sie einen Zeitpunkt: Übersicht, Jobcenter, Zielvereinbarung und Vergleich zeigen dann die Zahlen, wie sie zu diesem Zeitpunkt bekannt waren; die Ereignishistorie endet dort.'),
      el('p', { id: 'audit-stand' }, stand.get() ? `Gewählter Stand: ${instant(stand.get())}` : 'Kein Stand gewählt: aktuelle Ansicht.')),
    el('section', { 'aria-labelledby': 'history-title' }, el('h2', { id: 'history-title' }, 'Ereignishistorie mit Herkunft'), historySection(registry)),
    el('section', { 'aria-labelledby': 'changes-title' }, el('h2', { id: 'changes-title' }, 'Änderungsbericht'), changesSection(registry, year)),
    el('section', { 'aria-labelledby': 'chain-title' }, el('h2', { id: 'chain-title' }, 'Hash-Kette'), chainSection()),
    el('section', { 'aria-labelledby': 'package-title' }, el('h2', { id: 'package-title' }, 'Prüfpaket'), await packageSection()),
  ];
}
