import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type * as OpenIdClient from '../../server-sdk/node_modules/openid-client/build/index.js';
import { ACR, CLAIM, loginWithoutBrowser, startTestIdp, type TestIdp } from './index.js';

// openid-client is a dependency of the server SDK, not of this package; the test borrows the
// workspace sibling's copy rather than adding a second one here.
const requireFromServerSdk = createRequire(new URL('../../server-sdk/package.json', import.meta.url));
const oidc = (await import(pathToFileURL(requireFromServerSdk.resolve('openid-client')).href)) as typeof OpenIdClient;

const REDIRECT = 'http://portal.test/api/oidc/callback';
const SECRET = 'test-idp-client-secret-0123456789';

async function withIdp(fn: (idp: TestIdp) => Promise<void>, claims?: 'oidc-se' | 'saml-bridged'): Promise<void> {
  const idp = await startTestIdp({
    clients: [
      { clientId: 'care-meet', clientSecret: SECRET, redirectUris: [REDIRECT] },
      { clientId: 'public-app', redirectUris: [REDIRECT] },
    ],
    ...(claims ? { claims } : {}),
  });
  try {
    await fn(idp);
  } finally {
    await idp.close();
  }
}

async function client(idp: TestIdp) {
  return oidc.discovery(new URL(idp.issuer), 'care-meet', SECRET, oidc.ClientSecretBasic(SECRET), {
    execute: [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks],
  });
}

async function authorize(config: Awaited<ReturnType<typeof client>>, extra: Record<string, string> = {}) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope: 'openid profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...extra,
  });
  return { url, verifier, state, nonce };
}

