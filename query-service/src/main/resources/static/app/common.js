// What several pages share: the registry, the default year, the year choices.

import { api } from './api.js';

let registry = null;

/** The registered Jobcenters (public names and keys), once per page load. */
export async function jobcenters() {
  if (!registry) registry = await api('/api/jobcenters', { land: 'NW' }, { now: true });
  return registry;
}

export async function jobcenterName(id) {
  const found = (await jobcenters()).find((j) => j.jobcenterId === id);
  return found ? found.name : `Jobcenter ${id}`;
}

/** The year a page opens with: the latest agreement's year the caller may read, else the year before this one. */
export async function defaultYear() {
  try {
    const agreements = await api('/api/agreements');
    if (agreements.length) return Math.max(...agreements.map((a) => a.year));
  } catch { /* no agreements for this role */ }
  return new Date().getFullYear() - 1;
}

export function yearOptions(selected) {
  const last = Math.max(new Date().getFullYear(), Number(selected) || 0);
  const years = [];
  for (let y = last; y >= 2012; y -= 1) years.push([y, String(y)]);
  return years;
}
