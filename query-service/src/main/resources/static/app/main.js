// @ts-check
// The dashboard's shell: login, navigation by role, the "Stand" (as-of instant) for every page, live updates,
// and a hash router (#/uebersicht, #/jobcenter/05122?jahr=2014, …) so every view has its own address.

import { api, auth, logIn, logOut, stand, subscribe, whoIs } from './api.js';
import { fromLocalInput, instant, ROLE, toLocalInput } from './format.js';
import { el, errorBox } from './ui.js';
import { isIndicator, loadIndicators } from './indicators.js';
import { loginPage, finishOidcLogin } from './login.js';
import { address, parse } from './routes.js';
import * as overview from './pages/overview.js';
import * as jobcenter from './pages/jobcenter.js';
import * as agreement from './pages/agreement.js';
import * as comparison from './pages/comparison.js';
import * as audit from './pages/audit.js';
import * as operations from './pages/operations.js';

/**
 * @typedef {{ name: string, roles: string[], jobcenterId?: string | null }} Me
 * @typedef {(page: string, id?: string | null, params?: Record<string, string | number | null | undefined>) => void} Go
 * @typedef {{ id: string | null, params: URLSearchParams, me: Me, go: Go }} PageContext
 * @typedef {{ render: (context: PageContext) => Promise<import('./ui.js').Child>,
 *   refreshOn?: (data: any, route: import('./routes.js').Route) => boolean }} PageModule
 * @typedef {{ id: string, label: string, roles: string[], module: PageModule }} Page
 */

const READERS = ['MINISTRY', 'JOBCENTER', 'AUDITOR'];
/** @type {Page[]} */
const PAGES = [
  { id: 'uebersicht', label: 'Übersicht', roles: READERS, module: overview },
  { id: 'jobcenter', label: 'Jobcenter', roles: READERS, module: jobcenter },
  { id: 'vereinbarung', label: 'Zielvereinbarung', roles: READERS, module: agreement },
  { id: 'vergleich', label: 'Vergleich', roles: READERS, module: comparison },
  { id: 'pruefung', label: 'Prüfung', roles: ['AUDITOR'], module: audit },
  { id: 'betrieb', label: 'Betrieb', roles: ['ADMIN', 'AUDITOR'], module: operations },
];

const main = document.getElementById('main');
const live = document.getElementById('live');
/** @type {Me | null} */
let me = null;
/** @type {{ securityMode: string, issuer?: string, clientId?: string } | null} */
let config = null;
/** @type {(() => void) | null} */
let unsubscribe = null;
/** @type {{ page: string, module: PageModule } | null} */
let current = null;
let renderTicket = 0;

/** @param {Page} page */
function allowed(page) {
  return me && page.roles.some((role) => me.roles.includes(role));
}

/**
 * The address, checked (routes.js) against the indicator catalogue: page, id and parameters of the documented
 * form, or the German reason. Only after loadIndicators().
 */
function route() {
  return parse(location.hash, isIndicator);
}

/**
 * Navigates within the dashboard: a new hash, rendered by the router.
 * @type {Go}
 */
export function go(page, id, params = {}) {
  const hash = address(page, id, params);
  if (location.hash === hash) render(); else location.hash = hash;
}

