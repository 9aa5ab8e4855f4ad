// The dashboard's calls of the API. Local mode: one login with user name and password (POST /login), then the
// session cookie (HttpOnly, SameSite=Strict: no script reads it) goes with every request and the password is kept
// nowhere; changes carry the CSRF token from the XSRF-TOKEN cookie. OIDC mode: the provider's access token as a
// bearer token, kept in this tab's sessionStorage. Either way the query service passes operations calls on to the
// command service as the same user (ADR 0008, ADR 0011).

import { validStand } from './routes.js';

const AUTH = 'zielmonitor.auth';
const STAND = 'zielmonitor.stand';
const SAFE = ['GET', 'HEAD'];

export class ApiError extends Error {
  constructor(status, message, problem) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

let onUnauthorized = () => {};

/** OIDC mode's bearer token for this tab; local mode keeps nothing (its session is an HttpOnly cookie). */
export const auth = {
  header: () => sessionStorage.getItem(AUTH),
  set: (value) => sessionStorage.setItem(AUTH, value),
  clear: () => sessionStorage.removeItem(AUTH),
  onUnauthorized: (handler) => { onUnauthorized = handler; },
};

/** The "Stand": the instant (ISO) whose knowledge every page shows, or null for now; nothing else is kept. */
export const stand = {
  get: () => validStand(sessionStorage.getItem(STAND)),
  set: (iso) => (validStand(iso) ? sessionStorage.setItem(STAND, iso) : sessionStorage.removeItem(STAND)),
};

/** The session's CSRF token, which the server set as a cookie at login (readable by this origin's scripts). */
function csrfToken() {
  const found = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith('XSRF-TOKEN='));
  return found ? decodeURIComponent(found.slice('XSRF-TOKEN='.length)) : null;
}

function headers(accept, method = 'GET') {
  const h = { Accept: accept };
  const value = auth.header();
  if (value) h.Authorization = value;
  const token = !SAFE.includes(method) && csrfToken();
  if (token) h['X-XSRF-TOKEN'] = token;
  return h;
}

/** A URL of this origin with the parameters that have a value, and the Stand as asOf unless `now`. */
export function url(path, params = {}, { now = false } = {}) {
  const u = new URL(path, location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') u.searchParams.set(key, value);
  }
  if (!now && stand.get() && !u.searchParams.has('asOf')) u.searchParams.set('asOf', stand.get());
  return u;
}

async function failure(response) {
  let problem = null;
  try { problem = await response.json(); } catch { /* not JSON */ }
  if (response.status === 401) onUnauthorized();
  const detail = problem && (problem.detail || problem.title);
  return new ApiError(response.status, detail || `${response.status} ${response.statusText}`, problem);
}

/** GET (or `method`) JSON; a problem+json answer becomes an ApiError with its detail. */
export async function api(path, params = {}, { method = 'GET', now = false } = {}) {
  const response = await fetch(url(path, params, { now }), {
    method, headers: headers('application/json', method), credentials: 'same-origin', cache: 'no-store',
  });
  if (!response.ok) throw await failure(response);
  return response.status === 204 ? null : response.json();
}

/** Who is logged in (the session cookie, or the bearer token given), or an ApiError (401: nobody). */
export async function whoIs(authorization = auth.header()) {
  const h = { Accept: 'application/json' };
  if (authorization) h.Authorization = authorization;
  const response = await fetch('/api/me', { headers: h, credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) throw new ApiError(response.status, response.status === 401
    ? 'Die Anmeldung ist abgelaufen oder ungültig. Bitte melden Sie sich erneut an.'
    : `Anmeldung nicht möglich (${response.status}).`);
  return response.json();
}

/**
 * Local mode's login: user name and password once; the answer sets the session cookie and the CSRF token. The
 * password goes into this one request and nowhere else.
 */
export async function logIn(username, password) {
  const response = await fetch('/login', {
    method: 'POST', credentials: 'same-origin', cache: 'no-store',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.ok) return;
  if (response.status === 429) {
    const seconds = Number(response.headers.get('Retry-After')) || 60;
    const wait = seconds >= 120 ? `${Math.ceil(seconds / 60)} Minuten` : `${seconds} Sekunden`;
    throw new ApiError(429, `Zu viele fehlgeschlagene Anmeldungen. Bitte versuchen Sie es in ${wait} erneut.`);
  }
  throw new ApiError(response.status, response.status === 401 || response.status === 400
    ? 'Benutzername oder Passwort ist falsch.' : `Anmeldung nicht möglich (${response.status}).`);
}

/** Local mode's logout: the server ends the session (and clears its cookies). */
export async function logOut() {
  await fetch('/logout', {
    method: 'POST', credentials: 'same-origin', cache: 'no-store', headers: headers('application/json', 'POST'),
  }).catch(() => null);
}

/** Downloads a file the API produces (ZIP, CSV) with the user's credentials. */
export async function download(path, params, fallbackName) {
  const response = await fetch(url(path, params), {
    headers: headers('*/*'), credentials: 'same-origin', cache: 'no-store',
  });
  if (!response.ok) throw await failure(response);
  const disposition = response.headers.get('Content-Disposition') || '';
  const match = /filename="?([^";]+)"?/.exec(disposition);
  saveBlob(await response.blob(), match ? match[1] : fallbackName);
}

export function saveBlob(blob, name) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

/**
 * Live updates: the server-sent events of /api/updates, read with fetch so a bearer token can go along
 * (EventSource cannot send one). Reconnects after the server ends a stream or the network fails; a 401 ends the
 * login.
 */
export function subscribe(onEvent, onState) {
  const controller = new AbortController();
  let delay = 1000;
  const connect = async () => {
    while (!controller.signal.aborted) {
      try {
        const response = await fetch('/api/updates', {
          headers: headers('text/event-stream'), credentials: 'same-origin', signal: controller.signal, cache: 'no-store',
        });
        if (response.status === 401) { onUnauthorized(); return; }
        if (!response.ok) throw new Error(`updates: ${response.status}`);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n/g, '\n');
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let name = 'message';
            const data = [];
            for (const line of block.split('\n')) {
              if (line.startsWith('event:')) name = line.slice(6).trim();
              else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
            }
            if (name === 'ready') { delay = 1000; onState(true); }
            if (data.length) {
              let payload = data.join('\n');
              try { payload = JSON.parse(payload); } catch { /* plain text */ }
              onEvent(name, payload);
            }
          }
        }
      } catch (e) {
        if (controller.signal.aborted) return;
      }
      onState(false);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 30000);
    }
  };
  connect();
  return () => controller.abort();
}
