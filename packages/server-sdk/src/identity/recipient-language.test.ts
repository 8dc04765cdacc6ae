import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ORGANIZER_KEY, createHarness, sipMeeting } from '../test-support/harness.js';
import { preferredMessageLanguage } from './accept-language.js';
import { OutboxSender } from './messages.js';

const INVITE_URL = (s: string) => `https://portal.example/mote#invite=${s}`;

async function harness(options: Parameters<typeof createHarness>[0] = {}) {
  const outbox = new OutboxSender();
  const h = await createHarness({ messages: outbox, inviteUrl: INVITE_URL, ...options });
  return { ...h, outbox };
}

const guests = [
  { name: 'Kurt Kurator', role: 'guest', identity: { kind: 'guest', phone: '+46709876543' }, language: 'da' },
  { name: 'Lisa Lärare', role: 'guest', identity: { kind: 'guest', email: 'lisa@example.se' }, language: 'en' },
  { name: 'Gustav Gäst', role: 'guest', identity: { kind: 'guest', email: 'gustav@example.se' } },
];

test('item 2: each guest gets the invitation in the language they were registered with; without one, the deployment default', async () => {
  const h = await harness({ messageLanguage: 'sv' });
  try {
    const base = sipMeeting();
    const r = await h.call('POST', '/meetings', { token: ORGANIZER_KEY, body: { ...base, participants: [...base.participants.slice(0, 3), ...guests] } });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    const sent = h.outbox.messages();
    const to = (address: string) => sent.find((m) => m.to === address);
    assert.match(to('+46709876543')?.text ?? '', /^Du er inviteret til et videomøde tirsdag den 1\. december 2026 kl\. 10\.00\. Åbn linket/);
    assert.equal(to('lisa@example.se')?.subject, 'Invitation to a video meeting');
    assert.match(to('lisa@example.se')?.text ?? '', /You are invited to a video meeting on Tuesday, 1 December 2026 at 10:00/);
    assert.equal(to('gustav@example.se')?.subject, 'Inbjudan till videomöte');
    // One meeting, one clock: the times are the deployment's time zone whatever the language.
    const added = await h.call('POST', `/meetings/${r.json.meeting.id}/participants`, {
      token: ORGANIZER_KEY,
      body: { name: 'Aino Vieras', role: 'guest', identity: { kind: 'guest', phone: '+358401234567' }, language: 'fi' },
    });
    assert.equal(added.status, 201, JSON.stringify(added.json));
    assert.match(h.outbox.messages().at(-1)?.text ?? '', /^Sinut on kutsuttu videotapaamiseen tiistaina 1\. joulukuuta 2026 klo 10\.00/);
  } finally {
    await h.close();
  }
});

test('a registration language that is not one of the message languages is BAD_REQUEST naming the field, and nothing is booked', async () => {
  const h = await harness();
  try {
    const base = sipMeeting();
    const body = { ...base, participants: [...base.participants.slice(0, 3), { ...guests[0], language: 'de' }] };
    const r = await h.call('POST', '/meetings', { token: ORGANIZER_KEY, body });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.code, 'BAD_REQUEST');
    assert.equal(r.json.error.field, 'participants[3].language');
    assert.equal(h.outbox.messages().length, 0);
  } finally {
    await h.close();
  }
});

test('item 2: the SMS code comes in the language the person asks in: {lang} in the body, else Accept-Language, else the default', async () => {
  const h = await harness({ messageLanguage: 'sv' });
  try {
    const booked = await h.call('POST', '/meetings', { token: ORGANIZER_KEY, body: sipMeeting() });
    const token = booked.json.participants[3].invite.token as string;
    const ask = async (o: { body?: unknown; headers?: Record<string, string> }) => {
      h.clock.advance(4 * 60_000); // past the send window's limit of 3 codes in 10 minutes
      const r = await h.call('POST', `/invites/${token}/code`, o);
      assert.equal(r.status, 200, JSON.stringify(r.json));
      return h.outbox.messages().at(-1)?.text ?? '';
    };
    assert.match(await ask({ body: { lang: 'da' } }), /^Din kode er \d{6}\. Den gælder til kl\. /);
    assert.match(await ask({ headers: { 'accept-language': 'en-GB,en;q=0.9,sv;q=0.5' } }), /^Your code is \d{6}\. It is valid until /);
    assert.match(await ask({ body: { lang: 'fi' }, headers: { 'accept-language': 'en' } }), /^Koodisi on \d{6}\./, 'the body wins over the header');
    assert.match(await ask({ headers: { 'accept-language': 'de-DE' } }), /^Din kod är \d{6}\./);
    const bad = await h.call('POST', `/invites/${token}/code`, { body: { lang: 'xx' } });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.field, 'lang');
  } finally {
    await h.close();
  }
});

test("preferredMessageLanguage takes the browser's first language care-meet writes in, or none", () => {
  assert.equal(preferredMessageLanguage('da-DK,da;q=0.9,en;q=0.5'), 'da');
  assert.equal(preferredMessageLanguage('de-DE,en;q=0.4,sv;q=0.8'), 'sv');
  assert.equal(preferredMessageLanguage('nn-NO'), 'nb');
  assert.equal(preferredMessageLanguage('de-DE'), null);
  assert.equal(preferredMessageLanguage(null), null);
});

test('verifyMethods: a booking or a registration that needs a method this deployment does not serve is VERIFY_METHOD_NOT_CONFIGURED, and nothing is stored', async () => {
  const h = await harness({ verifyMethods: ['bankid', 'siths', 'sms-code'] });
  try {
    const base = sipMeeting();
    const withDane = {
      ...base,
      participants: [...base.participants, { name: 'Mette Mitidsen', role: 'relative', identity: { kind: 'cpr', cpr: '070761-4285' } }],
    };
    const r = await h.call('POST', '/meetings', { token: ORGANIZER_KEY, body: withDane });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.code, 'VERIFY_METHOD_NOT_CONFIGURED');
    assert.equal(r.json.error.field, 'participants[4].identity');
    assert.match(r.json.error.message, /by mitid, which this server is not set up for \(it serves: bankid, siths, sms-code\)/);
    assert.equal(h.outbox.messages().length, 0, 'nobody was invited');
    const ok = await h.call('POST', '/meetings', { token: ORGANIZER_KEY, body: base });
    assert.equal(ok.status, 201, JSON.stringify(ok.json));
    const add = await h.call('POST', `/meetings/${ok.json.meeting.id}/participants`, {
      token: ORGANIZER_KEY,
      body: { name: 'Lisa Lärare', role: 'guest', identity: { kind: 'guest', email: 'lisa@example.se' } },
    });
    assert.equal(add.status, 400);
    assert.equal(add.json.error.code, 'VERIFY_METHOD_NOT_CONFIGURED');
    assert.equal(add.json.error.field, 'body.identity');
    assert.equal((await h.call('GET', `/meetings/${ok.json.meeting.id}`, { token: ORGANIZER_KEY })).json.participants.length, 4);
  } finally {
    await h.close();
  }
});

test('verifyMethods must name verify methods', async () => {
  await assert.rejects(createHarness({ verifyMethods: ['bankid', 'freja'] as never }), /verifyMethods: "freja" is not a verify method/);
});
