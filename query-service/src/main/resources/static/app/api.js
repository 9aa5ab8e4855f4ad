// @ts-check
// The dashboard's calls of the API. Local mode: one login with user name and password (POST /login), then the
// session cookie (HttpOnly, SameSite=Strict: no script reads it) goes with every request and the password is kept
// nowhere; changes carry the CSRF token from the XSRF-TOKEN cookie. OIDC mode: the provider's access token as a
// bearer token, kept in this tab's sessionStorage. Either way the query service passes operations calls on to the
// command service as the same user (ADR 0008, ADR 0011).

import { validStand } from './routes.js';

const AUTH = 'zielmonitor.auth';
const STAND = 'zielmonitor.stand';
const SAFE = ['GET', 'HEAD'];

/**
 * A problem+json answer (RFC 9457) as the services write it; `errors` names each offending parameter or field.
 * @typedef {{ type?: string, title?: string, status?: number, detail?: string, reference?: string,
 *   retryAfterSeconds?: number, limit?: string, errors?: FieldError[], [key: string]: unknown }} Problem
 * @typedef {{ field: string, message: string }} FieldError
 */

/** A failed call: the HTTP status (0: the server was not reached), a German message, and the problem if any. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   * @param {Problem | null} [problem]
   */
  constructor(status, message, problem = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    /** @type {FieldError[]} */
    this.fieldErrors = problem && Array.isArray(problem.errors) ? problem.errors : [];
  }
}

/**
 * "30 Sekunden", "3 Minuten".
 * @param {number} seconds
 */
export const waitText = (seconds) => (seconds >= 120 ? `${Math.ceil(seconds / 60)} Minuten` : `${seconds} Sekunden`);

/**
 * What a failed answer means, in German: the fields to fix (400), an ended login (401), a refusal (403), when to
 * try again (429), a server failure with its log reference (5xx); otherwise the service's own detail.
 * @param {number} status
 * @param {Problem | null} problem
 * @param {number | null} [retryAfter] seconds from the Retry-After header
 * @returns {string}
 */
export function problemMessage(status, problem, retryAfter = null) {
  const detail = problem && (problem.detail || problem.title);
  const fields = problem && Array.isArray(problem.errors) ? problem.errors : [];
  if (fields.length) {
    return `Die Anfrage wurde abgelehnt: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}.`;
  }
  if (status === 401) return 'Die Anmeldung ist abgelaufen oder ungültig. Bitte melden Sie sich erneut an.';
  if (status === 403) return `Keine Berechtigung für diese Anfrage${detail ? `: ${detail}` : '.'}`;
  if (status === 429) {
    const seconds = retryAfter || (problem && Number(problem.retryAfterSeconds)) || 10;
    return `Zu viele Anfragen. Bitte in ${waitText(seconds)} erneut versuchen.`;
  }
  if (status === 502 || status === 503 || status === 504) {
    return `Der Dienst ist gerade nicht erreichbar (${status}). Bitte später erneut versuchen.`;
  }
  if (status >= 500) {
    const reference = problem && problem.reference;
    return `Der Server konnte die Anfrage nicht bearbeiten (${status}).${reference ? ` Referenz für den Betrieb: ${reference}` : ''}`;
  }
  return detail || `Die Anfrage ist fehlgeschlagen (${status}).`;
}

/** When fetch itself fails: no answer at all (network down, server stopped, blocked by the browser). */
export const UNREACHABLE = 'Der Server ist nicht erreichbar. Bitte prüfen Sie die Verbindung und versuchen Sie es erneut.';

/**
 * fetch, with a failure to reach the server as an ApiError of status 0.
 * @param {string | URL} target
 * @param {RequestInit} init
 * @returns {Promise<Response>}
 */
async function send(target, init) {
  try {
    return await fetch(target, init);
  } catch (error) {
    if (error && error.name === 'AbortError') throw error;
    throw new ApiError(0, UNREACHABLE);
  }
}

/** @type {() => void} */
let onUnauthorized = () => {};

/** OIDC mode's bearer token for this tab; local mode keeps nothing (its session is an HttpOnly cookie). */
export const auth = {
  /** @returns {string | null} */
  header: () => sessionStorage.getItem(AUTH),
  /** @param {string} value */
  set: (value) => sessionStorage.setItem(AUTH, value),
  clear: () => sessionStorage.removeItem(AUTH),
  /** @param {() => void} handler called on any 401 */
  onUnauthorized: (handler) => { onUnauthorized = handler; },
};

/** The "Stand": the instant (ISO) whose knowledge every page shows, or null for now; nothing else is kept. */
export const stand = {
  /** @returns {string | null} */
  get: () => validStand(sessionStorage.getItem(STAND)),
  /** @param {string | null} iso */
  set: (iso) => (validStand(iso) ? sessionStorage.setItem(STAND, iso) : sessionStorage.removeItem(STAND)),
};

