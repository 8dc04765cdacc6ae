// End-to-end encryption keys (issue #19), the server's rules: the key reaches an admitted person's
// join answer and nothing else (not the lobby, not a removed person, not a LiveKit token, not the
// room control, not the audit, not a log line, not the database in the clear), and a removal
// rotates it. Run on both store engines (PostgreSQL under scripts/postgres.sh).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CareMeet, type CareMeetOptions } from '../care-meet.js';
import { createCareMeetHandler } from '../http/handler.js';
import type { Logger } from '../logger.js';
import type { MeetingStore } from '../store/meeting-store.js';
import { SqliteMeetingStore } from '../store/sqlite-store.js';
import { API_KEY, API_SECRET, E2EE_KEY, HSA, ORGANIZER_KEY, PNR, TestClock, eventually, sipMeeting } from '../test-support/harness.js';
import { RecordingRoomControl, decodeJwtPayload } from '../test-support/recording-room-control.js';
import { STORE_ENGINES } from '../test-support/store-engines.js';

type Call = (method: string, path: string, o?: { body?: unknown; token?: string }) => Promise<{ status: number; json: any }>;

/** A CareMeet on `store` with a captured logger, a recording room control and its handler (logging). */
async function service(store: MeetingStore, options: Partial<CareMeetOptions> = {}) {
  const lines: string[] = [];
  const logger: Logger = {
    info: (m, f) => void lines.push(JSON.stringify({ m, f })),
    warn: (m, f) => void lines.push(JSON.stringify({ m, f })),
    error: (m, f) => void lines.push(JSON.stringify({ m, f })),
  };
  const rooms = new RecordingRoomControl();
  const clock = new TestClock('2026-12-01T09:55:00+01:00');
  const careMeet = await CareMeet.create({
    store,
    livekit: { url: 'ws://127.0.0.1:7880', apiKey: API_KEY, apiSecret: API_SECRET },
    organizerKey: ORGANIZER_KEY,
    e2ee: { keyEncryptionKey: E2EE_KEY },
    roomControl: rooms,
    clock: clock.now,
    logger,
    ...options,
  });
  const handle = createCareMeetHandler(careMeet, { logger, heartbeatMs: 60_000 });
  const call: Call = async (method, path, o = {}) => {
    const headers: Record<string, string> = {};
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    const res = await handle(
      new Request(`http://portal.test/api${path}`, { method, headers, ...(o.body === undefined ? {} : { body: JSON.stringify(o.body) }) }),
      { clientAddress: '127.0.0.1' },
    );
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  };
  /** A participant's or the chair's event stream, read until `until` holds or `ms` pass. */
  const events = (token: string, meetingId: string, until: (ev: Array<{ event: string; data: any }>) => boolean, ms = 2000) => {
    const abort = new AbortController();
    const opened = handle(
      new Request(`http://portal.test/api/meetings/${meetingId}/events`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal }),
    );
    return (async () => {
      const res = await opened;
      assert.equal(res.status, 200);
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      const got: Array<{ event: string; data: any }> = [];
      let buffer = '';
      const deadline = Date.now() + ms;
      while (!until(got)) {
        const left = deadline - Date.now();
        if (left <= 0) break;
        const next = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), left))]);
        if (next === null || next.done) break;
        buffer += decoder.decode(next.value, { stream: true });
        let i;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) got.push({ event, data: JSON.parse(data) });
        }
      }
      abort.abort();
      await reader.cancel().catch(() => {});
      return got;
    })();
  };
  return { careMeet, rooms, clock, lines, call, events };
}

/** Every way a key could be written down: the raw bytes (as latin1), base64, base64url, hex. */
function encodings(keyB64url: string): string[] {
  const raw = Buffer.from(keyB64url, 'base64url');
  assert.equal(raw.length, 32);
  return [raw.toString('base64'), raw.toString('base64').replace(/=+$/, ''), raw.toString('base64url'), raw.toString('hex'), raw.toString('hex').toUpperCase()];
}

function assertNoKey(haystack: string, keys: string[], where: string): void {
  for (const k of keys) for (const e of encodings(k)) assert.equal(haystack.includes(e), false, `a meeting key is in ${where}`);
}

