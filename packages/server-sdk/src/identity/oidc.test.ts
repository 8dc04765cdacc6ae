import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, createHash } from 'node:crypto';
import { ACR, CLAIM, TEST_USERS, generateSigningJwk, loginWithoutBrowser, startTestIdp } from '@care-meet/test-idp';
import { CareMeet } from '../care-meet.js';
import type { IdentityProviderFetch } from './oidc.js';
import {
  maskFodselsnummer,
  normalizeCpr,
  normalizeFodselsnummer,
  normalizeHenkilotunnus,
  normalizePersonnummer,
  validateHsaId,
} from '@care-meet/protocol/validation';
import { SqliteMeetingStore } from '../store/sqlite-store.js';
import { HSA, JWT_SHAPE, ORGANIZER_KEY, PNR, createHarness, sipMeeting } from '../test-support/harness.js';
import {
  CALLBACK_URL,
  CLIENT_ID,
  CLIENT_SECRET,
  RETURN_ORIGIN,
  RETURN_TO,
  createIdentityHarness,
  fragmentOf,
  popupMessageOf,
  providersFor,
  type IdentityHarness,
} from '../test-support/identity.js';

const ESTHER = 1; // index of the individual (pnr 19121212-1212) in sipMeeting()
const ANNA = 0; // the chair (HSA-id SE2321000016-A1B2)

/** Every form a personnummer could be written in, to scan text for. */
function pnrForms(pnr12: string): string[] {
  return [pnr12, pnr12.slice(2), `${pnr12.slice(0, 8)}-${pnr12.slice(8)}`, `${pnr12.slice(2, 8)}-${pnr12.slice(8)}`];
}

async function auditText(h: IdentityHarness, meetingId: string): Promise<string> {
  const r = await h.api('GET', `/meetings/${meetingId}/audit`, { token: ORGANIZER_KEY });
  assert.equal(r.status, 200);
  return JSON.stringify(r.json);
}

test("the test IdP's users are valid by the SDK's own validators (Luhn, HSA-id form, CPR date, check digits, check character)", () => {
  const now = new Date('2026-06-01T00:00:00Z');
  for (const u of TEST_USERS) {
    if (u.pnr) assert.equal(normalizePersonnummer(u.pnr, now), u.pnr, u.id);
    if (u.hsaId) assert.equal(validateHsaId(u.hsaId), u.hsaId, u.id);
    if (u.cpr) assert.equal(normalizeCpr(u.cpr, now), u.cpr, u.id);
    if (u.fnr) assert.equal(normalizeFodselsnummer(u.fnr, now), u.fnr, u.id);
    if (u.hetu) assert.equal(normalizeHenkilotunnus(u.hetu, now), u.hetu, u.id);
    assert.equal([u.pnr, u.hsaId, u.cpr, u.fnr, u.hetu].filter(Boolean).length, 1, `${u.id} has exactly one identity`);
  }
  assert.ok(
    TEST_USERS.some((u) => u.kind === 'bankid-no' && u.fnr?.startsWith('7')),
    'a D-nummer is there',
  );
  assert.ok(
    TEST_USERS.some((u) => u.pnr === '191212121212'),
    "Skatteverket's classic example is there",
  );
});

