// The dashboard is an API client like any other: every request carries the user's own Authorization header
// (HTTP Basic in local mode, the provider's bearer token in OIDC mode) and no cookies, so it needs no session and
// no CSRF token, and the query service can pass operations calls on to the command service as the same user.

const AUTH = 'zielmonitor.auth';
const STAND = 'zielmonitor.stand';

export class ApiError extends Error {
  constructor(status, message, problem) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

let onUnauthorized = () => {};

export const auth = {
  header: () => sessionStorage.getItem(AUTH),
  set: (value) => sessionStorage.setItem(AUTH, value),
  clear: () => sessionStorage.removeItem(AUTH),
  onUnauthorized: (handler) => { onUnauthorized = handler; },
};

/** The "Stand": the instant (ISO) whose knowledge every page shows, or null for now. */
export const stand = {
  get: () => sessionStorage.getItem(STAND),
  set: (iso) => (iso ? sessionStorage.setItem(STAND, iso) : sessionStorage.removeItem(STAND)),
};

function headers(accept) {
  const h = { Accept: accept };
  const value = auth.header();
  if (value) h.Authorization = value;
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
    method, headers: headers('application/json'), credentials: 'omit', cache: 'no-store',
  });
  if (!response.ok) throw await failure(response);
  return response.status === 204 ? null : response.json();
}

/** Checks credentials without remembering them: the caller they belong to, or an ApiError. */
export async function whoIs(authorization) {
  const response = await fetch('/api/me', {
    headers: { Accept: 'application/json', Authorization: authorization }, credentials: 'omit', cache: 'no-store',
  });
  if (!response.ok) throw new ApiError(response.status, response.status === 401
    ? 'Benutzername oder Passwort ist falsch.' : `Anmeldung nicht möglich (${response.status}).`);
  return response.json();
}

/** Downloads a file the API produces (ZIP, CSV) with the user's credentials. */
export async function download(path, params, fallbackName) {
  const response = await fetch(url(path, params), {
    headers: headers('*/*'), credentials: 'omit', cache: 'no-store',
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
 * Live updates: the server-sent events of /api/updates, read with fetch so the Authorization header goes along
 * (EventSource cannot send one). Reconnects after the server ends a stream or the network fails.
 */
export function subscribe(onEvent, onState) {
  const controller = new AbortController();
  let delay = 1000;
  const connect = async () => {
    while (!controller.signal.aborted) {
      try {
        const response = await fetch('/api/updates', {
          headers: headers('text/event-stream'), credentials: 'omit', signal: controller.signal, cache: 'no-store',
        });
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