async function bookAndJoin(call: Call, body: Record<string, unknown> = {}) {
  const meetingBody = sipMeeting(body);
  (meetingBody.participants as unknown[]).push({ name: 'Lisa Lärare', role: 'guest', identity: { kind: 'guest', email: 'lisa@skolan.example.se' } });
  const booked = await call('POST', '/meetings', { token: ORGANIZER_KEY, body: meetingBody });
  assert.equal(booked.status, 201, JSON.stringify(booked.json));
  const meetingId = booked.json.meeting.id as string;
  const vouch = async (identity: unknown, method: string) =>
    (await call('POST', '/sessions', { token: ORGANIZER_KEY, body: { meetingId, identity, method } })).json.session as string;
  const chair = await vouch({ kind: 'hsa', hsaId: HSA.anna }, 'siths');
  const individual = await vouch({ kind: 'pnr', pnr: PNR.esther }, 'bankid');
  const relative = await vouch({ kind: 'pnr', pnr: PNR.relative }, 'bankid');
  const lisa = booked.json.participants[4];
  const guest = (await call('POST', `/invites/${lisa.invite.token}/session`, { body: { name: 'Lisa Lärare' } })).json.session as string;
  return { booked, meetingId, chair, individual, relative, guest, guestId: lisa.id as string, relativeId: booked.json.participants[2].id as string };
}

for (const engine of STORE_ENGINES) {
  describe(`E2EE keys: ${engine.name}`, () => {
    test(
      'the key is in admitted join answers only; a removal rotates it; the removed person gets neither the key nor the event',
      engine.skip ? { skip: engine.skip } : {},
      async () => {
        const db = await engine.open();
        const s = await service(db.store);
        try {
          const m = await bookAndJoin(s.call);
          assert.equal(m.booked.json.meeting.e2ee, true, 'E2EE by default when the deployment has a key');
          const joins = await Promise.all([m.chair, m.individual, m.relative].map((t) => s.call('POST', '/join', { token: t })));
          for (const j of joins) {
            assert.equal(j.status, 200);
            assert.equal(j.json.status, 'admitted');
            assert.equal(j.json.meeting.e2ee, true);
            assert.equal(j.json.e2ee.keyIndex, 0);
            assert.match(j.json.e2ee.key, /^[A-Za-z0-9_-]{43}$/);
          }
          const key0 = joins[0]!.json.e2ee.key as string;
          assert.ok(
            joins.every((j) => j.json.e2ee.key === key0),
            'one key per meeting',
          );
          // The lobby: a token, never a key.
          const lobby = await s.call('POST', '/join', { token: m.guest });
          assert.equal(lobby.json.status, 'lobby');
          assert.equal('e2ee' in lobby.json, false);
          assertNoKey(JSON.stringify(lobby.json), [key0], 'the lobby answer');
          // No LiveKit token carries it: grants, metadata, attributes, name, or anywhere in the JWT.
          for (const j of [...joins, lobby]) {
            for (const token of [j.json.token, j.json.lobbyToken].filter(Boolean) as string[]) {
              assertNoKey(token, [key0], 'a LiveKit token');
              assertNoKey(JSON.stringify(decodeJwtPayload(token)), [key0], "a LiveKit token's claims");
            }
          }

          // Streams open before the removal: the individual's, the relative's (to be removed), the chair's.
          const rotatedOn = (ev: Array<{ event: string }>) => ev.some((e) => e.event === 'key-rotated');
          const individualStream = s.events(m.individual, m.meetingId, rotatedOn, 5000);
          const chairStream = s.events(m.chair, m.meetingId, rotatedOn, 5000);
          const relativeStream = s.events(m.relative, m.meetingId, rotatedOn, 2000);
          // All three listening (the chair's opens after a roster read) before the removal.
          assert.ok(await eventually(() => s.careMeet.events.listenerCount(m.meetingId) === 3, 5000), 'three streams listening');
          const removed = await s.call('POST', `/meetings/${m.meetingId}/remove`, { token: m.chair, body: { participantId: m.relativeId } });
          assert.equal(removed.status, 200);
          const [toIndividual, toChair, toRelative] = await Promise.all([individualStream, chairStream, relativeStream]);
          const rotated = toIndividual.find((e) => e.event === 'key-rotated');
          assert.deepEqual(rotated && Object.keys(rotated.data).sort(), ['at', 'keyIndex', 'type']);
          assert.equal(rotated?.data.keyIndex, 1);
          assert.ok(rotatedOn(toChair), "the chair's stream carries it");
          assert.ok(
            toRelative.some((e) => e.event === 'removed'),
            'the removed person hears of the removal',
          );
          assert.equal(rotatedOn(toRelative), false, 'and not of the new key');

          // The removed person is refused; the others get the new key at the new index.
          const again = await s.call('POST', '/join', { token: m.relative });
          assert.equal(again.status, 403);
          assert.equal(again.json.error.code, 'REMOVED');
          assertNoKey(JSON.stringify(again.json), [key0], 'a refusal');
          const refreshed = await s.call('POST', '/join', { token: m.individual });
          assert.equal(refreshed.json.e2ee.keyIndex, 1);
          const key1 = refreshed.json.e2ee.key as string;
          assert.notEqual(key1, key0);
          assert.equal((await s.call('POST', '/join', { token: m.chair })).json.e2ee.key, key1);

          // Turning a guest away from the lobby rotates nothing: she never had a key.
          const turnedAway = await s.call('POST', `/meetings/${m.meetingId}/remove`, { token: m.chair, body: { participantId: m.guestId } });
          assert.equal(turnedAway.status, 200);
          assert.equal((await s.call('POST', '/join', { token: m.individual })).json.e2ee.keyIndex, 1);

          const audit = await s.careMeet.audit(m.meetingId);
          const rotations = audit.filter((e) => e.action === 'e2ee.rotate');
          assert.equal(rotations.length, 1);
          assert.equal(rotations[0]!.details.keyIndex, 1);
          assert.equal(rotations[0]!.participantId, m.relativeId);
          const keys = [key0, key1];
          assertNoKey(JSON.stringify(audit), keys, 'the audit');
          assertNoKey(s.lines.join('\n'), keys, 'the log');
          assert.ok(s.lines.length > 0, 'the logger was used (the capture works)');
          assertNoKey(JSON.stringify(s.rooms.calls), keys, 'what the room control was sent');
          // The database holds the keys sealed only: every row of every table, read beside the store.
          const tables =
            engine.name === 'SqliteMeetingStore'
              ? (await db.sql("SELECT name FROM sqlite_master WHERE type = 'table'")).map((r) => String(r.name))
              : (await db.sql('SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()')).map((r) => String(r.name));
          assert.ok(tables.includes('meeting_keys'));
          const sealed = await db.sql('SELECT key_index, sealed FROM meeting_keys WHERE meeting_id = ? ORDER BY key_index', m.meetingId);
          assert.deepEqual(
            sealed.map((r) => Number(r.key_index)),
            [0, 1],
          );
          for (const t of tables) assertNoKey(JSON.stringify(await db.sql(`SELECT * FROM ${t}`)), keys, `table ${t}`);
        } finally {
          await s.careMeet.close();
          await db.close();
        }
      },
    );
  });
}

