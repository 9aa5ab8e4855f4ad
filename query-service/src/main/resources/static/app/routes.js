// @ts-check
// What an address of the dashboard may hold, page by page (docs/dashboard.md): ids and choices of the documented
// form only. Anything else is refused with a German message before a page sees it, so no request ever carries
// what someone typed into the address bar. Pure: the indicator codes come from the catalogue the caller passes.

/**
 * @typedef {{ page: string, id: string | null, params: URLSearchParams, error?: undefined }
 *   | { page: string, error: string, id?: undefined, params?: undefined }} Route
 * @typedef {(value: string) => boolean} Check
 * @typedef {'jobcenter' | 'agreement' | 'year' | 'month' | 'indicator' | 'view' | 'carrier' | 'comparisonType'
 *   | 'deadLetterStatus'} Kind
 */

const thisYear = () => new Date().getFullYear();
const yearOk = (/** @type {number} */ y) => y >= 2000 && y <= thisYear() + 1;

const show = (/** @type {unknown} */ value) => {
  const text = String(value);
  return `„${text.length > 40 ? `${text.slice(0, 40)}…` : text}“`;
};

/**
 * One kind of value: the test and what to say when it fails; the indicator's test is the catalogue's.
 * @param {Check} isIndicator
 * @returns {Record<Kind, [Check, (v: string) => string]>}
 */
const kinds = (isIndicator) => ({
  jobcenter: [(v) => /^\d{5}$/.test(v), (v) => `${show(v)} ist keine Jobcenter-Kennung (fünf Ziffern, z. B. 05122).`],
  agreement: [(v) => /^\d{5}-\d{4}$/.test(v) && yearOk(Number(v.slice(6))),
    (v) => `${show(v)} ist keine Kennung einer Zielvereinbarung (Jobcenter und Jahr, z. B. 05122-2014).`],
  year: [(v) => /^\d{4}$/.test(v) && yearOk(Number(v)), (v) => `${show(v)} ist kein Jahr zwischen 2000 und ${thisYear() + 1}.`],
  month: [(v) => /^\d{4}-(0[1-9]|1[0-2])$/.test(v) && yearOk(Number(v.slice(0, 4))),
    (v) => `${show(v)} ist kein Berichtsmonat (Jahr und Monat, z. B. 2014-12).`],
  indicator: [(v) => isIndicator(v),
    (v) => `${show(v)} ist keine Kennzahl nach § 48a SGB II (z. B. K2).`],
  view: [(v) => v === 'YEAR_TO_DATE' || v === 'TWELVE_MONTH', (v) => `${show(v)} ist keine Ansicht (YEAR_TO_DATE oder TWELVE_MONTH).`],
  carrier: [(v) => v === '' || v === 'gE' || v === 'zkT', (v) => `${show(v)} ist keine Trägerart (gE oder zkT).`],
  comparisonType: [(v) => v === '' || /^[A-Za-z0-9]{1,10}$/.test(v), (v) => `${show(v)} ist kein Vergleichstyp.`],
  deadLetterStatus: [(v) => v === '' || v === 'PARKED' || v === 'RESUBMITTED', (v) => `${show(v)} ist kein Status (PARKED oder RESUBMITTED).`],
});

/**
 * Per page: what its id must be (none: no id allowed) and which parameters it takes.
 * @type {Record<string, { id?: Kind, params: Record<string, Kind> }>}
 */
const PAGES = {
  uebersicht: { params: { jahr: 'year', traeger: 'carrier', vergleichstyp: 'comparisonType' } },
  jobcenter: { id: 'jobcenter', params: { jahr: 'year', kennzahl: 'indicator' } },
  vereinbarung: { id: 'agreement', params: {} },
  vergleich: { params: { kennzahl: 'indicator', monat: 'month', ansicht: 'view', vergleichstyp: 'comparisonType' } },
  pruefung: { params: {} },
  betrieb: { params: { status: 'deadLetterStatus' } },
};

/** The page names the router knows. */
export const PAGE_IDS = Object.keys(PAGES);

/**
 * Splits an address (`#/jobcenter/05122?jahr=2014`) into page, id and parameters, and checks them: `{ page, id,
 * params }` with the checked values only, or `{ page, error }` with the German reason.
 * @param {string} hash
 * @param {Check} isIndicator whether a code is in the indicator catalogue (indicators.js)
 * @returns {Route}
 */
export function parse(hash, isIndicator) {
  const KINDS = kinds(isIndicator);
  const [path, query] = String(hash).replace(/^#\/?/, '').split('?');
  const [page, ...rest] = path.split('/');
  const spec = PAGES[page];
  if (!page) return { page, id: null, params: new URLSearchParams() }; // the role's first page
  if (!spec) return { page, error: `Die Seite ${show(page)} gibt es nicht.` };
  let id = null;
  if (rest.length) {
    try {
      id = decodeURIComponent(rest.join('/'));
    } catch {
      return { page, error: 'Die Adresse ist nicht lesbar.' };
    }
  }
  if (id !== null && id !== '') {
    if (!spec.id) return { page, error: `Diese Seite hat keine Unterseite ${show(id)}.` };
    const [ok, say] = KINDS[spec.id];
    if (!ok(id)) return { page, error: say(id) };
  } else {
    id = null;
  }
  const given = new URLSearchParams(query || '');
  const params = new URLSearchParams();
  for (const [name, value] of given) {
    const kind = spec.params[name];
    if (!kind) return { page, error: `Die Adresse enthält den unbekannten Parameter ${show(name)}.` };
    const [ok, say] = KINDS[kind];
    if (!ok(value)) return { page, error: say(value) };
    params.set(name, value);
  }
  return { page, id, params };
}

/**
 * The address of a page: `address('jobcenter', '05122', { jahr: 2014 })` → `#/jobcenter/05122?jahr=2014`;
 * parameters without a value are left out.
 * @param {string} page
 * @param {string | null} [id]
 * @param {Record<string, string | number | null | undefined>} [params]
 */
export function address(page, id, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') query.set(name, String(value));
  }
  return `#/${page}${id ? `/${encodeURIComponent(id)}` : ''}${[...query].length ? `?${query}` : ''}`;
}

/**
 * A Stand as the API takes it: an ISO instant in UTC between 2000 and 9999, else null.
 * @param {unknown} value
 * @returns {string | null}
 */
export function validStand(value) {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/.test(value)) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) || Number(value.slice(0, 4)) < 2000 ? null : value;
}
