// What only the SQLite store has: its file's schema version, WAL checkpoints. What every store must
// do is in meeting-store.contract.test.ts, run on SQLite and PostgreSQL alike.
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
  e2ee: false,
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

test(
  'a file records its schema version; a file from before versions were kept opens with its data',
  withFile(async (file) => {
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
  }),
);

test(
  'a file written by a newer care-meet is refused with STORE_SCHEMA_NEWER and left as it was',
  withFile(async (file) => {
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
        error instanceof StoreSchemaError && error.code === 'STORE_SCHEMA_NEWER' && error.found === SCHEMA_VERSION + 1 && /newer care-meet/.test(error.message),
    );
    assert.ok(readFileSync(file).equals(before), 'the file was changed');
    const after = new Database(file, { readonly: true });
    assert.equal(after.pragma('user_version', { simple: true }), SCHEMA_VERSION + 1);
    assert.equal(after.pragma('journal_mode', { simple: true }), 'delete', 'the store switched it to WAL');
    after.close();
  }),
);

test('the constructor refuses a missing filename with a TypeError', () => {
  assert.throws(() => new SqliteMeetingStore({ filename: '' }), TypeError);
});

test(
  'WAL checkpoints run in the background, and the file is whole after close',
  withFile(async (file) => {
    const store = new SqliteMeetingStore({ filename: file });
    await store.createMeeting(meeting, [], []);
    for (let i = 0; i < 200; i++) {
      await store.appendAudit({
        meetingId: meeting.id,
        at: new Date(),
        action: `a${i}`,
        actor: 'organizer',
        participantId: null,
        outcome: 'ok',
        code: null,
        details: {},
      });
    }
    const deadline = Date.now() + 5000;
    while (store.backgroundCheckpoints === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.ok(store.backgroundCheckpoints > 0, 'a worker checkpointed the WAL');
    await store.close();
    const db = new Database(file, { readonly: true });
    assert.equal((db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n, 200);
    db.close();
  }),
);

test(
  'under steady writes the WAL file stays bounded: past its limit it is made to start over',
  withFile(async (file) => {
    // A small limit and a fast interval, so a few thousand rows cross it many times.
    const store = new SqliteMeetingStore({ filename: file, checkpoint: { intervalMs: 20, restartAboveFrames: 64 } });
    await store.createMeeting(meeting, [], []);
    const entry = {
      meetingId: meeting.id,
      at: new Date(),
      action: 'join',
      actor: 'p',
      participantId: null,
      outcome: 'ok' as const,
      code: null,
      details: { room: 'main' },
    };
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
  }),
);

test(
  'a version 1 file is brought to version 2: the webhook events it holds stay handled, no room is asked for',
  withFile(async (file) => {
    const store = new SqliteMeetingStore({ filename: file });
    await store.createMeeting(meeting, [], []);
    await store.close();
    // As version 1 left it: webhook ids stored on arrival, no claims, no rooms_to_delete; an ended
    // meeting. EV_old arrived a minute before the claim below (within the day webhook ids are kept).
    const db = new Database(file);
    db.exec(`DROP TABLE webhook_events; CREATE TABLE webhook_events (id TEXT PRIMARY KEY, received_at INTEGER NOT NULL);
    INSERT INTO webhook_events VALUES ('EV_old', ${Date.parse('2026-12-01T08:59:00Z')}); DROP TABLE rooms_to_delete;
    UPDATE meetings SET ended_at = 1764580000000, ended_by = 'organizer';`);
    db.pragma('user_version = 1');
    db.close();
    const reopened = new SqliteMeetingStore({ filename: file });
    const at = new Date('2026-12-01T09:00:00Z');
    assert.equal(await reopened.claimWebhookEvent({ eventId: 'EV_old', claim: 'x', at, until: new Date(at.getTime() + 10_000) }), 'handled');
    assert.equal(await reopened.claimWebhookEvent({ eventId: 'EV_new', claim: 'x', at, until: new Date(at.getTime() + 10_000) }), 'claimed');
    assert.deepEqual(await reopened.listRoomsToDelete(), []);
    await reopened.close();
    const after = new Database(file, { readonly: true });
    assert.equal(after.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    after.close();
  }),
);

test(
  'a version 3 file is brought to version 4 (E2EE): meetings booked before are not end-to-end encrypted and have no key',
  withFile(async (file) => {
    const store = new SqliteMeetingStore({ filename: file });
    await store.createMeeting(meeting, [], []);
    await store.close();
    // As version 3 left it: no e2ee column, no meeting_keys.
    const db = new Database(file);
    db.exec('DROP TABLE meeting_keys; ALTER TABLE meetings DROP COLUMN e2ee;');
    db.pragma('user_version = 3');
    db.close();
    const reopened = new SqliteMeetingStore({ filename: file });
    assert.equal((await reopened.getMeeting(meeting.id))?.e2ee, false);
    assert.equal(await reopened.currentMeetingKey(meeting.id), null);
    await reopened.close();
    const after = new Database(file, { readonly: true });
    assert.equal(after.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    assert.equal(SCHEMA_VERSION, 4);
    assert.ok(after.prepare("SELECT 1 FROM sqlite_master WHERE name = 'meeting_keys'").get());
    after.close();
  }),
);
