import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CareMeet, type CareMeetOptions } from '../care-meet.js';
import { createCareMeetHandler } from '../http/handler.js';
import { SqliteMeetingStore } from '../store/sqlite-store.js';
import { RecordingRoomControl } from '../test-support/recording-room-control.js';
import { HSA, JWT_SHAPE, ORGANIZER_KEY, PNR, TestClock, createHarness, sipMeeting, type Harness } from '../test-support/harness.js';
import { bookThrough, capturingLogger, requestHelpers, type Booked, type RequestHelpers } from '../test-support/identity.js';
import { OutboxSender, type MessageSender } from './messages.js';

const INVITE_BASE = 'https://portal.test/join#invite=';
const KURT = 3; // the SMS guest in sipMeeting() (+46709876543)
const LISA = 4; // the e-mail guest added below

function meetingWithEmailGuest(overrides: Record<string, unknown> = {}) {
  const body = sipMeeting(overrides);
  (body.participants as unknown[]).push({ name: 'Lisa Lärare', role: 'guest', identity: { kind: 'guest', email: 'lisa@skolan.example.se' } });
  return body;
}

interface SmsHarness extends Harness {
  outbox: OutboxSender;
  log: ReturnType<typeof capturingLogger>;
  api: RequestHelpers['api'];
  book(body?: Record<string, unknown>): Promise<Booked>;
  /** The code in the newest SMS to `to`. */
  lastCode(to?: string): string;
}

async function smsHarness(options: Partial<CareMeetOptions> = {}): Promise<SmsHarness> {
  const outbox = new OutboxSender();
  const log = capturingLogger();
  const h = await createHarness({ messages: outbox, inviteUrl: (s) => `${INVITE_BASE}${s}`, logger: log, ...options });
  const { api } = requestHelpers(createCareMeetHandler(h.careMeet, { logger: log }), '192.0.2.20');
  return {
    ...h,
    outbox,
    log,
    api,
    book: (body = meetingWithEmailGuest()) => bookThrough(api, body),
    lastCode(to = '+46709876543') {
      const sms = outbox
        .messages()
        .filter((m) => m.channel === 'sms' && m.to === to)
        .at(-1);
      const code = /kod är ([0-9]{6})\./.exec(sms?.text ?? '')?.[1];
      assert.ok(code, 'a code SMS was sent');
      return code;
    },
  };
}

/** Books the SIP meeting and sends the SMS guest a code: their invitation secret and the code. */
async function codeSent(h: SmsHarness): Promise<{ booked: Booked; token: string; code: string }> {
  const booked = await h.book();
  const token = booked.participants[KURT]?.invite.token as string;
  const sent = await h.api('POST', `/invites/${token}/code`);
  assert.equal(sent.status, 200, JSON.stringify(sent.json));
  return { booked, token, code: h.lastCode() };
}

async function auditText(h: SmsHarness, meetingId: string): Promise<string> {
  const r = await h.api('GET', `/meetings/${meetingId}/audit`, { token: ORGANIZER_KEY });
  assert.equal(r.status, 200);
  return JSON.stringify(r.json);
}

/** Everything a message must never contain for the SIP meeting of the harness. */
function forbiddenIn(booked: Booked, title: string): string[] {
  const names = booked.participants.flatMap((p) => [p.name, ...p.name.split(' ')]);
  const pnrs = [PNR.esther, PNR.relative].flatMap((p) => {
    const d = p.replace('-', '');
    return [p, d, d.slice(2), p.slice(2)];
  });
  return [
    ...names,
    title,
    ...pnrs,
    HSA.anna,
    '2321000016',
    'A1B2',
    '+46709876543',
    '0709876543',
    'lisa@skolan',
    booked.meeting.id,
    ...booked.participants.map((p) => p.id),
  ];
}

