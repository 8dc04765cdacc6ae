// Booking times through the HTTP handler: what an organizer's backend sees when it sends a day that
// does not exist, or a start years away. Issue #14: before, these were booked on another day.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteMeetingStore } from '../store/sqlite-store.js';
import { ORGANIZER_KEY, createHarness, sipMeeting } from '../test-support/harness.js';

test('POST /meetings: an impossible date or a start beyond the two-year horizon is BAD_REQUEST naming the field, and nothing is stored', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'care-meet-times-'));
  const file = join(dir, 'care-meet.db');
  // The harness closes only the store it made itself; this one is closed below.
  const store = new SqliteMeetingStore({ filename: file });
  const h = await createHarness({ store });
  try {
    const cases: Array<[string, Record<string, string>, string, RegExp]> = [
      ['30 February', { startsAt: '2027-02-30T10:00:00+01:00', endsAt: '2027-03-02T11:00:00+01:00' }, 'startsAt', /startsAt names a day that does not exist/],
      ['31 April', { startsAt: '2027-04-30T10:00:00+02:00', endsAt: '2027-04-31T11:00:00+02:00' }, 'endsAt', /endsAt names a day that does not exist/],
      ['24:00', { startsAt: '2026-12-02T24:00:00+01:00', endsAt: '2026-12-03T01:00:00+01:00' }, 'startsAt', /startsAt must have a clock time/],
      ['year 9999', { startsAt: '9999-12-31T10:00:00+01:00', endsAt: '9999-12-31T11:00:00+01:00' }, 'startsAt', /startsAt is more than two years/],
      ['three years ahead', { startsAt: '2029-12-01T10:00:00+01:00', endsAt: '2029-12-01T11:00:00+01:00' }, 'startsAt', /731 days/],
    ];
    for (const [name, times, field, message] of cases) {
      const r = await h.call('POST', '/meetings', { token: ORGANIZER_KEY, body: sipMeeting(times) });
      assert.equal(r.status, 400, name);
      assert.equal(r.json.error.code, 'BAD_REQUEST', name);
      assert.equal(r.json.error.field, field, name);
      assert.match(r.json.error.message, message, name);
    }
    const db = new Database(file, { readonly: true });
    try {
      assert.deepEqual(db.prepare('SELECT count(*) AS n FROM meetings').get(), { n: 0 }, 'no meeting stored');
      assert.deepEqual(db.prepare('SELECT count(*) AS n FROM audit').get(), { n: 0 }, 'nothing audited as booked');
    } finally {
      db.close();
    }
    // The same bodies with real days, inside the horizon, are booked on the day they name.
    const ok = await h.call('POST', '/meetings', {
      token: ORGANIZER_KEY,
      body: sipMeeting({ startsAt: '2028-02-29T10:00:00+01:00', endsAt: '2028-02-29T11:00:00+01:00' }),
    });
    assert.equal(ok.status, 201, JSON.stringify(ok.json));
    assert.equal(new Date(ok.json.meeting.startsAt).toISOString(), '2028-02-29T09:00:00.000Z');
  } finally {
    await h.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