test('BankID-like login that matches: PKCE S256 + state + nonce + acr_values, a 303 with the session in the fragment, then /join admits', async () => {
  const h = await createIdentityHarness();
  try {
    const booked = await h.book();
    const invite = booked.participants[ESTHER]?.invite.token as string;
    const { authorizationUrl, cookie } = await h.startLogin(invite);
    assert.equal(authorizationUrl.origin, h.idp.issuer);
    const q = authorizationUrl.searchParams;
    assert.equal(q.get('code_challenge_method'), 'S256');
    assert.match(q.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.ok((q.get('state') ?? '').length >= 43 && (q.get('nonce') ?? '').length >= 43, 'state and nonce carry at least 256 bits');
    assert.equal(q.get('acr_values'), `${ACR.loa3} ${ACR.loa4}`);
    assert.equal(q.get('redirect_uri'), CALLBACK_URL);
    assert.ok(!authorizationUrl.href.includes(invite), "the invitation secret stays out of the IdP's URL");
    for (const f of pnrForms('191212121212')) assert.ok(!authorizationUrl.href.includes(f));
    assert.match(cookie ?? '', /^__Secure-care-meet-login=[A-Za-z0-9_-]{43}$/);

    const callback = await loginWithoutBrowser(authorizationUrl, { user: 'esther' });
    const res = await h.finish(callback, cookie);
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    const location = new URL(res.headers.get('location') ?? '');
    assert.equal(location.origin + location.pathname + location.search, RETURN_TO, 'back to exactly returnTo');
    const f = fragmentOf(res);
    const session = f.get('care-session') as string;
    assert.match(session, /^s_/);
    assert.equal(f.get('care-participant'), booked.participants[ESTHER]?.id);
    assert.ok(!Number.isNaN(Date.parse(f.get('care-expires') ?? '')));
    assert.equal(f.get('care-error'), null);

    const joined = await h.api('POST', '/join', { token: session });
    assert.equal(joined.status, 200, JSON.stringify(joined.json));
    assert.equal(joined.json.status, 'admitted');
    assert.equal(joined.json.participantId, booked.participants[ESTHER]?.id);
    // The invitation is spent, and the audit shows how it was redeemed.
    assert.equal((await h.api('GET', `/invites/${invite}`)).json.error.code, 'INVITE_USED');
    const audit = await auditText(h, booked.meeting.id);
    assert.match(audit, /"action":"invite.redeem","actor":"p_[^"]+","participantId":"p_[^"]+","outcome":"ok","code":null,"details":\{"method":"bankid"\}/);
  } finally {
    await h.close();
  }
});

test('the binding cookie: HttpOnly, Secure, SameSite=Lax, ten minutes, scoped to the API', async () => {
  const h = await createIdentityHarness();
  try {
    const booked = await h.book();
    const r = await h.raw('POST', `/invites/${booked.participants[ESTHER]?.invite.token}/oidc`, { body: { returnTo: RETURN_TO } });
    const set = r.headers.get('set-cookie') ?? '';
    for (const attribute of ['HttpOnly', 'Secure', 'SameSite=Lax', 'Max-Age=600', 'Path=/api/']) assert.ok(set.includes(attribute), attribute);
    // A browser that already holds one keeps it (two tabs can log in at once).
    const value = set.split(';')[0] as string;
    const again = await h.raw('POST', `/invites/${booked.participants[ANNA]?.invite.token}/oidc`, {
      body: { returnTo: RETURN_TO },
      headers: { cookie: value },
    });
    assert.equal((again.headers.get('set-cookie') ?? '').split(';')[0], value);
  } finally {
    await h.close();
  }
});

test('rule 1: a login as someone else gets IDENTITY_MISMATCH, no session, the invitation still usable, audited without the raw personnummer', async () => {
  const h = await createIdentityHarness();
  try {
    const booked = await h.book();
    const invite = booked.participants[ESTHER]?.invite.token as string;
    for (const choice of [{ user: 'sven' }, { pnr: '19811228-9874' }, { user: 'rut' }]) {
      const f = fragmentOf(await h.login(invite, choice));
      assert.equal(f.get('care-error'), 'IDENTITY_MISMATCH', JSON.stringify(choice));
      assert.equal(f.get('care-session'), null);
    }
    assert.equal((await h.api('GET', `/invites/${invite}`)).status, 200, 'the right person can still use the invitation');
    const audit = await auditText(h, booked.meeting.id);
    assert.equal((audit.match(/"outcome":"refused","code":"IDENTITY_MISMATCH","details":\{"method":"bankid","identityKind":"pnr"\}/g) ?? []).length, 3);
    assert.ok(!audit.includes('session.created'), 'no session was made');
    for (const pnr of ['198112289874', '198507099920', '191212121212']) {
      for (const form of pnrForms(pnr)) assert.ok(!audit.includes(form), `audit carries ${form}`);
    }
    // The right person afterwards: admitted.
    assert.match(fragmentOf(await h.login(invite, { user: 'esther' })).get('care-session') ?? '', /^s_/);
  } finally {
    await h.close();
  }
});

test('rule 11: a level of assurance below the accepted ones is refused with ASSURANCE_TOO_LOW', async () => {
  const h = await createIdentityHarness();
  try {
    const booked = await h.book();
    const invite = booked.participants[ESTHER]?.invite.token as string;
    const f = fragmentOf(await h.login(invite, { user: 'esther', acr: ACR.loa2 }));
    assert.equal(f.get('care-error'), 'ASSURANCE_TOO_LOW');
    assert.equal(f.get('care-session'), null);
    assert.match(await auditText(h, booked.meeting.id), /"code":"ASSURANCE_TOO_LOW","details":\{"method":"bankid","reason":"acr"\}/);
    // A higher level than required is fine.
    assert.match(fragmentOf(await h.login(invite, { user: 'esther', acr: ACR.loa4 })).get('care-session') ?? '', /^s_/);
  } finally {
    await h.close();
  }
});

test('a tampered state and a replayed callback are refused: no login to go by, so a plain page and no redirect', async () => {
  const h = await createIdentityHarness();
  try {
    const booked = await h.book();
    const invite = booked.participants[ESTHER]?.invite.token as string;
    const { authorizationUrl, cookie } = await h.startLogin(invite);
    const callback = await loginWithoutBrowser(authorizationUrl, { user: 'esther' });
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const t = await h.finish(tampered, cookie);
    assert.equal(t.status, 400);
    assert.equal(t.headers.get('location'), null);
    assert.match(t.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(t.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.ok(!(await t.text()).includes('<script'));
    // The real callback still works once...
    assert.match(fragmentOf(await h.finish(callback, cookie)).get('care-session') ?? '', /^s_/);
    // ...and only once.
    const replay = await h.finish(callback, cookie);
    assert.equal(replay.status, 400);
    assert.equal((await auditText(h, booked.meeting.id)).match(/session.created/g)?.length, 1);
    // No state at all.
    assert.equal((await h.raw('GET', '/oidc/callback?code=abc')).status, 400);
  } finally {
    await h.close();
  }
});

test('a callback in a browser without the binding cookie, or after ten minutes, gets LOGIN_FAILED', async () => {
  const h = await createIdentityHarness();
  try {
    const booked = await h.book();
    const invite = booked.participants[ESTHER]?.invite.token as string;
    const { authorizationUrl } = await h.startLogin(invite);
    const callback = await loginWithoutBrowser(authorizationUrl, { user: 'esther' });
    assert.equal(fragmentOf(await h.finish(callback, null)).get('care-error'), 'LOGIN_FAILED');
    const other = await h.startLogin(invite);
    const callback2 = await loginWithoutBrowser(other.authorizationUrl, { user: 'esther' });
    assert.equal(fragmentOf(await h.finish(callback2, '__Secure-care-meet-login=' + 'A'.repeat(43))).get('care-error'), 'LOGIN_FAILED');
    const late = await h.startLogin(invite);
    const callback3 = await loginWithoutBrowser(late.authorizationUrl, { user: 'esther' });
    h.clock.advance(10 * 60_000 + 1);
    assert.equal(fragmentOf(await h.finish(callback3, late.cookie)).get('care-error'), 'LOGIN_FAILED');
    const audit = await auditText(h, booked.meeting.id);
    assert.match(audit, /"reason":"browser"/);
    assert.match(audit, /"reason":"expired"/);
    assert.ok(!audit.includes('session.created'));
  } finally {
    await h.close();
  }
});

test('without browser binding (a cross-site deployment) no cookie is set and none is needed', async () => {
  const h = await createIdentityHarness({ careMeet: { bindLoginToBrowser: false } });
  try {
    const booked = await h.book();
    const { authorizationUrl, cookie } = await h.startLogin(booked.participants[ESTHER]?.invite.token as string);
    assert.equal(cookie, null);
    const callback = await loginWithoutBrowser(authorizationUrl, { user: 'esther' });
    assert.match(fragmentOf(await h.finish(callback, null)).get('care-session') ?? '', /^s_/);
  } finally {
    await h.close();
  }
});

/** Logs in at `issuer` as `clientId` with a chosen nonce and answers the raw ID token (what an attacker could hold). */
async function idTokenFrom(issuer: string, clientId: string, secret: string, nonce: string, user: string): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const auth = new URL(`${issuer}/auth`);
  auth.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: CALLBACK_URL,
    response_type: 'code',
    scope: 'openid profile',
    state: randomBytes(16).toString('base64url'),
    nonce,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const callback = await loginWithoutBrowser(auth, { user });
  const res = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code') ?? '',
      redirect_uri: CALLBACK_URL,
      code_verifier: verifier,
    }),
  });
  const body = (await res.json()) as { id_token?: string };
  assert.ok(body.id_token, 'the other IdP issued an ID token');
  return body.id_token;
}

