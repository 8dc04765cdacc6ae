import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type * as OpenIdClient from '../../server-sdk/node_modules/openid-client/build/index.js';
import { ACR, CLAIM, TEST_USERS, loginWithoutBrowser, startTestIdp, type TestIdp } from './index.js';
import { LOGIN_LANGUAGES, LOGIN_TEXTS, hintedUser, loginLanguage, loginMethodFor, renderLoginPage, usersForMethod } from './login-page.js';
import { parseTypedCpr } from './typed-cpr.js';

// openid-client is borrowed from the server SDK, as index.test.ts does.
const requireFromServerSdk = createRequire(new URL('../../server-sdk/package.json', import.meta.url));
const oidc = (await import(pathToFileURL(requireFromServerSdk.resolve('openid-client')).href)) as typeof OpenIdClient;
const REDIRECT = 'http://portal.test/api/oidc/callback';
const SECRET = 'test-idp-client-secret-0123456789';

test('the page speaks the request’s ui_locales, else the browser’s languages, else Danish for MitID and Swedish otherwise', () => {
  assert.equal(loginLanguage('da', 'en-US,en;q=0.9', 'swedish'), 'da');
  assert.equal(loginLanguage('de fi', undefined, undefined), 'fi', 'the first language the page speaks');
  assert.equal(loginLanguage(undefined, 'de-DE,nb;q=0.5,en;q=0.8', undefined), 'en', 'by q-value');
  assert.equal(loginLanguage(undefined, 'no', undefined), 'nb');
  assert.equal(loginLanguage(undefined, 'sv;q=0,da', undefined), 'da', 'q=0 means not wanted');
  assert.equal(loginLanguage(undefined, '*', 'mitid'), 'da');
  assert.equal(loginLanguage(undefined, undefined, 'swedish'), 'sv');
  assert.equal(loginMethodFor(`${ACR.nsisSubstantial} ${ACR.nsisHigh}`), 'mitid');
  assert.equal(loginMethodFor(`${ACR.loa3} ${ACR.loa4}`), 'swedish');
  assert.equal(loginMethodFor(undefined), undefined);
});

test('a login_hint pre-selects the person it names, by id, personnummer, CPR or HSA-id; nothing else does', () => {
  assert.equal(hintedUser('rut', TEST_USERS)?.id, 'rut');
  assert.equal(hintedUser('19850709-9920', TEST_USERS)?.id, 'rut');
  assert.equal(hintedUser('pnr:198507099920', TEST_USERS)?.id, 'rut');
  assert.equal(hintedUser('cpr:070761-4285', TEST_USERS)?.id, 'mette');
  assert.equal(hintedUser('hsa:SE2321000016-7Q9Z', TEST_USERS)?.id, 'stina');
  assert.equal(hintedUser('se2321000016-7q9z', TEST_USERS), undefined, 'HSA-ids in exact case');
  assert.equal(hintedUser('', TEST_USERS), undefined);
  const html = renderLoginPage({ uid: 'u1', clientId: 'c', users: TEST_USERS, requestedAcr: undefined });
  assert.ok(!html.includes(' checked>'), 'without a hint nobody is pre-selected, so a new user picks who they are');
});

test('a typed CPR number: a date that exists in the century its seventh digit gives; modulus 11 not required', () => {
  assert.equal(parseTypedCpr('070761-4285'), '0707614285');
  assert.equal(parseTypedCpr(' 0707614285 '), '0707614285');
  assert.equal(parseTypedCpr('010120-4000'), '0101204000', '2020, fails modulus 11, still a CPR number');
  assert.equal(parseTypedCpr('290200-4001'), '2902004001', '29 February 2000 (seventh digit 4, year 00: 2000)');
  assert.equal(parseTypedCpr('290200-1001'), null, '29 February 1900 did not exist');
  assert.equal(parseTypedCpr('300261-4285'), null, '30 February');
  assert.equal(parseTypedCpr('071361-4285'), null, 'month 13');
  assert.equal(parseTypedCpr('0707614285x'), null);
  assert.equal(parseTypedCpr('07076-14285'), null);
});

test('every language has every text, and its own words', () => {
  const flat = (v: unknown, path = ''): Array<[string, string]> =>
    typeof v === 'string' ? [[path, v]] : Object.entries(v as object).flatMap(([k, inner]) => flat(inner, path ? `${path}.${k}` : k));
  const en = flat(LOGIN_TEXTS.en)
    .map(([k]) => k)
    .sort();
  for (const lang of LOGIN_LANGUAGES)
    assert.deepEqual(
      flat(LOGIN_TEXTS[lang])
        .map(([k]) => k)
        .sort(),
      en,
      lang,
    );
  for (const key of ['title', 'chooseUser', 'login', 'errors.cpr', 'cprLabel']) {
    const values = LOGIN_LANGUAGES.map((l) => new Map(flat(LOGIN_TEXTS[l])).get(key));
    assert.equal(new Set(values).size, LOGIN_LANGUAGES.length, `${key}: ${values.join(' | ')}`);
  }
});

