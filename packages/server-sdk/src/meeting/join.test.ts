import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJwtPayload } from '../test-support/recording-room-control.js';
import { createContextHarness, withCode } from '../test-support/meeting-context.js';
import { sipMeeting } from '../test-support/harness.js';
import { MeetingContext } from './context.js';
import { Invitations } from './invitations.js';
import { Joining } from './join.js';
import { Sessions } from './sessions.js';

test('the chair is admitted to the meeting room with the E2EE key and a token to look into the lobby', async () => {
  const h = await createContextHarness();
  const joining = new Joining(h.ctx);
  const { meeting } = await h.book();
  const { grant, session } = await h.vouch(meeting, 'chair');
  const answer = await joining.join(session);
  assert.equal(answer.status, 'admitted');
  if (answer.status !== 'admitted') return;
  assert.equal(answer.role, 'chair');
  assert.equal(answer.livekitUrl, 'ws://127.0.0.1:7880');
  assert.equal(answer.e2ee?.keyIndex, 0);
  assert.equal(Buffer.from(answer.e2ee?.key ?? '', 'base64url').length, 32);
  assert.equal((decodeJwtPayload(answer.token).video as { room: string }).room, meeting.roomName);
  assert.equal((decodeJwtPayload(answer.lobbyToken ?? '').video as { room: string }).room, meeting.lobbyRoomName);
  // Both rooms were created first, the meeting's with room for everyone registered and two more.
  assert.deepEqual(
    h.rooms.calls.filter((c) => c.op === 'ensureRoom').map((c) => c.args),
    [
      [meeting.roomName, 6],
      [meeting.lobbyRoomName, 5],
    ],
  );
  assert.notEqual((await h.store.getParticipant(grant.participantId))?.admittedAt, null);
  // The hot path: the same answer from the bearer token alone.
  const again = await joining.joinWithToken(grant.session);
  assert.equal(again.status, 'admitted');
  await h.close();
});

test('a guest waits in the lobby until admitted: a lobby token, the registration waiting, the stream told', async () => {
  const h = await createContextHarness();
  const joining = new Joining(h.ctx);
  const email = { name: 'Gunn Gäst', role: 'guest', identity: { kind: 'guest', email: 'gunn@example.se' } };
  const { meeting, booked } = await h.book({ participants: [...sipMeeting().participants, email] });
  const invitations = new Invitations(h.ctx, new Sessions(h.ctx));
  const grant = await invitations.redeemInvitationWithName(booked.participants[4]!.invite.token, 'Gunn');
  const types: string[] = [];
  h.ctx.events.subscribe(meeting.id, (e) => types.push(e.type));
  const answer = await joining.joinWithToken(grant.session);
  assert.equal(answer.status, 'lobby');
  assert.equal((decodeJwtPayload(answer.token).video as { room: string }).room, meeting.lobbyRoomName);
  assert.equal((await h.store.getParticipant(grant.participantId))?.inLobby, true);
  assert.deepEqual(types, ['lobby-waiting']);
  await h.close();
});

test('refusals are audited with their code: too early, a removed person, an unknown token', async () => {
  const h = await createContextHarness({ start: '2026-12-01T09:00:00+01:00' });
  const joining = new Joining(h.ctx);
  const { meeting } = await h.book();
  const { grant, session } = await h.vouch(meeting, 'relative');
  await assert.rejects(joining.join(session), withCode('TOO_EARLY'));
  h.clock.set('2026-12-01T09:55:00+01:00');
  await h.store.setRemoved(grant.participantId, h.clock.now(), { audit: [] });
  await assert.rejects(joining.joinWithToken(grant.session), withCode('REMOVED'));
  await assert.rejects(joining.joinWithToken('s_no-such-session-token-here'), withCode('UNAUTHENTICATED'));
  const refused = (await h.store.listAudit(meeting.id)).filter((a) => a.action === 'join').map((a) => a.code);
  assert.deepEqual(refused, ['TOO_EARLY', 'REMOVED']);
  assert.equal(h.rooms.calls.length, 0, 'no room is created for a refused join');
  await h.close();
});

test('an end-to-end encrypted meeting on a server without the E2EE key refuses the join', async () => {
  const h = await createContextHarness();
  const { meeting } = await h.book();
  const { session } = await h.vouch(meeting, 'individual');
  const keyless = new MeetingContext({ ...h.ctx.options, e2ee: undefined }, h.ctx.identitySecret);
  await assert.rejects(new Joining(keyless).join(session), withCode('E2EE_NOT_CONFIGURED'));
  await keyless.close();
  await h.close();
});

test('a room whose creation fails is asked for again by the next join', async () => {
  const h = await createContextHarness();
  const joining = new Joining(h.ctx);
  const { meeting } = await h.book();
  const { session } = await h.vouch(meeting, 'relative');
  h.rooms.down = true;
  await assert.rejects(joining.join(session), withCode('LIVEKIT_UNAVAILABLE'));
  h.rooms.down = false;
  assert.equal((await joining.join(session)).status, 'admitted');
  assert.equal(h.rooms.calls.filter((c) => c.op === 'ensureRoom').length, 2);
  await h.close();
});