test('rule 10: booking sends each guest the invitation, by SMS or e-mail, with the time and the link and nothing else', async () => {
  const h = await smsHarness();
  try {
    const title = 'SIP-möte BUP Huddinge: ADHD-utredning';
    const booked = await h.book(meetingWithEmailGuest({ title }));
    const sent = h.outbox.messages();
    assert.equal(sent.length, 2, 'only the two guests get a message; the others are invited through the host');
    const [sms, email] = sent;
    const kurt = booked.participants[KURT]?.invite as { token: string; url: string; delivery?: string };
    const lisa = booked.participants[LISA]?.invite as { token: string; url: string; delivery?: string };
    assert.equal(kurt.url, `${INVITE_BASE}${kurt.token}`);
    assert.equal(sms?.channel, 'sms');
    assert.equal(sms?.to, '+46709876543');
    assert.equal(sms?.text, `Du är inbjuden till ett videomöte tisdag 1 december 2026 kl. 10:00. Öppna länken när det är dags: ${kurt.url}`);
    assert.equal(email?.channel, 'email');
    assert.equal(email?.to, 'lisa@skolan.example.se');
    assert.equal(email?.subject, 'Inbjudan till videomöte');
    assert.ok(email?.text.includes(lisa.url));
    assert.ok(email?.text.includes('tisdag 1 december 2026 kl. 10:00'));
    for (const m of sent) {
      const text = `${m.subject ?? ''}\n${m.text}`;
      for (const word of forbiddenIn(booked, title)) assert.ok(!text.includes(word), `the ${m.channel} carries "${word}"`);
      for (const word of ['SIP', 'BUP', 'Huddinge', 'ADHD']) assert.ok(!text.includes(word), word);
      // Each carries its own link only.
      const others = booked.participants.map((p) => p.invite.token).filter((t) => t !== (m.channel === 'sms' ? kurt.token : lisa.token));
      for (const t of others) assert.ok(!text.includes(t));
    }
    assert.equal(kurt.delivery, 'sms');
    assert.equal(lisa.delivery, 'email');
    assert.equal(booked.participants[1]?.invite.delivery, undefined);
    const audit = await auditText(h, booked.meeting.id);
    assert.match(audit, /"action":"invite.sent","actor":"server","participantId":"p_[^"]+","outcome":"ok","code":null,"details":\{"channel":"sms"\}/);
    assert.match(audit, /"details":\{"channel":"email"\}/);
    // A guest added later is invited too.
    const added = await h.api('POST', `/meetings/${booked.meeting.id}/participants`, {
      token: ORGANIZER_KEY,
      body: { name: 'Gun Granne', role: 'guest', identity: { kind: 'guest', phone: '+46701112233' } },
    });
    assert.equal(added.json.participant.invite.delivery, 'sms');
    assert.equal(h.outbox.messages().at(-1)?.to, '+46701112233');
  } finally {
    await h.close();
  }
});

test('the messages can be Danish, Norwegian, Finnish or English for the whole deployment, with times in its own time zone', async () => {
  const codes = {
    da: /^Din kode er [0-9]{6}\. Den gælder til kl\. 10\.05\.$/,
    nb: /^Koden din er [0-9]{6}\. Den gjelder til kl\. 10:05\.$/,
    fi: /^Koodisi on [0-9]{6}\. Se on voimassa klo 11\.05 asti\.$/,
    en: /^Your code is [0-9]{6}\. It is valid until 10:05\.$/,
  };
  for (const [lang, start] of [
    ['da', 'Du er inviteret til et videomøde tirsdag den 1. december 2026 kl. 10.00. Åbn linket, når det er tid: '],
    ['nb', 'Du er invitert til et videomøte tirsdag 1. desember 2026 kl. 10:00. Åpne lenken når møtet begynner: '],
    ['fi', 'Sinut on kutsuttu videotapaamiseen tiistaina 1. joulukuuta 2026 klo 11.00. Avaa linkki, kun tapaaminen alkaa: '],
    ['en', 'You are invited to a video meeting on Tuesday, 1 December 2026 at 10:00. Open the link when it is time: '],
  ] as const) {
    const h = await smsHarness({ messageLanguage: lang });
    try {
      const booked = await h.book();
      assert.equal(h.outbox.messages()[0]?.text, `${start}${booked.participants[KURT]?.invite.url}`);
      await h.api('POST', `/invites/${booked.participants[KURT]?.invite.token}/code`);
      assert.match(h.outbox.messages().at(-1)?.text ?? '', codes[lang]);
    } finally {
      await h.close();
    }
  }
});

test('a sender that fails does not undo the booking: the invitation is marked failed, audited and logged without the number', async () => {
  const failing: MessageSender = {
    sms: async () => {
      throw new Error('gateway down for +46709876543');
    },
    email: async () => {},
  };
  const h = await smsHarness({ messages: failing });
  try {
    const booked = await h.book();
    assert.equal(booked.participants[KURT]?.invite.delivery, 'failed');
    assert.equal(booked.participants[LISA]?.invite.delivery, 'email');
    assert.match(await auditText(h, booked.meeting.id), /"outcome":"refused","code":"SEND_FAILED","details":\{"channel":"sms"\}/);
    assert.ok(h.log.lines.some((l) => l.includes('invitation not sent')));
    assert.ok(!h.log.lines.join('\n').includes('709876543'));
    const code = await h.api('POST', `/invites/${booked.participants[KURT]?.invite.token}/code`);
    assert.equal(code.status, 502);
    assert.equal(code.json.error.code, 'SEND_FAILED');
  } finally {
    await h.close();
  }
});

