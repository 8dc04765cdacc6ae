// A removal that lands while the same person's join is under way (after the join decided to admit,
// before it noted the admission) stands: the join is refused, and the person stays removed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ORGANIZER_KEY, PNR, createHarness, sipMeeting } from './test-support/harness.js';

test("the meeting leader's Remove racing a first join is not undone by it: the join is refused with REMOVED and audited", async () => {
  const h = await createHarness();
  try {
    const booked = await h.call('POST', '/meetings', { token: ORGANIZER_KEY, body: sipMeeting() });
    assert.equal(booked.status, 201, JSON.stringify(booked.json));
    const meetingId = booked.json.meeting.id as string;
    const esther = booked.json.participants[1].id as string;
    const session = (
      await h.call('POST', '/sessions', { token: ORGANIZER_KEY, body: { meetingId, identity: { kind: 'pnr', pnr: PNR.esther }, method: 'bankid' } })
    ).json.session as string;

    // The removal is made while the join waits for the media server to make the room.
    const ensureRoom = h.rooms.ensureRoom.bind(h.rooms);
    const made: { removal: { status: number } | null } = { removal: null };
    h.rooms.ensureRoom = async (name, max) => {
      await ensureRoom(name, max);
      if (made.removal === null)
        made.removal = await h.call('POST', `/meetings/${meetingId}/remove`, { token: ORGANIZER_KEY, body: { participantId: esther } });
    };
    const join = await h.call('POST', '/join', { token: session });
    assert.equal(made.removal?.status, 200, 'the removal went through while the join was under way');
    assert.equal(join.status, 403, JSON.stringify(join.json));
    assert.equal(join.json.error.code, 'REMOVED');
    assert.equal(join.json.token, undefined, 'no token handed out');

    const after = await h.store.getParticipant(esther);
    assert.notEqual(after?.removedAt, null, 'the removal stands');
    assert.equal(after?.admittedAt, null);
    const audit = (await h.call('GET', `/meetings/${meetingId}/audit`, { token: ORGANIZER_KEY })).json.entries as Array<{
      action: string;
      outcome: string;
      code: string | null;
    }>;
    assert.ok(
      audit.some((e) => e.action === 'join' && e.outcome === 'refused' && e.code === 'REMOVED'),
      JSON.stringify(audit.map((e) => [e.action, e.outcome, e.code])),
    );

    // And later joins are refused as for anyone removed.
    h.rooms.ensureRoom = ensureRoom;
    const again = await h.call('POST', '/join', { token: session });
    assert.equal(again.status, 403);
    assert.equal(again.json.error.code, 'REMOVED');
  } finally {
    await h.close();
  }
});
