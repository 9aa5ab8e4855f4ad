// The indicator catalogue comes from GET /api/indicators, once per page load; the router and the pages read it.
import { answerWith, json, routes, sent } from './browser.js';
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  directionText, forgetIndicators, indicatorName, indicatorOptions, isIndicator, loadIndicators,
} from '../../main/resources/static/app/indicators.js';
import { parse } from '../../main/resources/static/app/routes.js';

const CATALOGUE = [
  { code: 'K1', name: 'Veränderung der Summe der Leistungen zum Lebensunterhalt', direction: 'LOWER_IS_BETTER', unit: 'PERCENT_CHANGE' },
  { code: 'K2', name: 'Integrationsquote', direction: 'HIGHER_IS_BETTER', unit: 'PERCENT' },
  { code: 'K3E3', name: 'Zugangsrate der Langzeitleistungsbeziehenden', direction: 'LOWER_IS_BETTER', unit: 'PERCENT' },
];

beforeEach(() => {
  forgetIndicators();
  answerWith(routes({ '/api/indicators': () => json(CATALOGUE) }));
});

test('the catalogue is asked for once, however many pages need it at the same time', async () => {
  const [first, second] = await Promise.all([loadIndicators(), loadIndicators()]);
  await loadIndicators();
  assert.deepEqual(first, CATALOGUE);
  assert.equal(second, first);
  assert.equal(sent.length, 1);
  assert.equal(sent[0].url.pathname, '/api/indicators');
});

test('the catalogue is the same at every Stand, so no asOf goes along', async () => {
  sessionStorage.setItem('zielmonitor.stand', '2014-12-31T23:00:00Z');
  await loadIndicators();
  assert.equal(sent[0].url.search, '');
});

test("names, choices and directions are the API's", async () => {
  await loadIndicators();
  assert.equal(indicatorName('K2'), 'Integrationsquote');
  assert.equal(indicatorName('K9'), 'K9', 'an unknown code is shown as it is');
  assert.deepEqual(indicatorOptions(), [
    ['K1', 'K1 – Veränderung der Summe der Leistungen zum Lebensunterhalt'],
    ['K2', 'K2 – Integrationsquote'],
    ['K3E3', 'K3E3 – Zugangsrate der Langzeitleistungsbeziehenden'],
  ]);
  assert.equal(directionText('K2'), 'ein hoher Wert ist besser');
  assert.equal(directionText('K3E3'), 'ein niedriger Wert ist besser');
  assert.equal(directionText('K9'), '');
});

test('the router accepts exactly the codes of the catalogue', async () => {
  await loadIndicators();
  assert.equal(isIndicator('K3E3'), true);
  assert.equal(isIndicator('K2E4'), false, 'not in this catalogue');
  assert.equal(parse('#/vergleich?kennzahl=K3E3', isIndicator).error, undefined);
  assert.match(parse('#/vergleich?kennzahl=K2E4', isIndicator).error, /keine Kennzahl/);
});

test('reading the catalogue before it is loaded is a programming error, not an empty list', () => {
  assert.throws(() => isIndicator('K2'), /nicht geladen/);
});

test('a failed load is not kept: the next page asks again', async () => {
  answerWith(() => json({ status: 503 }, 503));
  await assert.rejects(loadIndicators(), /nicht erreichbar \(503\)/);
  answerWith(routes({ '/api/indicators': () => json(CATALOGUE) }));
  assert.equal((await loadIndicators()).length, 3);
  assert.equal(sent.length, 1);
});
