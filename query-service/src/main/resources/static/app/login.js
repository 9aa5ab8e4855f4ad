// @ts-check
// Login. Local mode: user name and password, sent once to POST /login, which answers with the session cookie; the
// password is kept nowhere (not in storage, not in a variable after the request). OIDC mode: the provider's
// authorization code flow with PKCE (public client, no secret); the access token is sent as a bearer token.

import { el, errorBox } from './ui.js';

const PKCE = 'zielmonitor.pkce';

/**
 * @typedef {{ securityMode: string, issuer?: string, clientId?: string }} DashboardConfig
 */

/**
 * The login form (local mode) or the way to the provider (OIDC).
 * @param {DashboardConfig | null} config
 * @param {string | undefined} message a reason to show, e.g. an ended login
 * @param {(username: string, password: string) => Promise<void>} login
 */
export function loginPage(config, message, login) {
  const oidc = config && config.securityMode === 'OIDC';
  const status = el('div', { id: 'login-status', 'aria-live': 'assertive' }, message ? errorBox(message) : null);
  if (oidc) {
    return el('section', { class: 'login', 'aria-labelledby': 'login-title' },
      el('h1', { id: 'login-title' }, 'Anmelden'),
      el('p', {}, 'Sie melden sich beim Anmeldedienst Ihrer Organisation an und kehren danach hierher zurück.'),
      status,
      el('button', { type: 'button', class: 'primary', id: 'login-oidc', onclick: () => startOidcLogin(config).catch((e) => status.replaceChildren(errorBox(e))) }, 'Weiter zur Anmeldung'));
  }
  const user = el('input', { type: 'text', id: 'login-user', name: 'username', autocomplete: 'username', required: true });
  const password = el('input', { type: 'password', id: 'login-password', name: 'password', autocomplete: 'current-password', required: true });
  const form = el('form', {
    class: 'login', 'aria-labelledby': 'login-title',
    onsubmit: async (e) => {
      e.preventDefault();
      status.replaceChildren();
      const secret = password.value;
      password.value = '';
      try {
        await login(user.value, secret);
      } catch (error) {
        status.replaceChildren(errorBox(error));
        password.value = '';
        password.focus();
      }
    },
  },
  el('h1', { id: 'login-title' }, 'Anmelden'),
  el('p', { class: 'muted' }, 'Lokaler Betrieb: Die Demo-Benutzer stehen in README.md (Passwort = Benutzername).'),
  status,
  el('div', { class: 'field' }, el('label', { for: 'login-user' }, 'Benutzername'), user),
  el('div', { class: 'field' }, el('label', { for: 'login-password' }, 'Passwort'), password),
  el('button', { type: 'submit', class: 'primary', id: 'login-submit' }, 'Anmelden'));
  queueMicrotask(() => user.focus());
  return form;
}

const base64url = (/** @type {ArrayBuffer | Uint8Array} */ bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
  .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/**
 * fetch, with a German message when the provider cannot be reached at all (network, CORS).
 * @param {string} url
 * @param {RequestInit} [options]
 */
async function reach(url, options) {
  try {
    return await fetch(url, { credentials: 'omit', ...options });
  } catch {
    throw new Error('Der Anmeldedienst ist nicht erreichbar. Bitte später erneut versuchen.');
  }
}

/**
 * @param {DashboardConfig} config
 * @returns {Promise<{ authorization_endpoint: string, token_endpoint: string }>}
 */
async function discovery(config) {
  const response = await reach(`${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`Der Anmeldedienst antwortet nicht (${response.status}).`);
  return response.json();
}

/** @param {DashboardConfig} config */
async function startOidcLogin(config) {
  const provider = await discovery(config);
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem(PKCE, JSON.stringify({ verifier, state, hash: location.hash }));
  const target = new URL(provider.authorization_endpoint);
  Object.entries({
    response_type: 'code', client_id: config.clientId, redirect_uri: `${location.origin}/`, scope: 'openid',
    code_challenge: challenge, code_challenge_method: 'S256', state,
  }).forEach(([k, v]) => target.searchParams.set(k, v));
  location.assign(target);
}

/**
 * Back from the provider with ?code&state: exchanges the code for a token; null when this is no such return.
 * @param {DashboardConfig | null} config
 * @returns {Promise<string | null>} the Authorization header's value
 */
export async function finishOidcLogin(config) {
  const query = new URLSearchParams(location.search);
  if (!config || config.securityMode !== 'OIDC' || (!query.has('code') && !query.has('error'))) return null;
  const saved = JSON.parse(sessionStorage.getItem(PKCE) || 'null');
  sessionStorage.removeItem(PKCE);
  history.replaceState(null, '', `/${saved && saved.hash ? saved.hash : ''}`);
  if (query.has('error')) throw new Error(`Die Anmeldung wurde abgebrochen: ${query.get('error_description') || query.get('error')}`);
  if (!saved || saved.state !== query.get('state')) throw new Error('Die Anmeldung passt nicht zu dieser Sitzung. Bitte erneut anmelden.');
  const provider = await discovery(config);
  const response = await reach(provider.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: query.get('code'), redirect_uri: `${location.origin}/`,
      client_id: config.clientId, code_verifier: saved.verifier,
    }),
  });
  if (!response.ok) throw new Error(`Der Anmeldedienst hat die Anmeldung abgelehnt (${response.status}).`);
  const token = await response.json();
  return `Bearer ${token.access_token}`;
}