test('rule 11: an ID token from another issuer (same signing key), for another audience, or with a broken signature is refused', async () => {
  const key = generateSigningJwk();
  let swap: ((idToken: string) => string) | null = null;
  // The token endpoint's answer passes through here; a test swaps the ID token in it, as a
  // compromised network path or a mixed-up IdP would.
  const tamperingFetch: IdentityProviderFetch = async (url, init) => {
    const res = await fetch(url, init);
    if (!swap || !new URL(url).pathname.endsWith('/token')) return res;
    const body = (await res.json()) as Record<string, unknown>;
    body.id_token = swap(String(body.id_token));
    return new Response(JSON.stringify(body), { status: res.status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
  };
  const h = await createIdentityHarness({ idp: { jwks: { keys: [key] } }, providers: (issuer) => providersFor(issuer, { bankid: { fetch: tamperingFetch } }) });
  const otherIdp = await startTestIdp({ clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [CALLBACK_URL] }], jwks: { keys: [key] } });
  try {
    const booked = await h.book();
    const invite = booked.participants[ESTHER]?.invite.token as string;
    const attempt = async (make: (nonce: string) => Promise<((t: string) => string) | null>) => {
      const { authorizationUrl, cookie } = await h.startLogin(invite);
      swap = await make(authorizationUrl.searchParams.get('nonce') as string);
      const callback = await loginWithoutBrowser(authorizationUrl, { user: 'esther' });
      const res = await h.finish(callback, cookie);
      swap = null;
      return fragmentOf(res);
    };
    const linesBefore = h.log.lines.length;
    // Another IdP, same key, same client id, same nonce, the right person: only the issuer differs.
    const wrongIssuer = await attempt(async (nonce) => {
      const foreign = await idTokenFrom(otherIdp.issuer, CLIENT_ID, CLIENT_SECRET, nonce, 'esther');
      return () => foreign;
    });
    assert.equal(wrongIssuer.get('care-error'), 'LOGIN_FAILED');
    // The right IdP, but a token issued to another client.
    const wrongAudience = await attempt(async (nonce) => {
      const foreign = await idTokenFrom(h.idp.issuer, 'other-portal', 'other-portal-secret-0123456789ab', nonce, 'esther');
      return () => foreign;
    });
    assert.equal(wrongAudience.get('care-error'), 'LOGIN_FAILED');
    // The real token with its payload changed (someone else's personnummer): the signature no longer holds.
    const brokenSignature = await attempt(async () => (t: string) => {
      const [header, payload, signature] = t.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
      claims[CLAIM.personalIdentityNumber] = '191212121212';
      claims.name = 'Någon Annan';
      return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    });
    assert.equal(brokenSignature.get('care-error'), 'LOGIN_FAILED');
    const refusals = h.log.lines.slice(linesBefore).filter((l) => l.includes('identity provider login refused'));
    assert.equal(refusals.length, 3, 'each refusal is logged (by error name and code only)');
    // Issuer and audience fail the claim comparison; the altered payload fails the signature check.
    assert.match(refusals[0] ?? '', /"code":"OAUTH_JWT_CLAIM_COMPARISON_FAILED"/);
    assert.match(refusals[1] ?? '', /"code":"OAUTH_JWT_CLAIM_COMPARISON_FAILED"/);
    assert.match(refusals[2] ?? '', /"code":"OAUTH_INVALID_RESPONSE"/);
    const audit = await auditText(h, booked.meeting.id);
    assert.equal(audit.match(/"reason":"token"/g)?.length, 3);
    assert.ok(!audit.includes('session.created'));
    // The same path with nothing swapped works: the refusals above are the checks, not the hook.
    const control = await attempt(async () => (t: string) => t);
    assert.match(control.get('care-session') ?? '', /^s_/);
  } finally {
    await otherIdp.close();
    await h.close();
  }
});

