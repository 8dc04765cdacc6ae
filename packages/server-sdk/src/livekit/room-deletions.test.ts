// Issue 14, "an end stored while LiveKit hangs is never finished": the rooms of an ended meeting
// are deleted in the background until LiveKit has, each try bounded, after a restart too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CareMeet } from '../care-meet.js';
import { CareMeetError } from '../errors.js';
import { SqliteMeetingStore } from '../store/sqlite-store.js';
import { API_KEY, API_SECRET, ORGANIZER_KEY, TestClock, createHarness, eventually, openMeeting, sendWebhook } from '../test-support/harness.js';
import { RecordingRoomControl } from '../test-support/recording-room-control.js';

const FAST = { firstRetryMs: 20, maxRetryMs: 80, attemptTimeoutMs: 200 };
const organizer = { kind: 'organizer' } as const;

/** `openMeeting`, with both room names in one list. */
async function meetingInProgress(careMeet: CareMeet) {
  const m = await openMeeting(careMeet);
  return { ...m, rooms: [m.roomName, m.lobbyRoomName] };
}

const deleteCalls = (rooms: RecordingRoomControl, name: string) => rooms.calls.filter((c) => c.op === 'deleteRoom' && c.args[0] === name).length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether `n` deletions after a retry are in the audit (each is written just after LiveKit confirmed it). */
async function auditsRetriedDeletions(careMeet: CareMeet, meetingId: string, n: number): Promise<boolean> {
  return eventually(async () => (await careMeet.audit(meetingId)).filter((e) => e.action === 'room.deleted' && e.details.retried === true).length === n);
}

test('issue 14: an end answered 503 while LiveKit refuses is finished in the background, with backoff, once LiveKit is back', async () => {
  const h = await createHarness({ roomDeletionRetry: FAST });
  const { meetingId, rooms, chairSession } = await meetingInProgress(h.careMeet);
  h.rooms.down = true;
  const end = await h.call('POST', `/meetings/${meetingId}/end`, { token: ORGANIZER_KEY });
  assert.equal(end.status, 503);
  assert.equal(end.json.error.code, 'LIVEKIT_UNAVAILABLE');
  // The end is stored: nobody joins again, whatever LiveKit does.
  const rejoin = await h.call('POST', '/join', { token: chairSession });
  assert.equal(rejoin.status, 410);
  assert.equal(rejoin.json.error.code, 'MEETING_ENDED');
  await sleep(300);
  for (const room of rooms) {
    assert.ok(h.rooms.rooms.has(room), 'still there while LiveKit refuses');
    // 20, 40, 80, 80 ms apart: a handful of tries in 300 ms, not one per tick.
    const tries = deleteCalls(h.rooms, room);
    assert.ok(tries >= 2 && tries <= 8, `${tries} DeleteRoom calls for one room in 300 ms`);
  }
  h.rooms.down = false;
  assert.ok(await eventually(() => rooms.every((r) => !h.rooms.rooms.has(r))), 'both rooms deleted once LiveKit is back');
  assert.ok(await auditsRetriedDeletions(h.careMeet, meetingId, 2), 'each deletion audited');
  assert.deepEqual(await h.store.listRoomsToDelete(), []);
  // Done: no more calls.
  const calls = h.rooms.calls.length;
  await sleep(150);
  assert.equal(h.rooms.calls.length, calls);
  await h.close();
});

test('issue 14: an end while LiveKit hangs answers 503 within the try\'s timeout, and the rooms go once LiveKit answers again', async () => {
  const h = await createHarness({ roomDeletionRetry: FAST });
  const { meetingId, rooms, chairSession } = await meetingInProgress(h.careMeet);
  // LiveKit takes the requests and never answers them.
  h.rooms.hangUntil = new Promise(() => {});
  const started = Date.now();
  const end = await Promise.race([h.call('POST', `/meetings/${meetingId}/end`, { token: ORGANIZER_KEY }), sleep(3000).then(() => null)]);
  assert.ok(end, '/end hung with LiveKit');
  assert.equal(end.status, 503);
  assert.ok(Date.now() - started < 2000, `answered after ${Date.now() - started} ms`);
  assert.equal((await h.call('POST', '/join', { token: chairSession })).status, 410);
  await sleep(200);
  assert.ok(rooms.every((r) => h.rooms.rooms.has(r)));
  // LiveKit answers again (the calls it swallowed never will): the background tries get through.
  h.rooms.hangUntil = null;
  assert.ok(await eventually(() => rooms.every((r) => !h.rooms.rooms.has(r))), 'both rooms deleted once LiveKit answers');
  assert.ok(await auditsRetriedDeletions(h.careMeet, meetingId, 2));
  await h.close();
});

