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
import { STORE_ENGINES } from '../test-support/store-engines.js';
import { twoInstancesOnOneFile } from '../test-support/two-instances.js';
import { ROOM_DELETIONS_LEASE } from './room-deletions.js';

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

test("issue 14: an end while LiveKit hangs answers 503 within the try's timeout, and the rooms go once LiveKit answers again", async () => {
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
  const options = {
    livekit: { url: 'ws://127.0.0.1:7880', apiKey: API_KEY, apiSecret: API_SECRET },
    organizerKey: ORGANIZER_KEY,
    roomControl: rooms,
    clock: clock.now,
  };
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
    assert.ok(
      names.every((r) => rooms.rooms.has(r)),
      'the rooms outlived the first server',
    );

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

test("issue 14: an ended meeting's room that shows life while LiveKit is down is deleted in the background, even without another webhook", async () => {
  const h = await createHarness({ roomDeletionRetry: FAST });
  const { meetingId, rooms, chairId } = await meetingInProgress(h.careMeet);
  const [roomName] = rooms as [string, string];
  await h.careMeet.end(meetingId, organizer);
  await h.rooms.ensureRoom(roomName, 8);
  h.rooms.connect(roomName, chairId, 'Anna Samordnare');
  h.rooms.down = true;
  const r = await sendWebhook(h, {
    id: 'EV_back_while_down',
    event: 'participant_joined',
    room: { name: roomName },
    participant: { identity: chairId, name: 'Anna Samordnare' },
  });
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

// Issue 16, "background work once across instances, taken over when an instance dies": the
// retries run under a lease in the store; another instance takes the list over once it lapses.
for (const engine of STORE_ENGINES) {
  test(
    `issue 16 (${engine.name}): only the lease holder retries; a second instance takes the deletions over once the first one's lease lapses`,
    engine.skip ? { skip: engine.skip } : {},
    async () => {
      const db = await engine.open();
      const clock = new TestClock('2026-12-01T09:55:00+01:00');
      const options = { livekit: { url: 'ws://127.0.0.1:7880', apiKey: API_KEY, apiSecret: API_SECRET }, organizerKey: ORGANIZER_KEY, clock: clock.now };
      const retry = { ...FAST, leaseMs: 600 };
      const roomsA = new RecordingRoomControl();
      const roomsB = new RecordingRoomControl();
      const storeB = await db.openAnother();
      const a = await CareMeet.create({ ...options, store: db.store, roomControl: roomsA, roomDeletionRetry: retry });
      const b = await CareMeet.create({ ...options, store: storeB, roomControl: roomsB, roomDeletionRetry: retry });
      try {
        const { meetingId, rooms: names } = await meetingInProgress(a);
        roomsA.down = true;
        await assert.rejects(a.end(meetingId, organizer), (e: unknown) => e instanceof CareMeetError && e.code === 'LIVEKIT_UNAVAILABLE');
        await sleep(300);
        const triesB = () => names.reduce((n, r) => n + deleteCalls(roomsB, r), 0);
        assert.ok(
          names.every((r) => deleteCalls(roomsA, r) >= 2),
          'the first instance, holding the lease, retries',
        );
        assert.equal(triesB(), 0, 'the second does not while the first holds the lease');
        // The first instance dies: it loses its database and renews nothing (its lease is not released).
        await db.store.close();
        const died = Date.now();
        await sleep(100);
        assert.equal(triesB(), 0, 'not before the lease lapses (it was renewed at most 200 ms before)');
        assert.ok(await eventually(() => names.every((r) => deleteCalls(roomsB, r) >= 1), 5000), 'the second instance took the list over');
        assert.ok(Date.now() - died >= 300, `taken over ${Date.now() - died} ms after the first died`);
        assert.ok(await eventually(async () => (await storeB.listRoomsToDelete()).length === 0, 5000), 'and finished it');
        assert.ok(await auditsRetriedDeletions(b, meetingId, 2), 'each deletion audited by the instance that made it');
      } finally {
        await a.close();
        await b.close();
        await db.close();
      }
    },
  );
}

test('issue 16: an instance that ends a meeting while another holds the lease tries once, and leaves the retries to the holder', async () => {
  const { a, b, roomsA, roomsB, storeA, storeB, close } = await twoInstancesOnOneFile({ roomDeletionRetry: { ...FAST, leaseMs: 300 } });
  try {
    const { meetingId, rooms: names } = await meetingInProgress(b);
    roomsB.down = true;
    await assert.rejects(b.end(meetingId, organizer));
    await sleep(300);
    assert.ok(
      names.every((r) => deleteCalls(roomsB, r) === 1),
      'B tried once, with the end, and no more',
    );
    // A, the holder, finds the rooms in the store at its next renewal and deletes them.
    assert.ok(await eventually(() => names.every((r) => deleteCalls(roomsA, r) >= 1)), 'the lease holder retried them');
    assert.deepEqual(await storeA.listRoomsToDelete(), []);
    // A stops (and gives the lease up): B takes it at its next renewal.
    await a.close();
    assert.ok(await eventually(async () => (await storeB.tryLease(ROOM_DELETIONS_LEASE, 'probe', 1, new Date())) === false), 'B holds it now');
  } finally {
    await close();
  }
});

test('issue 16: reconciliation with LiveKit runs once per window across instances: a lease per meeting', async () => {
  const { a, b, roomsA, roomsB, close } = await twoInstancesOnOneFile();
  const lists = (rooms: RecordingRoomControl) => rooms.calls.filter((c) => c.op === 'listParticipants').length;
  try {
    const { meetingId } = await openMeeting(a);
    await a.roster(meetingId, organizer);
    assert.ok(lists(roomsA) > 0, 'the first roster reconciled on A');
    await b.roster(meetingId, organizer);
    assert.equal(lists(roomsB), 0, 'B does not reconcile the same meeting within the window');
    const second = await openMeeting(a);
    await b.roster(second.meetingId, organizer);
    assert.ok(lists(roomsB) > 0, 'another meeting has a lease of its own');
  } finally {
    await close();
  }
});
