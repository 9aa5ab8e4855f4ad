// The API client against a fake fetch: the requests it makes (asOf, credentials, CSRF token) and what a failure
// becomes — a German message for field errors, 401, 403, 429, 5xx and a server that cannot be reached.
import { answerWith, json, sent } from './browser.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, ApiError, auth, download, logIn, stand, UNREACHABLE, url, whoIs } from '../../main/resources/static/app/api.js';

/** The ApiError a call rejects with. @param {Promise<unknown>} call @returns {Promise<ApiError>} */
async function failureOf(call) {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof ApiError, `an ApiError, not ${error}`);
    return error;
  }
  throw new assert.AssertionError({ message: 'the call succeeded' });
}

test('a GET asks for JSON of this origin, with the parameters that have a value', async () => {
  answerWith(() => json([{ year: 2014 }]));
  assert.deepEqual(await api('/api/agreements', { year: 2014, jobcenterId: '05122', empty: '', none: null }), [{ year: 2014 }]);
  assert.equal(sent.length, 1);
  assert.equal(sent[0].url.href, 'http://dashboard.test/api/agreements?year=2014&jobcenterId=05122');
  assert.equal(sent[0].method, 'GET');
  assert.deepEqual(sent[0].headers, { Accept: 'application/json' });
});

test('the Stand goes along as asOf, except for calls about now', async () => {
  answerWith(() => json({}));
  stand.set('2014-12-31T23:00:00Z');
  await api('/api/overview', { year: 2014 });
  await api('/api/ingestion/status', {}, { now: true });
  assert.equal(sent[0].url.searchParams.get('asOf'), '2014-12-31T23:00:00Z');
  assert.equal(sent[1].url.searchParams.has('asOf'), false);
  assert.equal(url('/api/x', { asOf: '2015-01-01T00:00:00Z' }).searchParams.get('asOf'), '2015-01-01T00:00:00Z', 'a given asOf wins');
});

test('a Stand of the wrong form is not kept', () => {
  answerWith(() => json({}));
  stand.set('gestern');
  assert.equal(stand.get(), null);
});

test('a bearer token goes along; the CSRF token only with changes', async () => {
  answerWith(() => new Response(null, { status: 204 }));
  auth.set('Bearer abc');
  document.cookie = 'other=1; XSRF-TOKEN=t%2Bk';
  assert.equal(await api('/api/ingestion/dead-letters/7/resubmit', {}, { method: 'POST', now: true }), null, '204: no body');
  await api('/api/overview', {}, { now: true });
  assert.deepEqual(sent[0].headers, { Accept: 'application/json', Authorization: 'Bearer abc', 'X-XSRF-TOKEN': 't+k' });
  assert.equal(sent[0].method, 'POST');
  assert.deepEqual(sent[1].headers, { Accept: 'application/json', Authorization: 'Bearer abc' });
});

test("a problem's field errors name each parameter in the message and stay on the error", async () => {
  const errors = [{ field: 'year', message: 'must be at most 2027' }, { field: 'asOf', message: 'must be an ISO instant' }];
  answerWith(() => json({ title: 'Invalid request', status: 400, detail: 'Invalid parameters: year, asOf', errors }, 400));
  const error = await failureOf(api('/api/overview', { year: 3000 }));
  assert.equal(error.status, 400);
  assert.equal(error.message, 'Die Anfrage wurde abgelehnt: year must be at most 2027; asOf must be an ISO instant.');
  assert.deepEqual(error.fieldErrors, errors);
  assert.equal(error.problem.detail, 'Invalid parameters: year, asOf');
});

test("a problem without field errors shows the service's detail", async () => {
  answerWith(() => json({ title: 'Not found', status: 404, detail: 'No agreement 05122-2014' }, 404));
  const error = await failureOf(api('/api/agreements/05122-2014'));
  assert.equal(error.message, 'No agreement 05122-2014');
  assert.deepEqual(error.fieldErrors, []);
});

test('a 401 ends the login and says so', async () => {
  answerWith(() => json({ title: 'Unauthorized', status: 401 }, 401));
  let ended = 0;
  auth.onUnauthorized(() => { ended += 1; });
  const error = await failureOf(api('/api/overview'));
  assert.equal(error.status, 401);
  assert.equal(error.message, 'Die Anmeldung ist abgelaufen oder ungültig. Bitte melden Sie sich erneut an.');
  assert.equal(ended, 1);
  auth.onUnauthorized(() => {});
});

