import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sipMeeting } from '../test-support/harness.js';
import { createContextHarness, withCode } from '../test-support/meeting-context.js';
import { ChairActions } from './chair-actions.js';
import type { Caller } from './context.js';
import { Invitations } from './invitations.js';
import { Joining } from './join.js';
import { Sessions } from './sessions.js';

const ORGANIZER: Caller = { kind: 'organizer' };

async function meetingInProgress() {
  const h = await createContextHarness();
  const email = { name: 'Gunn Gäst', role: 'guest', identity: { kind: 'guest', email: 'gunn@example.se' } };
  const { meeting, booked } = await h.book({ participants: [...sipMeeting().participants, email] });
  const joining = new Joining(h.ctx);
  const chair = await h.vouch(meeting, 'chair');
  await joining.join(chair.session);
  const relative = await h.vouch(meeting, 'relative');
  await joining.join(relative.session);
  const guest = await new Invitations(h.ctx, new Sessions(h.ctx)).redeemInvitationWithName(booked.participants[4]!.invite.token, 'Gunn');
  await joining.joinWithToken(guest.session);
  const chairCaller: Caller = { kind: 'session', session: chair.session };
  const types: string[] = [];
  h.ctx.events.subscribe(meeting.id, (e) => types.push(e.type));
  return { h, meeting, chair, relative, guest, chairCaller, types, actions: new ChairActions(h.ctx) };
}

test('the chair admits a lobby guest: stored, audited, told, and the lobby connection frozen', async () => {
  const { h, meeting, guest, chairCaller, types, actions } = await meetingInProgress();
  const admitted = await actions.admit(meeting.id, guest.participantId, chairCaller);
  assert.equal(admitted.admittedAt, h.clock.now().toISOString());
  const p = await h.store.getParticipant(guest.participantId);
  assert.equal(p?.inLobby, false);
  assert.notEqual(p?.admittedAt, null);
  assert.deepEqual(types, ['admitted']);
  const frozen = h.rooms.calls.find((c) => c.op === 'updatePermission');
  assert.deepEqual(frozen?.args, [meeting.lobbyRoomName, guest.participantId, { canPublish: false, canSubscribe: false, canPublishData: false }]);
  await h.close();
});

test('removing someone who was let in rotates the key in the same step and disconnects them from both rooms', async () => {
  const { h, meeting, relative, chairCaller, types, actions } = await meetingInProgress();
  await actions.remove(meeting.id, relative.grant.participantId, chairCaller);
  assert.notEqual((await h.store.getParticipant(relative.grant.participantId))?.removedAt, null);
  assert.deepEqual(types, ['removed', 'key-rotated']);
  const audit = (await h.store.listAudit(meeting.id)).map((a) => a.action);
  assert.ok(audit.includes('remove') && audit.includes('e2ee.rotate'));
  const removals = h.rooms.calls.filter((c) => c.op === 'removeParticipant').map((c) => c.args[0]);
  assert.deepEqual(removals.sort(), [meeting.lobbyRoomName, meeting.roomName].sort());
  await h.close();
});

test('the chair disconnects a stranger: remembered as removed, no longer flagged, audited without the identity', async () => {
  const { h, meeting, chairCaller, types, actions } = await meetingInProgress();
  await h.store.addStranger({ meetingId: meeting.id, identity: 'sip_+46701234567', name: 'Okänd', connectedAt: h.clock.now() });
  const answer = await actions.remove(meeting.id, 'sip_+46701234567', chairCaller);
  assert.equal(answer.participantId, 'sip_+46701234567');
  assert.deepEqual(await h.store.listStrangers(meeting.id), []);
  assert.notEqual(await h.store.strangerRemovedAt(meeting.id, 'sip_+46701234567'), null);
  assert.deepEqual(types, ['stranger-disconnected']);
  assert.equal(JSON.stringify(await h.store.listAudit(meeting.id)).includes('46701234567'), false);
  await h.close();
});

test('only the chair or the organizer acts, and a refusal is audited', async () => {
  const { h, meeting, relative, guest, actions } = await meetingInProgress();
  const asRelative: Caller = { kind: 'session', session: relative.session };
  await assert.rejects(actions.admit(meeting.id, guest.participantId, asRelative), withCode('FORBIDDEN'));
  await assert.rejects(actions.end(meeting.id, asRelative), withCode('FORBIDDEN'));
  const refused = (await h.store.listAudit(meeting.id)).filter((a) => a.outcome === 'refused').map((a) => a.action);
  assert.deepEqual(refused, ['admit', 'end']);
  assert.ok((await actions.admit(meeting.id, guest.participantId, ORGANIZER)).admittedAt);
  await h.close();
});

test('ending the meeting stores it, tells the stream once, deletes both rooms; ending twice is harmless', async () => {
  const { h, meeting, chairCaller, types, actions } = await meetingInProgress();
  const ended = await actions.end(meeting.id, chairCaller);
  assert.equal(ended.meeting.state, 'ended');
  assert.equal(ended.meeting.endedAt, h.clock.now().toISOString());
  assert.deepEqual([...h.rooms.rooms.keys()], []);
  const again = await actions.end(meeting.id, { kind: 'organizer' });
  assert.equal(again.meeting.state, 'ended');
  assert.deepEqual(types, ['ended']);
  assert.ok(h.ctx.endedHere.has(meeting.id));
  await h.close();
});
