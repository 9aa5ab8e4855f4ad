// @ts-check
// Zielvereinbarung: parties, signatures, goals and sub-goals with progress, targets with their status, the
// dialogue timeline with deviations, the assessment; as known at the Stand.

import { api } from '../api.js';
import { latestWithValue, targetText } from '../attainment.js';
import { day, GOAL_STATUS, instant, month, PARTY, pct, points, STATUS } from '../format.js';
import { jobcenterName } from '../common.js';
import { dataTable, el, light } from '../ui.js';

async function list() {
  const agreements = await api('/api/agreements');
  const names = await Promise.all(agreements.map((a) => jobcenterName(a.jobcenterId)));
  return [
    el('h1', {}, 'Zielvereinbarungen'),
    dataTable({
      id: 'agreements-table', caption: 'Zielvereinbarungen', csv: 'zielvereinbarungen.csv', rows: agreements.map((a, i) => ({ ...a, name: names[i] })),
      columns: [
        { label: 'Vereinbarung', sort: (a) => a.agreementId, value: (a) => el('a', { href: `#/vereinbarung/${a.agreementId}` }, a.agreementId) },
        { label: 'Jobcenter', sort: (a) => a.name, value: (a) => `${a.name} (${a.jobcenterId})` },
        { label: 'Jahr', sort: (a) => a.year, value: (a) => String(a.year) },
        { label: 'Titel', value: (a) => a.title },
      ],
      empty: 'Zu diesem Stand ist keine Zielvereinbarung bekannt.',
    }),
  ];
}

