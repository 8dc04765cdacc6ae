import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnv } from './config.js';
import { DEFAULT_ACCEPTED_ACR } from './deployment-settings.js';

const BASE = {
  CARE_MEET_ORGANIZER_KEY: 'settings-test-organizer-key-0123456789abcdef',
  CARE_MEET_DB: ':memory:',
  PORT: '0',
  LIVEKIT_URL: 'ws://127.0.0.1:9',
  CARE_MEET_E2EE_KEY: 'WlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlo=',
};
const PORTAL = { CARE_MEET_INVITE_URL: 'https://portal.example/mote', CARE_MEET_ALLOWED_RETURN_ORIGINS: 'https://portal.example' };
const BANKID = {
  CARE_MEET_OIDC_BANKID_ISSUER: 'https://idp.region.example/oidc',
  CARE_MEET_OIDC_BANKID_CLIENT_ID: 'care-meet',
  CARE_MEET_OIDC_BANKID_CLIENT_SECRET: 'a-client-secret-of-32-characters',
  CARE_MEET_OIDC_BANKID_REDIRECT_URI: 'https://portal.example/api/oidc/callback',
};

function withFile(content: unknown, run: (path: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'care-meet-settings-'));
  const path = join(dir, 'care-meet.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  try {
    run(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function refused(env: Record<string, string>, message: RegExp): void {
  assert.throws(
    () => configFromEnv({ ...BASE, ...env }),
    (e: Error) => {
      assert.ok(e instanceof TypeError, e.message);
      assert.match(e.message, message);
      return true;
    },
  );
}

test('with nothing configured the sidecar starts, books nobody, and says so', () => {
  const config = configFromEnv(BASE);
  assert.deepEqual(config.careMeet.verifyMethods, []);
  assert.match(config.summary ?? '', /no verify method is set up, so every booking is refused/);
});

test('an identity provider from the environment alone, with the acr values that make BankID when none are given', () => {
  const config = configFromEnv({ ...BASE, ...PORTAL, ...BANKID });
  assert.deepEqual(config.careMeet.identityProviders?.bankid?.acceptedAcr, DEFAULT_ACCEPTED_ACR.bankid);
  assert.equal(config.careMeet.identityProviders?.bankid?.clientSecret, BANKID.CARE_MEET_OIDC_BANKID_CLIENT_SECRET);
  assert.deepEqual(config.careMeet.verifyMethods, ['bankid']);
  assert.deepEqual(config.careMeet.allowedReturnOrigins, ['https://portal.example']);
  const mitid = configFromEnv({
    ...BASE,
    ...PORTAL,
    CARE_MEET_OIDC_MITID_ISSUER: 'https://broker.example',
    CARE_MEET_OIDC_MITID_CLIENT_ID: 'x',
    CARE_MEET_OIDC_MITID_REDIRECT_URI: 'https://portal.example/api/oidc/callback',
    CARE_MEET_OIDC_MITID_ACR_VALUES: 'https://data.gov.dk/concept/core/nsis/loa/High',
    CARE_MEET_OIDC_MITID_CLAIMS: 'https://data.gov.dk/model/core/eid/cprNumber, cpr',
  });
  assert.deepEqual(mitid.careMeet.identityProviders?.mitid?.acceptedAcr, ['https://data.gov.dk/concept/core/nsis/loa/High']);
  assert.deepEqual(mitid.careMeet.identityProviders?.mitid?.claims, { cpr: ['https://data.gov.dk/model/core/eid/cprNumber', 'cpr'] });
});

test('BankID Norway and Suomi.fi from the environment: CARE_MEET_OIDC_BANKID_NO_* and _SUOMIFI_*, with their own default levels and claims', () => {
  const config = configFromEnv({
    ...BASE,
    ...PORTAL,
    CARE_MEET_OIDC_BANKID_NO_ISSUER: 'https://auth.bankid.example',
    CARE_MEET_OIDC_BANKID_NO_CLIENT_ID: 'care-meet',
    CARE_MEET_OIDC_BANKID_NO_REDIRECT_URI: 'https://portal.example/api/oidc/callback',
    CARE_MEET_OIDC_SUOMIFI_ISSUER: 'https://broker.example/suomifi',
    CARE_MEET_OIDC_SUOMIFI_CLIENT_ID: 'care-meet',
    CARE_MEET_OIDC_SUOMIFI_REDIRECT_URI: 'https://portal.example/api/oidc/callback',
    CARE_MEET_OIDC_SUOMIFI_CLAIMS: 'urn:oid:1.2.246.21',
  });
  assert.deepEqual(config.careMeet.verifyMethods, ['bankid-no', 'suomifi']);
  assert.deepEqual(config.careMeet.identityProviders?.['bankid-no']?.acceptedAcr, ['urn:bankid:bid;LOA=4', 'urn:bankid:bis;LOA=3']);
  assert.deepEqual(config.careMeet.identityProviders?.suomifi?.acceptedAcr, ['http://ftn.ficora.fi/2017/loa2', 'http://ftn.ficora.fi/2017/loa3']);
  assert.deepEqual(config.careMeet.identityProviders?.suomifi?.claims, { hetu: ['urn:oid:1.2.246.21'] });
  refused(
    { ...PORTAL, CARE_MEET_VERIFY_METHODS: 'bankid-no' },
    /names bankid-no, but no identity provider is set up for it: set CARE_MEET_OIDC_BANKID_NO_ISSUER, CARE_MEET_OIDC_BANKID_NO_CLIENT_ID and CARE_MEET_OIDC_BANKID_NO_REDIRECT_URI/,
  );
  refused(
    {
      ...PORTAL,
      CARE_MEET_OIDC_BANKID_NO_ISSUER: 'http://auth.bankid.example',
      CARE_MEET_OIDC_BANKID_NO_CLIENT_ID: 'x',
      CARE_MEET_OIDC_BANKID_NO_REDIRECT_URI: 'https://portal.example/cb',
    },
    /^CARE_MEET_OIDC_BANKID_NO_ISSUER must be https$/,
  );
  const vouched = configFromEnv({ ...BASE, CARE_MEET_HOST_VOUCHES: 'suomifi,bankid-no' });
  assert.deepEqual(vouched.careMeet.verifyMethods, ['bankid-no', 'suomifi']);
});

test('the file gives the structure and the environment wins field by field; host vouching adds bookable methods', () => {
  withFile(
    {
      allowedReturnOrigins: ['https://portal.example'],
      identityProviders: {
        siths: {
          issuer: 'https://idp.region.example/oidc',
          clientId: 'care-meet',
          clientSecret: 'from-the-file-0123456789',
          redirectUri: 'https://portal.example/api/oidc/callback',
        },
      },
      sms: { url: 'https://sms.region.example/send', headers: { 'X-Api-Key': 'k' }, body: { msisdn: '{{to}}', text: '{{text}}' } },
      email: { url: 'smtps://mail.region.example', from: 'Regionen <no-reply@region.example>', user: 'care-meet', password: 'from-the-file' },
      messageLanguage: 'da',
    },
    (path) => {
      const config = configFromEnv({
        ...BASE,
        CARE_MEET_CONFIG: path,
        CARE_MEET_INVITE_URL: 'https://portal.example/mote',
        CARE_MEET_OIDC_SITHS_CLIENT_SECRET: 'from-the-environment-0123',
        CARE_MEET_SMS_AUTHORIZATION: 'Bearer from-the-environment',
        CARE_MEET_SMTP_PASSWORD: 'from-the-environment',
        CARE_MEET_HOST_VOUCHES: 'bankid',
      });
      assert.equal(config.careMeet.identityProviders?.siths?.clientSecret, 'from-the-environment-0123');
      assert.deepEqual(config.delivery?.sms?.headers, { 'X-Api-Key': 'k', Authorization: 'Bearer from-the-environment' });
      assert.equal(config.delivery?.email?.password, 'from-the-environment');
      assert.equal(config.careMeet.messageLanguage, 'da');
      assert.deepEqual(config.careMeet.verifyMethods, ['bankid', 'siths', 'sms-code', 'name']);
      assert.match(
        config.summary ?? '',
        /bankid \(host vouches\), siths \(identity provider https:\/\/idp\.region\.example\), sms-code \(SMS gateway https:\/\/sms\.region\.example\), name \(e-mail via smtps:\/\/mail\.region\.example\)/,
      );
      assert.doesNotMatch(config.summary ?? '', /from-the|Bearer/);
    },
  );
});

test('a configuration that cannot serve what it allows is refused at start, naming the setting to fix', () => {
  refused(
    { CARE_MEET_VERIFY_METHODS: 'siths' },
    /CARE_MEET_VERIFY_METHODS names siths, but no identity provider is set up for it: set CARE_MEET_OIDC_SITHS_ISSUER, CARE_MEET_OIDC_SITHS_CLIENT_ID and CARE_MEET_OIDC_SITHS_REDIRECT_URI.*list siths in CARE_MEET_HOST_VOUCHES instead/,
  );
  refused({ ...PORTAL, CARE_MEET_VERIFY_METHODS: 'sms-code' }, /names sms-code .* no SMS gateway is set up: set CARE_MEET_SMS_URL/);
  refused({ ...PORTAL, CARE_MEET_VERIFY_METHODS: 'name' }, /names name \(e-mail guests\), but no e-mail .*: set CARE_MEET_SMTP_URL and CARE_MEET_EMAIL_FROM/);
  refused({ ...BANKID }, /CARE_MEET_ALLOWED_RETURN_ORIGINS must name the origin of your meeting page .* \(bankid\) return there/);
  refused({ CARE_MEET_SMS_URL: 'https://sms.region.example/send' }, /CARE_MEET_INVITE_URL must be an absolute http\(s\) URL .* sent by SMS and e-mail/);
  refused({ ...PORTAL, CARE_MEET_SMTP_URL: 'smtps://mail.region.example' }, /e-mail needs a sender: set CARE_MEET_EMAIL_FROM/);
  refused({ ...PORTAL, CARE_MEET_SMS_AUTHORIZATION: 'Bearer x' }, /the SMS gateway is half set up: set CARE_MEET_SMS_URL/);
  refused({ CARE_MEET_HOST_VOUCHES: 'sms-code' }, /CARE_MEET_HOST_VOUCHES: only bankid, siths, mitid, bankid-no, suomifi can be vouched for/);
  refused({ CARE_MEET_VERIFY_METHODS: 'bankid,freja' }, /CARE_MEET_VERIFY_METHODS: "freja" is not a verify method/);
  refused({ CARE_MEET_MESSAGE_LANGUAGE: 'de' }, /CARE_MEET_MESSAGE_LANGUAGE must be one of sv, da, /);
  refused({ CARE_MEET_MESSAGE_TIME_ZONE: 'Europe/Nowhere' }, /CARE_MEET_MESSAGE_TIME_ZONE must be an IANA time zone/);
  refused({ CARE_MEET_ALLOWED_RETURN_ORIGINS: 'https://portal.example/mote' }, /CARE_MEET_ALLOWED_RETURN_ORIGINS: entry \[0\] must be an origin/);
});

test('a wrong value is reported under the name it was given by: the variable, or the key in the file', () => {
  refused({ ...PORTAL, ...BANKID, CARE_MEET_OIDC_BANKID_ISSUER: 'http://idp.region.example' }, /^CARE_MEET_OIDC_BANKID_ISSUER must be https$/);
  refused({ ...PORTAL, ...BANKID, CARE_MEET_OIDC_BANKID_CLIENT_SECRET: 'short' }, /^CARE_MEET_OIDC_BANKID_CLIENT_SECRET must be at least 16 characters$/);
  refused({ ...PORTAL, CARE_MEET_SMS_URL: 'http://sms.region.example/send' }, /^CARE_MEET_SMS_URL must be https/);
  refused(
    { ...PORTAL, CARE_MEET_SMTP_URL: 'smtps://u:p@mail.example', CARE_MEET_EMAIL_FROM: 'a@b.se' },
    /^CARE_MEET_SMTP_URL must not hold credentials: set CARE_MEET_SMTP_USER and CARE_MEET_SMTP_PASSWORD$/,
  );
  withFile({ identityProviders: { bankid: { issuer: 'http://idp.region.example', clientId: 'x', redirectUri: 'https://portal.example/cb' } } }, (path) => {
    refused(
      { ...PORTAL, CARE_MEET_CONFIG: path },
      new RegExp(`^identityProviders\\.bankid\\.issuer in ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} must be https$`),
    );
  });
});

test('the file: it must exist, be JSON, and hold only known settings (a typo is not silently ignored)', () => {
  refused({ CARE_MEET_CONFIG: '/nonexistent/care-meet.json' }, /^CARE_MEET_CONFIG names \/nonexistent\/care-meet\.json, which cannot be read \(ENOENT\)$/);
  withFile('{ "sms": ', (path) => refused({ CARE_MEET_CONFIG: path }, /is not JSON/));
  withFile({ identityProvider: {} }, (path) =>
    refused({ CARE_MEET_CONFIG: path }, /^identityProvider in .*: no such setting; the settings here are verifyMethods, /),
  );
  withFile({ identityProviders: { bankid: { issuer: 'https://idp.example', clientID: 'x' } } }, (path) =>
    refused({ CARE_MEET_CONFIG: path }, /^identityProviders\.bankid\.clientID in .*: no such setting/),
  );
  withFile({ identityProviders: { freja: {} } }, (path) =>
    refused({ CARE_MEET_CONFIG: path }, /^identityProviders\.freja in .*: no such setting; the settings here are bankid, siths, mitid, bankid-no, suomifi$/),
  );
});