test('SITHS-like login with the HSA-id: the chair is admitted; another staff member is refused', async () => {
  const h = await createIdentityHarness();
  try {
    const booked = await h.book();
    const invite = booked.participants[ANNA]?.invite.token as string;
    const wrong = fragmentOf(await h.login(invite, { user: 'stina' }));
    assert.equal(wrong.get('care-error'), 'IDENTITY_MISMATCH');
    const typedWrongCase = fragmentOf(await h.login(invite, { hsaId: 'SE2321000016-a1b2' }));
    assert.equal(typedWrongCase.get('care-error'), 'IDENTITY_MISMATCH', 'HSA-ids compare exactly, case included');
    const f = fragmentOf(await h.login(invite, { user: 'anna' }));
    const joined = await h.api('POST', '/join', { token: f.get('care-session') as string });
    assert.equal(joined.json.status, 'admitted');
    assert.equal(joined.json.role, 'chair');
    const audit = await auditText(h, booked.meeting.id);
    assert.match(audit, /"details":\{"method":"siths","identityKind":"hsa"\}/);
    for (const raw of [HSA.anna, HSA.sven, '2321000016', 'SE2321000016-a1b2']) assert.ok(!audit.includes(raw), raw);
  } finally {
    await h.close();
  }
});

test('MitID-like login with a CPR number, registered in the DDMMYY-SSSS form', async () => {
  const h = await createIdentityHarness();
  try {
    const booked = await h.book();
    const added = await h.api('POST', `/meetings/${booked.meeting.id}/participants`, {
      token: ORGANIZER_KEY,
      body: { name: 'Mette Mitidsen', role: 'relative', identity: { kind: 'cpr', cpr: '070761-4285' } },
    });
    assert.equal(added.status, 201, JSON.stringify(added.json));
    const invite = added.json.participant.invite.token as string;
    assert.equal((await h.api('GET', `/invites/${invite}`)).json.verify, 'mitid');
    assert.equal(fragmentOf(await h.login(invite, { user: 'mette', acr: ACR.nsisLow })).get('care-error'), 'ASSURANCE_TOO_LOW');
    const f = fragmentOf(await h.login(invite, { user: 'mette' }));
    assert.equal(f.get('care-participant'), added.json.participant.id);
    assert.equal((await h.api('POST', '/join', { token: f.get('care-session') as string })).json.status, 'admitted');
  } finally {
    await h.close();
  }
});

