// @ts-check
// How a target's attainment is shown, as plain data (no DOM, so it is unit-tested): the traffic light's word and
// class, what was agreed in words, the month a table shows, progress in per cent. ui.js and the pages draw it.

import { num, STATUS, TARGET_TYPE } from './format.js';

/**
 * @typedef {{ type: string, value?: number | string | null, baseYear?: number | null, indicator?: string }} Target
 * @typedef {{ percent?: number | string | null, notComputable?: string | null,
 *   numerator?: number | string | null, denominator?: number | string | null }} Rate
 * @typedef {{ reportingMonth: string, yearToDate?: Rate | null }} ProgressMonth
 * @typedef {{ className: string, title: string, status: string, text: string }} Light
 */

/**
 * The German word of a status (traffic light or assessment), the name itself for an unknown one, "–" for none.
 * @param {string | null | undefined} status
 */
export const statusWord = (status) => STATUS[status] || status || '–';

/**
 * A traffic light: its CSS class (the status, which gives the colour), its title and its visible text, which always
 * holds the word, so colour is never the only carrier of the status.
 * @param {string | null | undefined} status
 * @param {string} [text] what the light stands next to, e.g. the value "20,99 %"
 * @returns {Light}
 */
export function lightParts(status, text) {
  const label = statusWord(status);
  return {
    className: `light ${status || ''}`,
    title: label,
    status: status || '',
    text: text ? `${text} (${label})` : label,
  };
}

/**
 * What was agreed, in words: "Steigerung gegenüber dem Basisjahr um 2,00 % (Basisjahr 2013)", "Zielwert 19,98".
 * @param {Target | null | undefined} target
 */
export function targetText(target) {
  if (!target) return '–';
  if (target.type === 'MONITORING') return 'Monitoring (ohne Zielwert)';
  const unit = target.type === 'LEVEL' ? '' : ' %';
  return `${TARGET_TYPE[target.type] || target.type} ${num(target.value)}${unit}${target.baseYear ? ` (Basisjahr ${target.baseYear})` : ''}`;
}

/**
 * The month a target's row shows: the latest with a year-to-date value, else the first.
 * @template {ProgressMonth} M
 * @param {M[]} months
 * @returns {M | undefined}
 */
export function latestWithValue(months) {
  let shown = months[0];
  for (const m of months) if (m.yearToDate && m.yearToDate.percent != null) shown = m;
  return shown;
}

/**
 * Work done in whole per cent, never above 100 (a job may count past its estimate).
 * @param {number} done
 * @param {number} expected
 * @returns {number | null} null when nothing is expected
 */
export const percentDone = (done, expected) => (expected ? Math.floor((100 * Math.min(done, expected)) / expected) : null);
