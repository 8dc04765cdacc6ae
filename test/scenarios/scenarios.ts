// The HTTP scenarios of issue 2, written once and run against the LiveKit test double (always)
// and against a real LiveKit server (when LIVEKIT_URL is set). Checks that need something only the
// double can show (its call log, a simulated client in the room) sit behind `target.double`.
import assert from 'node:assert/strict';
import { expectError, ORGANIZER_KEY, type Stack } from './support.js';

const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

export interface Booked {
  meetingId: string;
  chairId: string;
  relativeId: string;
  guestId: string;
  guestInvite: string;
  roomName?: string;
}

/** Books a meeting open now, with a chair, the individual, a relative and an e-mail guest. */
export async function bookOpenMeeting(stack: Stack): Promise<Booked> {
  const r = await stack.call('POST', '/meetings', {
    token: ORGANIZER_KEY,
    body: {
      title: 'SIP-möte',
      startsAt: minutes(-1),
      endsAt: minutes(60),
      participants: [
        { name: 'Anna Samordnare', role: 'chair', identity: { kind: 'hsa', hsaId: 'SE2321000016-A1B2' } },
        { name: 'Esther Exempel', role: 'individual', identity: { kind: 'pnr', pnr: '19121212-1212' }, phone: '+46701234567' },
        { name: 'Rut Exempel', role: 'relative', identity: { kind: 'pnr', pnr: '198507099920' } },
        { name: 'Lisa Lärare', role: 'guest', identity: { kind: 'guest', email: 'lisa@skolan.example.se' } },
      ],
    },
  });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const [chair, , relative, guest] = r.json.participants;
  return { meetingId: r.json.meeting.id, chairId: chair.id, relativeId: relative.id, guestId: guest.id, guestInvite: guest.invite.token };
}