test('BankID Norway-like login with a fødselsnummer or D-nummer: the right person is admitted, anyone else refused, nothing raw in the audit', async () => {
  const h = await createIdentityHarness();
  try {
    const booked = await h.book();
    const add = async (name: string, fnr: string) => {
      const r = await h.api('POST', `/meetings/${booked.meeting.id}/participants`, {
        token: ORGANIZER_KEY,
        body: { name, role: 'relative', identity: { kind: 'fnr', fnr } },
      });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      return r.json.participant as { id: string; identity: { kind: string; masked: string }; invite: { token: string } };
    };
    const kari = await add('Kari Nordmann', '301082 99920');
    assert.deepEqual(kari.identity, { kind: 'fnr', masked: maskFodselsnummer('30108299920') });
    assert.equal((await h.api('GET', `/invites/${kari.invite.token}`)).json.verify, 'bankid-no');
    assert.equal(fragmentOf(await h.login(kari.invite.token, { user: 'jonas' })).get('care-error'), 'IDENTITY_MISMATCH', 'her D-nummer twin is someone else');
    assert.equal(fragmentOf(await h.login(kari.invite.token, { user: 'kari', acr: ACR.loa3 })).get('care-error'), 'ASSURANCE_TOO_LOW');
    const f = fragmentOf(await h.login(kari.invite.token, { user: 'kari' }));
    assert.equal(f.get('care-participant'), kari.id);
    assert.equal((await h.api('POST', '/join', { token: f.get('care-session') as string })).json.status, 'admitted');
    const jonas = await add('Jonas Dnummer', '70108299914');
    const g = fragmentOf(await h.login(jonas.invite.token, { user: 'jonas' }));
    assert.equal(g.get('care-participant'), jonas.id);
    const audit = await auditText(h, booked.meeting.id);
    assert.match(audit, /"details":\{"method":"bankid-no","identityKind":"fnr"\}/);
    for (const raw of ['30108299920', '301082 99920', '70108299914', '99920', '99914']) assert.ok(!audit.includes(raw), raw);
  } finally {
    await h.close();
  }
});

test('Suomi.fi-like login with a henkilötunnus: registered in lower case, matched with its century sign', async () => {
  const h = await createIdentityHarness();
  try {
    const booked = await h.book();
    const r = await h.api('POST', `/meetings/${booked.meeting.id}/participants`, {
      token: ORGANIZER_KEY,
      body: { name: 'Aino Esimerkki', role: 'relative', identity: { kind: 'hetu', hetu: '010594y9032' } },
    });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    const aino = r.json.participant as { id: string; identity: { kind: string; masked: string }; invite: { token: string } };
    assert.deepEqual(aino.identity, { kind: 'hetu', masked: '****94Y****' });
    assert.equal((await h.api('GET', `/invites/${aino.invite.token}`)).json.verify, 'suomifi');
    assert.equal(fragmentOf(await h.login(aino.invite.token, { user: 'matti' })).get('care-error'), 'IDENTITY_MISMATCH');
    assert.equal(fragmentOf(await h.login(aino.invite.token, { user: 'aino', acr: ACR.nsisHigh })).get('care-error'), 'ASSURANCE_TOO_LOW');
    const f = fragmentOf(await h.login(aino.invite.token, { user: 'aino' }));
    assert.equal(f.get('care-participant'), aino.id);
    assert.equal((await h.api('POST', '/join', { token: f.get('care-session') as string })).json.status, 'admitted');
    const audit = await auditText(h, booked.meeting.id);
    assert.match(audit, /"details":\{"method":"suomifi","identityKind":"hetu"\}/);
    for (const raw of ['010594Y9032', '010594y9032', 'Y9032', '9032']) assert.ok(!audit.includes(raw), raw);
  } finally {
    await h.close();
  }
});