/** The session's CSRF token, which the server set as a cookie at login (readable by this origin's scripts). */
function csrfToken() {
  const found = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith('XSRF-TOKEN='));
  return found ? decodeURIComponent(found.slice('XSRF-TOKEN='.length)) : null;
}

/**
 * @param {string} accept
 * @param {string} [method]
 * @returns {Record<string, string>}
 */
function headers(accept, method = 'GET') {
  /** @type {Record<string, string>} */
  const h = { Accept: accept };
  const value = auth.header();
  if (value) h.Authorization = value;
  const token = !SAFE.includes(method) && csrfToken();
  if (token) h['X-XSRF-TOKEN'] = token;
  return h;
}

/**
 * @typedef {Record<string, string | number | boolean | null | undefined>} Params
 */

/**
 * A URL of this origin with the parameters that have a value, and the Stand as asOf unless `now`.
 * @param {string} path
 * @param {Params} [params]
 * @param {{ now?: boolean }} [options]
 */
export function url(path, params = {}, { now = false } = {}) {
  const u = new URL(path, location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') u.searchParams.set(key, String(value));
  }
  if (!now && stand.get() && !u.searchParams.has('asOf')) u.searchParams.set('asOf', stand.get());
  return u;
}

/**
 * A failed answer as an ApiError; a 401 also ends the login (main.js shows the login again).
 * @param {Response} response
 */
async function failure(response) {
  /** @type {Problem | null} */
  let problem = null;
  try {
    const body = await response.json();
    if (body && typeof body === 'object') problem = body;
  } catch { /* not JSON */ }
  if (response.status === 401) onUnauthorized();
  const retryAfter = Number(response.headers.get('Retry-After')) || null;
  return new ApiError(response.status, problemMessage(response.status, problem, retryAfter), problem);
}

/**
 * GET (or `method`) JSON; a failed answer becomes an ApiError with a German message (problemMessage), a server
 * that cannot be reached one of status 0.
 * @param {string} path
 * @param {Params} [params]
 * @param {{ method?: string, now?: boolean }} [options]
 * @returns {Promise<any>}
 */
export async function api(path, params = {}, { method = 'GET', now = false } = {}) {
  const response = await send(url(path, params, { now }), {
    method, headers: headers('application/json', method), credentials: 'same-origin', cache: 'no-store',
  });
  if (!response.ok) throw await failure(response);
  return response.status === 204 ? null : response.json();
}

/**
 * Who is logged in (the session cookie, or the bearer token given), or an ApiError (401: nobody).
 * @param {string | null} [authorization]
 * @returns {Promise<{ name: string, roles: string[], jobcenterId?: string | null }>}
 */
export async function whoIs(authorization = auth.header()) {
  /** @type {Record<string, string>} */
  const h = { Accept: 'application/json' };
  if (authorization) h.Authorization = authorization;
  const response = await send('/api/me', { headers: h, credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) throw new ApiError(response.status, response.status === 401
    ? 'Die Anmeldung ist abgelaufen oder ungültig. Bitte melden Sie sich erneut an.'
    : `Anmeldung nicht möglich (${response.status}).`);
  return response.json();
}

/**
 * Local mode's login: user name and password once; the answer sets the session cookie and the CSRF token. The
 * password goes into this one request and nowhere else.
 * @param {string} username
 * @param {string} password
 * @returns {Promise<void>}
 */
export async function logIn(username, password) {
  const response = await send('/login', {
    method: 'POST', credentials: 'same-origin', cache: 'no-store',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.ok) return;
  if (response.status === 429) {
    const seconds = Number(response.headers.get('Retry-After')) || 60;
    throw new ApiError(429, `Zu viele fehlgeschlagene Anmeldungen. Bitte versuchen Sie es in ${waitText(seconds)} erneut.`);
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

/**
 * Downloads a file the API produces (ZIP, CSV) with the user's credentials.
 * @param {string} path
 * @param {Params} params
 * @param {string} fallbackName
 */
export async function download(path, params, fallbackName) {
  const response = await send(url(path, params), {
    headers: headers('*/*'), credentials: 'same-origin', cache: 'no-store',
  });
  if (!response.ok) throw await failure(response);
  const disposition = response.headers.get('Content-Disposition') || '';
  const match = /filename="?([^";]+)"?/.exec(disposition);
  saveBlob(await response.blob(), match ? match[1] : fallbackName);
}

/**
 * @param {Blob} blob
 * @param {string} name
 */
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
 * @param {(name: string, data: any) => void} onEvent
 * @param {(connected: boolean) => void} onState
 * @returns {() => void} ends the subscription
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
              /** @type {any} */
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
