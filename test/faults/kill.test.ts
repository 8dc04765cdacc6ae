// Issue 14, standing fault suite: care-meet-server killed with SIGKILL (no shutdown code runs) while
// it books, redeems invitations, vouches identities, lets people join and ends meetings; started
// again on the same database and port. Invariants, whatever moment the kill came at:
// - every booking answered 201 is stored, with its `meeting.booked` entry; no meeting without one;
// - every used invitation has its session (and its `invite.redeem` entry); every session handed
//   out still works after the restart;
// - every ended meeting has `meeting.ended`, and its LiveKit rooms are deleted, by the restarted
//   server, without anyone ending it again;
// - a webhook whose handling the kill cut short is acted on when LiveKit delivers it again.
// Random kills catch what they hit; two kills land where they must: while an end waits for
// LiveKit's DeleteRoom, and while a webhook waits for LiveKit's StopEgress.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, eventually, ORGANIZER_KEY, within } from './care-meet-process.js';
import { auditOf, startFaultStack, type FaultStack } from './fault-stack.js';
import { flowContext, meetingFlow, UnexpectedAnswer, type FlowContext } from './meeting-flow.js';
import { checkStore } from './store-invariants.js';

const ROUNDS = 6;
const WORKERS = 6;
/** How long the restarted server may take to delete the rooms an ended meeting left (its retry waits 1 s first). */
const ROOMS_GONE_MS = 10_000;
/** How long LiveKit's redeliveries may take to be acted on (a dead process's claim on an event lapses after 10 s). */
const REDELIVERY_MS = 15_000;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Rooms of `rooms` the double still has. */
const remainingIn = (stack: FaultStack, rooms: Iterable<string>) => [...rooms].filter((r) => stack.double.room(r) !== undefined);

/**
 * Runs `fn` over a stack of its own (a fresh database), so what one test's kills leave behind never
 * shows up as another test's failure. The server is started; `fn` may kill and restart it.
 */
async function withStack(fn: (stack: FaultStack, ctx: FlowContext, remaining: (rooms: Iterable<string>) => string[]) => Promise<void>): Promise<void> {
  const stack = await startFaultStack();
  try {
    await stack.start();
    await fn(stack, flowContext(stack), (rooms) => remainingIn(stack, rooms));
  } finally {
    await stack.close();
  }
}

test(
  `SIGKILL at ${ROUNDS} random moments during bookings, redemptions, joins and ends: nothing acknowledged lost, nothing half-done`,
  { timeout: 150_000 },
  (t) =>
    withStack(async (stack, ctx, remaining) => {
      let n = 0;
      const failures: string[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const started = Date.now();
        if (!stack.server) await stack.start();
        let killed = false;
        const endsBefore = ctx.ledger.acknowledged.ends.length;
        const workers = Array.from({ length: WORKERS }, async () => {
          while (!killed) {
            const i = n++;
            try {
              // Two meetings in three are ended: the kill meets ends as often as bookings.
              await meetingFlow(ctx, i, { end: i % 3 !== 2, doubleRedemption: true, timeoutMs: 10_000 });
            } catch (e) {
              if (e instanceof UnexpectedAnswer || !killed) failures.push(`round ${round}, meeting ${i}: ${e instanceof Error ? e.message : String(e)}`);
              if (!(e instanceof UnexpectedAnswer)) return;
            }
          }
        });
        // Once the stream is under way (a meeting got all the way to its end), at a random moment.
        const underWay = await eventually(() => ctx.ledger.acknowledged.ends.length > endsBefore, 20_000);
        assert.ok(underWay, `round ${round}: the stream got going\n${stack.server?.log() ?? ''}`);
        await pause(Math.floor(Math.random() * 700));
        killed = true;
        await stack.kill9();
        const killedAt = Date.now();
        await within(Promise.all(workers), 15_000, 'the workers stop after the kill');
        t.diagnostic(`round ${round}: killed after ${killedAt - started} ms, workers stopped ${Date.now() - killedAt} ms later`);
        assert.deepEqual(failures, [], 'no wrong answer before a kill');
        assert.deepEqual(
          ctx.ledger.answers.filter((a) => a.status >= 500),
          [],
          'no 5xx',
        );
        const store = checkStore(stack.databaseFile, ctx.ledger.acknowledged);
        assert.deepEqual(store.violations, [], `round ${round}: what the kill left`);
      }

      await stack.start();
      const redelivering = Date.now();
      const unanswered = await stack.redeliverFailedWebhooks(REDELIVERY_MS);
      t.diagnostic(`webhooks delivered again in ${Date.now() - redelivering} ms`);
      assert.deepEqual(
        unanswered.map((d) => d.event),
        [],
        'every webhook LiveKit delivers again is taken after the restart',
      );
      const store = checkStore(stack.databaseFile, ctx.ledger.acknowledged);
      assert.deepEqual(store.violations, []);
      assert.ok(store.endedMeetings >= ROUNDS, 'meetings were ended in every round');
      const leftOver = await eventually(() => remaining(store.endedRooms).length === 0, ROOMS_GONE_MS);
      assert.ok(leftOver, `rooms of ended meetings still in LiveKit ${ROOMS_GONE_MS} ms after the restart: ${remaining(store.endedRooms).join(', ')}`);

      // Everything acknowledged, as the restarted server answers it.
      const ended = new Set<string>();
      for (const id of ctx.ledger.acknowledged.bookings) {
        const r = await call(stack.base, 'GET', `/meetings/${id}`, { token: ORGANIZER_KEY });
        assert.equal(r.status, 200, `acknowledged booking ${id}: ${JSON.stringify(r.json)}`);
        if (r.json.meeting.state === 'ended') ended.add(id);
      }
      for (const s of ctx.ledger.sessions) {
        const r = await call(stack.base, 'POST', '/join', { token: s.token });
        const want = ended.has(s.meetingId) ? 410 : 200;
        assert.equal(
          r.status,
          want,
          `a session handed out before a kill, for ${ended.has(s.meetingId) ? 'an ended' : 'an open'} meeting: ${JSON.stringify(r.json)}`,
        );
      }
    }),
);

