// @ts-check
// The § 48a indicators as the API serves them (GET /api/indicators): code, German name, direction, unit. The
// dashboard keeps no copy of its own; the catalogue is loaded once per page load, before a page names an
// indicator, and then read synchronously.

import { api } from './api.js';

/**
 * @typedef {'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER'} Direction
 * @typedef {{ code: string, name: string, direction: Direction, unit?: unknown }} Indicator
 */

/** @type {Indicator[] | null} */
let loaded = null;
/** @type {Promise<Indicator[]> | null} */
let loading = null;

/**
 * The catalogue, fetched on the first call and kept for the page load; a failed load is not kept, so the next
 * page tries again.
 * @returns {Promise<Indicator[]>}
 */
export function loadIndicators() {
  if (loaded) return Promise.resolve(loaded);
  if (!loading) {
    loading = api('/api/indicators', {}, { now: true }).then((list) => {
      loaded = list;
      return list;
    }, (error) => {
      loading = null;
      throw error;
    });
  }
  return loading;
}

/**
 * The loaded catalogue; pages run after main.js has awaited loadIndicators(), so it is there.
 * @returns {Indicator[]}
 */
function catalogue() {
  if (!loaded) throw new Error('Der Kennzahlenkatalog ist noch nicht geladen.');
  return loaded;
}

/**
 * Whether `code` is one of the catalogue's indicators.
 * @param {string | null | undefined} code
 */
export const isIndicator = (code) => catalogue().some((i) => i.code === code);

/**
 * The German name of an indicator, or the code itself for one the catalogue does not know.
 * @param {string} code
 */
export function indicatorName(code) {
  const found = catalogue().find((i) => i.code === code);
  return found ? found.name : code;
}

/**
 * Choices for a select: [code, "K2 – Integrationsquote"], in the catalogue's order.
 * @returns {Array<[string, string]>}
 */
export const indicatorOptions = () => catalogue().map((i) => [i.code, `${i.code} – ${i.name}`]);

/**
 * Which way is good for an indicator, in German ("hoher Wert ist besser"), or '' when the catalogue does not say.
 * @param {string} code
 */
export function directionText(code) {
  const found = catalogue().find((i) => i.code === code);
  if (!found) return '';
  return found.direction === 'LOWER_IS_BETTER' ? 'ein niedriger Wert ist besser' : 'ein hoher Wert ist besser';
}

/** Forgets the catalogue (tests; a new login never needs it, the catalogue is the same for every role). */
export function forgetIndicators() {
  loaded = null;
  loading = null;
}
