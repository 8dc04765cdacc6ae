import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROUTES, matchRoute } from '@care-meet/protocol/routes';
import { SqliteMeetingStore } from '../store/sqlite-store.js';
import { API_KEY, API_SECRET, HSA, JWT_SHAPE, ORGANIZER_KEY, PNR, createHarness, sipMeeting, type Harness } from '../test-support/harness.js';
import { decodeJwtPayload, signWebhook } from '../test-support/recording-room-control.js';

type Booked = { meeting: { id: string }; participants: Array<{ id: string; role: string; invite: { token: string; url: string } }> };

async function book(h: Harness, body = sipMeeting()): Promise<Booked> {
  const r = await h.call('POST', '/meetings', { token: ORGANIZER_KEY, body });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  return r.json as Booked;
}

async function vouch(h: Harness, meetingId: string, identity: Record<string, string>, method = 'bankid') {
  return h.call('POST', '/sessions', { token: ORGANIZER_KEY, body: { meetingId, identity, method } });
}

/** Everything the server wrote down (audit entries, stored rows) as one string to scan. */
async function auditText(h: Harness, meetingId: string): Promise<string> {
  const r = await h.call('GET', `/meetings/${meetingId}/audit`, { token: ORGANIZER_KEY });
  assert.equal(r.status, 200);
  return JSON.stringify(r.json);
}

/** A client connects to a room: LiveKit's list shows it and LiveKit sends the webhook. */
let eventSeq = 0;
async function connect(h: Harness, room: string, identity: string, name: string) {
  h.rooms.connect(room, identity, name);
  const r = await webhook(h, { id: `EV_c${++eventSeq}`, event: 'participant_joined', room: { name: room }, participant: { identity, name } });
  assert.equal(r.status, 200);
}

async function sessions(h: Harness, booked: Booked) {
  const chair = await vouch(h, booked.meeting.id, { kind: 'hsa', hsaId: HSA.anna }, 'siths');
  const individual = await vouch(h, booked.meeting.id, { kind: 'pnr', pnr: PNR.esther });
  const relative = await vouch(h, booked.meeting.id, { kind: 'pnr', pnr: '198507099920' });
  assert.equal(chair.status, 201);
  assert.equal(individual.status, 201);
  assert.equal(relative.status, 201);
  return { chair: chair.json.session as string, individual: individual.json.session as string, relative: relative.json.session as string };
}

async function webhook(h: Harness, event: Record<string, unknown>) {
  const rawBody = JSON.stringify(event);
  const auth = await signWebhook(rawBody, API_KEY, API_SECRET);
  return h.call('POST', '/livekit/webhook', { rawBody, headers: { authorization: auth, 'content-type': 'application/webhook+json' } });
}

test('booking answers masked identities and one invitation each; no raw id anywhere in the answer', async () => {
  const h = await createHarness();
  const r = await h.call('POST', '/meetings', { token: ORGANIZER_KEY, body: sipMeeting() });
  assert.equal(r.status, 201);
  const text = JSON.stringify(r.json);
  for (const raw of ['19121212', '121212-1212', '191212121212', 'SE2321000016-A1B2', '198507099920']) assert.ok(!text.includes(raw), raw);
  const [chair, individual] = r.json.participants;
  assert.equal(chair.identity.masked, '****A1B2');
  assert.match(individual.identity.masked, /^1912\D*$/);
  assert.equal(r.json.meeting.state, 'open');
  assert.ok(r.json.participants.every((p: { invite: { token: string } }) => p.invite.token.length >= 22));
  // The invitation link carries the secret in the fragment only, so it reaches no server's log.
  assert.match(chair.invite.url, /^\/join#invite=/);
  await h.close();
});

test('a malformed personnummer is refused with INVALID_PERSONNUMMER and nothing is stored', async () => {
  const h = await createHarness();
  const body = sipMeeting();
  (body.participants[1] as { identity: { pnr: string } }).identity.pnr = '19121212-1213';
  const r = await h.call('POST', '/meetings', { token: ORGANIZER_KEY, body });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'INVALID_PERSONNUMMER');
  assert.equal(r.json.error.field, 'participants[1].identity.pnr');
  assert.ok(!JSON.stringify(r.json).includes('1213'), 'the error does not echo the value');
  assert.equal(h.rooms.calls.length, 0);
  assert.equal((await h.store.getMeetingByRoomName('x')) ?? null, null);
  await h.close();
});

test('bad HSA-id and CPR get their own codes', async () => {
  const h = await createHarness();
  const hsa = sipMeeting();
  (hsa.participants[0] as { identity: { hsaId: string } }).identity.hsaId = 'se2321000016-A1B2';
  assert.equal((await h.call('POST', '/meetings', { token: ORGANIZER_KEY, body: hsa })).json.error.code, 'INVALID_HSA_ID');
  const cpr = sipMeeting();
  (cpr.participants as unknown[]).push({ name: 'Søren Ægidius', role: 'staff', identity: { kind: 'cpr', cpr: '310299-1234' } });
  assert.equal((await h.call('POST', '/meetings', { token: ORGANIZER_KEY, body: cpr })).json.error.code, 'INVALID_CPR');
  await h.close();
});