test('discovery: issuer on 127.0.0.1, code flow only, PKCE S256, the Swedish and Danish acr values and claims', async () => {
  await withIdp(async (idp) => {
    assert.match(idp.issuer, /^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
    assert.equal(res.status, 200);
    const d = (await res.json()) as Record<string, unknown>;
    assert.equal(d.issuer, idp.issuer);
    assert.deepEqual(d.response_types_supported, ['code']);
    assert.deepEqual(d.code_challenge_methods_supported, ['S256']);
    assert.ok((d.acr_values_supported as string[]).includes(ACR.loa3));
    assert.ok((d.acr_values_supported as string[]).includes(ACR.nsisSubstantial));
    assert.ok((d.claims_supported as string[]).includes(CLAIM.personalIdentityNumber));
    assert.ok((d.claims_supported as string[]).includes(CLAIM.hsaIdOid));
    assert.equal(d.authorization_response_iss_parameter_supported, true);
    const jwks = (await (await fetch(String(d.jwks_uri))).json()) as { keys: Array<Record<string, unknown>> };
    assert.equal(jwks.keys.length, 1);
    assert.equal(jwks.keys[0]?.d, undefined, 'the JWKS publishes no private key part');
  });
});

test('a full authorization code flow through openid-client: BankID-like user, pnr claim, acr, signature checked', async () => {
  await withIdp(async (idp) => {
    const config = await client(idp);
    const { url, verifier, state, nonce } = await authorize(config, { acr_values: ACR.loa3 });
    const callback = await loginWithoutBrowser(url, { user: 'esther' });
    assert.equal(callback.origin + callback.pathname, REDIRECT);
    assert.equal(callback.searchParams.get('state'), state);
    assert.equal(callback.searchParams.get('iss'), idp.issuer);
    const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
    const claims = tokens.claims();
    assert.ok(claims);
    assert.equal(claims.iss, idp.issuer);
    assert.equal(claims.aud, 'care-meet');
    assert.equal(claims.acr, ACR.loa3);
    assert.equal(claims[CLAIM.personalIdentityNumber], '191212121212');
    assert.equal(claims.name, 'Esther Exempel');
    assert.notEqual(claims.sub, '191212121212');
    assert.ok(!String(claims.sub).includes('1912121212'), 'the subject is opaque');
  });
});

test('PKCE is required, even for a confidential client; the code is single use', async () => {
  await withIdp(async (idp) => {
    const config = await client(idp);
    const noPkce = new URL(`${idp.issuer}/auth`);
    noPkce.search = new URLSearchParams({
      client_id: 'care-meet',
      redirect_uri: REDIRECT,
      response_type: 'code',
      scope: 'openid',
      state: 's',
      nonce: 'n',
    }).toString();
    const res = await fetch(noPkce, { redirect: 'manual' });
    const location = new URL(res.headers.get('location') ?? '', idp.issuer);
    assert.equal(location.searchParams.get('error'), 'invalid_request');
    assert.match(location.searchParams.get('error_description') ?? '', /PKCE/);

    const { url, verifier, state, nonce } = await authorize(config);
    const callback = await loginWithoutBrowser(url, { user: 'anna' });
    const checks = { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce };
    await assert.rejects(oidc.authorizationCodeGrant(config, callback, { ...checks, pkceCodeVerifier: oidc.randomPKCECodeVerifier() }));
    const tokens = await oidc.authorizationCodeGrant(config, callback, checks);
    assert.equal(tokens.claims()?.[CLAIM.hsaIdOid], 'SE2321000016-A1B2');
    await assert.rejects(oidc.authorizationCodeGrant(config, callback, checks), 'a code is redeemed once');
  });
});

test('typed personnummer, chosen acr, SAML-bridged claim names, SITHS and MitID users', async () => {
  await withIdp(async (idp) => {
    const config = await client(idp);
    const flows: Array<[Parameters<typeof loginWithoutBrowser>[1], string, string, string]> = [
      [{ pnr: '19811228-9874', acr: ACR.loa2 }, CLAIM.samlPersonalIdentityNumber, '198112289874', ACR.loa2],
      [{ user: 'stina' }, CLAIM.sambiEmployeeHsaId, 'SE2321000016-7Q9Z', ACR.loa3],
      [{ hsaId: 'SE2321000016-ZZ99' }, CLAIM.sambiEmployeeHsaId, 'SE2321000016-ZZ99', ACR.loa3],
      [{ user: 'mette' }, CLAIM.samlCprNumber, '0707614285', ACR.nsisSubstantial],
    ];
    for (const [choice, claim, value, acr] of flows) {
      const { url, verifier, state, nonce } = await authorize(config);
      const callback = await loginWithoutBrowser(url, choice);
      const claims = (await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce })).claims();
      assert.equal(claims?.[claim], value, JSON.stringify(choice));
      assert.equal(claims?.acr, acr);
      assert.equal(claims?.[CLAIM.personalIdentityNumber], undefined, 'only the configured claim names');
    }
  }, 'saml-bridged');
});

test('cancel answers access_denied; a bad typed personnummer is refused on the page, with the field marked', async () => {
  await withIdp(async (idp) => {
    const config = await client(idp);
    const cancelled = await loginWithoutBrowser((await authorize(config)).url, { cancel: true });
    assert.equal(cancelled.searchParams.get('error'), 'access_denied');
    await assert.rejects(loginWithoutBrowser((await authorize(config)).url, { pnr: '19121212-1213' }), /Personnumret är inte giltigt/);
  });
});

test('the login page is plain, labelled HTML: every field has a label, Swedish lang, no script, no-store', async () => {
  await withIdp(async (idp) => {
    const config = await client(idp);
    const { url } = await authorize(config);
    const first = await fetch(url, { redirect: 'manual' });
    const cookie = first.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const page = await fetch(new URL(first.headers.get('location') ?? '', idp.issuer), { headers: { cookie } });
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const html = await page.text();
    assert.match(html, /<html lang="sv">/);
    assert.ok(!/<script/i.test(html));
    const ids = [...html.matchAll(/<(?:input|select)[^>]* id="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(ids.length >= 8);
    for (const id of ids) assert.match(html, new RegExp(`<label for="${id}">`), `label for ${id}`);
    assert.match(html, /<fieldset>\s*<legend>/);
    assert.match(html, /<button type="submit">Logga in<\/button>/);
  });
});

test('only loopback hosts', async () => {
  await assert.rejects(startTestIdp({ host: '0.0.0.0', clients: [] }), TypeError);
});
