// The router: only addresses of the documented form reach a page (docs/dashboard.md); anything else is refused
// with a German reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { address, PAGE_IDS, parse, validStand } from '../../main/resources/static/app/routes.js';

const catalogue = new Set(['K1', 'K2', 'K2E4', 'K3E1']);
const isIndicator = (/** @type {string} */ code) => catalogue.has(code);
const route = (/** @type {string} */ hash) => parse(hash, isIndicator);
const nextYear = new Date().getFullYear() + 1;

test('an empty address is the role’s first page', () => {
  for (const hash of ['', '#', '#/']) {
    const r = route(hash);
    assert.equal(r.page, '');
    assert.equal(r.error, undefined);
    assert.equal(r.id, null);
  }
});

test('a page with its id and parameters is split and checked', () => {
  const r = route('#/jobcenter/05122?jahr=2014&kennzahl=K2E4');
  assert.equal(r.error, undefined);
  assert.equal(r.page, 'jobcenter');
  assert.equal(r.id, '05122');
  assert.deepEqual(Object.fromEntries(r.params), { jahr: '2014', kennzahl: 'K2E4' });
});

test('every documented address is accepted', () => {
  for (const hash of ['#/uebersicht?jahr=2014&traeger=zkT&vergleichstyp=', '#/jobcenter', '#/vereinbarung/05122-2014',
    '#/vereinbarung', '#/vergleich?kennzahl=K2&monat=2014-12&ansicht=TWELVE_MONTH&vergleichstyp=IIb',
    '#/pruefung', '#/betrieb?status=RESUBMITTED', '#/betrieb?status=', `#/uebersicht?jahr=${nextYear}`]) {
    assert.equal(route(hash).error, undefined, hash);
  }
});

test('the pages the router knows', () => {
  assert.deepEqual(PAGE_IDS, ['uebersicht', 'jobcenter', 'vereinbarung', 'vergleich', 'pruefung', 'betrieb']);
});

test('a malformed Jobcenter id is refused in German, quoting it', () => {
  assert.equal(route('#/jobcenter/5122').error, '„5122“ ist keine Jobcenter-Kennung (fünf Ziffern, z. B. 05122).');
  assert.match(route('#/jobcenter/05122x').error, /keine Jobcenter-Kennung/);
});

test('an indicator outside the catalogue is refused, one in it accepted', () => {
  assert.equal(route('#/jobcenter/05122?kennzahl=K9').error, '„K9“ ist keine Kennzahl nach § 48a SGB II (z. B. K2).');
  assert.match(route('#/vergleich?kennzahl=k2').error, /keine Kennzahl/, 'codes are case-sensitive');
  assert.equal(route('#/vergleich?kennzahl=K3E1').error, undefined);
});

test('an unknown page, parameter or sub-page is refused', () => {
  assert.equal(route('#/admin').error, 'Die Seite „admin“ gibt es nicht.');
  assert.equal(route('#/uebersicht?land=BY').error, 'Die Adresse enthält den unbekannten Parameter „land“.');
  assert.equal(route('#/pruefung/05122').error, 'Diese Seite hat keine Unterseite „05122“.');
});

test('years, months, agreements and choices outside their range are refused', () => {
  assert.match(route('#/uebersicht?jahr=1999').error, /kein Jahr zwischen 2000 und/);
  assert.match(route(`#/uebersicht?jahr=${nextYear + 1}`).error, /kein Jahr/);
  assert.match(route('#/vergleich?monat=2014-13').error, /kein Berichtsmonat/);
  assert.match(route('#/vereinbarung/05122-1999').error, /keine Kennung einer Zielvereinbarung/);
  assert.match(route('#/vergleich?ansicht=MONTH').error, /keine Ansicht/);
  assert.match(route('#/uebersicht?traeger=ARGE').error, /keine Trägerart/);
  assert.match(route('#/uebersicht?vergleichstyp=a%20b').error, /kein Vergleichstyp/);
  assert.match(route('#/betrieb?status=DONE').error, /kein Status/);
});

test('a long value is shortened in the message', () => {
  const error = route(`#/jobcenter/${'9'.repeat(60)}`).error;
  assert.ok(error.startsWith(`„${'9'.repeat(40)}…“`), error);
});

test('an address that cannot be decoded is refused', () => {
  assert.equal(route('#/jobcenter/%E0%A4%A').error, 'Die Adresse ist nicht lesbar.');
});

test('markup in an address is only quoted as text, never accepted', () => {
  const r = route('#/jobcenter/%3Cimg%20src%3Dx%3E');
  assert.equal(r.error, '„<img src=x>“ ist keine Jobcenter-Kennung (fünf Ziffern, z. B. 05122).');
});

test('an address is built from the parameters that have a value, and parsed back', () => {
  const hash = address('jobcenter', '05122', { jahr: 2014, kennzahl: 'K2', leer: '', nichts: null });
  assert.equal(hash, '#/jobcenter/05122?jahr=2014&kennzahl=K2');
  assert.deepEqual(Object.fromEntries(route(hash).params), { jahr: '2014', kennzahl: 'K2' });
  assert.equal(address('uebersicht', null, {}), '#/uebersicht');
  assert.equal(address('vergleich', null, { vergleichstyp: 'I a' }), '#/vergleich?vergleichstyp=I+a');
});

test('a Stand is an ISO instant in UTC from the year 2000', () => {
  assert.equal(validStand('2014-12-31T23:00:00Z'), '2014-12-31T23:00:00Z');
  assert.equal(validStand('2014-12-31T23:00:00.123456789Z'), '2014-12-31T23:00:00.123456789Z');
  for (const bad of ['2014-12-31T23:00:00+01:00', '2014-12-31', '1999-12-31T23:00:00Z', '2014-13-01T00:00:00Z', 'now', null, 42]) {
    assert.equal(validStand(bad), null, String(bad));
  }
});