test('the SQLite file and its WAL hold no meeting key in the clear, in any encoding', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'care-meet-e2ee-'));
  const store = new SqliteMeetingStore({ filename: join(dir, 'care-meet.db'), checkpointInBackground: false });
  const s = await service(store);
  const m = await bookAndJoin(s.call);
  const key0 = (await s.call('POST', '/join', { token: m.individual })).json.e2ee.key as string;
  await s.call('POST', '/join', { token: m.relative });
  await s.call('POST', `/meetings/${m.meetingId}/remove`, { token: m.chair, body: { participantId: m.relativeId } });
  const key1 = (await s.call('POST', '/join', { token: m.individual })).json.e2ee.key as string;
  const scan = () => {
    const files = readdirSync(dir);
    assert.ok(files.length > 0);
    for (const f of files) {
      const bytes = readFileSync(join(dir, f));
      for (const k of [key0, key1]) {
        assert.equal(bytes.includes(Buffer.from(k, 'base64url')), false, `raw key bytes in ${f}`);
        for (const e of encodings(k)) assert.equal(bytes.includes(Buffer.from(e)), false, `an encoded key in ${f}`);
      }
    }
  };
  scan(); // the WAL too, before the checkpoint
  await s.careMeet.close();
  await store.close();
  scan();
});

