// Issue 14, "a webhook that fails is lost": an event counts as handled only once its action has
// succeeded, so LiveKit's retry of a delivery that failed (LiveKit down, the process gone) acts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CareMeet } from './care-meet.js';
import { CareMeetError } from './errors.js';
import { SqliteMeetingStore } from './store/sqlite-store.js';
import { API_KEY, API_SECRET, ORGANIZER_KEY, TestClock, createHarness, eventually, openMeeting, sendWebhook, type Harness } from './test-support/harness.js';
import { RecordingRoomControl, signWebhook } from './test-support/recording-room-control.js';

const organizer = { kind: 'organizer' } as const;

async function actions(h: Pick<Harness, 'careMeet'>, meetingId: string): Promise<string[]> {
  return (await h.careMeet.audit(meetingId)).map((e) => e.action);
}

const stopCalls = (rooms: RecordingRoomControl, egressId: string) => rooms.calls.filter((c) => c.op === 'stopEgress' && c.args[0] === egressId).length;

test('issue 14: an egress_started answered 503 while LiveKit was down is stopped when LiveKit delivers it again', async () => {
  const h = await createHarness();
  const { meetingId, roomName } = await openMeeting(h.careMeet);
  const event = { id: 'EV_egress_down', event: 'egress_started', egressInfo: { egressId: 'EG_down', roomName } };
  h.rooms.down = true;
  const first = await sendWebhook(h, event);
  assert.equal(first.status, 503);
  assert.equal(first.json.error.code, 'LIVEKIT_UNAVAILABLE');
  h.rooms.down = false;
  const retry = await sendWebhook(h, event);
  assert.equal(retry.status, 200);
  assert.deepEqual(retry.json, { duplicate: false, event: 'egress_started' }, 'the retry acts: it is not a duplicate of a delivery that failed');
  assert.equal(stopCalls(h.rooms, 'EG_down'), 2, 'StopEgress tried while down, and sent again once LiveKit was back');
  assert.ok((await actions(h, meetingId)).includes('egress.stopped'));
  // Acted on now: a third delivery is a duplicate and changes nothing.
  const third = await sendWebhook(h, event);
  assert.deepEqual(third.json, { duplicate: true, event: 'egress_started' });
  assert.equal(stopCalls(h.rooms, 'EG_down'), 2);
  await h.close();
});

test("issue 14: a participant_joined in an ended meeting's room, answered 503 while LiveKit was down, deletes the room on the retry", async () => {
  // No background retry within the test: the webhook's own retry is what is checked here.
  const h = await createHarness({ roomDeletionRetry: { firstRetryMs: 600_000, maxRetryMs: 600_000 } });
  const { meetingId, roomName, chairId } = await openMeeting(h.careMeet);
  await h.careMeet.end(meetingId, organizer);
  assert.equal(h.rooms.rooms.has(roomName), false);
  // LiveKit running with auto_create on by mistake: a held token brings the room back.
  await h.rooms.ensureRoom(roomName, 8);
  h.rooms.connect(roomName, chairId, 'Anna Samordnare');
  const event = { id: 'EV_revived', event: 'participant_joined', room: { name: roomName }, participant: { identity: chairId, name: 'Anna Samordnare' } };
  h.rooms.down = true;
  assert.equal((await sendWebhook(h, event)).status, 503);
  h.rooms.down = false;
  const retry = await sendWebhook(h, event);
  assert.equal(retry.status, 200);
  assert.equal(retry.json.duplicate, false);
  assert.equal(h.rooms.rooms.has(roomName), false, 'the room was deleted again');
  const audit = await actions(h, meetingId);
  assert.ok(audit.lastIndexOf('room.deleted') > audit.indexOf('room.reappeared'));
  await h.close();
});