test('rule 18: unknown fields, __proto__, wrong types, odd Unicode and oversized bodies get a 4xx and store nothing', async () => {
  const h = await createHarness();
  const cases: Array<[string, { body?: unknown; rawBody?: string; headers?: Record<string, string> }, number, string]> = [
    ['unknown field', { body: { ...sipMeeting(), recordMeeting: true } }, 400, 'BAD_REQUEST'],
    [
      '__proto__',
      { rawBody: JSON.stringify(sipMeeting()).replace('{', '{"__proto__":{"admin":true},'), headers: { 'content-type': 'application/json' } },
      400,
      'BAD_REQUEST',
    ],
    [
      'nested __proto__',
      { rawBody: JSON.stringify(sipMeeting()).replace('"kind":"hsa"', '"kind":"hsa","__proto__":{}'), headers: { 'content-type': 'application/json' } },
      400,
      'BAD_REQUEST',
    ],
    ['wrong type', { body: { ...sipMeeting(), allowChat: 'yes' } }, 400, 'BAD_REQUEST'],
    ['bidi override in title', { body: { ...sipMeeting(), title: 'SIP\u202Emöte' } }, 400, 'BAD_REQUEST'],
    [
      'zero-width in name',
      { body: sipMeeting({ participants: [{ name: 'An\u200Bna', role: 'chair', identity: { kind: 'hsa', hsaId: HSA.anna } }] }) },
      400,
      'INVALID_NAME',
    ],
    [
      'full-width digits in pnr',
      {
        body: sipMeeting({
          participants: [
            { name: 'Anna', role: 'chair', identity: { kind: 'hsa', hsaId: HSA.anna } },
            { name: 'E', role: 'individual', identity: { kind: 'pnr', pnr: '１９１２１２１２-１２１２' } },
          ],
        }),
      },
      400,
      'INVALID_PERSONNUMMER',
    ],
    [
      'NUL in name',
      { body: sipMeeting({ participants: [{ name: 'Anna\u0000', role: 'chair', identity: { kind: 'hsa', hsaId: HSA.anna } }] }) },
      400,
      'INVALID_NAME',
    ],
    [
      'two chairs',
      {
        body: sipMeeting({
          participants: [
            { name: 'A', role: 'chair', identity: { kind: 'hsa', hsaId: HSA.anna } },
            { name: 'S', role: 'chair', identity: { kind: 'hsa', hsaId: HSA.sven } },
          ],
        }),
      },
      400,
      'BAD_REQUEST',
    ],
    ['not JSON', { rawBody: '{"title":', headers: { 'content-type': 'application/json' } }, 400, 'BAD_REQUEST'],
    ['wrong media type', { rawBody: JSON.stringify(sipMeeting()), headers: { 'content-type': 'text/plain' } }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['oversized', { body: { ...sipMeeting(), title: 'x'.repeat(70_000) } }, 413, 'PAYLOAD_TOO_LARGE'],
    ['time without offset', { body: { ...sipMeeting(), startsAt: '2026-12-01T10:00:00' } }, 400, 'BAD_REQUEST'],
  ];
  for (const [name, o, status, code] of cases) {
    const r = await h.call('POST', '/meetings', { token: ORGANIZER_KEY, ...o });
    assert.equal(r.status, status, name);
    assert.equal(r.json.error.code, code, name);
  }
  // Nothing was stored: the audit log of any meeting is empty because no meeting exists.
  const anyMeeting = await h.call('GET', '/meetings/m_nothing', { token: ORGANIZER_KEY });
  assert.equal(anyMeeting.status, 404);
  assert.equal(h.rooms.calls.length, 0);
  await h.close();
});

test('organizer routes need the organizer key; a session is not enough', async () => {
  const h = await createHarness();
  assert.equal((await h.call('POST', '/meetings', { body: sipMeeting() })).json.error.code, 'UNAUTHENTICATED');
  assert.equal((await h.call('POST', '/meetings', { token: 'x'.repeat(40), body: sipMeeting() })).status, 401);
  const booked = await book(h);
  const { individual } = await sessions(h, booked);
  assert.equal((await h.call('GET', `/meetings/${booked.meeting.id}/audit`, { token: individual })).status, 401);
  assert.equal((await h.call('POST', `/meetings/${booked.meeting.id}/end`, { token: individual })).json.error.code, 'FORBIDDEN');
  assert.equal((await h.call('GET', `/meetings/${booked.meeting.id}/roster`, { token: individual })).json.error.code, 'FORBIDDEN');
  await h.close();
});

test('rule 1: a vouched identity that matches no registration gets IDENTITY_MISMATCH, audited without the raw id', async () => {
  const h = await createHarness();
  const booked = await book(h);
  const r = await vouch(h, booked.meeting.id, { kind: 'pnr', pnr: PNR.other });
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'IDENTITY_MISMATCH');
  assert.equal(r.json.session, undefined);
  // Same digits under another namespace do not match either (pnr vs hsa registration).
  const ns = await vouch(h, booked.meeting.id, { kind: 'hsa', hsaId: 'SE2321000016-1212' });
  assert.equal(ns.json.error.code, 'IDENTITY_MISMATCH');
  const audit = await auditText(h, booked.meeting.id);
  assert.match(audit, /IDENTITY_MISMATCH/);
  assert.ok(!audit.includes('197001012389') && !audit.includes('19700101'), 'no raw personnummer in the audit');
  await h.close();
});

test('rules 2-4: an admitted join mints a short token with an opaque identity, the registered name and no personal data', async () => {
  const h = await createHarness();
  const booked = await book(h, sipMeeting({ allowChat: true }));
  const { individual, chair } = await sessions(h, booked);
  const r = await h.call('POST', '/join', { token: individual });
  assert.equal(r.status, 200);
  assert.equal(r.json.status, 'admitted');
  assert.equal(r.headers.get('cache-control'), 'no-store');
  assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
  const claims = decodeJwtPayload(r.json.token);
  assert.equal(claims.sub, r.json.participantId);
  assert.match(String(claims.sub), /^p_[A-Za-z0-9_-]{22}$/);
  assert.equal(claims.name, 'Esther Exempel');
  assert.ok(Number(claims.exp) - Number(claims.nbf) <= 120);
  const video = claims.video as Record<string, unknown>;
  assert.equal(video.canPublishData, true);
  for (const g of ['roomCreate', 'roomList', 'roomRecord', 'roomAdmin', 'ingressAdmin', 'recorder', 'hidden', 'agent']) assert.ok(!(g in video), g);
  const whole = Buffer.from(String(r.json.token).split('.')[1] as string, 'base64url').toString();
  for (const raw of ['191212121212', '121212', '+46701234567', '0701234567', 'SE2321000016', '@']) assert.ok(!whole.includes(raw), raw);
  // The room was created explicitly before the token, with a cap, under a random name.
  const create = h.rooms.calls.find((c) => c.op === 'ensureRoom');
  assert.ok(create);
  assert.match(String(create.args[0]), /^r_[A-Za-z0-9_-]{22}$/);
  assert.equal(create.args[1], 4 + 2);
  // The chair also gets a look into the lobby, without publish rights there.
  const c = await h.call('POST', '/join', { token: chair });
  const lobby = decodeJwtPayload(c.json.lobbyToken).video as Record<string, unknown>;
  assert.equal(lobby.canPublish, false);
  assert.equal(lobby.canSubscribe, true);
  assert.match(String(lobby.room), /^l_/);
  await h.close();
});

test('rule 4: no token before the meeting opens', async () => {
  const h = await createHarness({ start: '2026-12-01T08:00:00+01:00' });
  const booked = await book(h);
  const { individual } = await sessions(h, booked);
  const r = await h.call('POST', '/join', { token: individual });
  assert.equal(r.status, 425);
  assert.equal(r.json.error.code, 'TOO_EARLY');
  assert.equal(r.json.token, undefined);
  await h.close();
});