test('a 403 is a refusal, with the reason when the service gives one; it does not end the login', async () => {
  let ended = 0;
  auth.onUnauthorized(() => { ended += 1; });
  answerWith(() => json({ title: 'Forbidden', status: 403, detail: 'Jobcenter 05122 may read only its own figures' }, 403));
  assert.equal((await failureOf(api('/api/jobcenters/05911/figures'))).message,
    'Keine Berechtigung für diese Anfrage: Jobcenter 05122 may read only its own figures');
  answerWith(() => new Response('', { status: 403 }));
  const bare = await failureOf(api('/api/admin/rebuilds'));
  assert.equal(bare.message, 'Keine Berechtigung für diese Anfrage.');
  assert.equal(bare.problem, null);
  assert.equal(ended, 0);
  auth.onUnauthorized(() => {});
});

test('a 429 says when to try again, from Retry-After or the problem', async () => {
  answerWith(() => json({ status: 429, retryAfterSeconds: 30, limit: 'perUser' }, 429, { 'Retry-After': '45' }));
  const error = await failureOf(api('/api/audit/packages', {}, { method: 'POST' }));
  assert.equal(error.message, 'Zu viele Anfragen. Bitte in 45 Sekunden erneut versuchen.');
  assert.equal(error.problem.limit, 'perUser', 'the audit page reads which limit');
  answerWith(() => json({ status: 429, retryAfterSeconds: 300 }, 429));
  assert.equal((await failureOf(api('/api/audit/packages'))).message, 'Zu viele Anfragen. Bitte in 5 Minuten erneut versuchen.');
});

test("a server failure gives its log reference, never the service's internals", async () => {
  answerWith(() => json({ title: 'Internal error', status: 500, detail: 'The query service failed; its log names this failure r-1', reference: 'r-1' }, 500));
  const error = await failureOf(api('/api/overview'));
  assert.equal(error.status, 500);
  assert.equal(error.message, 'Der Server konnte die Anfrage nicht bearbeiten (500). Referenz für den Betrieb: r-1');
  answerWith(() => new Response('<html>proxy error</html>', { status: 500, headers: { 'Content-Type': 'text/html' } }));
  assert.equal((await failureOf(api('/api/overview'))).message, 'Der Server konnte die Anfrage nicht bearbeiten (500).');
});

test('a gateway failure (502, 503, 504) asks to try later', async () => {
  for (const status of [502, 503, 504]) {
    answerWith(() => json({ title: 'Bad gateway', status, detail: 'The command service did not answer' }, status));
    assert.equal((await failureOf(api('/api/admin/rebuilds'))).message,
      `Der Dienst ist gerade nicht erreichbar (${status}). Bitte später erneut versuchen.`);
  }
});

test('a server that cannot be reached is an ApiError of status 0', async () => {
  answerWith(() => { throw new TypeError('fetch failed'); });
  for (const call of [api('/api/overview'), whoIs(), logIn('ministerium', 'ministerium'), download('/api/audit/x.zip', {}, 'x.zip')]) {
    const error = await failureOf(call);
    assert.equal(error.status, 0);
    assert.equal(error.message, UNREACHABLE);
  }
});

test('a wrong password and too many attempts are said in German', async () => {
  answerWith(() => json({ status: 401 }, 401));
  assert.equal((await failureOf(logIn('ministerium', 'falsch'))).message, 'Benutzername oder Passwort ist falsch.');
  answerWith(() => json({ status: 429 }, 429, { 'Retry-After': '150' }));
  assert.equal((await failureOf(logIn('ministerium', 'falsch'))).message,
    'Zu viele fehlgeschlagene Anmeldungen. Bitte versuchen Sie es in 3 Minuten erneut.');
  assert.equal(sent[0].method, 'POST');
  assert.deepEqual(JSON.parse(String(sent[0].body)), { username: 'ministerium', password: 'falsch' });
  assert.equal(sessionStorage.getItem('zielmonitor.auth'), null, 'no password or token kept');
});

test('who is logged in: the given bearer token, and a 401 in German', async () => {
  answerWith(() => json({ name: 'ministerium', roles: ['MINISTRY'] }));
  assert.deepEqual(await whoIs('Bearer xyz'), { name: 'ministerium', roles: ['MINISTRY'] });
  assert.equal(sent[0].headers.Authorization, 'Bearer xyz');
  answerWith(() => json({ status: 401 }, 401));
  assert.equal((await failureOf(whoIs())).message, 'Die Anmeldung ist abgelaufen oder ungültig. Bitte melden Sie sich erneut an.');
});