test('rule 9: the right SMS code gives a session (method sms-code, to the lobby); the code SMS holds the code and the time only', async () => {
  const h = await smsHarness();
  try {
    const booked = await h.book();
    const token = booked.participants[KURT]?.invite.token as string;
    assert.equal((await h.api('GET', `/invites/${token}`)).json.verify, 'sms-code');
    const sent = await h.api('POST', `/invites/${token}/code`);
    assert.equal(sent.status, 200, JSON.stringify(sent.json));
    assert.equal(sent.json.to, '+46****43');
    assert.equal(sent.json.expiresAt, new Date(h.clock.now().getTime() + 10 * 60_000).toISOString());
    const code = h.lastCode();
    assert.equal(h.outbox.messages().at(-1)?.text, `Din kod är ${code}. Den gäller till kl. 10:05.`);
    const r = await h.api('POST', `/invites/${token}/session`, { body: { code, name: 'Kurt Kurator' } });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    assert.equal(r.json.participantId, booked.participants[KURT]?.id);
    const joined = await h.api('POST', '/join', { token: r.json.session });
    assert.equal(joined.json.status, 'lobby', 'an SMS guest is unidentified: the chair admits them');
    const audit = await auditText(h, booked.meeting.id);
    assert.match(audit, /"action":"sms-code.send","actor":"p_[^"]+","participantId":"p_[^"]+","outcome":"ok","code":null,"details":\{"validMinutes":10\}/);
    assert.match(audit, /"action":"invite.redeem"[^}]*"outcome":"ok"[^}]*"details":\{"method":"sms-code"\}/);
    assert.match(audit, /"action":"join"[^}]*"details":\{"room":"lobby","method":"sms-code"\}/);
    // The typed name is shown to the chair.
    const roster = await h.api('GET', `/meetings/${booked.meeting.id}/roster`, { token: ORGANIZER_KEY });
    assert.equal(roster.json.participants[KURT].typedName, 'Kurt Kurator');
  } finally {
    await h.close();
  }
});

test('rule 9: a wrong code says how many tries are left; after five wrong tries even the right code is refused', async () => {
  const h = await smsHarness();
  try {
    const { booked, token, code } = await codeSent(h);
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 1; i <= 5; i++) {
      const r = await h.api('POST', `/invites/${token}/session`, { body: { code: wrong } });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.code, 'CODE_INVALID');
      assert.equal(r.json.error.field, 'code');
      if (i < 5) assert.match(r.json.error.message, new RegExp(`${5 - i} tr(y|ies) left`));
      else assert.match(r.json.error.message, /no tries are left; request a new code/);
    }
    const sixth = await h.api('POST', `/invites/${token}/session`, { body: { code } });
    assert.equal(sixth.status, 429);
    assert.equal(sixth.json.error.code, 'RATE_LIMITED');
    assert.equal((await h.api('GET', `/invites/${token}`)).status, 200, 'nothing was redeemed');
    const audit = await auditText(h, booked.meeting.id);
    assert.equal(audit.match(/"code":"CODE_INVALID"/g)?.length, 5);
    assert.match(audit, /"details":\{"triesLeft":0\}/);
    // A new code starts the tries again.
    await h.api('POST', `/invites/${token}/code`);
    assert.equal((await h.api('POST', `/invites/${token}/session`, { body: { code: h.lastCode() } })).status, 201);
  } finally {
    await h.close();
  }
});

test('rule 9: a code older than ten minutes is CODE_EXPIRED; a new code replaces the old one', async () => {
  const h = await smsHarness();
  try {
    const { token, code: first } = await codeSent(h);
    h.clock.advance(10 * 60_000);
    const late = await h.api('POST', `/invites/${token}/session`, { body: { code: first } });
    assert.equal(late.status, 410);
    assert.equal(late.json.error.code, 'CODE_EXPIRED');
    assert.match(late.json.error.message, /request a new one/);
    // The elements read how long a code is valid from these words (docs/identity.md).
    assert.match(late.json.error.message, /a code is valid for 10 minutes/);
    await h.api('POST', `/invites/${token}/code`);
    const second = h.lastCode();
    if (second !== first) {
      const old = await h.api('POST', `/invites/${token}/session`, { body: { code: first } });
      assert.equal(old.json.error.code, 'CODE_INVALID', 'the earlier code no longer works');
    }
    h.clock.advance(9 * 60_000 + 59_000);
    assert.equal((await h.api('POST', `/invites/${token}/session`, { body: { code: second } })).status, 201, 'valid until the tenth minute');
  } finally {
    await h.close();
  }
});

