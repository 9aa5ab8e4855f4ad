// The traffic light and the attainment as the pages show them: the word always next to the colour, what was
// agreed in words, the month a target's row shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { latestWithValue, lightParts, percentDone, statusWord, targetText } from '../../main/resources/static/app/attainment.js';

test('every traffic light status has its German word', () => {
  assert.equal(statusWord('ON_TRACK'), 'im Plan');
  assert.equal(statusWord('AT_RISK'), 'gefährdet');
  assert.equal(statusWord('OFF_TRACK'), 'nicht im Plan');
  assert.equal(statusWord('MONITORING'), 'Beobachtung');
  assert.equal(statusWord('NOT_COMPUTABLE'), 'nicht berechenbar');
});

test('the assessment has its words too', () => {
  assert.equal(statusWord('ACHIEVED'), 'erreicht');
  assert.equal(statusWord('NOT_ACHIEVED'), 'nicht erreicht');
  assert.equal(statusWord('ACHIEVED_CONSIDERING_DEVIATIONS'), 'erreicht unter Berücksichtigung von Abweichungen');
});

test('an unknown status shows its name, none a dash', () => {
  assert.equal(statusWord('SOMETHING_NEW'), 'SOMETHING_NEW');
  assert.equal(statusWord(null), '–');
  assert.equal(statusWord(undefined), '–');
});

test('a light carries its status as class and data, and its word as title and text', () => {
  assert.deepEqual(lightParts('AT_RISK'), { className: 'light AT_RISK', title: 'gefährdet', status: 'AT_RISK', text: 'gefährdet' });
});

test('a light next to a value names the value and the status in words', () => {
  assert.equal(lightParts('ON_TRACK', '20,99 %').text, '20,99 % (im Plan)');
  assert.equal(lightParts('NOT_COMPUTABLE', 'kein Wert').text, 'kein Wert (nicht berechenbar)');
});

test('a light without a status has no colour class and says so', () => {
  assert.deepEqual(lightParts(null), { className: 'light ', title: '–', status: '', text: '–' });
});

test('what was agreed, in words, with the unit and the base year', () => {
  assert.equal(targetText({ type: 'RELATIVE_CHANGE', value: '2', baseYear: 2013 }),
    'Steigerung gegenüber dem Basisjahr um 2 % (Basisjahr 2013)');
  assert.equal(targetText({ type: 'RELATIVE_CHANGE', value: 2.5 }), 'Steigerung gegenüber dem Basisjahr um 2,50 %');
  assert.equal(targetText({ type: 'LEVEL', value: 19.98 }), 'Zielwert 19,98');
  assert.equal(targetText({ type: 'MAX_CHANGE', value: -1.5 }), 'höchstens Veränderung um -1,50 %');
  assert.equal(targetText({ type: 'MONITORING' }), 'Monitoring (ohne Zielwert)');
  assert.equal(targetText(null), '–');
});

test("a target's row shows the latest month with a year-to-date value", () => {
  const months = [
    { reportingMonth: '2014-01', yearToDate: { percent: '1.5' } },
    { reportingMonth: '2014-02', yearToDate: { percent: 0 } },
    { reportingMonth: '2014-03', yearToDate: { notComputable: 'denominator is zero' } },
    { reportingMonth: '2014-04', yearToDate: null },
  ];
  assert.equal(latestWithValue(months).reportingMonth, '2014-02', 'zero is a value; a month without one is skipped');
});

test("a target's row without any value shows the first month", () => {
  const months = [{ reportingMonth: '2014-01', yearToDate: { percent: null } }, { reportingMonth: '2014-02' }];
  assert.equal(latestWithValue(months).reportingMonth, '2014-01');
  assert.equal(latestWithValue([]), undefined);
});

test('progress is in whole per cent and never above 100', () => {
  assert.equal(percentDone(500, 10027), 4);
  assert.equal(percentDone(10027, 10027), 100);
  assert.equal(percentDone(12000, 10027), 100);
  assert.equal(percentDone(3, 0), null);
});
