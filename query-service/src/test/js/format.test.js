// German number and date formats as the dashboard shows them (and as the browser tests read them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { day, fromLocalInput, instant, month, monthAxis, num, pct, points, toLocalInput } from '../../main/resources/static/app/format.js';

const NBSP = '\u00a0';

test('a percentage has a decimal comma, two decimals and a non-breaking space before the sign', () => {
  assert.equal(pct(20.99), `20,99${NBSP}%`);
  assert.equal(pct('19.98'), `19,98${NBSP}%`, 'the API sends decimals as strings, too');
  assert.equal(pct(5), `5,00${NBSP}%`);
  assert.equal(pct(0.005), `0,01${NBSP}%`, 'rounded half up to two decimals');
  assert.equal(pct(1234.5), `1.234,50${NBSP}%`);
});

test('a missing value is a dash, but zero is a value', () => {
  for (const missing of [null, undefined, '']) {
    assert.equal(pct(missing), '–');
    assert.equal(points(missing), '–');
    assert.equal(num(missing), '–');
    assert.equal(day(/** @type {any} */ (missing)), '–');
    assert.equal(instant(/** @type {any} */ (missing)), '–');
    assert.equal(month(/** @type {any} */ (missing)), '–');
  }
  assert.equal(pct(0), `0,00${NBSP}%`);
  assert.equal(num(0), '0');
});

test('percentage points carry their sign: a plus for a gain, a minus for a loss, none for zero', () => {
  assert.equal(points(1.01), `+1,01${NBSP}Pp.`);
  assert.equal(points('0.3'), `+0,30${NBSP}Pp.`);
  assert.equal(points(-0.3), `-0,30${NBSP}Pp.`);
  assert.equal(points(0), `0,00${NBSP}Pp.`);
});

test('counts have thousands separators, amounts with a fraction two decimals', () => {
  assert.equal(num(10712), '10.712');
  assert.equal(num('1234567'), '1.234.567');
  assert.equal(num(1234.5), '1.234,50');
  assert.equal(num(-42), '-42');
});

test('a calendar date is day.month.year whatever the zone', () => {
  assert.equal(day('2014-04-14'), '14.04.2014');
  assert.equal(day('2014-01-01'), '01.01.2014');
  assert.equal(day('2014-12-31'), '31.12.2014');
});

test('an instant is shown in Berlin time, in winter and in summer', () => {
  assert.equal(instant('2026-12-02T10:28:25Z'), '02.12.2026, 11:28:25');
  assert.equal(instant('2014-07-01T22:30:00Z'), '02.07.2014, 00:30:00', 'summer time, past midnight in Berlin');
  assert.equal(instant('2014-03-30T00:59:59Z'), '30.03.2014, 01:59:59', 'the last second before the clocks change');
  assert.equal(instant('2014-03-30T01:00:00Z'), '30.03.2014, 03:00:00');
});

test('a reporting month is named in German', () => {
  assert.equal(month('2014-03'), 'März 2014');
  assert.equal(month('2014-12'), 'Dezember 2014');
  // the axis's short names are CLDR's ("Mär" or "März", by ICU version): the German month, without the year
  assert.match(monthAxis('2014-03'), /^Mär[z.]?$/);
  assert.match(monthAxis('2014-01'), /^Jan\.?$/);
});

test('the Stand input shows an instant in the browser zone and gives back the same instant', () => {
  const iso = '2014-12-31T22:59:58.000Z';
  const local = toLocalInput(iso);
  assert.match(local, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  assert.equal(fromLocalInput(local), iso);
});
