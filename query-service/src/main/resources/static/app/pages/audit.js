// @ts-check
// Prüfung: the Stand (every page as known at an instant, set in the header), the event history with provenance,
// change reports between two recorded times, the hash chain, audit packages (made by jobs on the server).

import { api, download, stand } from '../api.js';
import { percentDone } from '../attainment.js';
import { fromLocalInput, instant, month, num, pct, toLocalInput } from '../format.js';
import { indicatorOptions } from '../indicators.js';
import { defaultYear, jobcenters, yearOptions } from '../common.js';
import { dataTable, el, errorBox, field, select } from '../ui.js';

const EVENT_TYPES = ['', 'MonthlyFiguresRecordedEvent', 'MonthlyFiguresCorrectedEvent', 'JobcenterRegisteredEvent',
  'TargetAgreementConcludedEvent', 'TargetAgreementSignedEvent', 'TargetAgreementInForceEvent', 'TargetRevisedEvent',
  'SteeringDialogueHeldEvent', 'GoalProgressRecordedEvent', 'TargetAttainmentAssessedEvent'];

/** Where an event came from: the principal, and for Kafka figures topic, partition, offset and message id. */
/** @param {Record<string, any> | null | undefined} o */
function origin(o) {
  if (!o) return '–';
  const parts = [o.principal || 'unbekannt'];
  if (o.kafkaTopic) parts.push(`${o.kafkaTopic} / Partition ${o.kafkaPartition} / Offset ${o.kafkaOffset}`);
  if (o.messageId) parts.push(`Nachricht ${o.messageId}`);
  if (o.resubmissionOf) parts.push(`erneut eingereicht (Dead Letter ${o.resubmissionOf})`);
  return parts.join(' · ');
}

/** A history entry (HistoryEntryView) in one line: its subject, and a correction's or revision's reason. */
/** @param {Record<string, any>} p */
function summary(p) {
  if (p.unreadable) return `nicht lesbar: ${p.unreadable}`;
  if (p.reportingMonth) return `${p.jobcenterId} ${month(p.reportingMonth)}, Datenstand ${p.dataStatus || '–'}${p.reason ? `, Grund: ${p.reason}` : ''}`;
  if (p.agreementId) return `${p.agreementId}${p.dialogueId ? ` ${p.dialogueId}` : ''}${p.reason ? `: ${p.reason}` : ''}`;
  if (p.name) return `${p.jobcenterId || ''} ${p.name}`;
  return '';
}

/** @param {any} v a value of a change report: a rate, a reason it cannot be computed, or a plain value */
const displayValue = (v) => {
  if (v === null || v === undefined) return '–';
  if (v.percent !== undefined) return pct(v.percent);
  if (v.notComputable) return `nicht berechenbar (${v.notComputable})`;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
};

/** @param {import('../common.js').Jobcenter[]} registry */
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
            { label: 'Herkunft', value: (e) => origin(e.origin) },
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
/** @param {Array<{ type: string, aggregateIdentifier: string, recordedAt: string, reason?: string }>} events */
function causes(events) {
  const shown = [...events.filter((e) => e.reason), ...events.filter((e) => !e.reason).reverse()].slice(0, 3);
  const text = shown.map((e) => `${e.type} ${e.aggregateIdentifier} (${instant(e.recordedAt)})${e.reason ? `: ${e.reason}` : ''}`).join('; ');
  return events.length > shown.length ? `${text}; und ${events.length - shown.length} weitere Ereignisse` : text;
}

/**
 * @param {import('../common.js').Jobcenter[]} registry
 * @param {number} year
 */
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

const JOB_KIND = { PACKAGE: 'Prüfpaket', REPLAY: 'Nachspielen' };
const JOB_STATE = { QUEUED: 'wartet', RUNNING: 'läuft', COMPLETED: 'fertig', FAILED: 'fehlgeschlagen' };
const JOB_PHASE = {
  PROGRESS: 'Zielerreichung berechnen', EVENTS: 'Ereignisse schreiben', REPLAYING: 'Historie nachspielen',
  COMPARING: 'Lesemodelle vergleichen', HASH_CHAIN: 'Hash-Kette prüfen', FINISHING: 'Prüfsummen schreiben', DONE: 'fertig',
};

/** Where a job is, in words: "läuft: Ereignisse schreiben, 500 von 10.027 (5 %)". */
/** @param {{ state: string, phase?: string, done?: number, expected?: number, error?: string }} job */
function jobProgress(job) {
  const parts = [JOB_STATE[job.state] || job.state];
  if (job.state === 'RUNNING' && job.phase) {
    let phase = JOB_PHASE[job.phase] || job.phase;
    if (job.expected) phase += `, ${num(job.done)} von ${num(job.expected)} (${percentDone(job.done, job.expected)} %)`;
    parts.push(phase);
  }
  if (job.error) parts.push(job.error);
  return parts.join(': ');
}

/** A refused start (429) in German: which limit, and when to try again. */
/** @param {import('../api.js').ApiError} error */
function refusal(error) {
  const p = error.problem || {};
  if (error.status !== 429) return errorBox(error);
  const which = p.limit === 'perUser'
    ? 'Sie haben bereits einen Prüfauftrag in Arbeit; warten Sie, bis er fertig ist.'
    : 'Es laufen bereits so viele Prüfaufträge, wie die Plattform gleichzeitig bearbeitet.';
  return errorBox(`${which} Bitte in ${p.retryAfterSeconds || 10} Sekunden erneut versuchen.`);
}

