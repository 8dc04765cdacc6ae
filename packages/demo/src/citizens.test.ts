import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CareMeet, SqliteMeetingStore, type VerifyMethod } from '@care-meet/server-sdk';
import { TEST_USERS } from '@care-meet/test-idp';
import { CITIZEN_METHOD, LOGIN_ACR, citizensFor, citizensOf, inboxNumberOf } from './citizens.js';
import { readBookingForm } from './booking-form.js';
import { ehrBody } from './pages/pages.js';
import { LANGS } from './pages/layout.js';

const citizens = citizensOf(TEST_USERS);

test('each page language offers its own country’s test citizens in the inbox, with that country’s login', () => {
  const offered = (lang: (typeof LANGS)[number]) => citizensFor(citizens, lang).map((c) => `${c.name} ${c.identity.kind} ${c.method}`);
  assert.deepEqual(offered('nb'), ['Kari Nordmann fnr bankid-no', 'Jonas Dnummer fnr bankid-no']);
  assert.deepEqual(offered('fi'), ['Aino Esimerkki hetu suomifi', 'Matti Meikäläinen hetu suomifi']);
  assert.deepEqual(offered('da'), ['Mette Mitidsen cpr mitid']);
  for (const lang of ['sv', 'en'] as const) assert.ok(offered(lang).length > 0 && offered(lang).every((c) => c.endsWith('pnr bankid')), lang);
  // Every citizen is offered on some page, and staff (SITHS) on none.
  assert.equal(new Set(LANGS.flatMap((lang) => citizensFor(citizens, lang))).size, citizens.length);
  assert.ok(!citizens.some((c) => c.name === 'Anna Samordnare'));
  // The test IdP plays every page's login, so each can also redeem an invitation.
  for (const lang of LANGS) assert.ok(LOGIN_ACR[CITIZEN_METHOD[lang]].length > 0, lang);
});

test('a booked citizen’s message is filed under the same number the inbox looks them up by, whichever way it was typed', () => {
  const kari = citizens.find((c) => c.id === 'kari')!;
  const matti = citizens.find((c) => c.id === 'matti')!;
  assert.equal(inboxNumberOf({ kind: 'fnr', fnr: '301082 99920' }), kari.number);
  assert.equal(inboxNumberOf({ kind: 'hetu', hetu: '010181-900c' }), matti.number);
  assert.equal(inboxNumberOf({ kind: 'hsa', hsaId: 'SE2321000016-A1B2' } as never), null);
  assert.equal(inboxNumberOf({ kind: 'guest' }), null);
});

test('the Norwegian and Finnish booking pages book their citizens by fødselsnummer and henkilötunnus, and the server takes them', async () => {
  for (const lang of ['nb', 'fi'] as const) {
    // The form as the page fills it in, submitted unchanged.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const html = ehrBody(lang, { meetings: [], startDefault: `${tomorrow}T10:00` });
    const form = new URLSearchParams();
    for (const [, name, value] of html.matchAll(/<input id="[^"]+" name="([^"]+)"[^>]*? value="([^"]*)"/g))
      form.set(
        name!,
        value!.replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n))),
      );
    for (const [, name, value] of html.matchAll(/<select id="[^"]+" name="([^"]+)"[^>]*>[\s\S]*?<option value="([^"]*)" selected>/g)) form.set(name!, value!);
    const { booking } = readBookingForm(form, lang);
    const local = citizensFor(citizens, lang);
    const booked = booking.participants.filter((p) => inboxNumberOf(p.identity) !== null);
    assert.deepEqual(
      booked.map((p) => `${p.name} ${p.identity.kind}`),
      local.map((c) => `${c.name} ${c.identity.kind}`),
      lang,
    );
    assert.deepEqual(
      booked.map((p) => inboxNumberOf(p.identity)),
      local.map((c) => c.number),
      lang,
    );

    // A server that serves the logins the demo configures identity providers for books them, and
    // lets each in with their own identity as the portal proved it.
    const provider = (acr: readonly string[]) => ({
      issuer: 'http://127.0.0.1:1',
      clientId: 'care-meet-demo',
      clientSecret: 'client-secret-for-tests',
      redirectUri: 'http://127.0.0.1:1/cb',
      acceptedAcr: [...acr],
      allowInsecureRequests: true,
    });
    const careMeet = await CareMeet.create({
      store: new SqliteMeetingStore({ filename: ':memory:' }),
      livekit: { url: 'ws://127.0.0.1:1', apiKey: 'devkey', apiSecret: 'secret-for-the-demo-tests-secret' },
      organizerKey: 'organizer-key-for-the-demo-tests-0123456789',
      inviteUrl: (token) => `http://127.0.0.1/join#invite=${token}`,
      identityProviders: Object.fromEntries(Object.entries(LOGIN_ACR).map(([m, acr]) => [m, provider(acr)])),
      verifyMethods: [...Object.keys(LOGIN_ACR), 'sms-code', 'name'] as VerifyMethod[],
    });
    const result = await careMeet.bookMeeting(booking as never);
    for (const c of local) {
      const grant = await careMeet.vouchSession(result.meeting.id, c.identity, c.method);
      assert.ok(grant.session, `${lang}: ${c.name}`);
    }
    await careMeet.store.close();
  }
});