async function render() {
  if (!me) return;
  // the router and every page name indicators from the API's catalogue, loaded once
  try {
    await loadIndicators();
  } catch (error) {
    if (!me) return; // the catalogue's 401 ended the login
    main.replaceChildren(el('h1', {}, 'Zielmonitor'), errorBox(error));
    main.removeAttribute('aria-busy');
    main.dataset.page = 'error';
    main.dataset.rendered = String(Date.now());
    current = null;
    return;
  }
  const r = route();
  if (r.error) {
    const known = PAGES.find((p) => p.id === r.page && allowed(p)) || PAGES.find(allowed);
    document.title = 'Ungültige Adresse – Zielmonitor';
    main.replaceChildren(el('h1', {}, 'Ungültige Adresse'),
      el('p', { class: 'error', role: 'alert', id: 'route-error' }, r.error),
      known ? el('p', {}, el('a', { href: `#/${known.id}` }, `Zur Seite ${known.label}`)) : null);
    main.dataset.page = 'invalid';
    main.dataset.rendered = String(Date.now());
    main.removeAttribute('aria-busy');
    current = null;
    return;
  }
  let page = PAGES.find((p) => p.id === r.page && allowed(p));
  if (!page) {
    page = PAGES.find(allowed);
    if (!page) {
      main.replaceChildren(el('h1', {}, 'Kein Zugriff'), el('p', {}, 'Ihre Rolle erlaubt keine Seite dieses Dashboards.'));
      return;
    }
    history.replaceState(null, '', `#/${page.id}`);
    r.page = page.id;
    r.id = null;
  }
  document.querySelectorAll('#nav-list a').forEach((/** @type {HTMLAnchorElement} */ a) => {
    if (a.dataset.page === page.id) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  // moving to another page moves the focus to its content (screen readers); the first page after loading keeps
  // the browser's own start, so the skip link stays the first stop
  const changedPage = current !== null && current.page !== page.id;
  current = { page: page.id, module: page.module };
  document.title = `${page.label} – Zielmonitor`;
  main.setAttribute('aria-busy', 'true');
  // a slower earlier render must not overwrite a later one
  const ticket = ++renderTicket;
  let view;
  try {
    view = await page.module.render({ id: r.id, params: r.params, me, go });
  } catch (error) {
    view = [el('h1', {}, page.label), errorBox(error)];
  }
  if (ticket !== renderTicket) return;
  main.replaceChildren(.../** @type {any[]} */ ([view].flat(Infinity)).filter((part) => part !== null && part !== undefined && part !== false && part !== ''));
  main.removeAttribute('aria-busy');
  main.dataset.page = page.id;
  main.dataset.rendered = String(Date.now());
  if (changedPage) main.focus();
}

function showStand() {
  const value = stand.get();
  const banner = document.getElementById('stand-banner');
  /** @type {HTMLInputElement} */ (document.getElementById('stand')).value = value ? toLocalInput(value) : '';
  banner.hidden = !value;
  banner.replaceChildren(value ? el('span', {}, 'Historische Ansicht: Alle Seiten zeigen die Daten, wie sie am ',
    el('strong', { id: 'stand-shown' }, instant(value)), ' bekannt waren. ',
    el('button', { type: 'button', class: 'secondary', onclick: () => setStand(null) }, 'Zur aktuellen Ansicht')) : '');
}

/** @param {string | null} iso */
function setStand(iso) {
  stand.set(iso);
  showStand();
  render();
}

function startLive() {
  if (unsubscribe) unsubscribe();
  unsubscribe = subscribe((name, data) => {
    if (name !== 'figures') return;
    const kind = data.kind === 'CORRECTED' ? 'korrigiert' : 'neu gemeldet';
    live.textContent = `Neue Zahlen: Jobcenter ${data.jobcenterId}, ${data.reportingMonth} ${kind} (${instant(data.recordedAt)}).`;
    live.dataset.updates = String(Number(live.dataset.updates || 0) + 1);
    // the historic view stays as it was; the current view shows what has just become known, without a reload
    if (!stand.get() && current && current.module.refreshOn && current.module.refreshOn(data, route())) render();
  }, (connected) => { document.body.dataset.live = connected ? 'connected' : 'disconnected'; });
}

function showSession() {
  const list = document.getElementById('nav-list');
  list.replaceChildren(...PAGES.filter(allowed).map((p) => el('li', {}, el('a', { href: `#/${p.id}`, 'data-page': p.id }, p.label))));
  document.getElementById('nav').hidden = false;
  document.getElementById('session').hidden = false;
  const roles = me.roles.map((r) => ROLE[r] || r).join(', ');
  document.getElementById('user').textContent = `${me.name} (${roles}${me.jobcenterId ? ` ${me.jobcenterId}` : ''})`;
}

/** Ends the login: on the server (local mode's session), and in this tab. */
async function logout() {
  if (!auth.header()) await logOut();
  endSession();
}

function endSession() {
  auth.clear();
  me = null;
  if (unsubscribe) unsubscribe();
  unsubscribe = null;
  document.getElementById('nav').hidden = true;
  document.getElementById('session').hidden = true;
  showLogin();
}

/** @param {string} [message] */
function showLogin(message) {
  document.title = 'Anmelden – Zielmonitor';
  main.replaceChildren(loginPage(config, message, async (username, password) => {
    await logIn(username, password);
    me = await whoIs();
    started();
  }));
  main.dataset.page = 'login';
}

function started() {
  showSession();
  showStand();
  startLive();
  render();
}

async function start() {
  config = await api('/api/dashboard/config', {}, { now: true }).catch(() => ({ securityMode: 'LOCAL' }));
  auth.onUnauthorized(() => { if (me) { endSession(); showLogin('Die Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.'); } });
  document.getElementById('stand-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const value = /** @type {HTMLInputElement} */ (document.getElementById('stand')).value;
    setStand(value ? fromLocalInput(value) : null);
  });
  document.getElementById('stand-reset').addEventListener('click', () => setStand(null));
  document.getElementById('logout').addEventListener('click', logout);
  // the skip link moves the focus to the content; its #main must not reach the router
  document.querySelector('.skip-link').addEventListener('click', (e) => { e.preventDefault(); main.focus(); });
  window.addEventListener('hashchange', render);
  try {
    const token = await finishOidcLogin(config);
    if (token) auth.set(token);
  } catch (error) {
    showLogin(error.message);
    return;
  }
  // a bearer token of this tab (OIDC), or in local mode perhaps a session cookie from before a reload
  if (auth.header() || config.securityMode !== 'OIDC') {
    try {
      me = await whoIs();
      started();
      return;
    } catch (error) {
      const had = auth.header();
      auth.clear();
      if (had || error.status !== 401) {
        showLogin(error.message);
        return;
      }
    }
  }
  showLogin();
}

start();