const megabytes = (/** @type {number} */ bytes) => `${new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 }).format(bytes / 1e6)} MB`;

/** Saves a completed package job's zip; says so, with the SHA-256 to compare the file with. */
/**
 * @param {any} job
 * @param {HTMLElement} status
 */
async function save(job, status) {
  try {
    await download(job.download.href, {}, job.download.fileName);
    status.replaceChildren(el('p', {}, `Prüfpaket ${job.parameters.agreementId} heruntergeladen (${megabytes(job.download.bytes)}, SHA-256 ${job.download.sha256}).`));
  } catch (error) {
    status.replaceChildren(errorBox(error));
  }
}

/** The latest jobs of all auditors: what runs, what is done, the packages to download. */
/**
 * @param {any[]} jobs
 * @param {HTMLElement} status
 */
function jobsTable(jobs, status) {
  return dataTable({
    id: 'jobs-table', caption: 'Die letzten Prüfaufträge aller Prüferinnen und Prüfer', rows: jobs,
    columns: [
      { label: 'Auftrag', value: (j) => `${JOB_KIND[j.kind] || j.kind} ${j.parameters.agreementId || (j.parameters.asOf ? `Stand ${instant(j.parameters.asOf)}` : '')}` },
      { label: 'Von', value: (j) => j.owner },
      { label: 'Erstellt', value: (j) => instant(j.createdAt) },
      { label: 'Stand', value: (j) => jobProgress(j) },
      { label: 'Ergebnis', value: (j) => {
        if (j.download) return el('button', { type: 'button', class: 'secondary', 'data-job': j.id, onclick: () => save(j, status) }, `herunterladen (${megabytes(j.download.bytes)})`);
        if (j.result) return j.result.agrees ? 'stimmt mit der Historie überein' : 'ABWEICHUNGEN';
        return '–';
      } },
    ],
    empty: 'Keine Prüfaufträge.',
  });
}

/**
 * The package is made by a job on the server: start it, show its progress until it is done, then offer the
 * download. The page may be left meanwhile; the job goes on and appears in the table of jobs.
 */
async function packageSection() {
  const agreements = await api('/api/agreements', {}, { now: true });
  const status = el('div', { 'aria-live': 'polite', id: 'package-status' });
  const bar = el('progress', { id: 'package-progress', max: 100, hidden: true, 'aria-label': 'Fortschritt des Prüfpakets' });
  const jobs = el('div', { id: 'jobs' });
  const refresh = async () => {
    try {
      jobs.replaceChildren(jobsTable(await api('/api/audit/jobs', {}, { now: true }), status));
    } catch (error) {
      jobs.replaceChildren(errorBox(error));
    }
  };
  const follow = async (job) => {
    while (status.isConnected && (job.state === 'QUEUED' || job.state === 'RUNNING')) {
      status.replaceChildren(el('p', { id: 'package-job' }, `Prüfpaket ${job.parameters.agreementId} wird erstellt – ${jobProgress(job)}`));
      bar.hidden = false;
      if (job.expected) bar.value = percentDone(job.done, job.expected); else bar.removeAttribute('value');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      job = await api(job.self, {}, { now: true });
    }
    bar.hidden = true;
    if (job.state === 'COMPLETED') {
      status.replaceChildren(el('p', { id: 'package-job' }, `Prüfpaket ${job.parameters.agreementId} ist fertig (${megabytes(job.download.bytes)}).`),
        el('button', { type: 'button', class: 'primary', id: 'package-download', onclick: () => save(job, status) }, 'Prüfpaket herunterladen'));
    } else if (job.state === 'FAILED') {
      status.replaceChildren(errorBox(`Das Prüfpaket konnte nicht erstellt werden: ${job.error}`));
    }
    refresh();
  };
  const choice = select('p-agreement', 'Zielvereinbarung', agreements.map((a) => [a.agreementId, `${a.agreementId} ${a.title}`]), agreements[0] && agreements[0].agreementId);
  refresh();
  return [
    el('p', {}, 'Das Prüfpaket enthält alle Ereignisse der Zielvereinbarung mit ihren gespeicherten Bytes und Gliedern der Hash-Kette, den Fortschritt zur Bewertung und heute, ein Nachspielen der Historie, die Prüfung der Hash-Kette, ein Prüfskript und SHA-256-Prüfsummen. Es wird auf dem Server erstellt; je Person läuft ein Auftrag zur Zeit.'),
    el('form', { class: 'filters', 'aria-label': 'Prüfpaket', onsubmit: async (e) => {
      e.preventDefault();
      const id = choice.querySelector('select').value;
      status.textContent = 'Prüfpaket wird beauftragt …';
      try {
        await follow(await api('/api/audit/packages', { agreementId: id }, { method: 'POST', now: true }));
      } catch (error) {
        bar.hidden = true;
        status.replaceChildren(refusal(error));
        refresh();
      }
    } }, choice, el('button', { type: 'submit', id: 'package-start', disabled: !agreements.length }, 'Prüfpaket erstellen')),
    bar,
    status,
    el('h3', {}, 'Prüfaufträge'),
    el('button', { type: 'button', class: 'secondary', id: 'jobs-refresh', onclick: refresh }, 'Aktualisieren'),
    jobs,
  ];
}

// the keyed seals (ADR 0010): up to where the chain is vouched for, and the first seal that does not hold
/** @param {{ latest?: any, unsealedLinks?: number, firstBroken?: any }} seals */
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