test('SIGKILL while an end waits for LiveKit to delete the rooms: the restarted server deletes them, nobody joins again', { timeout: 60_000 }, () =>
  withStack(async (stack, ctx, remaining) => {
    const m = await meetingFlow(ctx, 0, { end: false, doubleRedemption: false });
    assert.deepEqual(remaining([m.main, m.lobby]), [m.main, m.lobby], 'both rooms exist before the end');
    const killed = stack.front.interceptOnce('DeleteRoom', () => stack.kill9());
    const end = call(stack.base, 'POST', `/meetings/${m.meetingId}/end`, { token: ORGANIZER_KEY }).then(
      (r) => `answered ${r.status}`,
      () => 'cut off',
    );
    await within(killed, 15_000, 'the end reaches DeleteRoom');
    assert.equal(await end, 'cut off', 'the server died before answering the end');

    const store = checkStore(stack.databaseFile, ctx.ledger.acknowledged);
    assert.deepEqual(store.violations, []);
    assert.ok(store.endedRooms.includes(m.main), 'the end was stored before LiveKit was asked');
    assert.deepEqual(remaining([m.main, m.lobby]), [m.main, m.lobby], 'LiveKit never got the DeleteRoom');

    await stack.start();
    const gone = await eventually(() => remaining([m.main, m.lobby]).length === 0, ROOMS_GONE_MS);
    assert.ok(
      gone,
      `the restarted server did not delete ${remaining([m.main, m.lobby]).join(', ')} within ${ROOMS_GONE_MS} ms (nobody ended the meeting again)`,
    );
    assert.ok(
      stack.double.disconnects.some((d) => d.room === m.main && d.reason === 'ROOM_DELETED'),
      'the people in the room were disconnected',
    );
    for (const session of [m.chair, m.individual, m.guest]) {
      const r = await call(stack.base, 'POST', '/join', { token: session });
      assert.equal(r.status, 410, JSON.stringify(r.json));
      assert.equal(r.json.error.code, 'MEETING_ENDED');
    }
    const entries = await auditOf(stack, m.meetingId);
    assert.equal(entries.filter((e) => e.action === 'meeting.ended').length, 1);
  }),
);

test('SIGKILL while a webhook is acted on (a recording to stop): LiveKit delivers it again after the restart, and it is acted on', { timeout: 60_000 }, () =>
  withStack(async (stack, ctx) => {
    const m = await meetingFlow(ctx, 0, { end: false, doubleRedemption: false });
    const killed = stack.front.interceptOnce('StopEgress', () => stack.kill9());
    const { egress, webhookStatus } = await stack.double.startEgress(m.main);
    await within(killed, 15_000, 'the webhook reaches StopEgress');
    assert.equal(webhookStatus, 0, 'the server died before answering the webhook');
    assert.equal(stack.double.egresses().find((e) => e.egressId === egress.egressId)?.stoppedViaApi, false);

    await stack.start();
    const unanswered = await stack.redeliverFailedWebhooks(REDELIVERY_MS);
    assert.deepEqual(
      unanswered.map((d) => d.event),
      [],
      'the delivery again is answered 200',
    );
    assert.ok(stack.double.egresses().find((e) => e.egressId === egress.egressId)?.stoppedViaApi, 'the recording was stopped after the restart');
    const entries = await auditOf(stack, m.meetingId);
    assert.ok(
      entries.some((e) => e.action === 'egress.stopped' && e.details.egressId === egress.egressId),
      'and audited',
    );
  }),
);