test('rules 4-5, rejoin after end: the chair ends, rooms are deleted, nobody gets a token again', async () => {
  const h = await createHarness();
  const booked = await book(h);
  const { chair, relative } = await sessions(h, booked);
  assert.equal((await h.call('POST', '/join', { token: relative })).json.status, 'admitted');
  const end = await h.call('POST', `/meetings/${booked.meeting.id}/end`, { token: chair });
  assert.equal(end.status, 200);
  assert.equal(end.json.meeting.state, 'ended');
  assert.deepEqual(
    h.rooms.calls
      .filter((c) => c.op === 'deleteRoom')
      .map((c) => String(c.args[0]).slice(0, 2))
      .sort(),
    ['l_', 'r_'],
  );
  const again = await h.call('POST', '/join', { token: relative });
  assert.equal(again.status, 410);
  assert.equal(again.json.error.code, 'MEETING_ENDED');
  // A fresh session does not help either.
  const fresh = await vouch(h, booked.meeting.id, { kind: 'pnr', pnr: PNR.relative });
  assert.equal(fresh.status, 201);
  assert.equal((await h.call('POST', '/join', { token: fresh.json.session })).json.error.code, 'MEETING_ENDED');
  // Even much later.
  h.clock.advance(30 * 24 * 3600_000);
  assert.equal((await h.call('POST', '/join', { token: relative })).status, 401);
  await h.close();
});

test("rule 5: a webhook showing life in an ended meeting's room deletes the room again and is audited", async () => {
  const h = await createHarness();
  const booked = await book(h);
  const { chair } = await sessions(h, booked);
  await h.call('POST', '/join', { token: chair });
  const roomName = String(h.rooms.calls.find((c) => c.op === 'ensureRoom')?.args[0]);
  await h.call('POST', `/meetings/${booked.meeting.id}/end`, { token: chair });
  const deletesBefore = h.rooms.ops().filter((o) => o === 'deleteRoom').length;
  const r = await webhook(h, {
    id: 'EV_revive1',
    event: 'participant_joined',
    createdAt: String(Math.floor(Date.now() / 1000)),
    room: { name: roomName, sid: 'RM_x' },
    participant: { identity: booked.participants[1]?.id, name: 'Esther Exempel', sid: 'PA_x' },
  });
  assert.equal(r.status, 200);
  assert.equal(h.rooms.ops().filter((o) => o === 'deleteRoom').length, deletesBefore + 1);
  assert.match(await auditText(h, booked.meeting.id), /room\.reappeared/);
  await h.close();
});

test('rule 6, removal: stored before RemoveParticipant, later joins refused until the chair admits again', async () => {
  const h = await createHarness();
  const booked = await book(h);
  const { chair, relative } = await sessions(h, booked);
  const relativeId = booked.participants[2]?.id as string;
  assert.equal((await h.call('POST', '/join', { token: relative })).json.status, 'admitted');
  // Check the ordering: when RemoveParticipant is called, the store already says "removed".
  let removedWhenCalled: boolean | null = null;
  const original = h.rooms.removeParticipant.bind(h.rooms);
  h.rooms.removeParticipant = async (room, identity, before) => {
    removedWhenCalled = (await h.store.getParticipant(identity))?.removedAt !== null;
    return original(room, identity, before);
  };
  const rm = await h.call('POST', `/meetings/${booked.meeting.id}/remove`, { token: chair, body: { participantId: relativeId } });
  assert.equal(rm.status, 200);
  assert.equal(removedWhenCalled, true);
  const removeCalls = h.rooms.calls.filter((c) => c.op === 'removeParticipant');
  assert.equal(removeCalls.length, 2);
  assert.ok(
    removeCalls.every((c) => c.args[1] === relativeId && c.args[2] instanceof Date),
    'tokens issued before the removal are revoked',
  );
  const again = await h.call('POST', '/join', { token: relative });
  assert.equal(again.status, 403);
  assert.equal(again.json.error.code, 'REMOVED');
  const admit = await h.call('POST', `/meetings/${booked.meeting.id}/admit`, { token: chair, body: { participantId: relativeId } });
  assert.equal(admit.status, 200);
  assert.equal((await h.call('POST', '/join', { token: relative })).json.status, 'admitted');
  const audit = await auditText(h, booked.meeting.id);
  assert.match(audit, /"action":"remove"/);
  assert.match(audit, /"action":"admit"/);
  // The chair cannot be removed, and nobody but the chair removes.
  const chairId = booked.participants[0]?.id as string;
  assert.equal(
    (await h.call('POST', `/meetings/${booked.meeting.id}/remove`, { token: chair, body: { participantId: chairId } })).json.error.code,
    'FORBIDDEN',
  );
  assert.equal(
    (await h.call('POST', `/meetings/${booked.meeting.id}/remove`, { token: relative, body: { participantId: chairId } })).json.error.code,
    'FORBIDDEN',
  );
  await h.close();
});

