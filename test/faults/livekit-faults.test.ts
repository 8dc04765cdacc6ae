// Issue 14, standing fault suite: LiveKit refusing connections (its port closed), hanging (taking
// requests and never answering), then back, in front of care-meet-server as a process with its
// default settings. An end answers within a bound with LIVEKIT_UNAVAILABLE and keeps everyone out;
// once LiveKit is back the rooms go without anyone ending again; a webhook that failed while
// LiveKit was down is acted on when LiveKit delivers it again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, eventually, ORGANIZER_KEY } from './care-meet-process.js';
import { auditOf, startFaultStack, type FaultStack } from './fault-stack.js';
import { flowContext, meetingFlow, type FlowContext } from './meeting-flow.js';

/**
 * How long an end may take when LiveKit does not answer: the server gives LiveKit
 * `roomDeletionRetry.attemptTimeoutMs` (10 s by default), plus 2 s for everything else.
 */
const END_BOUND_MS = 12_000;
/** A refusal that needs no LiveKit (a join to an ended meeting) answers at once, whatever LiveKit does. */
const NO_LIVEKIT_BOUND_MS = 2_000;
/** Once LiveKit is back, the rooms of a meeting ended meanwhile are gone within this. */
const BACK_BOUND_MS = 15_000;

let stack: FaultStack;
let ctx: FlowContext;
let n = 0;
before(async () => {
  stack = await startFaultStack();
  await stack.start();
  ctx = flowContext(stack);
});
after(async () => {
  await stack.front.set('pass');
  await stack.close();
});

const remaining = (rooms: string[]) => rooms.filter((r) => stack.double.room(r) !== undefined);

/** `work` with how long it took. */
async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work;
  return { value, ms: Date.now() - started };
}

for (const outage of ['hanging', 'refused'] as const) {
  test(
    `LiveKit ${outage}: /end answers 503 LIVEKIT_UNAVAILABLE within ${END_BOUND_MS} ms, joins are refused 410 at once, and the rooms go once LiveKit is back`,
    { timeout: 60_000 },
    async (t) => {
      const m = await meetingFlow(ctx, n++, { end: false, doubleRedemption: false });
      const other = await meetingFlow(ctx, n++, { end: false, doubleRedemption: false });
      const rooms = [m.main, m.lobby];
      assert.deepEqual(remaining(rooms), rooms);
      await stack.front.set(outage);
      try {
        const end = await timed(call(stack.base, 'POST', `/meetings/${m.meetingId}/end`, { token: ORGANIZER_KEY, timeoutMs: END_BOUND_MS + 3000 }));
        assert.equal(end.value.status, 503, JSON.stringify(end.value.json));
        assert.equal(end.value.json.error.code, 'LIVEKIT_UNAVAILABLE');
        assert.ok(end.ms <= END_BOUND_MS, `the end answered after ${end.ms} ms`);
        t.diagnostic(`the end answered after ${end.ms} ms`);

        for (const session of [m.chair, m.individual, m.guest]) {
          const join = await timed(call(stack.base, 'POST', '/join', { token: session, timeoutMs: END_BOUND_MS }));
          assert.equal(join.value.status, 410, JSON.stringify(join.value.json));
          assert.equal(join.value.json.error.code, 'MEETING_ENDED');
          assert.ok(join.ms <= NO_LIVEKIT_BOUND_MS, `a join to the ended meeting took ${join.ms} ms`);
        }
        const state = await call(stack.base, 'GET', `/meetings/${m.meetingId}`, { token: ORGANIZER_KEY });
        assert.equal(state.json.meeting.state, 'ended', 'the end is stored though LiveKit did not answer');
        assert.deepEqual(remaining(rooms), rooms, 'LiveKit heard nothing of it yet');
      } finally {
        await stack.front.set('pass');
      }
      const gone = await eventually(() => remaining(rooms).length === 0, BACK_BOUND_MS);
      assert.ok(gone, `${remaining(rooms).join(', ')} still in LiveKit ${BACK_BOUND_MS} ms after it came back (nobody ended again)`);
      assert.ok(
        stack.double.disconnects.some((d) => d.room === m.main && d.reason === 'ROOM_DELETED'),
        'those in the room were disconnected',
      );
      const entries = await auditOf(stack, m.meetingId);
      assert.equal(entries.filter((e) => e.action === 'meeting.ended').length, 1, 'ended once');
      // The other meeting, untouched by all this, still works.
      const join = await call(stack.base, 'POST', '/join', { token: other.chair });
      assert.equal(join.status, 200, JSON.stringify(join.json));
    },
  );
}

test(
  `LiveKit hanging: a join that needs a room created answers 503 LIVEKIT_UNAVAILABLE within ${END_BOUND_MS} ms, with no token; it works once LiveKit is back`,
  { timeout: 60_000 },
  async () => {
    // A meeting nobody joined yet: its first join must create the room on LiveKit.
    const booked = await call(stack.base, 'POST', '/meetings', {
      token: ORGANIZER_KEY,
      body: {
        title: 'Möte utan rum',
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
        participants: [{ name: 'Anna Samordnare', role: 'chair', identity: { kind: 'hsa', hsaId: 'SE2321000016-A1B2' } }],
      },
    });
    assert.equal(booked.status, 201, JSON.stringify(booked.json));
    const session = await call(stack.base, 'POST', '/sessions', {
      token: ORGANIZER_KEY,
      body: { meetingId: booked.json.meeting.id, identity: { kind: 'hsa', hsaId: 'SE2321000016-A1B2' }, method: 'siths' },
    });
    assert.equal(session.status, 201);
    await stack.front.set('hanging');
    try {
      const join = await timed(call(stack.base, 'POST', '/join', { token: session.json.session, timeoutMs: END_BOUND_MS + 3000 }));
      assert.equal(join.value.status, 503, JSON.stringify(join.value.json));
      assert.equal(join.value.json.error.code, 'LIVEKIT_UNAVAILABLE');
      assert.equal(join.value.json.token, undefined);
      assert.ok(join.ms <= END_BOUND_MS, `the join answered after ${join.ms} ms`);
    } finally {
      await stack.front.set('pass');
    }
    const again = await call(stack.base, 'POST', '/join', { token: session.json.session });
    assert.equal(again.status, 200, JSON.stringify(again.json));
    assert.ok((await stack.double.join(again.json.token)).ok, 'the room exists now');
  },
);

test('a webhook answered 503 while LiveKit was down (a recording to stop) is acted on when LiveKit delivers it again', { timeout: 60_000 }, async () => {
  const m = await meetingFlow(ctx, n++, { end: false, doubleRedemption: false });
  await stack.front.set('refused');
  let egressId: string;
  try {
    const started = await stack.double.startEgress(m.main);
    egressId = started.egress.egressId;
    assert.equal(started.webhookStatus, 503, 'LiveKit is told to deliver it again');
    assert.equal(stack.double.egresses().find((e) => e.egressId === egressId)?.stoppedViaApi, false);
  } finally {
    await stack.front.set('pass');
  }
  const unanswered = await stack.redeliverFailedWebhooks(BACK_BOUND_MS);
  assert.deepEqual(
    unanswered.map((d) => d.event),
    [],
    'the delivery again is answered 200',
  );
  assert.ok(stack.double.egresses().find((e) => e.egressId === egressId)?.stoppedViaApi, 'the recording was stopped once LiveKit was back');
  const entries = await auditOf(stack, m.meetingId);
  assert.ok(
    entries.some((e) => e.action === 'egress.stopped' && e.details.egressId === egressId),
    'and audited',
  );
});
