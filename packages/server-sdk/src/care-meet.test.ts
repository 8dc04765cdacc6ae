import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HSA, ORGANIZER_KEY, PNR, createHarness, sipMeeting } from './test-support/harness.js';

test('joins in flight share one CreateRoom instead of one each', async () => {
  const h = await createHarness();
  const booked = await h.call('POST', '/meetings', { token: ORGANIZER_KEY, body: sipMeeting() });
  const meetingId = booked.json.meeting.id as string;
  const sessions = await Promise.all(
    [
      { kind: 'hsa', hsaId: HSA.anna },
      { kind: 'pnr', pnr: PNR.esther },
      { kind: 'pnr', pnr: PNR.relative },
    ].map(
      async (identity) => (await h.call('POST', '/sessions', { token: ORGANIZER_KEY, body: { meetingId, identity, method: 'bankid' } })).json.session as string,
    ),
  );
  // Slow CreateRoom down so that every join is in flight at once.
  const ensure = h.rooms.ensureRoom.bind(h.rooms);
  h.rooms.ensureRoom = async (name, cap) => {
    await new Promise((r) => setTimeout(r, 30));
    return ensure(name, cap);
  };
  const answers = await Promise.all([...sessions, sessions[1] as string, sessions[2] as string].map((s) => h.call('POST', '/join', { token: s })));
  assert.ok(answers.every((a) => a.status === 200));
  const mainRoomCreates = h.rooms.calls.filter((c) => c.op === 'ensureRoom' && String(c.args[0]).startsWith('r_'));
  assert.equal(mainRoomCreates.length, 1);
  await h.close();
});

test('a join whose room creation overlaps the end does not leave the room behind', async () => {
  const h = await createHarness();
  const booked = await h.call('POST', '/meetings', { token: ORGANIZER_KEY, body: sipMeeting() });
  const meetingId = booked.json.meeting.id as string;
  const relative = (
    await h.call('POST', '/sessions', { token: ORGANIZER_KEY, body: { meetingId, identity: { kind: 'pnr', pnr: PNR.relative }, method: 'bankid' } })
  ).json.session as string;
  const ensure = h.rooms.ensureRoom.bind(h.rooms);
  let release: () => void = () => {};
  h.rooms.ensureRoom = async (name, cap) => {
    await new Promise<void>((r) => (release = r));
    return ensure(name, cap);
  };
  const joining = h.call('POST', '/join', { token: relative });
  await new Promise((r) => setTimeout(r, 10));
  const end = await h.call('POST', `/meetings/${meetingId}/end`, { token: ORGANIZER_KEY });
  assert.equal(end.status, 200);
  release();
  const answer = await joining;
  assert.equal(answer.status, 410);
  assert.equal(answer.json.error.code, 'MEETING_ENDED');
  assert.equal(answer.json.token, undefined);
  assert.equal([...h.rooms.rooms.keys()].filter((n) => n.startsWith('r_')).length, 0, 'the room was taken down again');
  await h.close();
});