export async function vouch(stack: Stack, meetingId: string, identity: Record<string, string>, method: string): Promise<string> {
  const r = await stack.call('POST', '/sessions', { token: ORGANIZER_KEY, body: { meetingId, identity, method } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  return r.json.session as string;
}

async function join(stack: Stack, session: string) {
  return stack.call('POST', '/join', { token: session });
}

/** Booking, a vouched join, and LiveKit accepting the minted token for the explicitly created room. */
export async function scenarioJoin(stack: Stack): Promise<void> {
  const b = await bookOpenMeeting(stack);
  const relative = await vouch(stack, b.meetingId, { kind: 'pnr', pnr: '19850709-9920' }, 'bankid');
  const r = await join(stack, relative);
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.status, 'admitted');
  const conn = await stack.target.connect(r.json.token);
  assert.ok(conn.ok, conn.detail);
  // The room exists because care-meet created it, not because a join did.
  const room = JSON.parse(Buffer.from(r.json.token.split('.')[1], 'base64url').toString()).video.room as string;
  assert.ok((await stack.target.roomNames()).includes(room));
  if (stack.target.double) {
    const created = stack.target.double.room(room);
    assert.equal(created?.createdBy, 'CreateRoom');
    assert.equal(created?.maxParticipants, 4 + 2);
    assert.ok((created?.emptyTimeout ?? 0) > 0 && (created?.emptyTimeout ?? 999) <= 300);
  }
}

/** The chair ends the meeting: the rooms go, nobody gets a token again, an old token finds no room. */
export async function scenarioRejoinAfterEnd(stack: Stack): Promise<void> {
  const b = await bookOpenMeeting(stack);
  const chair = await vouch(stack, b.meetingId, { kind: 'hsa', hsaId: 'SE2321000016-A1B2' }, 'siths');
  const relative = await vouch(stack, b.meetingId, { kind: 'pnr', pnr: '19850709-9920' }, 'bankid');
  const first = await join(stack, relative);
  assert.equal(first.json.status, 'admitted');
  assert.ok((await stack.target.connect(first.json.token)).ok);
  const c = await join(stack, chair);
  const room = JSON.parse(Buffer.from(c.json.token.split('.')[1], 'base64url').toString()).video.room as string;
  const end = await stack.call('POST', `/meetings/${b.meetingId}/end`, { token: chair });
  assert.equal(end.status, 200);
  assert.equal(end.json.meeting.state, 'ended');
  assert.ok(!(await stack.target.roomNames()).includes(room), 'the LiveKit room is deleted');
  expectError(await join(stack, relative), 410, 'MEETING_ENDED');
  expectError(await join(stack, await vouch(stack, b.meetingId, { kind: 'pnr', pnr: '19850709-9920' }, 'bankid')), 410, 'MEETING_ENDED');
  if (stack.target.autoCreateOff) {
    // An old token, still within its TTL, cannot bring the room back.
    const again = await stack.target.connect(first.json.token);
    assert.equal(again.ok, false, again.detail);
  }
  if (stack.target.double) {
    assert.ok(stack.target.double.disconnects.some((d) => d.identity === b.relativeId && d.reason === 'ROOM_DELETED'));
  }
}

/** The chair removes a participant: stored first, disconnected, refused on rejoin, admitted again. */
export async function scenarioRemoval(stack: Stack): Promise<void> {
  const b = await bookOpenMeeting(stack);
  const chair = await vouch(stack, b.meetingId, { kind: 'hsa', hsaId: 'SE2321000016-A1B2' }, 'siths');
  const relative = await vouch(stack, b.meetingId, { kind: 'pnr', pnr: '19850709-9920' }, 'bankid');
  const first = await join(stack, relative);
  assert.ok((await stack.target.connect(first.json.token)).ok);
  const rm = await stack.call('POST', `/meetings/${b.meetingId}/remove`, { token: chair, body: { participantId: b.relativeId } });
  assert.equal(rm.status, 200, JSON.stringify(rm.json));
  expectError(await join(stack, relative), 403, 'REMOVED');
  if (stack.target.double) {
    const d = stack.target.double;
    assert.ok(d.disconnects.some((x) => x.identity === b.relativeId && x.reason === 'PARTICIPANT_REMOVED'));
    // LiveKit OSS ignores revokeTokenTs: the old token can reconnect. care-meet sees the webhook
    // and removes the person again.
    const back = await d.join(first.json.token);
    assert.ok(back.ok, 'LiveKit OSS lets an unexpired token back in');
    await d.flushWebhooks();
    const room = JSON.parse(Buffer.from(first.json.token.split('.')[1], 'base64url').toString()).video.room as string;
    assert.equal(d.participant(room, b.relativeId), undefined, 'care-meet removed them again');
  }
  const admit = await stack.call('POST', `/meetings/${b.meetingId}/admit`, { token: chair, body: { participantId: b.relativeId } });
  assert.equal(admit.status, 200);
  assert.equal((await join(stack, relative)).json.status, 'admitted');
  const audit = await stack.call('GET', `/meetings/${b.meetingId}/audit`, { token: ORGANIZER_KEY });
  const actions = audit.json.entries.map((e: { action: string }) => e.action);
  assert.ok(actions.includes('remove') && actions.includes('admit'));
}

/** An e-mail guest waits in the lobby room (seeing nobody) until the chair admits them. */
export async function scenarioLobby(stack: Stack): Promise<void> {
  const b = await bookOpenMeeting(stack);
  const chair = await vouch(stack, b.meetingId, { kind: 'hsa', hsaId: 'SE2321000016-A1B2' }, 'siths');
  const chairJoin = await join(stack, chair);
  assert.ok((await stack.target.connect(chairJoin.json.token)).ok);
  const s = await stack.call('POST', `/invites/${b.guestInvite}/session`, { body: { name: 'Lisa Lärare' } });
  assert.equal(s.status, 201, JSON.stringify(s.json));
  const waiting = await join(stack, s.json.session);
  assert.equal(waiting.json.status, 'lobby');
  const lobbyGrant = JSON.parse(Buffer.from(waiting.json.token.split('.')[1], 'base64url').toString()).video;
  assert.equal(lobbyGrant.canSubscribe, false);
  assert.ok((await stack.target.connect(waiting.json.token)).ok, 'the lobby room exists');
  // The lobby token does not open the meeting's room.
  const mainRoom = JSON.parse(Buffer.from(chairJoin.json.token.split('.')[1], 'base64url').toString()).video.room as string;
  assert.notEqual(lobbyGrant.room, mainRoom);
  // The chair's lobby view: subscribe-only.
  const observer = JSON.parse(Buffer.from(chairJoin.json.lobbyToken.split('.')[1], 'base64url').toString()).video;
  assert.equal(observer.room, lobbyGrant.room);
  assert.equal(observer.canPublish, false);
  if (stack.target.double) {
    await stack.target.double.flushWebhooks();
    const roster = await stack.call('GET', `/meetings/${b.meetingId}/roster`, { token: chair });
    assert.deepEqual(roster.json.lobby, [b.guestId]);
  }
  const admit = await stack.call('POST', `/meetings/${b.meetingId}/admit`, { token: chair, body: { participantId: b.guestId } });
  assert.equal(admit.status, 200);
  if (stack.target.double) {
    const update = stack.target.double.calls.find((c) => c.method === 'UpdateParticipant' && c.status === 200);
    assert.ok(update, 'UpdateParticipant froze the lobby connection');
  }
  const inRoom = await join(stack, s.json.session);
  assert.equal(inRoom.json.status, 'admitted');
  assert.ok((await stack.target.connect(inRoom.json.token)).ok);
}

export const sharedScenarios = {
  'booking, a vouched join, and LiveKit accepting the token': scenarioJoin,
  'rejoin after the end is refused': scenarioRejoinAfterEnd,
  'removal: refused until admitted again': scenarioRemoval,
  'lobby: a guest waits until the chair admits': scenarioLobby,
} as const;