test('rules 5-6 across processes: removed or ended through one server process, refused by another that just let them in', async () => {
  // Two server processes on one SQLite file: each has its own connection, as in production.
  const dir = mkdtempSync(join(tmpdir(), 'care-meet-two-processes-'));
  const file = join(dir, 'care-meet.db');
  const storeA = new SqliteMeetingStore({ filename: file, checkpointInBackground: false });
  const storeB = new SqliteMeetingStore({ filename: file, checkpointInBackground: false });
  const a = await createHarness({ store: storeA });
  const b = await createHarness({ store: storeB });
  try {
    const booked = await book(a);
    const { chair, individual, relative } = await sessions(a, booked);
    // Both join through A, twice (the first join records the admission, a write of A's own), so
    // A has just read their registrations as they now are: a server that kept them in memory
    // without noticing B's changes would let them in again below.
    for (let i = 0; i < 2; i++) {
      assert.equal((await a.call('POST', '/join', { token: relative })).json.status, 'admitted');
      assert.equal((await a.call('POST', '/join', { token: individual })).json.status, 'admitted');
    }
    const relativeId = booked.participants[2]?.id as string;
    assert.equal((await b.call('POST', `/meetings/${booked.meeting.id}/remove`, { token: chair, body: { participantId: relativeId } })).status, 200);
    const removed = await a.call('POST', '/join', { token: relative });
    assert.equal(removed.status, 403);
    assert.equal(removed.json.error.code, 'REMOVED');
    assert.equal((await b.call('POST', `/meetings/${booked.meeting.id}/end`, { token: chair })).status, 200);
    const ended = await a.call('POST', '/join', { token: individual });
    assert.equal(ended.status, 410);
    assert.equal(ended.json.error.code, 'MEETING_ENDED');
  } finally {
    await a.close();
    await b.close();
    await storeA.close();
    await storeB.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('rule 6 without webhooks: someone removed who is connected again is disconnected when the roster reconciles', async () => {
  const h = await createHarness();
  const booked = await book(h);
  const { chair, relative } = await sessions(h, booked);
  const relativeId = booked.participants[2]?.id as string;
  await h.call('POST', '/join', { token: relative });
  const roomName = String(h.rooms.calls.find((c) => c.op === 'ensureRoom')?.args[0]);
  assert.equal((await h.call('POST', `/meetings/${booked.meeting.id}/remove`, { token: chair, body: { participantId: relativeId } })).status, 200);
  // An old token gets them back in, and no webhook tells care-meet.
  h.rooms.connect(roomName, relativeId, 'Rut Exempel');
  const removals = () => h.rooms.calls.filter((c) => c.op === 'removeParticipant' && c.args[0] === roomName && c.args[1] === relativeId).length;
  const before = removals();
  await h.careMeet.reconcile(booked.meeting.id);
  assert.equal(removals(), before + 1);
  const roster = await h.call('GET', `/meetings/${booked.meeting.id}/roster`, { token: chair });
  assert.equal(roster.json.participants.find((p: { id: string }) => p.id === relativeId).status, 'removed');
  assert.match(await auditText(h, booked.meeting.id), /"action":"removed\.reconnected"/);
  await h.close();
});

test('reconciling: what it finds is told on the event stream; a list read before a webhook does not undo the webhook', async () => {
  const h = await createHarness();
  const booked = await book(h);
  const { chair, relative } = await sessions(h, booked);
  const relativeId = booked.participants[2]?.id as string;
  await h.call('POST', '/join', { token: relative });
  const roomName = String(h.rooms.calls.find((c) => c.op === 'ensureRoom')?.args[0]);
  const events: string[] = [];
  const stop = h.careMeet.events.subscribe(booked.meeting.id, (e) => {
    if ('participantId' in e && e.participantId === relativeId) events.push(e.type);
  });
  const status = async () =>
    (await h.call('GET', `/meetings/${booked.meeting.id}/roster`, { token: chair })).json.participants.find((p: { id: string }) => p.id === relativeId).status;

  // Connected with no webhook: reconciling finds it, stores it and says so.
  h.rooms.connect(roomName, relativeId, 'Rut Exempel');
  await h.careMeet.reconcile(booked.meeting.id);
  assert.equal(await status(), 'connected');
  assert.deepEqual(events, ['participant-connected']);

  // Gone, with no webhook: the same.
  h.rooms.disconnect(roomName, relativeId);
  await h.careMeet.reconcile(booked.meeting.id);
  assert.equal(await status(), 'left');
  assert.deepEqual(events, ['participant-connected', 'participant-disconnected']);

  // LiveKit's list is read (she is not in it), then she connects and the webhook says so, then the
  // list arrives: the older list does not undo the newer webhook.
  let release!: () => void;
  h.rooms.listHeldUntil = new Promise<void>((r) => (release = r));
  const reconciling = h.careMeet.reconcile(booked.meeting.id);
  await new Promise((r) => setTimeout(r, 20));
  await connect(h, roomName, relativeId, 'Rut Exempel');
  release();
  h.rooms.listHeldUntil = null;
  await reconciling;
  assert.equal(await status(), 'connected', 'the webhook, newer than the list, stands');
  assert.deepEqual(events, ['participant-connected', 'participant-disconnected', 'participant-connected']);
  stop();
  await h.close();
});

test('strangers in the lobby room: flagged by the webhook or, without one, when the roster reconciles; kept while there', async () => {
  const h = await createHarness();
  const booked = await book(h);
  const { chair } = await sessions(h, booked);
  const lobby = (await h.store.getMeeting(booked.meeting.id))?.lobbyRoomName as string;
  const strangers = async () =>
    ((await h.call('GET', `/meetings/${booked.meeting.id}/roster`, { token: chair })).json.strangers as Array<{ identity: string }>)
      .map((s) => s.identity)
      .sort();
  await h.rooms.ensureRoom(lobby, 5); // as when a lobby guest has joined
  await connect(h, lobby, 'sip_+46700000001', 'Okänd');
  assert.deepEqual(await strangers(), ['sip_+46700000001']);
  // Reconciling with LiveKit's lists keeps them flagged (they are still in the lobby), and finds one no webhook told of.
  h.rooms.connect(lobby, 'other-tool-42', 'Någon');
  await h.careMeet.reconcile(booked.meeting.id);
  assert.deepEqual(await strangers(), ['other-tool-42', 'sip_+46700000001']);
  // Gone from both rooms: no longer flagged.
  h.rooms.disconnect(lobby, 'sip_+46700000001');
  h.rooms.disconnect(lobby, 'other-tool-42');
  await h.careMeet.reconcile(booked.meeting.id);
  assert.deepEqual(await strangers(), []);
  await h.close();
});

test('a meeting that ended by time, without anyone ending it, keeps no identities of people not on its list once it is over', async () => {
  const h = await createHarness({ start: '2026-12-01T10:06:00+01:00' });
  const booked = await book(h);
  const { chair } = await sessions(h, booked);
  await h.call('POST', '/join', { token: chair });
  const roomName = String(h.rooms.calls.find((c) => c.op === 'ensureRoom')?.args[0]);
  await connect(h, roomName, 'sip_+46700000003', 'Okänd');
  const later = (start: string, end: string) => sipMeeting({ startsAt: start, endsAt: end });
  // 12:30: over at 11:00, but open for two more hours (the admission policy): still kept.
  h.clock.set('2026-12-01T12:30:00+01:00');
  await book(h, later('2026-12-02T10:00:00+01:00', '2026-12-02T11:00:00+01:00'));
  assert.equal((await h.store.listStrangers(booked.meeting.id)).length, 1);
  // 13:01: closed. The next booking forgets them.
  h.clock.set('2026-12-01T13:01:00+01:00');
  await book(h, later('2026-12-03T10:00:00+01:00', '2026-12-03T11:00:00+01:00'));
  assert.deepEqual(await h.store.listStrangers(booked.meeting.id), []);
  await h.close();
});

test('rule 7, lobby: an e-mail guest gets a lobby token only, the chair admits, then a room token', async () => {
  const h = await createHarness();
  const body = sipMeeting();
  (body.participants as unknown[]).push({ name: 'Lisa Lärare', role: 'guest', identity: { kind: 'guest', email: 'lisa@skolan.example.se' } });
  const booked = await book(h, body);
  const { chair } = await sessions(h, booked);
  const guest = booked.participants[4] as Booked['participants'][number];
  const info = await h.call('GET', `/invites/${guest.invite.token}`);
  assert.equal(info.status, 200);
  assert.equal(info.json.verify, 'name');
  const s = await h.call('POST', `/invites/${guest.invite.token}/session`, { body: { name: 'Lisa Lärare' } });
  assert.equal(s.status, 201);
  assert.equal(s.headers.get('cache-control'), 'no-store');
  const waiting = await h.call('POST', '/join', { token: s.json.session });
  assert.equal(waiting.json.status, 'lobby');
  const lobbyVideo = decodeJwtPayload(waiting.json.token).video as Record<string, unknown>;
  assert.match(String(lobbyVideo.room), /^l_/);
  assert.equal(lobbyVideo.canSubscribe, false);
  assert.equal(lobbyVideo.canPublishData, false);
  // Still the lobby until the chair acts.
  assert.equal((await h.call('POST', '/join', { token: s.json.session })).json.status, 'lobby');
  await connect(h, String(lobbyVideo.room), guest.id, 'Lisa Lärare');
  const roster = await h.call('GET', `/meetings/${booked.meeting.id}/roster`, { token: chair });
  assert.deepEqual(roster.json.lobby, [guest.id]);
  assert.equal(roster.json.participants[4].typedName, 'Lisa Lärare');
  // A guest cannot admit themselves.
  assert.equal((await h.call('POST', `/meetings/${booked.meeting.id}/admit`, { token: s.json.session, body: { participantId: guest.id } })).status, 403);
  const admit = await h.call('POST', `/meetings/${booked.meeting.id}/admit`, { token: chair, body: { participantId: guest.id } });
  assert.equal(admit.status, 200);
  assert.ok(
    h.rooms.calls.some((c) => c.op === 'updatePermission' && c.args[1] === guest.id),
    'the lobby connection is frozen at once',
  );
  const afterAdmit = await h.call('GET', `/meetings/${booked.meeting.id}/roster`, { token: chair });
  assert.deepEqual(afterAdmit.json.lobby, [], 'an admitted guest no longer waits in the lobby');
  const inRoom = await h.call('POST', '/join', { token: s.json.session });
  assert.equal(inRoom.json.status, 'admitted');
  assert.match(String((decodeJwtPayload(inRoom.json.token).video as Record<string, unknown>).room), /^r_/);
  assert.match(await auditText(h, booked.meeting.id), /"action":"admit","actor":"p_/);
  await h.close();
});

test('rule 8: an invitation is redeemed once, even by parallel requests', async () => {
  const h = await createHarness();
  const body = sipMeeting();
  (body.participants as unknown[]).push({ name: 'Lisa Lärare', role: 'guest', identity: { kind: 'guest', email: 'lisa@skolan.example.se' } });
  const booked = await book(h, body);
  const token = booked.participants[4]?.invite.token as string;
  const results = await Promise.all(Array.from({ length: 5 }, () => h.call('POST', `/invites/${token}/session`, { body: { name: 'Lisa Lärare' } })));
  assert.equal(results.filter((r) => r.status === 201).length, 1);
  assert.ok(results.filter((r) => r.status !== 201).every((r) => r.json.error.code === 'INVITE_USED'));
  assert.equal((await h.call('GET', `/invites/${token}`)).json.error.code, 'INVITE_USED');
  // Unknown and malformed links get one and the same answer.
  const a = await h.call('GET', `/invites/${'A'.repeat(43)}`);
  const b = await h.call('GET', '/invites/%E0%A4%A');
  assert.equal(a.json.error.code, 'NOT_FOUND');
  assert.deepEqual(a.json, (await h.call('GET', '/invites/short')).json);
  assert.equal(b.status, 404);
  await h.close();
});

test('rule 8: invitation look-ups are rate-limited per client address', async () => {
  const h = await createHarness();
  let last = 0;
  for (let i = 0; i < 31; i++) last = (await h.call('GET', `/invites/guess${i}${'x'.repeat(30)}`)).status;
  assert.equal(last, 429);
  await h.close();
});

test('rules 15 and 17: webhooks are verified over the raw body, deduplicated, and egress is stopped', async () => {
  const h = await createHarness();
  const booked = await book(h);
  const { chair } = await sessions(h, booked);
  await h.call('POST', '/join', { token: chair });
  const roomName = String(h.rooms.calls.find((c) => c.op === 'ensureRoom')?.args[0]);
  const event = { id: 'EV_egress1', event: 'egress_started', createdAt: '1764580000', egressInfo: { egressId: 'EG_abc', roomName } };
  const rawBody = JSON.stringify(event);
  // Unsigned, mis-signed, and signed over other bytes: all refused, nothing done.
  assert.equal((await h.call('POST', '/livekit/webhook', { rawBody })).json.error.code, 'UNAUTHENTICATED');
  const wrongKey = await signWebhook(rawBody, API_KEY, 'another-secret-another-secret-xx');
  assert.equal((await h.call('POST', '/livekit/webhook', { rawBody, headers: { authorization: wrongKey } })).status, 401);
  const otherBody = await signWebhook(rawBody + ' ', API_KEY, API_SECRET);
  assert.equal((await h.call('POST', '/livekit/webhook', { rawBody, headers: { authorization: otherBody } })).status, 401);
  assert.equal(h.rooms.ops().includes('stopEgress'), false);
  // Signed: the egress is stopped and audited, once.
  const first = await webhook(h, event);
  assert.equal(first.status, 200);
  assert.equal(first.json.duplicate, false);
  const replay = await webhook(h, event);
  assert.equal(replay.json.duplicate, true);
  assert.equal(h.rooms.calls.filter((c) => c.op === 'stopEgress').length, 1);
  const audit = await auditText(h, booked.meeting.id);
  assert.match(audit, /egress\.stopped/);
  // Rule 17: no token, session or invitation secret in the audit.
  assert.ok(!JWT_SHAPE.test(audit), 'no JWT in the audit');
  assert.ok(!audit.includes(chair), 'no session token in the audit');
  for (const p of booked.participants) assert.ok(!audit.includes(p.invite.token));
  await h.close();
});

test('attendance from webhooks: the roster shows who is connected, no-shows with a phone number, and strangers', async () => {
  const h = await createHarness({ start: '2026-12-01T10:06:00+01:00' });
  const booked = await book(h);
  const { chair } = await sessions(h, booked);
  await h.call('POST', '/join', { token: chair });
  const roomName = String(h.rooms.calls.find((c) => c.op === 'ensureRoom')?.args[0]);
  const chairId = booked.participants[0]?.id as string;
  await connect(h, roomName, chairId, 'Anna Samordnare');
  await connect(h, roomName, 'intruder', 'Okänd');
  const r = await h.call('GET', `/meetings/${booked.meeting.id}/roster`, { token: chair });
  assert.equal(r.status, 200);
  assert.equal(r.json.counts.connected, 1);
  assert.equal(r.json.counts.strangers, 1);
  assert.equal(r.json.strangers[0].name, 'Okänd');
  const esther = r.json.participants.find((p: { role: string }) => p.role === 'individual');
  assert.equal(esther.noShow, true);
  assert.equal(esther.phone, '+46701234567');
  const anna = r.json.participants.find((p: { role: string }) => p.role === 'chair');
  assert.equal(anna.status, 'connected');
  assert.equal(anna.noShow, false);
  h.rooms.disconnect(roomName, chairId);
  await webhook(h, { id: 'EV_l1', event: 'participant_left', room: { name: roomName }, participant: { identity: chairId } });
  const after = await h.call('GET', `/meetings/${booked.meeting.id}/roster`, { token: chair });
  assert.equal(after.json.participants[0].status, 'left');
  await h.close();
});

test('rule 6 for strangers: the chair removes someone connected who is not on the list, and they stay out', async () => {
  const h = await createHarness({ start: '2026-12-01T10:06:00+01:00' });
  const booked = await book(h);
  const { chair, relative } = await sessions(h, booked);
  await h.call('POST', '/join', { token: chair });
  const roomName = String(h.rooms.calls.find((c) => c.op === 'ensureRoom')?.args[0]);
  const caller = 'sip_+46709876543';
  await connect(h, roomName, caller, 'Okänd uppringare');
  const url = `/meetings/${booked.meeting.id}/remove`;
  // Only the chair; an unknown id is NOT_FOUND; neither changes anything.
  assert.equal((await h.call('POST', url, { token: relative, body: { participantId: caller } })).json.error.code, 'FORBIDDEN');
  const unknown = await h.call('POST', url, { token: chair, body: { participantId: 'sip_+46700000000' } });
  assert.equal(unknown.status, 404);
  assert.equal(unknown.json.error.code, 'NOT_FOUND');
  for (const bad of ['sip\u202e', 'x'.repeat(257), '', 42]) {
    const r = await h.call('POST', url, { token: chair, body: { participantId: bad } });
    assert.equal(r.status, 400, String(bad));
    assert.equal(r.json.error.code, 'BAD_REQUEST');
  }
  assert.equal(h.rooms.calls.filter((c) => c.op === 'removeParticipant').length, 0);
  assert.equal((await h.call('GET', `/meetings/${booked.meeting.id}/roster`, { token: chair })).json.counts.strangers, 1);

  const r = await h.call('POST', url, { token: chair, body: { participantId: caller } });
  assert.equal(r.status, 200);
  assert.equal(r.json.participantId, caller);
  const removes = h.rooms.calls.filter((c) => c.op === 'removeParticipant');
  assert.deepEqual(removes.map((c) => String(c.args[0]).slice(0, 2)).sort(), ['l_', 'r_']);
  assert.ok(
    removes.every((c) => c.args[1] === caller && c.args[2] instanceof Date),
    'tokens issued before the removal are revoked',
  );
  const roster = await h.call('GET', `/meetings/${booked.meeting.id}/roster`, { token: chair });
  assert.equal(roster.json.counts.strangers, 0);
  const audit = await auditText(h, booked.meeting.id);
  assert.match(audit, /"action":"remove"[^}]*"outcome":"ok"[^}]*"details":\{"stranger":true\}/);
  assert.ok(!audit.includes('46709876543'), 'the audit log holds no phone number from the identity');

  // Back with a token from before (LiveKit's open-source server ignores revokeTokenTs): the
  // webhook disconnects them again, and they are not flagged as new.
  const before = h.rooms.calls.filter((c) => c.op === 'removeParticipant').length;
  await connect(h, roomName, caller, 'Okänd uppringare');
  const again = h.rooms.calls.filter((c) => c.op === 'removeParticipant').slice(before);
  assert.deepEqual(
    again.map((c) => [String(c.args[0]), c.args[1]]),
    [[roomName, caller]],
  );
  assert.equal((await h.call('GET', `/meetings/${booked.meeting.id}/roster`, { token: chair })).json.counts.strangers, 0);
  assert.match(await auditText(h, booked.meeting.id), /"action":"removed\.reconnected"[^}]*"details":\{"stranger":true\}/);
  // With no webhook at all, reconciling with LiveKit's list does the same.
  h.rooms.disconnect(roomName, caller);
  h.rooms.connect(roomName, caller, 'Okänd uppringare');
  const removalsOf = () => h.rooms.calls.filter((c) => c.op === 'removeParticipant' && c.args[1] === caller).length;
  const beforeReconcile = removalsOf();
  await h.careMeet.reconcile(booked.meeting.id);
  assert.equal(removalsOf(), beforeReconcile + 1);
  assert.equal((await h.call('GET', `/meetings/${booked.meeting.id}/roster`, { token: chair })).json.counts.strangers, 0);
  // Ended: their identities are forgotten (a removed one's and a flagged one's), and nothing is left to remove.
  await connect(h, roomName, 'sip_+46700000002', 'Okänd');
  assert.equal((await h.store.listStrangers(booked.meeting.id)).length, 1);
  await h.call('POST', `/meetings/${booked.meeting.id}/end`, { token: chair });
  assert.deepEqual(await h.store.listStrangers(booked.meeting.id), []);
  assert.equal(await h.store.strangerRemovedAt(booked.meeting.id, caller), null);
  await connect(h, roomName, caller, 'Okänd uppringare');
  assert.equal((await h.call('POST', url, { token: chair, body: { participantId: caller } })).json.error.code, 'MEETING_ENDED');
  await h.close();
});

test('a media server that does not answer gives LIVEKIT_UNAVAILABLE and no token', async () => {
  const h = await createHarness();
  const booked = await book(h);
  const { individual } = await sessions(h, booked);
  h.rooms.down = true;
  const r = await h.call('POST', '/join', { token: individual });
  assert.equal(r.status, 503);
  assert.equal(r.json.error.code, 'LIVEKIT_UNAVAILABLE');
  assert.equal(r.json.token, undefined);
  await h.close();
});

test('evaluation: only after the end, only by someone who took part, once', async () => {
  const h = await createHarness();
  const booked = await book(h);
  const { chair, individual, relative } = await sessions(h, booked);
  await h.call('POST', '/join', { token: individual });
  const early = await h.call('POST', `/meetings/${booked.meeting.id}/evaluation`, { token: individual, body: { answers: { heard: 5 } } });
  assert.equal(early.json.error.code, 'MEETING_NOT_ENDED');
  await h.call('POST', `/meetings/${booked.meeting.id}/end`, { token: chair });
  const bad = await h.call('POST', `/meetings/${booked.meeting.id}/evaluation`, { token: individual, body: { answers: { heard: 9 } } });
  assert.equal(bad.json.error.code, 'BAD_REQUEST');
  const ok = await h.call('POST', `/meetings/${booked.meeting.id}/evaluation`, {
    token: individual,
    body: { answers: { heard: 4, again: true, comment: 'Bra möte' } },
  });
  assert.equal(ok.status, 201);
  const twice = await h.call('POST', `/meetings/${booked.meeting.id}/evaluation`, { token: individual, body: { answers: { heard: 4 } } });
  assert.equal(twice.json.error.code, 'CONFLICT');
  const never = await h.call('POST', `/meetings/${booked.meeting.id}/evaluation`, { token: relative, body: { answers: { heard: 4 } } });
  assert.equal(never.json.error.code, 'FORBIDDEN');
  const list = await h.call('GET', `/meetings/${booked.meeting.id}/evaluations`, { token: ORGANIZER_KEY });
  assert.equal(list.json.evaluations.length, 1);
  await h.close();
});

test('unknown routes and wrong methods answer in the error shape', async () => {
  const h = await createHarness();
  const a = await h.call('GET', '/nothing');
  assert.equal(a.status, 404);
  assert.equal(a.json.error.code, 'NOT_FOUND');
  const b = await h.call('GET', '/join');
  assert.equal(b.status, 405);
  assert.equal(b.json.error.code, 'METHOD_NOT_ALLOWED');
  assert.equal(b.headers.get('referrer-policy'), 'no-referrer');
  assert.equal(b.headers.get('allow'), 'POST', 'a 405 says which methods the path takes');
  const consent = await h.call('PUT', '/meetings/m_x/consent');
  assert.equal(consent.status, 405);
  assert.equal(consent.headers.get('allow'), 'POST, GET, DELETE');
  assert.equal(a.headers.get('allow'), null);
  await h.close();
});

test("the handler serves every route of the protocol's table, and nothing else", async () => {
  const h = await createHarness();
  for (const [name, route] of Object.entries(ROUTES)) {
    const path = route.path.replace(/:[a-z]+/gi, 'x');
    // No credentials and no body: each route refuses in its own way, but never as an unknown route or method.
    const r = await h.call(route.method, path);
    assert.notEqual(r.json?.error?.message, 'no such route', `${name}: ${route.method} ${route.path} is not served`);
    assert.notEqual(r.status, 405, `${name}: ${route.method} ${route.path} answered 405`);
    assert.ok(r.status < 500, `${name}: ${route.method} ${route.path} answered ${r.status}`);
    assert.equal(matchRoute(route.method, path).kind, 'route');
  }
  // A path outside the table: 404 for every method.
  for (const method of ['GET', 'POST', 'DELETE']) assert.equal((await h.call(method, '/meetings/x/nothing')).json.error.message, 'no such route');
  await h.close();
});

// ---- the individual's consent (DESIGN: recorded before the meeting starts) ----------------------

/** The ids of everyone on the list who is not removed, as the roster shows them. */
async function listedIds(h: Harness, meetingId: string, token: string): Promise<string[]> {
  const r = await h.call('GET', `/meetings/${meetingId}/roster`, { token });
  return (r.json.participants as Array<{ id: string; status: string }>).filter((p) => p.status !== 'removed').map((p) => p.id);
}

test('consent: the individual gives her own; the roster shows it, and who was added after it is not covered', async () => {
  const h = await createHarness();
  const booked = await book(h);
  const { chair, individual, relative } = await sessions(h, booked);
  const id = booked.meeting.id;
  const before = await h.call('GET', `/meetings/${id}/roster`, { token: chair });
  assert.deepEqual(before.json.consent, { state: 'missing', at: null, by: null, how: null, notCovered: [] });

  // What she is asked: the list, names and roles only.
  const asked = await h.call('GET', `/meetings/${id}/consent`, { token: individual });
  assert.equal(asked.status, 200);
  assert.deepEqual(asked.json.consent, before.json.consent);
  assert.deepEqual(
    asked.json.participants.map((p: { name: string; role: string }) => `${p.name}/${p.role}`),
    ['Anna Samordnare/chair', 'Esther Exempel/individual', 'Rut Exempel/relative', 'Kurt Kurator/guest'],
  );
  assert.deepEqual(Object.keys(asked.json.participants[0]).sort(), ['id', 'name', 'role']);
  assert.equal((await h.call('GET', `/meetings/${id}/consent`, { token: relative })).json.error.code, 'FORBIDDEN');
  const shown = asked.json.participants.map((p: { id: string }) => p.id) as string[];
  assert.deepEqual(shown, await listedIds(h, id, chair));
  const r = await h.call('POST', `/meetings/${id}/consent`, { token: individual, body: { how: 'self', participantIds: shown } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.deepEqual(r.json.consent, { state: 'given', at: '2026-12-01T08:55:00.000Z', by: 'individual', how: 'self', notCovered: [] });
  assert.deepEqual((await h.call('GET', `/meetings/${id}/roster`, { token: chair })).json.consent, r.json.consent);

  // Someone registered afterwards is not covered until consent is recorded again.
  const added = await h.call('POST', `/meetings/${id}/participants`, {
    token: ORGANIZER_KEY,
    body: { name: 'Sven Skolsköterska', role: 'staff', identity: { kind: 'hsa', hsaId: HSA.sven } },
  });
  assert.equal(added.status, 201);
  const after = await h.call('GET', `/meetings/${id}/roster`, { token: chair });
  assert.equal(after.json.consent.state, 'given');
  assert.deepEqual(after.json.consent.notCovered, [added.json.participant.id]);

  // Rule 9: in the audit log, who recorded it and how, and nothing that identifies her (rule 17).
  const audit = await auditText(h, id);
  assert.match(
    audit,
    /"action":"consent\.given","actor":"[^"]+","participantId":null,"outcome":"ok","code":null,"details":\{"by":"individual","how":"self","covers":4\}/,
  );
  for (const raw of ['191212121212', '19121212', PNR.esther]) assert.ok(!audit.includes(raw), raw);
  await h.close();
});

test('consent: the chair records consent given to her, against the list she showed; a list changed meanwhile is refused and stores nothing', async () => {
  const h = await createHarness();
  const booked = await book(h);
  const { chair } = await sessions(h, booked);
  const id = booked.meeting.id;
  const shown = await listedIds(h, id, chair);
  // The list changes between showing it and confirming: nothing is recorded.
  const removed = booked.participants[3]?.id as string;
  assert.equal((await h.call('POST', `/meetings/${id}/remove`, { token: chair, body: { participantId: removed } })).status, 200);
  const stale = await h.call('POST', `/meetings/${id}/consent`, { token: chair, body: { how: 'verbal', participantIds: shown } });
  assert.equal(stale.status, 409);
  assert.equal(stale.json.error.code, 'PARTICIPANTS_CHANGED');
  assert.equal((await h.call('GET', `/meetings/${id}/roster`, { token: chair })).json.consent.state, 'missing');
  assert.match(await auditText(h, id), /"action":"consent\.given"[^}]*"outcome":"refused","code":"PARTICIPANTS_CHANGED"/);

  const now = await listedIds(h, id, chair);
  assert.deepEqual(
    now,
    shown.filter((p) => p !== removed),
  );
  const ok = await h.call('POST', `/meetings/${id}/consent`, { token: chair, body: { how: 'written', participantIds: now } });
  assert.equal(ok.status, 201);
  assert.equal(ok.json.consent.by, 'chair');
  assert.equal(ok.json.consent.how, 'written');
  // The organizer records it too (an EHR that asked her when booking).
  const again = await h.call('POST', `/meetings/${id}/consent`, { token: ORGANIZER_KEY, body: { how: 'verbal', participantIds: [...now].reverse() } });
  assert.equal(again.status, 201);
  assert.equal(again.json.consent.by, 'organizer');
  await h.close();
});

test('consent: withdrawn by the individual; recorded at booking; only she, the chair or the organizer, and never after the end', async () => {
  const h = await createHarness();
  const booked = await book(h, sipMeeting({ consent: { how: 'written' } }));
  const { chair, individual, relative } = await sessions(h, booked);
  const id = booked.meeting.id;
  const atBooking = (await h.call('GET', `/meetings/${id}/roster`, { token: chair })).json.consent;
  assert.deepEqual(atBooking, { state: 'given', at: '2026-12-01T08:55:00.000Z', by: 'organizer', how: 'written', notCovered: [] });

  const shown = await listedIds(h, id, chair);
  // A relative may not record or withdraw it; the individual may not say someone else recorded it.
  assert.equal(
    (await h.call('POST', `/meetings/${id}/consent`, { token: relative, body: { how: 'self', participantIds: shown } })).json.error.code,
    'FORBIDDEN',
  );
  assert.equal((await h.call('DELETE', `/meetings/${id}/consent`, { token: relative })).json.error.code, 'FORBIDDEN');
  assert.equal(
    (await h.call('POST', `/meetings/${id}/consent`, { token: individual, body: { how: 'verbal', participantIds: shown } })).json.error.code,
    'FORBIDDEN',
  );
  assert.equal((await h.call('POST', `/meetings/${id}/consent`, { token: chair, body: { how: 'self', participantIds: shown } })).json.error.code, 'FORBIDDEN');
  assert.equal((await h.call('POST', `/meetings/${id}/consent`, { body: { how: 'verbal', participantIds: shown } })).status, 401);

  h.clock.advance(60_000);
  const withdrawn = await h.call('DELETE', `/meetings/${id}/consent`, { token: individual });
  assert.equal(withdrawn.status, 200);
  assert.deepEqual(withdrawn.json.consent, { state: 'withdrawn', at: '2026-12-01T08:56:00.000Z', by: 'individual', how: null, notCovered: [] });
  assert.equal((await h.call('DELETE', `/meetings/${id}/consent`, { token: individual })).json.error.code, 'CONFLICT');
  assert.equal((await h.call('GET', `/meetings/${id}/roster`, { token: chair })).json.consent.state, 'withdrawn');
  assert.match(await auditText(h, id), /"action":"consent\.withdrawn"[^}]*"outcome":"ok","code":null,"details":\{"by":"individual"\}/);

  await h.call('POST', `/meetings/${id}/end`, { token: chair });
  const late = await h.call('POST', `/meetings/${id}/consent`, { token: individual, body: { how: 'self', participantIds: shown } });
  assert.equal(late.status, 410);
  assert.equal(late.json.error.code, 'MEETING_ENDED');
  await h.close();
});

