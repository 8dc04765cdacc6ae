import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION, SqliteMeetingStore, StoreSchemaError } from './sqlite-store.js';
import type { Meeting } from '../model.js';

const meeting: Meeting = {
  id: 'm_store',
  title: 't',
  startsAt: new Date('2026-12-01T09:00:00Z'),
  endsAt: new Date('2026-12-01T10:00:00Z'),
  allowScreenShare: false,
  allowChat: false,
  roomName: 'r_store',
  lobbyRoomName: 'l_store',
  dialIn: { number: '+46101234567', meetingNumber: '123456789', pin: '123456' },
  createdAt: new Date('2026-11-01T00:00:00Z'),
  endedAt: null,
  endedBy: null,
};

function withFile(fn: (file: string) => Promise<void>) {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'care-meet-store-'));
    try {
      await fn(join(dir, 'care-meet.db'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

test('rule 9: the audit log cannot be changed or deleted, even with SQL beside the store', withFile(async (file) => {
  const store = new SqliteMeetingStore({ filename: file });
  await store.createMeeting(meeting, [], []);
  await store.appendAudit({ meetingId: meeting.id, at: new Date(), action: 'meeting.booked', actor: 'organizer', participantId: null, outcome: 'ok', code: null, details: {} });
  await store.addConsent({ meetingId: meeting.id, state: 'withdrawn', at: new Date(), by: 'organizer', actor: 'organizer', how: null, participantIds: [] });
  await store.close();
  const db = new Database(file);
  assert.throws(() => db.prepare("UPDATE audit SET action = 'nothing'").run(), /append-only/);
  assert.throws(() => db.prepare('DELETE FROM audit').run(), /append-only/);
  // The consent history is kept the same way: what she agreed to, and when, cannot be rewritten.
  assert.throws(() => db.prepare("UPDATE consents SET state = 'given'").run(), /append-only/);
  assert.throws(() => db.prepare('DELETE FROM consents').run(), /append-only/);
  db.close();
  const reopened = new SqliteMeetingStore({ filename: file });
  const entries = await reopened.listAudit(meeting.id);
  assert.equal(entries.length, 1);
  assert.equal(entries[0]?.action, 'meeting.booked');
  assert.equal((await reopened.currentConsent(meeting.id))?.state, 'withdrawn');
  // The meeting survives a reopen, dial-in included.
  assert.deepEqual((await reopened.getMeeting(meeting.id))?.dialIn, meeting.dialIn);
  await reopened.close();
}));

test('a file records its schema version; a file from before versions were kept opens with its data', withFile(async (file) => {
  const store = new SqliteMeetingStore({ filename: file });
  await store.createMeeting(meeting, [], []);
  await store.close();
  const db = new Database(file);
  assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
  // As an older care-meet left it: no version, and no consents table (added later).
  db.exec('DROP TABLE consents');
  db.pragma('user_version = 0');
  db.close();
  const reopened = new SqliteMeetingStore({ filename: file });
  assert.equal((await reopened.getMeeting(meeting.id))?.title, meeting.title);
  assert.equal(await reopened.currentConsent(meeting.id), null);
  await reopened.close();
  const after = new Database(file, { readonly: true });
  assert.equal(after.pragma('user_version', { simple: true }), SCHEMA_VERSION);
  after.close();
}));

test('a file written by a newer care-meet is refused with STORE_SCHEMA_NEWER and left as it was', withFile(async (file) => {
  const store = new SqliteMeetingStore({ filename: file });
  await store.createMeeting(meeting, [], []);
  await store.close();
  const db = new Database(file);
  db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
  db.exec('CREATE TABLE from_the_future (x)');
  db.pragma('journal_mode = DELETE');
  db.close();
  const before = readFileSync(file);
  assert.throws(
    () => new SqliteMeetingStore({ filename: file }),
    (error: unknown) =>
      error instanceof StoreSchemaError &&
      error.code === 'STORE_SCHEMA_NEWER' &&
      error.found === SCHEMA_VERSION + 1 &&
      /newer care-meet/.test(error.message),
  );
  assert.ok(readFileSync(file).equals(before), 'the file was changed');
  const after = new Database(file, { readonly: true });
  assert.equal(after.pragma('user_version', { simple: true }), SCHEMA_VERSION + 1);
  assert.equal(after.pragma('journal_mode', { simple: true }), 'delete', 'the store switched it to WAL');
  after.close();
}));

test('endMeeting, redeemInvitation and recordWebhookEvent each have exactly one winner', async () => {
  const store = new SqliteMeetingStore({ filename: ':memory:' });
  const participant = {
    id: 'p_store', meetingId: meeting.id, name: 'Kurt', role: 'guest' as const, identityKind: 'guest' as const, identityKey: null,
    masked: '+46****43', phone: '+46709876543', email: null, admittedAt: null, removedAt: null, connectedAt: null,
    disconnectedAt: null, firstConnectedAt: null, inLobby: false, typedName: null, createdAt: new Date(),
  };
  await store.createMeeting(meeting, [participant], [
    { participantId: participant.id, meetingId: meeting.id, secretHash: 'h1', expiresAt: new Date('2026-12-01T12:00:00Z'), usedAt: null },
  ]);
  const at = new Date('2026-12-01T09:10:00Z');
  assert.deepEqual(await Promise.all([store.endMeeting(meeting.id, at, 'a'), store.endMeeting(meeting.id, at, 'b')]), [true, false]);
  assert.equal((await store.getMeeting(meeting.id))?.endedBy, 'a');
  assert.deepEqual(await Promise.all([store.redeemInvitation('h1', at), store.redeemInvitation('h1', at)]), [true, false]);
  assert.equal(await store.redeemInvitation('unknown', at), false);
  assert.equal(await store.recordWebhookEvent('EV_1', at), true);
  assert.equal(await store.recordWebhookEvent('EV_1', at), false);
  await store.close();
});

test('an expired invitation cannot be redeemed', async () => {
  const store = new SqliteMeetingStore({ filename: ':memory:' });
  const p = {
    id: 'p_exp', meetingId: meeting.id, name: 'K', role: 'guest' as const, identityKind: 'guest' as const, identityKey: null,
    masked: '***', phone: null, email: 'k@example.se', admittedAt: null, removedAt: null, connectedAt: null, disconnectedAt: null,
    firstConnectedAt: null, inLobby: false, typedName: null, createdAt: new Date(),
  };
  await store.createMeeting(meeting, [p], [{ participantId: p.id, meetingId: meeting.id, secretHash: 'h2', expiresAt: new Date('2026-12-01T10:00:00Z'), usedAt: null }]);
  assert.equal(await store.redeemInvitation('h2', new Date('2026-12-01T10:00:01Z')), false);
  await store.close();
});

test('the constructor refuses a missing filename with a TypeError', () => {
  assert.throws(() => new SqliteMeetingStore({ filename: '' }), TypeError);
});

test('pending identity-provider logins are taken once; long-expired ones are forgotten', async () => {
  const store = new SqliteMeetingStore({ filename: ':memory:' });
  const at = new Date('2026-12-01T09:00:00Z');
  const login = (stateHash: string, createdAt: Date) => ({
    stateHash,
    invitationHash: 'inv',
    method: 'bankid' as const,
    returnTo: 'https://portal.test/',
    display: 'popup' as const,
    nonce: 'n',
    codeVerifier: 'v',
    bindingHash: null,
    createdAt,
    expiresAt: new Date(createdAt.getTime() + 600_000),
  });
  await store.savePendingLogin(login('a', at));
  const [first, second] = await Promise.all([store.takePendingLogin('a'), store.takePendingLogin('a')]);
  assert.deepEqual(first, login('a', at));
  assert.equal(second, null);
  await store.savePendingLogin(login('old', at));
  await store.savePendingLogin(login('recent', new Date(at.getTime() + 60 * 60_000)));
  assert.notEqual(await store.takePendingLogin('old'), null, 'expired within the hour: still known (the callback says "expired")');
  await store.savePendingLogin(login('old2', at));
  await store.savePendingLogin(login('later', new Date(at.getTime() + 2 * 3600_000)));
  assert.equal(await store.takePendingLogin('old2'), null, 'expired over an hour ago: forgotten');
  await store.close();
});

test('WAL checkpoints run in the background, and the file is whole after close', withFile(async (file) => {
  const store = new SqliteMeetingStore({ filename: file });
  await store.createMeeting(meeting, [], []);
  for (let i = 0; i < 200; i++) {
    await store.appendAudit({ meetingId: meeting.id, at: new Date(), action: `a${i}`, actor: 'organizer', participantId: null, outcome: 'ok', code: null, details: {} });
  }
  const deadline = Date.now() + 5000;
  while (store.backgroundCheckpoints === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.ok(store.backgroundCheckpoints > 0, 'a worker checkpointed the WAL');
  await store.close();
  const db = new Database(file, { readonly: true });
  assert.equal((db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n, 200);
  db.close();
}));

test('the session context is read in one go, and is null for an unknown session', async () => {
  const store = new SqliteMeetingStore({ filename: ':memory:' });
  const p = {
    id: 'p_ctx', meetingId: meeting.id, name: 'Anna', role: 'chair' as const, identityKind: 'hsa' as const, identityKey: 'k',
    masked: '****A1B2', phone: null, email: null, admittedAt: null, removedAt: null, connectedAt: null, disconnectedAt: null,
    firstConnectedAt: null, inLobby: false, typedName: null, createdAt: new Date(),
  };
  await store.createMeeting(meeting, [p], []);
  await store.createSession({ tokenHash: 'th', meetingId: meeting.id, participantId: p.id, method: 'siths', identityKey: 'k', createdAt: new Date(), expiresAt: new Date(Date.now() + 60_000) });
  const ctx = await store.getSessionContext('th');
  assert.equal(ctx?.meeting.roomName, meeting.roomName);
  assert.equal(ctx?.participant.name, 'Anna');
  assert.equal(ctx?.session.method, 'siths');
  assert.equal(await store.getSessionContext('nope'), null);
  await store.close();
});

/** One registration and its session in a store. */
async function seedContext(store: SqliteMeetingStore): Promise<void> {
  await store.createMeeting(meeting, [{
    id: 'p_mem', meetingId: meeting.id, name: 'Anna', role: 'relative', identityKind: 'pnr', identityKey: 'k_mem',
    masked: '****A1B2', phone: null, email: null, admittedAt: null, removedAt: null, connectedAt: null, disconnectedAt: null,
    firstConnectedAt: null, inLobby: false, typedName: null, createdAt: new Date(),
  }], []);
  await store.createSession({ tokenHash: 'th_mem', meetingId: meeting.id, participantId: 'p_mem', method: 'bankid', identityKey: 'k_mem', createdAt: new Date(), expiresAt: new Date(Date.now() + 60_000) });
}

test('a join context read by one process shows what another process has just changed in the file', withFile(async (file) => {
  // Two stores on one file are two connections, as two server processes would be.
  const a = new SqliteMeetingStore({ filename: file, checkpointInBackground: false });
  const b = new SqliteMeetingStore({ filename: file, checkpointInBackground: false });
  try {
    await seedContext(a);
    assert.equal((await a.getSessionContext('th_mem'))?.participant.removedAt, null);
    await b.setRemoved('p_mem', new Date('2026-12-01T09:02:00Z'));
    assert.equal((await a.getSessionContext('th_mem'))?.participant.removedAt?.toISOString(), '2026-12-01T09:02:00.000Z');
    assert.equal(await b.endMeeting(meeting.id, new Date('2026-12-01T09:03:00Z'), 'organizer'), true);
    assert.equal((await a.getSessionContext('th_mem'))?.meeting.endedAt?.toISOString(), '2026-12-01T09:03:00.000Z');
    // Even SQL beside the store (an operator's fix by hand) is seen.
    const raw = new Database(file);
    raw.prepare('UPDATE participants SET name = ? WHERE id = ?').run('Anna B', 'p_mem');
    raw.close();
    assert.equal((await a.getSessionContext('th_mem'))?.participant.name, 'Anna B');
  } finally {
    await a.close();
    await b.close();
  }
}));

test('audit entries of one turn are committed together, in order, before any of them resolves', withFile(async (file) => {
  const store = new SqliteMeetingStore({ filename: file });
  await store.createMeeting(meeting, [], []);
  const entry = (i: number) => ({ meetingId: meeting.id, at: new Date(), action: `a${i}`, actor: 'organizer', participantId: null, outcome: 'ok' as const, code: null, details: { i } });
  // A second connection, as another process would see the file: a resolved entry is on disk.
  const reader = new Database(file, { readonly: true });
  const count = () => (reader.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n;
  const seenAtResolve: number[] = [];
  await Promise.all(Array.from({ length: 25 }, (_, i) => store.appendAudit(entry(i)).then(() => seenAtResolve.push(count()))));
  assert.deepEqual(seenAtResolve, Array(25).fill(25), 'all 25 committed (one transaction) before the first promise resolved');
  assert.deepEqual((await store.listAudit(meeting.id)).map((e) => e.action), Array.from({ length: 25 }, (_, i) => `a${i}`));
  reader.close();
  await store.close();
}));

test('an audit entry that cannot be written fails alone; the others of its turn are still committed', async () => {
  const store = new SqliteMeetingStore({ filename: ':memory:' });
  await store.createMeeting(meeting, [], []);
  const ok = (action: string) => ({ meetingId: meeting.id, at: new Date(), action, actor: 'organizer', participantId: null, outcome: 'ok' as const, code: null, details: {} });
  const bad = { ...ok('bad'), actor: null as unknown as string }; // NOT NULL in the schema
  const results = await Promise.allSettled([store.appendAudit(ok('before')), store.appendAudit(bad), store.appendAudit(ok('after'))]);
  assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
  assert.deepEqual((await store.listAudit(meeting.id)).map((e) => e.action), ['before', 'after']);
  await store.close();
});

test('audit entries still waiting for their turn are written when the store closes', withFile(async (file) => {
  const store = new SqliteMeetingStore({ filename: file });
  await store.createMeeting(meeting, [], []);
  const pending = store.appendAudit({ meetingId: meeting.id, at: new Date(), action: 'last', actor: 'organizer', participantId: null, outcome: 'ok', code: null, details: {} });
  await store.close();
  await pending;
  const db = new Database(file, { readonly: true });
  assert.equal((db.prepare("SELECT count(*) AS n FROM audit WHERE action = 'last'").get() as { n: number }).n, 1);
  db.close();
}));

test('under steady writes the WAL file stays bounded: past its limit it is made to start over', withFile(async (file) => {
  // A small limit and a fast interval, so a few thousand rows cross it many times.
  const store = new SqliteMeetingStore({ filename: file, checkpoint: { intervalMs: 20, restartAboveFrames: 64 } });
  await store.createMeeting(meeting, [], []);
  const entry = { meetingId: meeting.id, at: new Date(), action: 'join', actor: 'p', participantId: null, outcome: 'ok' as const, code: null, details: { room: 'main' } };
  let largest = 0;
  let rows = 0;
  try {
    const deadline = Date.now() + 1500;
    while (Date.now() < deadline) {
      await Promise.all(Array.from({ length: 20 }, () => store.appendAudit(entry)));
      rows += 20;
      largest = Math.max(largest, statSync(`${file}-wal`).size);
    }
    assert.ok(store.walRestarts > 0, `the WAL was made to start over (${store.backgroundCheckpoints} passes, ${rows} rows)`);
    // Without the restarts every committed page stays in the file: far more than this.
    const pagesWritten = rows / 20; // at least one page per commit
    assert.ok(largest < pagesWritten * 4096, `largest WAL ${largest} bytes after ${rows} rows`);
  } finally {
    await store.close();
  }
  const db = new Database(file, { readonly: true });
  assert.equal((db.prepare("SELECT count(*) AS n FROM audit WHERE action = 'join'").get() as { n: number }).n, rows, 'every row is in the database');
  db.close();
}));