test('issue 14: rooms an ended meeting still had when its server stopped are deleted by the next one to start on the store', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'care-meet-rooms-'));
  const file = join(dir, 'care-meet.db');
  const rooms = new RecordingRoomControl();
  const clock = new TestClock('2026-12-01T09:55:00+01:00');
  const options = { livekit: { url: 'ws://127.0.0.1:7880', apiKey: API_KEY, apiSecret: API_SECRET }, organizerKey: ORGANIZER_KEY, roomControl: rooms, clock: clock.now };
  try {
    const storeA = new SqliteMeetingStore({ filename: file });
    // The first server would retry only after a minute: it stops before that.
    const a = await CareMeet.create({ ...options, store: storeA, roomDeletionRetry: { ...FAST, firstRetryMs: 60_000, maxRetryMs: 60_000 } });
    const { meetingId, rooms: names } = await meetingInProgress(a);
    rooms.down = true;
    await assert.rejects(a.end(meetingId, organizer), (e: unknown) => e instanceof CareMeetError && e.code === 'LIVEKIT_UNAVAILABLE');
    a.close();
    await storeA.close();
    rooms.down = false;
    assert.ok(names.every((r) => rooms.rooms.has(r)), 'the rooms outlived the first server');

    const storeB = new SqliteMeetingStore({ filename: file });
    const b = await CareMeet.create({ ...options, store: storeB, roomDeletionRetry: FAST });
    try {
      assert.ok(await eventually(() => names.every((r) => !rooms.rooms.has(r))), 'the second server deleted them');
      assert.ok(await auditsRetriedDeletions(b, meetingId, 2));
      assert.deepEqual(await storeB.listRoomsToDelete(), []);
    } finally {
      b.close();
      await storeB.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('issue 14: an ended meeting\'s room that shows life while LiveKit is down is deleted in the background, even without another webhook', async () => {
  const h = await createHarness({ roomDeletionRetry: FAST });
  const { meetingId, rooms, chairId } = await meetingInProgress(h.careMeet);
  const [roomName] = rooms as [string, string];
  await h.careMeet.end(meetingId, organizer);
  await h.rooms.ensureRoom(roomName, 8);
  h.rooms.connect(roomName, chairId, 'Anna Samordnare');
  h.rooms.down = true;
  const r = await sendWebhook(h, { id: 'EV_back_while_down', event: 'participant_joined', room: { name: roomName }, participant: { identity: chairId, name: 'Anna Samordnare' } });
  assert.equal(r.status, 503);
  await sleep(100);
  h.rooms.down = false;
  // LiveKit gave up delivering the webhook: the background deletion still takes the room down.
  assert.ok(await eventually(() => !h.rooms.rooms.has(roomName)), 'the room was deleted again');
  assert.ok(await auditsRetriedDeletions(h.careMeet, meetingId, 1));
  await h.close();
});

test('CareMeet.create refuses roomDeletionRetry values that are not positive, or a maximum below the first wait', async () => {
  const store = new SqliteMeetingStore({ filename: ':memory:' });
  const base = { store, livekit: { url: 'ws://127.0.0.1:7880', apiKey: API_KEY, apiSecret: API_SECRET }, organizerKey: ORGANIZER_KEY };
  await assert.rejects(CareMeet.create({ ...base, roomDeletionRetry: { attemptTimeoutMs: 0 } }), /roomDeletionRetry\.attemptTimeoutMs/);
  await assert.rejects(CareMeet.create({ ...base, roomDeletionRetry: { firstRetryMs: Number.NaN } }), /roomDeletionRetry\.firstRetryMs/);
  await assert.rejects(CareMeet.create({ ...base, roomDeletionRetry: { firstRetryMs: 5000, maxRetryMs: 1000 } }), /maxRetryMs/);
  await store.close();
});
