// @ts-check
// What several pages share: the registry, the default year, the year choices.

import { api } from './api.js';

/**
 * @typedef {{ jobcenterId: string, name: string, carrierType?: string, comparisonType?: string | null }} Jobcenter
 */

/** @type {Jobcenter[] | null} */
let registry = null;

/**
 * The registered Jobcenters (public names and keys), once per page load.
 * @returns {Promise<Jobcenter[]>}
 */
export async function jobcenters() {
  if (!registry) registry = await api('/api/jobcenters', { land: 'NW' }, { now: true });
  return registry;
}

/**
 * @param {string} id
 * @returns {Promise<string>}
 */
export async function jobcenterName(id) {
  const found = (await jobcenters()).find((j) => j.jobcenterId === id);
  return found ? found.name : `Jobcenter ${id}`;
}

/**
 * The year a page opens with: the latest agreement's year the caller may read, else the year before this one.
 * @returns {Promise<number>}
 */
export async function defaultYear() {
  try {
    const agreements = await api('/api/agreements');
    if (agreements.length) return Math.max(...agreements.map((/** @type {{ year: number }} */ a) => a.year));
  } catch { /* no agreements for this role */ }
  return new Date().getFullYear() - 1;
}

/**
 * The years to choose from, newest first, down to 2012 (the statistics' first year).
 * @param {number | string} selected
 * @returns {Array<[number, string]>}
 */
export function yearOptions(selected) {
  const last = Math.max(new Date().getFullYear(), Number(selected) || 0);
  /** @type {Array<[number, string]>} */
  const years = [];
  for (let y = last; y >= 2012; y -= 1) years.push([y, String(y)]);
  return years;
}