async function withIdp(fn: (idp: TestIdp, config: OpenIdClient.Configuration) => Promise<void>): Promise<void> {
  const idp = await startTestIdp({ clients: [{ clientId: 'care-meet', clientSecret: SECRET, redirectUris: [REDIRECT] }] });
  try {
    const config = await oidc.discovery(new URL(idp.issuer), 'care-meet', SECRET, oidc.ClientSecretBasic(SECRET), { execute: [oidc.allowInsecureRequests] });
    await fn(idp, config);
  } finally {
    await idp.close();
  }
}

/** The login page as a browser with `acceptLanguage` sees it, for an authorization request with `extra`. */
async function loginPage(idp: TestIdp, config: OpenIdClient.Configuration, extra: Record<string, string>, acceptLanguage?: string) {
  const verifier = oidc.randomPKCECodeVerifier();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope: 'openid',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    ...extra,
  });
  const first = await fetch(url, { redirect: 'manual' });
  const cookie = first.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(new URL(first.headers.get('location') ?? '', idp.issuer), {
    headers: { cookie, ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) },
  });
  return { html: await res.text(), url, verifier };
}

test('the MitID flow in Danish: MitID users only, the invited one pre-selected, a CPR field and no personnummer field', async () => {
  await withIdp(async (idp, config) => {
    const mitid = `${ACR.nsisSubstantial} ${ACR.nsisHigh}`;
    const { html } = await loginPage(idp, config, { acr_values: mitid, ui_locales: 'da', login_hint: 'cpr:0707614285' }, 'en-US,en;q=0.9');
    assert.match(html, /<html lang="da">/);
    assert.match(html, /<button type="submit">Log ind<\/button>/);
    assert.match(html, /<input type="radio" name="user" id="user-mette" value="mette" checked>/);
    assert.match(html, /den, invitationen gælder/);
    assert.ok(!html.includes('value="esther"') && !html.includes('value="anna"'), 'no BankID or SITHS users in the MitID flow');
    assert.match(html, /<label for="cpr">Eller skriv dit eget CPR-nummer/);
    assert.ok(!html.includes('id="pnr"') && !html.includes('id="hsaId"'));
    // Without ui_locales, the browser's language; and the relative's hint pre-selects the relative.
    const en = (await loginPage(idp, config, { acr_values: ACR.loa3, login_hint: 'rut' }, 'en-GB,en;q=0.9')).html;
    assert.match(en, /<html lang="en">/);
    assert.match(en, /<input type="radio" name="user" id="user-rut" value="rut" checked>/);
    assert.equal((en.match(/ checked>/g) ?? []).length, 1);
    assert.ok(!en.includes('value="mette"') && !en.includes('id="cpr"'));
  });
});

test('a typed CPR number logs in a MitID-like person; a date that does not exist is refused on the page, in its language', async () => {
  await withIdp(async (idp, config) => {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      acr_values: ACR.nsisSubstantial,
      ui_locales: 'da',
    });
    const callback = await loginWithoutBrowser(url, { cpr: '010120-4000' });
    const claims = (await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce })).claims();
    assert.equal(claims?.[CLAIM.cprNumber], '0101204000');
    assert.equal(claims?.acr, ACR.nsisSubstantial);
    const again = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      acr_values: ACR.nsisSubstantial,
      ui_locales: 'da',
    });
    await assert.rejects(loginWithoutBrowser(again, { cpr: '300261-4285' }), /CPR-nummeret er ikke gyldigt/);
  });
});

test("BankID Norway and Suomi.fi requests list only their own test users, with their numbers, in their country's language by default", () => {
  assert.equal(loginMethodFor('urn:bankid:bid;LOA=4 urn:bankid:bis;LOA=3'), 'bankid-no');
  assert.equal(loginMethodFor('http://ftn.ficora.fi/2017/loa2 http://ftn.ficora.fi/2017/loa3'), 'suomifi');
  assert.equal(loginMethodFor('urn:bankid:bid;LOA=4 http://ftn.ficora.fi/2017/loa2'), undefined, 'a mixed request names no one method');
  assert.deepEqual(
    usersForMethod(TEST_USERS, 'bankid-no').map((u) => u.id),
    ['kari', 'jonas'],
  );
  assert.deepEqual(
    usersForMethod(TEST_USERS, 'suomifi').map((u) => u.id),
    ['aino', 'matti'],
  );
  assert.equal(loginLanguage(undefined, undefined, 'bankid-no'), 'nb');
  assert.equal(loginLanguage(undefined, undefined, 'suomifi'), 'fi');
  const html = renderLoginPage({
    uid: 'u1',
    lang: 'nb',
    users: usersForMethod(TEST_USERS, 'bankid-no'),
    method: 'bankid-no',
    clientId: 'care-meet',
    requestedAcr: 'urn:bankid:bid;LOA=4',
  });
  assert.match(html, /Kari Nordmann <span class="hint">\(BankID, 301082 99920\)<\/span>/);
  assert.doesNotMatch(html, /\(bankid-no, \)/);
  assert.doesNotMatch(html, /name="pnr"|name="cpr"/, 'no Swedish or Danish number fields for BankID Norway');
});
