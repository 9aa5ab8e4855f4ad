// The Jobcenter page's requests: the indicator in total and by gender in one request (GET …/genders), the
// figures and the agreement's target; a missing split shows as null, not as a failure.
import { answerWith, json, routes, sent } from './browser.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadIndicatorYear } from '../../main/resources/static/app/pages/jobcenter.js';

const series = (/** @type {string} */ percent) => ({
  jobcenterId: '05122', indicator: 'K2', name: 'Integrationsquote', year: 2014,
  months: [{ reportingMonth: '2014-01', yearToDate: { percent, numerator: 100, denominator: 1000 } }],
});
const TOTAL = series('10.00');
const FEMALE = series('9.00');
const MALE = series('11.00');
const FIGURES = { months: [{ reportingMonth: '2014-01', corrections: 0 }] };
const PROGRESS = { agreementId: '05122-2014', targets: [{ targetId: 'II-K2', indicator: 'K2', months: [] }, { targetId: 'II-K3', indicator: 'K3', months: [] }] };

/** @param {unknown} split */
const server = (split) => routes({
  '/api/jobcenters/05122/figures': () => json(FIGURES),
  '/api/jobcenters/05122/indicators/K2/genders': () => json(split),
  '/api/agreements': () => json([{ agreementId: '05122-2014', year: 2014 }]),
  '/api/agreements/05122-2014/progress': () => json(PROGRESS),
});

test('the total and the gender split come in one request, with the year and the Stand', async () => {
  answerWith(server({ TOTAL, FEMALE, MALE }));
  sessionStorage.setItem('zielmonitor.stand', '2015-03-01T00:00:00Z');
  const shown = await loadIndicatorYear('05122', 2014, 'K2');
  assert.deepEqual(shown.total, TOTAL);
  assert.deepEqual(shown.female, FEMALE);
  assert.deepEqual(shown.male, MALE);
  const indicatorCalls = sent.filter((r) => r.url.pathname.includes('/indicators/'));
  assert.equal(indicatorCalls.length, 1, 'no request per gender any more');
  assert.equal(indicatorCalls[0].url.pathname, '/api/jobcenters/05122/indicators/K2/genders');
  assert.deepEqual(Object.fromEntries(indicatorCalls[0].url.searchParams), { year: '2014', asOf: '2015-03-01T00:00:00Z' });
  assert.ok(sent.every((r) => !r.url.searchParams.has('gender')));
});

test('the figures and the target of the agreement for the indicator come along', async () => {
  answerWith(server({ TOTAL, FEMALE, MALE }));
  const shown = await loadIndicatorYear('05122', 2014, 'K2');
  assert.deepEqual(shown.figures, FIGURES);
  assert.equal(shown.target.targetId, 'II-K2');
  assert.equal(shown.target.agreementId, '05122-2014');
  assert.deepEqual(Object.fromEntries(sent.find((r) => r.url.pathname === '/api/agreements').url.searchParams),
    { year: '2014', jobcenterId: '05122' });
  assert.equal(sent.length, 4);
});

test('figures without a gender split leave female and male empty', async () => {
  answerWith(server({ TOTAL, FEMALE: null, MALE: null }));
  const shown = await loadIndicatorYear('05122', 2014, 'K2');
  assert.deepEqual(shown.total, TOTAL);
  assert.equal(shown.female, null);
  assert.equal(shown.male, null);
});

test('without an agreement there is no target, and the page still has its values', async () => {
  answerWith(routes({
    '/api/jobcenters/05122/figures': () => json(FIGURES),
    '/api/jobcenters/05122/indicators/K2/genders': () => json({ TOTAL, FEMALE, MALE }),
    '/api/agreements': () => json([]),
  }));
  const shown = await loadIndicatorYear('05122', 2014, 'K2');
  assert.equal(shown.target, null);
  assert.deepEqual(shown.total, TOTAL);
});

test('a refused split fails the page with the German reason', async () => {
  answerWith(routes({
    '/api/jobcenters/05122/figures': () => json(FIGURES),
    '/api/jobcenters/05122/indicators/K2/genders': () => json({ status: 403, detail: 'Jobcenter 05911 may read only its own figures' }, 403),
    '/api/agreements': () => json([]),
  }));
  await assert.rejects(loadIndicatorYear('05122', 2014, 'K2'), { status: 403, message: /^Keine Berechtigung/ });
});