test('popup display: a page that posts the result to the opener for the exact origin, with a CSP nonce, no-store, no-referrer', async () => {
  const h = await createIdentityHarness();
  try {
    const booked = await h.book();
    const ok = await h.login(booked.participants[ESTHER]?.invite.token as string, { user: 'esther' }, { display: 'popup' });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('cache-control'), 'no-store');
    assert.equal(ok.headers.get('referrer-policy'), 'no-referrer');
    const csp = ok.headers.get('content-security-policy') ?? '';
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    assert.ok(nonce, csp);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /frame-ancestors 'none'/);
    const html = await ok.text();
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.ok(html.includes(`<script nonce="${nonce}">`));
    const { message, targetOrigin } = popupMessageOf(html);
    assert.equal(targetOrigin, RETURN_ORIGIN, 'posted to exactly the returnTo origin, never "*"');
    assert.ok(!html.includes("'*'") && !html.includes('"*"'));
    assert.equal(message.type, 'care-verify-result');
    assert.match(String(message.session), /^s_/);
    assert.equal(message.participantId, booked.participants[ESTHER]?.id);
    assert.ok(!Number.isNaN(Date.parse(String(message.expiresAt))));

    const refused = await h.login(booked.participants[ANNA]?.invite.token as string, { user: 'stina' }, { display: 'popup' });
    const { message: error } = popupMessageOf(await refused.text());
    assert.deepEqual(Object.keys(error).sort(), ['error', 'type']);
    assert.equal((error.error as { code: string }).code, 'IDENTITY_MISMATCH');
    assert.equal(typeof (error.error as { message: string }).message, 'string');
  } finally {
    await h.close();
  }
});