test('booking: e2ee defaults to the deployment; e2ee: true without a key is E2EE_NOT_CONFIGURED and books nothing; e2ee: false gives no key', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'care-meet-e2ee-'));
  const file = join(dir, 'care-meet.db');
  const count = (sql: string) => {
    const raw = new Database(file, { readonly: true });
    try {
      return (raw.prepare(sql).get() as { n: number }).n;
    } finally {
      raw.close();
    }
  };
  // A deployment without a key.
  const plainStore = new SqliteMeetingStore({ filename: file, checkpointInBackground: false });
  const plain = await service(plainStore, { e2ee: undefined });
  try {
    const refused = await plain.call('POST', '/meetings', { token: ORGANIZER_KEY, body: sipMeeting({ e2ee: true }) });
    assert.equal(refused.status, 400);
    assert.equal(refused.json.error.code, 'E2EE_NOT_CONFIGURED');
    assert.equal(refused.json.error.field, 'e2ee');
    assert.equal(count('SELECT count(*) AS n FROM meetings'), 0, 'nothing booked');
    assert.equal(count('SELECT count(*) AS n FROM audit'), 0);
    const wrongType = await plain.call('POST', '/meetings', { token: ORGANIZER_KEY, body: sipMeeting({ e2ee: 'yes' }) });
    assert.equal(wrongType.status, 400);
    assert.equal(wrongType.json.error.code, 'BAD_REQUEST');
    const m = await bookAndJoin(plain.call);
    assert.equal(m.booked.json.meeting.e2ee, false, 'no key: no E2EE by default');
    const j = await plain.call('POST', '/join', { token: m.individual });
    assert.equal(j.json.status, 'admitted');
    assert.equal(j.json.meeting.e2ee, false);
    assert.equal('e2ee' in j.json, false);
    assert.equal(count('SELECT count(*) AS n FROM meeting_keys'), 0);
  } finally {
    await plain.careMeet.close();
    await plainStore.close();
  }
  // A deployment with a key: a booking may still turn it off.
  const store = new SqliteMeetingStore({ filename: ':memory:' });
  const s = await service(store);
  try {
    const m = await bookAndJoin(s.call, { e2ee: false });
    assert.equal(m.booked.json.meeting.e2ee, false);
    await s.call('POST', '/join', { token: m.relative });
    const j = await s.call('POST', '/join', { token: m.individual });
    assert.equal('e2ee' in j.json, false);
    await s.call('POST', `/meetings/${m.meetingId}/remove`, { token: m.chair, body: { participantId: m.relativeId } });
    assert.equal(await store.currentMeetingKey(m.meetingId), null);
    assert.equal(
      (await s.careMeet.audit(m.meetingId)).some((e) => e.action === 'e2ee.rotate'),
      false,
    );
  } finally {
    await s.careMeet.close();
    await store.close();
  }
});

test('CareMeet.create refuses a key-encryption key of the wrong length with a TypeError', async () => {
  const store = new SqliteMeetingStore({ filename: ':memory:' });
  try {
    for (const keyEncryptionKey of [Buffer.alloc(16).toString('base64'), 'not-a-key', '']) {
      await assert.rejects(
        service(store, { e2ee: { keyEncryptionKey } }),
        (e: Error) => e instanceof TypeError && /e2ee\.keyEncryptionKey must be/.test(e.message),
      );
    }
  } finally {
    await store.close();
  }
});

test("a deployment started with another key cannot read the meetings' keys: the join is refused with E2EE_NOT_CONFIGURED (audited, said in the log), nothing is handed out", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'care-meet-e2ee-'));
  const file = join(dir, 'care-meet.db');
  const first = new SqliteMeetingStore({ filename: file, checkpointInBackground: false });
  const s = await service(first);
  const m = await bookAndJoin(s.call);
  await s.careMeet.close();
  await first.close();
  const store = new SqliteMeetingStore({ filename: file, checkpointInBackground: false });
  const other = await service(store, { e2ee: { keyEncryptionKey: Buffer.alloc(32, 1).toString('base64') } });
  try {
    const j = await other.call('POST', '/join', { token: m.individual });
    assert.equal(j.status, 400);
    assert.equal(j.json?.error?.code, 'E2EE_NOT_CONFIGURED');
    assert.match(j.json.error.message, /does not open this meeting's key/);
    assert.equal('e2ee' in (j.json ?? {}), false);
    assert.equal('token' in (j.json ?? {}), false);
    const refused = (await store.listAudit(m.meetingId)).filter((a) => a.action === 'join' && a.outcome === 'refused');
    assert.deepEqual(
      refused.map((a) => [a.code, a.details?.reason]),
      [['E2EE_NOT_CONFIGURED', 'key-unreadable']],
    );
    assert.ok(
      other.lines.some((line) => JSON.parse(line).m === 'a meeting key cannot be opened'),
      'the operator is told in the log',
    );
  } finally {
    await other.careMeet.close();
    await store.close();
  }
});