test('rule 18 for consent: bad bodies are BAD_REQUEST and record nothing; a meeting without an individual has none to record', async () => {
  const h = await createHarness();
  const booked = await book(h);
  const { chair } = await sessions(h, booked);
  const id = booked.meeting.id;
  const shown = await listedIds(h, id, chair);
  const bad: unknown[] = [
    null,
    [],
    { how: 'verbal' },
    { how: 'telepathy', participantIds: shown },
    { how: 'verbal', participantIds: [] },
    { how: 'verbal', participantIds: [...shown, shown[0]] },
    { how: 'verbal', participantIds: [42] },
    { how: 'verbal', participantIds: ['x'.repeat(65)] },
    { how: 'verbal', participantIds: shown, extra: true },
    JSON.parse(`{"how":"verbal","participantIds":${JSON.stringify(shown)},"__proto__":{"admin":true}}`),
  ];
  for (const body of bad) {
    const r = await h.call('POST', `/meetings/${id}/consent`, { token: chair, body });
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.json.error.code, 'BAD_REQUEST');
  }
  assert.equal((await h.call('GET', `/meetings/${id}/roster`, { token: chair })).json.consent.state, 'missing');
  assert.ok(!/consent/.test(await auditText(h, id)), 'a malformed request leaves no trace but the refusal');

  const withoutIndividual = sipMeeting();
  withoutIndividual.participants = withoutIndividual.participants.filter((p) => p.role !== 'individual');
  const other = await book(h, withoutIndividual);
  const otherChair = (await vouch(h, other.meeting.id, { kind: 'hsa', hsaId: HSA.anna }, 'siths')).json.session as string;
  assert.equal((await h.call('GET', `/meetings/${other.meeting.id}/roster`, { token: otherChair })).json.consent.state, 'none');
  const none = await h.call('POST', `/meetings/${other.meeting.id}/consent`, {
    token: otherChair,
    body: { how: 'verbal', participantIds: await listedIds(h, other.meeting.id, otherChair) },
  });
  assert.equal(none.status, 409);
  assert.equal(none.json.error.code, 'CONFLICT');
  const atBooking = await h.call('POST', '/meetings', { token: ORGANIZER_KEY, body: { ...withoutIndividual, consent: { how: 'verbal' } } });
  assert.equal(atBooking.status, 400);
  assert.equal(atBooking.json.error.code, 'BAD_REQUEST');
  await h.close();
});