/** @param {import('../main.js').PageContext} context */
export async function render({ id }) {
  if (!id) return list();
  const [agreement, progress] = await Promise.all([api(`/api/agreements/${id}`), api(`/api/agreements/${id}/progress`)]);
  const content = agreement.content;
  const name = await jobcenterName(agreement.jobcenterId);
  const progressById = new Map(progress.targets.map((t) => [t.targetId, t]));
  const targets = agreement.targets.map((t) => ({ ...t, progress: progressById.get(t.targetId), shown: latestWithValue(progressById.get(t.targetId).months) }));

  const parties = el('dl', { class: 'facts', id: 'parties' }, content.parties.map((p) => [
    el('dt', {}, PARTY[p.role] || p.role),
    el('dd', {}, `${p.organisation}, vertreten durch ${p.representativeOffice} ${p.representativeName}`)]));
  const signatures = dataTable({
    id: 'signatures-table', caption: 'Unterschriften', rows: agreement.signatures,
    columns: [
      { label: 'Partei', value: (s) => PARTY[s.party] || s.party },
      { label: 'Ort', value: (s) => s.place },
      { label: 'Datum', value: (s) => day(s.date) },
    ],
    empty: 'Noch nicht unterschrieben.',
  });
  const targetTable = dataTable({
    id: 'targets-table', caption: `Ziele und Stand der Zielerreichung ${agreement.year}`, csv: `ziele-${id}.csv`, rows: targets,
    columns: [
      { label: 'Ziel', value: (t) => t.targetId },
      { label: 'Kennzahl', value: (t) => el('a', { href: `#/jobcenter/${agreement.jobcenterId}?jahr=${agreement.year}&kennzahl=${t.current.indicator}` }, `${t.current.indicator} ${t.progress.name}`) },
      { label: 'Vereinbart', value: (t) => targetText(t.current) + (t.revisions.length ? ` (geändert, ursprünglich: ${targetText(t.concluded)})` : '') },
      { label: 'Monat', value: (t) => month(t.shown.reportingMonth) },
      { label: 'Jahreswert bis Monat', num: true, value: (t) => pct(t.shown.yearToDate && t.shown.yearToDate.percent) },
      { label: 'Zielwert', num: true, value: (t) => pct(t.shown.targetLevel) },
      { label: 'Prognose Dezember', num: true, value: (t) => pct(t.shown.forecast) },
      { label: 'Abstand', num: true, value: (t) => points(t.shown.gap) },
      { label: 'Status', value: (t) => light(t.shown.status) },
    ],
  });
  const revisions = targets.flatMap((t) => t.revisions.map((r) => el('li', {}, `${t.targetId}: ${targetText(r.target)} ab ${day(r.effectiveFrom)} – ${r.reason} (erfasst ${instant(r.recordedAt)})`)));

  const progressOf = (goalId) => {
    const records = agreement.goalProgress[goalId] || [];
    const last = records[records.length - 1];
    return last ? el('p', {}, el('span', { class: 'badge ok' }, GOAL_STATUS[last.status] || last.status), ` ${day(last.date)}: ${last.note || ''}`) : el('p', { class: 'muted' }, 'Kein Fortschritt erfasst.');
  };
  const goals = content.goals.map((g) => el('section', { class: 'card', 'aria-labelledby': `goal-${g.goalId}` },
    el('h3', { id: `goal-${g.goalId}` }, `Ziel ${g.goalId}: ${g.title}`),
    el('details', {}, el('summary', {}, 'Beschreibung'), el('p', { class: 'pre' }, g.description || '')),
    el('p', {}, 'Ziele: ', g.targets.map((t) => targetText(t)).join('; ') || '–'),
    progressOf(g.goalId),
    g.subGoals.length ? el('ul', {}, g.subGoals.map((s) => el('li', {}, el('strong', {}, `${s.subGoalId} ${s.title}`), progressOf(s.subGoalId)))) : null));

  const held = new Map(agreement.steeringDialogues.map((d) => [d.dialogueId, d]));
  const timeline = el('ol', { class: 'timeline', id: 'dialogues' }, agreement.schedule.map((s) => {
    const dialogue = s.dialogueId ? held.get(s.dialogueId) : null;
    return el('li', { class: s.overdue ? 'overdue' : '' },
      el('strong', {}, `${s.number}. Steuerungsdialog`), ` fällig bis ${day(s.dueBy)}: `,
      dialogue ? `gehalten am ${day(s.heldOn)}` : 'noch nicht gehalten',
      s.overdue ? [' ', el('span', { class: 'badge warn' }, 'überfällig')] : null,
      dialogue ? el('div', {},
        el('p', {}, `Teilnehmende: ${dialogue.participants.join(', ')}`),
        Object.keys(dialogue.findings || {}).length ? el('dl', { class: 'facts' }, Object.entries(dialogue.findings).map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])) : null,
        dialogue.agreedActions.length ? el('p', {}, `Vereinbart: ${dialogue.agreedActions.join('; ')}`) : null,
        dialogue.deviations.length ? el('div', {}, el('p', {}, el('strong', {}, 'Abweichungen in den Rahmenbedingungen:')),
          el('ul', { class: 'deviations' }, dialogue.deviations.map((d) => el('li', {}, `${d.description} (betrifft ${d.affectedIndicators.join(', ')}${d.estimatedEffect != null ? `; geschätzte Wirkung ${points(d.estimatedEffect)}` : ''})`)))) : null) : null);
  }));

  const assessment = agreement.assessment;
  const assessmentBlock = assessment ? [
    el('p', {}, `Bewertet am ${day(assessment.assessedOn)}. `, assessment.reasoning || ''),
    dataTable({
      id: 'assessment-table', caption: 'Bewertung der Zielerreichung', csv: `bewertung-${id}.csv`, rows: assessment.targets,
      columns: [
        { label: 'Ziel', value: (t) => t.targetId },
        { label: 'Jahreswert', num: true, value: (t) => pct(t.yearValue) },
        { label: 'Zielwert', num: true, value: (t) => pct(t.targetLevel) },
        { label: 'Rechnerisch', value: (t) => light(t.computed) },
        { label: 'Ergebnis', value: (t) => light(t.result) },
        { label: 'Begründung', value: (t) => t.reasoning || '' },
      ],
    }),
  ] : [el('p', { class: 'muted', id: 'no-assessment' }, 'Das Jahr ist noch nicht bewertet.')];

  return [
    el('h1', {}, content.title),
    el('p', { class: 'lead' }, `${name} (${agreement.jobcenterId}), ${agreement.year} · Vereinbarung ${id} · `,
      agreement.inForceSince ? `in Kraft seit ${day(agreement.inForceSince)}` : 'noch nicht in Kraft',
      ` · abgeschlossen (erfasst) ${instant(agreement.concludedAt)}`),
    el('p', {}, el('a', { href: '#/vereinbarung' }, 'Alle Zielvereinbarungen')),
    el('h2', {}, 'Vertragsparteien'), parties, el('p', { class: 'muted' }, content.legalBasis),
    signatures,
    el('h2', {}, 'Ziele und Zielerreichung'),
    el('p', { class: 'muted' }, `Status: ${Object.values(STATUS).slice(0, 4).join(', ')} – gemessen an der Prognose für Dezember.`),
    targetTable,
    revisions.length ? el('div', {}, el('h3', {}, 'Zieländerungen'), el('ul', {}, revisions)) : null,
    el('h2', {}, 'Ziele und Teilziele'),
    el('div', { class: 'cards' }, goals),
    el('h2', {}, 'Steuerungsdialoge'),
    timeline,
    el('h2', {}, 'Bewertung'),
    ...assessmentBlock,
  ];
}

export const refreshOn = (data, route) => Boolean(route.id && route.id.startsWith(`${data.jobcenterId}-`));