test('rules 8 and 9: a used code and a redeemed invitation cannot be replayed', async () => {
  const h = await smsHarness();
  try {
    const { token, code } = await codeSent(h);
    assert.equal((await h.api('POST', `/invites/${token}/session`, { body: { code } })).status, 201);
    const replay = await h.api('POST', `/invites/${token}/session`, { body: { code } });
    assert.equal(replay.status, 410);
    assert.equal(replay.json.error.code, 'INVITE_USED');
    assert.equal((await h.api('POST', `/invites/${token}/code`)).json.error.code, 'INVITE_USED', 'no new code for a used invitation');
    assert.equal(h.outbox.messages().filter((m) => m.text.startsWith('Din kod')).length, 1);
  } finally {
    await h.close();
  }
});

test('rule 8: parallel submissions of the right code give exactly one session', async () => {
  const h = await smsHarness();
  try {
    const { booked, token, code } = await codeSent(h);
    const results = await Promise.all(Array.from({ length: 6 }, () => h.api('POST', `/invites/${token}/session`, { body: { code } })));
    assert.equal(results.filter((r) => r.status === 201).length, 1, JSON.stringify(results.map((r) => r.status)));
    assert.ok(results.filter((r) => r.status !== 201).every((r) => r.json.error.code === 'INVITE_USED'));
    const audit = await auditText(h, booked.meeting.id);
    assert.equal(audit.match(/session.created/g)?.length, 1);
    // Straight at the service too, without the HTTP layer between the tries.
    const direct = await smsHarness();
    try {
      const b = await direct.book();
      const t = b.participants[KURT]?.invite.token as string;
      await direct.careMeet.sendSmsCode(t);
      const c = direct.lastCode();
      const settled = await Promise.allSettled(Array.from({ length: 8 }, () => direct.careMeet.redeemInvitationWithCode(t, c)));
      assert.equal(settled.filter((s) => s.status === 'fulfilled').length, 1);
    } finally {
      await direct.close();
    }
  } finally {
    await h.close();
  }
});

test('sending is limited: three codes per ten minutes, ten per invitation', async () => {
  const h = await smsHarness();
  try {
    const booked = await h.book();
    const token = booked.participants[KURT]?.invite.token as string;
    for (let i = 0; i < 3; i++) assert.equal((await h.api('POST', `/invites/${token}/code`)).status, 200);
    const fourth = await h.api('POST', `/invites/${token}/code`);
    assert.equal(fourth.status, 429);
    assert.equal(fourth.json.error.code, 'RATE_LIMITED');
    assert.match(fourth.json.error.message, /in 10 minutes/);
    assert.equal(h.outbox.messages().filter((m) => m.text.startsWith('Din kod')).length, 3, 'the fourth was not sent');
    h.clock.advance(4 * 60_000);
    assert.match((await h.api('POST', `/invites/${token}/code`)).json.error.message, /in 6 minutes/);
    h.clock.advance(6 * 60_000);
    assert.equal((await h.api('POST', `/invites/${token}/code`)).status, 200, 'the window has moved on');
    // Over the invitation's life, at most ten (straight at the service: the HTTP layer has its own per-minute limit).
    for (let sent = 4; sent < 10; sent++) {
      if (sent % 3 === 1) h.clock.advance(10 * 60_000);
      await h.careMeet.sendSmsCode(token);
    }
    h.clock.advance(10 * 60_000);
    await assert.rejects(
      h.careMeet.sendSmsCode(token),
      (e: Error & { code?: string }) => e.code === 'RATE_LIMITED' && /contact the meeting leader/.test(e.message),
    );
    assert.match(await auditText(h, booked.meeting.id), /"code":"RATE_LIMITED","details":\{"reason":"total"\}/);
  } finally {
    await h.close();
  }
});

