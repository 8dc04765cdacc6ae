// `GET /meetings/{id}` with the session of someone on the list who is not the chair: the meeting
// and where they stand (ended? removed? evaluation open or sent?), so <care-meeting> can tell an
// ended meeting before the device check and not ask for an evaluation twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HSA, ORGANIZER_KEY, PNR, createHarness, sipMeeting } from '../test-support/harness.js';

test('a participant reads the meeting and their own standing; nobody else on the list is in it; the chair still gets the roster', async () => {
  const h = await createHarness();
  const booked = (await h.call('POST', '/meetings', { token: ORGANIZER_KEY, body: sipMeeting() })).json;
  const meetingId = booked.meeting.id as string;
  const vouch = async (identity: Record<string, string>, method: string) =>
    (await h.call('POST', '/sessions', { token: ORGANIZER_KEY, body: { meetingId, identity, method } })).json.session as string;
  const chair = await vouch({ kind: 'hsa', hsaId: HSA.anna }, 'siths');
  const individual = await vouch({ kind: 'pnr', pnr: PNR.esther }, 'bankid');
  const relative = await vouch({ kind: 'pnr', pnr: PNR.relative }, 'bankid');

  // Before taking part: open meeting, nothing to evaluate, and nothing about anyone else.
  const before = await h.call('GET', `/meetings/${meetingId}`, { token: individual });
  assert.equal(before.status, 200);
  assert.equal(before.json.meeting.state, 'open');
  assert.deepEqual(before.json.self, { id: before.json.self.id, role: 'individual', removed: false, evaluation: 'none' });
  assert.equal(before.json.participants, undefined);
  assert.ok(!JSON.stringify(before.json).includes('Rut Exempel'), 'no one else on the list is in it');

  // The chair's session still reads the roster.
  const asChair = await h.call('GET', `/meetings/${meetingId}`, { token: chair });
  assert.equal(asChair.json.participants.length, 4);

  assert.equal((await h.call('POST', '/join', { token: individual })).status, 200);
  assert.equal((await h.call('POST', '/join', { token: relative })).status, 200);
  assert.equal((await h.call('POST', `/meetings/${meetingId}/end`, { token: chair })).status, 200);

  const ended = await h.call('GET', `/meetings/${meetingId}`, { token: individual });
  assert.equal(ended.json.meeting.state, 'ended');
  assert.equal(ended.json.self.evaluation, 'open');

  assert.equal((await h.call('POST', `/meetings/${meetingId}/evaluation`, { token: individual, body: { answers: { heard: 4 } } })).status, 201);
  assert.equal((await h.call('GET', `/meetings/${meetingId}`, { token: individual })).json.self.evaluation, 'submitted');
  // Someone else's answer is theirs: the relative's is still open.
  assert.equal((await h.call('GET', `/meetings/${meetingId}`, { token: relative })).json.self.evaluation, 'open');

  // A session of another meeting reads nothing of this one.
  const other = (await h.call('POST', '/meetings', { token: ORGANIZER_KEY, body: sipMeeting() })).json.meeting.id as string;
  assert.equal((await h.call('GET', `/meetings/${other}`, { token: individual })).json.error.code, 'FORBIDDEN');
  await h.close();
});

test('a participant the chair removed reads that they are removed', async () => {
  const h = await createHarness();
  const booked = (await h.call('POST', '/meetings', { token: ORGANIZER_KEY, body: sipMeeting() })).json;
  const meetingId = booked.meeting.id as string;
  const chair = (await h.call('POST', '/sessions', { token: ORGANIZER_KEY, body: { meetingId, identity: { kind: 'hsa', hsaId: HSA.anna }, method: 'siths' } }))
    .json.session;
  const relative = await h.call('POST', '/sessions', {
    token: ORGANIZER_KEY,
    body: { meetingId, identity: { kind: 'pnr', pnr: PNR.relative }, method: 'bankid' },
  });
  await h.call('POST', '/join', { token: relative.json.session });
  assert.equal((await h.call('POST', `/meetings/${meetingId}/remove`, { token: chair, body: { participantId: relative.json.participantId } })).status, 200);
  const read = await h.call('GET', `/meetings/${meetingId}`, { token: relative.json.session });
  assert.equal(read.json.self.removed, true);
  assert.equal(read.json.meeting.state, 'open');
  await h.close();
});