test('issue 14: a delivery whose process died before acting leaves the event to a later delivery, once its claim lapses', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'care-meet-webhook-'));
  const file = join(dir, 'care-meet.db');
  const clock = new TestClock('2026-12-01T09:55:00+01:00');
  const options = { livekit: { url: 'ws://127.0.0.1:7880', apiKey: API_KEY, apiSecret: API_SECRET }, organizerKey: ORGANIZER_KEY, clock: clock.now };
  // Two processes on one file. The first takes the event and never finishes: its StopEgress hangs,
  // as a process killed in between would leave it.
  const roomsA = new RecordingRoomControl();
  roomsA.hangUntil = new Promise(() => {});
  const storeA = new SqliteMeetingStore({ filename: file, checkpointInBackground: false });
  const a = await CareMeet.create({ ...options, store: storeA, roomControl: roomsA });
  const roomsB = new RecordingRoomControl();
  const storeB = new SqliteMeetingStore({ filename: file, checkpointInBackground: false });
  const b = await CareMeet.create({ ...options, store: storeB, roomControl: roomsB });
  try {
    const { meetingId, roomName } = await openMeeting(a);
    const body = JSON.stringify({ id: 'EV_orphaned', event: 'egress_started', egressInfo: { egressId: 'EG_orphaned', roomName } });
    const authorization = await signWebhook(body, API_KEY, API_SECRET);
    void a.handleWebhook(body, authorization);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(stopCalls(roomsA, 'EG_orphaned'), 1, 'the first delivery took the event and called StopEgress');
    // LiveKit's retry reaches the other process while the claim holds: "later", not "done".
    await assert.rejects(
      b.handleWebhook(body, authorization),
      (e: unknown) => e instanceof CareMeetError && e.code === 'LIVEKIT_UNAVAILABLE' && e.status === 503,
    );
    assert.equal(stopCalls(roomsB, 'EG_orphaned'), 0);
    clock.advance(11_000);
    assert.deepEqual(await b.handleWebhook(body, authorization), { duplicate: false, event: 'egress_started' });
    assert.equal(stopCalls(roomsB, 'EG_orphaned'), 1, 'the later delivery stopped the egress');
    assert.ok((await b.audit(meetingId)).some((e) => e.action === 'egress.stopped'));
    assert.deepEqual(await b.handleWebhook(body, authorization), { duplicate: true, event: 'egress_started' });
  } finally {
    a.close();
    b.close();
    await storeA.close();
    await storeB.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("issue 14: a second delivery of an event still being acted on in this process gets the first one's outcome", async () => {
  const h = await createHarness();
  const { roomName } = await openMeeting(h.careMeet);
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => (release = r));
  let fail = true;
  h.rooms.stopEgress = async (egressId) => {
    h.rooms.calls.push({ op: 'stopEgress', args: [egressId] });
    await gate;
    if (fail) throw new CareMeetError('LIVEKIT_UNAVAILABLE', 'the media server did not answer (test)');
  };
  const event = { id: 'EV_twice_at_once', event: 'egress_started', egressInfo: { egressId: 'EG_twice', roomName } };
  // LiveKit gave up waiting for the first answer and delivered again; then the first one fails.
  const firstDelivery = sendWebhook(h, event);
  assert.ok(await eventually(() => stopCalls(h.rooms, 'EG_twice') === 1), 'the first delivery is acting');
  let secondAnswered = false;
  const secondDelivery = sendWebhook(h, event).finally(() => (secondAnswered = true));
  // The second one waits for the first (or, had it reached the store first, is told "busy").
  await eventually(() => secondAnswered, 300);
  release();
  const [first, second] = await Promise.all([firstDelivery, secondDelivery]);
  assert.deepEqual([first.status, second.status], [503, 503], 'neither delivery says the event was handled');
  assert.equal(stopCalls(h.rooms, 'EG_twice'), 1, 'one StopEgress for the two deliveries');
  fail = false;
  const retry = await sendWebhook(h, event);
  assert.deepEqual(retry.json, { duplicate: false, event: 'egress_started' });
  assert.equal(stopCalls(h.rooms, 'EG_twice'), 2);
  await h.close();
});