test('returnTo must be an absolute http(s) URL on an allowed origin; its fragment is dropped; none allowed by default', async () => {
  const h = await createIdentityHarness();
  try {
    const booked = await h.book();
    const invite = booked.participants[ESTHER]?.invite.token as string;
    // Spread over three invitations: each takes 10 tries a minute.
    const invites = [invite, booked.participants[2]?.invite.token as string];
    const refused = [
      'https://evil.example/steal',
      'https://portal.test.evil.example/',
      'http://portal.test/', // another scheme is another origin
      '/mote',
      '//evil.example/',
      'javascript:alert(1)',
      'https://user:pw@portal.test/',
      'https://portal.test/\u202Eevil',
      'https://portal.test/' + 'x'.repeat(2100),
    ];
    for (const [i, returnTo] of refused.entries()) {
      const r = await h.api('POST', `/invites/${invites[i % 2]}/oidc`, { body: { returnTo } });
      assert.equal(r.status, 400, returnTo);
      assert.equal(r.json.error.code, 'BAD_REQUEST', returnTo);
      assert.equal(r.json.error.field, 'returnTo');
    }
    for (const body of [{}, { returnTo: RETURN_TO, display: 'window' }, { returnTo: RETURN_TO, extra: 1 }]) {
      assert.equal((await h.api('POST', `/invites/${booked.participants[ANNA]?.invite.token}/oidc`, { body })).json.error.code, 'BAD_REQUEST');
    }
    // The page's own fragment (which may hold the invitation secret) is not kept or sent back.
    const res = await h.login(invite, { user: 'esther' }, { returnTo: `${RETURN_TO}#invite=${invite}` });
    const location = res.headers.get('location') ?? '';
    assert.ok(!location.includes(invite));
    assert.match(location, /^https:\/\/portal\.test\/mote\/vantrum\?steg=2#care-session=/);
  } finally {
    await h.close();
  }
  const none = await createHarness({ identityProviders: providersFor('http://127.0.0.1:9') });
  try {
    const r = await none.call('POST', '/meetings', { token: ORGANIZER_KEY, body: sipMeeting() });
    const started = await none.call('POST', `/invites/${r.json.participants[ESTHER].invite.token}/oidc`, { body: { returnTo: RETURN_TO } });
    assert.equal(started.status, 400);
    assert.equal(started.json.error.field, 'returnTo');
  } finally {
    await none.close();
  }
});

test('claim names: a SAML-bridged IdP works with the default names; a provider told other names refuses', async () => {
  const h = await createIdentityHarness({
    idp: { claims: 'saml-bridged' },
    providers: (issuer) => providersFor(issuer, { siths: { claims: { hsaId: [CLAIM.hsaIdOid] } } }),
  });
  try {
    const booked = await h.book();
    assert.match(fragmentOf(await h.login(booked.participants[ESTHER]?.invite.token as string, { user: 'esther' })).get('care-session') ?? '', /^s_/);
    const f = fragmentOf(await h.login(booked.participants[ANNA]?.invite.token as string, { user: 'anna' }));
    assert.equal(f.get('care-error'), 'LOGIN_FAILED', 'the HSA-id came under a claim name this provider is not told to read');
    assert.match(await auditText(h, booked.meeting.id), /"reason":"claim"/);
  } finally {
    await h.close();
  }
});

test("claim names: the Norwegian and Finnish numbers under a broker's names (pid, nationalIdentificationNumber) work with the defaults", async () => {
  const h = await createIdentityHarness({ idp: { claims: 'saml-bridged' } });
  try {
    const booked = await h.book();
    const add = async (identity: Record<string, string>) => {
      const r = await h.api('POST', `/meetings/${booked.meeting.id}/participants`, { token: ORGANIZER_KEY, body: { name: 'N N', role: 'relative', identity } });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      return r.json.participant.invite.token as string;
    };
    assert.match(fragmentOf(await h.login(await add({ kind: 'fnr', fnr: '30108299920' }), { user: 'kari' })).get('care-session') ?? '', /^s_/);
    assert.match(fragmentOf(await h.login(await add({ kind: 'hetu', hetu: '010181-900C' }), { user: 'matti' })).get('care-session') ?? '', /^s_/);
  } finally {
    await h.close();
  }
});

test('cancelling at the IdP gives LOGIN_FAILED; the wrong method or an unknown invitation is refused before any redirect', async () => {
  const h = await createIdentityHarness({ providers: (issuer) => ({ bankid: providersFor(issuer).bankid }) });
  try {
    const booked = await h.book();
    const f = fragmentOf(await h.login(booked.participants[ESTHER]?.invite.token as string, { cancel: true }));
    assert.equal(f.get('care-error'), 'LOGIN_FAILED');
    assert.match(await auditText(h, booked.meeting.id), /"reason":"cancelled"/);
    const smsGuest = await h.api('POST', `/invites/${booked.participants[3]?.invite.token}/oidc`, { body: { returnTo: RETURN_TO } });
    assert.equal(smsGuest.json.error.code, 'BAD_REQUEST');
    const noSiths = await h.api('POST', `/invites/${booked.participants[ANNA]?.invite.token}/oidc`, { body: { returnTo: RETURN_TO } });
    assert.equal(noSiths.json.error.code, 'BAD_REQUEST');
    assert.match(noSiths.json.error.message, /no identity provider for siths/);
    const unknown = await h.api('POST', `/invites/${'A'.repeat(43)}/oidc`, { body: { returnTo: RETURN_TO } });
    assert.equal(unknown.json.error.code, 'NOT_FOUND');
  } finally {
    await h.close();
  }
});

test('an identity provider that does not answer gives IDP_UNAVAILABLE', async () => {
  const h = await createIdentityHarness({ providers: () => providersFor('http://127.0.0.1:9') });
  try {
    const booked = await h.book();
    const r = await h.api('POST', `/invites/${booked.participants[ESTHER]?.invite.token}/oidc`, { body: { returnTo: RETURN_TO } });
    assert.equal(r.status, 503);
    assert.equal(r.json.error.code, 'IDP_UNAVAILABLE');
  } finally {
    await h.close();
  }
});

test('configuration mistakes are TypeErrors at create: http issuer, no acr, a returnTo origin with a path', async () => {
  const store = new SqliteMeetingStore({ filename: ':memory:' });
  const base = { store, livekit: { url: 'ws://127.0.0.1:7880', apiKey: 'k', apiSecret: 's' }, organizerKey: ORGANIZER_KEY };
  const p = providersFor('http://127.0.0.1:9').bankid as NonNullable<ReturnType<typeof providersFor>['bankid']>;
  const bad: Array<[string, object]> = [
    ['http issuer without allowInsecureRequests', { identityProviders: { bankid: { ...p, allowInsecureRequests: false } } }],
    ['insecure requests to a non-loopback issuer', { identityProviders: { bankid: { ...p, issuer: 'http://idp.example' } } }],
    ['no acceptedAcr', { identityProviders: { bankid: { ...p, acceptedAcr: [] } } }],
    ['unknown method', { identityProviders: { freja: p } }],
    ['redirectUri with a query', { identityProviders: { bankid: { ...p, redirectUri: `${CALLBACK_URL}?x=1` } } }],
    ['scope without openid', { identityProviders: { bankid: { ...p, scope: 'profile' } } }],
    ['origin with a path', { allowedReturnOrigins: ['https://portal.test/mote'] }],
    ['messages with a relative inviteUrl', { messages: { sms: async () => {}, email: async () => {} } }],
    ['unknown message language', { messageLanguage: 'de' }],
    ['an evaluation question without text', { evaluationQuestions: [{ id: 'q1', kind: 'scale', text: {} }] }],
    [
      'an evaluation question with blank text only, or in no language we serve',
      { evaluationQuestions: [{ id: 'q1', kind: 'scale', text: { da: ' ', de: 'Wie?' } }] },
    ],
  ];
  for (const [name, extra] of bad) await assert.rejects(CareMeet.create({ ...base, ...extra } as never), TypeError, name);
  await store.close();
});

test('rule 17: no session, invitation secret, state, code, ID token or raw identity in the log lines or the audit log', async () => {
  const h = await createIdentityHarness();
  try {
    const booked = await h.book();
    const invite = booked.participants[ESTHER]?.invite.token as string;
    const { authorizationUrl, cookie } = await h.startLogin(invite);
    const callback = await loginWithoutBrowser(authorizationUrl, { user: 'esther' });
    const session = fragmentOf(await h.finish(callback, cookie)).get('care-session') as string;
    await h.finish(callback, cookie); // a replay, logged as refused
    fragmentOf(await h.login(booked.participants[ANNA]?.invite.token as string, { user: 'stina' }));
    fragmentOf(await h.login(booked.participants[2]?.invite.token as string, { pnr: '19811228-9874' }));
    await h.api('POST', '/join', { token: session });
    const all = h.log.lines.join('\n') + (await auditText(h, booked.meeting.id));
    assert.ok(h.log.lines.length >= 8);
    const secrets = [
      session,
      invite,
      (cookie ?? '').split('=')[1] as string,
      callback.searchParams.get('state') as string,
      callback.searchParams.get('code') as string,
      authorizationUrl.searchParams.get('nonce') as string,
      CLIENT_SECRET,
      HSA.anna,
      HSA.sven,
      ...pnrForms('191212121212'),
      ...pnrForms('198112289874'),
      PNR.esther,
    ];
    for (const s of secrets) assert.ok(!all.includes(s), `found ${s.slice(0, 10)}…`);
    assert.ok(!JWT_SHAPE.test(all), 'no JWT');
    assert.match(all, /"route":"\/oidc\/callback"/);
  } finally {
    await h.close();
  }
});

test("the identity provider's page in the element's language: `language` is sent as ui_locales, and the test IdP speaks it; anything else is refused", async () => {
  const h = await createIdentityHarness();
  try {
    const booked = await h.book();
    const invite = booked.participants[ESTHER]?.invite.token as string;
    const plain = await h.startLogin(invite);
    assert.equal(plain.authorizationUrl.searchParams.get('ui_locales'), null, 'nothing asked when the element did not say');
    for (const language of ['sv', 'da', 'en', 'nb', 'fi']) {
      const r = await h.api('POST', `/invites/${invite}/oidc`, { body: { returnTo: RETURN_TO, display: 'popup', language } });
      assert.equal(r.status, 200, JSON.stringify(r.json));
      const url = new URL(r.json.authorizationUrl as string);
      assert.equal(url.searchParams.get('ui_locales'), language);
      // The IdP sends the browser on to its interaction page, with the cookies that find it again.
      const start = await fetch(url, { redirect: 'manual' });
      const cookies = start.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const page = await fetch(new URL(start.headers.get('location') ?? '', url), { headers: { cookie: cookies } });
      const lang = /<html lang="([a-z]+)"/.exec(await page.text())?.[1];
      assert.equal(lang, language, `the test IdP's login page speaks ${language}`);
    }
    // Another invitation (each may be started 10 times a minute): the relative's.
    const other = booked.participants[2]?.invite.token as string;
    for (const language of ['de', 'SV', '', 7, 'sv-SE']) {
      const r = await h.api('POST', `/invites/${other}/oidc`, { body: { returnTo: RETURN_TO, language } });
      assert.equal(r.status, 400, String(language));
      assert.equal(r.json.error.code, 'BAD_REQUEST');
      assert.equal(r.json.error.field, 'language');
    }
  } finally {
    await h.close();
  }
});