test('rule 18: a malformed code is BAD_REQUEST and costs no try; only phone guests get codes; POST /code takes no body but {}', async () => {
  const h = await smsHarness();
  try {
    const booked = await h.book();
    const token = booked.participants[KURT]?.invite.token as string;
    const none = await h.api('POST', `/invites/${token}/session`, { body: { code: '123456' } });
    assert.equal(none.json.error.code, 'CODE_INVALID');
    assert.match(none.json.error.message, /request one first/);
    await h.api('POST', `/invites/${token}/code`, { body: {} });
    const code = h.lastCode();
    for (const bad of ['12345', '1234567', 'abcdef', '１２３４５６', '123\u200b456', '12-34-56', 123456, null, ['123456']]) {
      await assert.rejects(h.careMeet.redeemInvitationWithCode(token, bad), (e: Error & { code?: string }) => e.code === 'BAD_REQUEST', String(bad));
    }
    const spaced = `${code.slice(0, 3)} ${code.slice(3)}`;
    assert.equal((await h.api('POST', `/invites/${token}/session`, { body: { code: spaced } })).status, 201, 'typed with a space: fine, no try was spent');
    const lisa = booked.participants[LISA]?.invite.token as string;
    assert.equal((await h.api('POST', `/invites/${lisa}/code`)).json.error.code, 'BAD_REQUEST', 'e-mail guests type their name');
    assert.equal(
      (await h.api('POST', `/invites/${booked.participants[1]?.invite.token}/code`)).json.error.code,
      'BAD_REQUEST',
      'BankID invitations take no code',
    );
    assert.equal((await h.api('POST', `/invites/${lisa}/code`, { body: { to: '+46700000000' } })).json.error.code, 'BAD_REQUEST');
    assert.equal((await h.api('POST', `/invites/${'A'.repeat(43)}/code`)).json.error.code, 'NOT_FOUND');
    // The e-mail guest's name redemption still works, and a code is no way in for them.
    assert.equal((await h.api('POST', `/invites/${lisa}/session`, { body: { code: '123456' } })).json.error.code, 'BAD_REQUEST');
    assert.equal((await h.api('POST', `/invites/${lisa}/session`, { body: { name: 'Lisa Lärare' } })).status, 201);
  } finally {
    await h.close();
  }
});

test('the code is stored only as an HMAC: neither it nor the invitation secret is anywhere in the database file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'care-meet-sms-'));
  const file = join(dir, 'care-meet.db');
  const store = new SqliteMeetingStore({ filename: file });
  const outbox = new OutboxSender();
  try {
    const careMeet = await CareMeet.create({
      store,
      livekit: { url: 'ws://127.0.0.1:7880', apiKey: 'devkey', apiSecret: 'secret-for-tests-secret-for-tests' },
      organizerKey: ORGANIZER_KEY,
      roomControl: new RecordingRoomControl(),
      clock: new TestClock('2026-12-01T09:55:00+01:00').now,
      messages: outbox,
      inviteUrl: (s) => `${INVITE_BASE}${s}`,
    });
    const booked = await careMeet.bookMeeting(sipMeeting());
    const token = booked.participants[KURT]?.invite.token as string;
    await careMeet.sendSmsCode(token);
    const code = /kod är ([0-9]{6})/.exec(outbox.messages().at(-1)?.text ?? '')?.[1] as string;
    const db = new Database(file, { readonly: true });
    try {
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name);
      assert.ok(tables.includes('sms_codes'));
      const dump = tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t}"`).all())).join('\n');
      assert.ok(!dump.includes(token), 'invitation secret');
      const row = db.prepare('SELECT * FROM sms_codes').get() as Record<string, unknown>;
      assert.ok(!JSON.stringify(row).includes(code), 'the code');
      assert.match(String(row.code_hash), /^[A-Za-z0-9_-]{43}$/);
    } finally {
      db.close();
    }
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('rule 17: no code, session or invitation secret in the audit log or the log lines', async () => {
  const h = await smsHarness();
  try {
    const { booked, token, code: first } = await codeSent(h);
    await h.api('POST', `/invites/${token}/session`, { body: { code: first === '999999' ? '999998' : '999999' } });
    await h.api('POST', `/invites/${token}/code`);
    const code = h.lastCode();
    const session = (await h.api('POST', `/invites/${token}/session`, { body: { code } })).json.session as string;
    await h.api('POST', '/join', { token: session });
    const all = `${h.log.lines.join('\n')}\n${await auditText(h, booked.meeting.id)}`;
    assert.ok(h.log.lines.length >= 6);
    for (const s of [session, token, '+46709876543', ...booked.participants.map((p) => p.invite.token)]) {
      assert.ok(!all.includes(s), `found ${s.slice(0, 8)}…`);
    }
    // A code as a number of its own (random ids may hold six digits in a row by chance).
    for (const c of [first, code]) assert.ok(!new RegExp(`(^|[^A-Za-z0-9_-])${c}($|[^A-Za-z0-9_-])`).test(all), 'a code');
    assert.ok(!JWT_SHAPE.test(all));
  } finally {
    await h.close();
  }
});
