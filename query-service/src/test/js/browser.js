// What the dashboard's modules read of the browser, faked for Node: sessionStorage, location, document.cookie and
// fetch. Imported first by a test file, before the modules under test; each test file runs in its own process.

/** A request the fake fetch received. @typedef {{ url: URL, method: string, headers: Record<string, string>, body?: unknown }} Sent */
/** @typedef {(url: URL, init: RequestInit) => Response | Promise<Response>} Answer */

class MemoryStorage {
  constructor() { /** @type {Map<string, string>} */ this.values = new Map(); }
  /** @param {string} key */
  getItem(key) { return this.values.has(key) ? this.values.get(key) : null; }
  /** @param {string} key @param {string} value */
  setItem(key, value) { this.values.set(key, String(value)); }
  /** @param {string} key */
  removeItem(key) { this.values.delete(key); }
  clear() { this.values.clear(); }
}

const g = /** @type {any} */ (globalThis);
g.sessionStorage = new MemoryStorage();
g.location = { origin: 'http://dashboard.test', hash: '', search: '' };
g.document = { cookie: '' };

/** @type {Sent[]} */
export const sent = [];
/** @type {Answer} */
let answer = () => { throw new Error('no answer set for this test'); };

g.fetch = async (/** @type {string | URL} */ target, /** @type {RequestInit} */ init = {}) => {
  const url = new URL(String(target), g.location.origin);
  sent.push({ url, method: init.method || 'GET', headers: /** @type {Record<string, string>} */ ({ ...(init.headers || {}) }), body: init.body });
  return answer(url, init);
};

/**
 * Sets how the fake server answers, and forgets earlier requests and the browser state of earlier tests.
 * @param {Answer} next
 */
export function answerWith(next) {
  answer = next;
  sent.length = 0;
  g.sessionStorage.clear();
  g.document.cookie = '';
}

/**
 * A JSON answer.
 * @param {unknown} body
 * @param {number} [status]
 * @param {Record<string, string>} [headers]
 */
export const json = (body, status = 200, headers = {}) => new Response(JSON.stringify(body), {
  status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
});

/**
 * Answers by path: `routes({ '/api/indicators': () => json([...]) })`; any other path is a 404 problem.
 * @param {Record<string, Answer>} byPath
 * @returns {Answer}
 */
export const routes = (byPath) => (url, init) => (byPath[url.pathname]
  ? byPath[url.pathname](url, init)
  : json({ title: 'Not found', status: 404, detail: `No such resource ${url.pathname}` }, 404));
