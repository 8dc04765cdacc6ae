// Issue 2's HTTP scenarios against the LiveKit Twirp test double, plus the webhook paths the
// double can drive (a real server posts webhooks only where its configuration says).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AccessToken } from 'livekit-server-sdk';
import { doubleTarget, startStack, ORGANIZER_KEY, type Stack } from './support.js';
import { bookOpenMeeting, sharedScenarios, vouch } from './scenarios.js';

/** A meeting booked and opened, its chair vouched for and joined: the chair's join answer and room. */
async function chairJoins(stack: Stack) {
  const b = await bookOpenMeeting(stack);
  const chair = await vouch(stack, b.meetingId, { kind: 'hsa', hsaId: 'SE2321000016-A1B2' }, 'siths');
  const j = await stack.call('POST', '/join', { token: chair });
  const room = JSON.parse(Buffer.from(j.json.token.split('.')[1], 'base64url').toString()).video.room as string;
  return { b, chair, j, room };
}

describe('care-meet over HTTP, LiveKit test double', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack(doubleTarget);
  });
  after(async () => {
    await stack.close();
  });

  for (const [name, run] of Object.entries(sharedScenarios)) {
    test(name, () => run(stack));
  }

  test('webhooks from LiveKit: attendance, a stranger, and a recording stopped', async () => {
    const d = stack.target.double!;
    const { b, chair, j, room } = await chairJoins(stack);
    assert.ok((await d.join(j.json.token)).ok);
    await d.flushWebhooks();
    let roster = await stack.call('GET', `/meetings/${b.meetingId}/roster`, { token: chair });
    assert.equal(roster.json.participants.find((p: { id: string }) => p.id === b.chairId).status, 'connected');
    // A recording starts somewhere: care-meet stops it and writes it down.
    const { egress, webhookStatus } = await d.startEgress(room);
    assert.equal(webhookStatus, 200);
    assert.ok(d.egresses().find((e) => e.egressId === egress.egressId)?.stoppedViaApi, 'StopEgress was called');
    const audit = await stack.call('GET', `/meetings/${b.meetingId}/audit`, { token: ORGANIZER_KEY });
    assert.ok(audit.json.entries.some((e: { action: string }) => e.action === 'egress.stopped'));
    await d.leave(room, b.chairId);
    await d.flushWebhooks();
    roster = await stack.call('GET', `/meetings/${b.meetingId}/roster`, { token: chair });
    assert.equal(roster.json.participants.find((p: { id: string }) => p.id === b.chairId).status, 'left');
  });

  test('a forged or replayed webhook changes nothing', async () => {
    const d = stack.target.double!;
    const { b, chair, room } = await chairJoins(stack);
    const body = JSON.stringify({ id: 'EV_forged', event: 'participant_joined', room: { name: room }, participant: { identity: b.relativeId, name: 'Rut' } });
    assert.equal(await d.sendRawWebhook(body, null), 401);
    assert.equal(await d.sendRawWebhook(body, 'Bearer not-a-jwt'), 401);
    const roster = await stack.call('GET', `/meetings/${b.meetingId}/roster`, { token: chair });
    assert.equal(roster.json.participants.find((p: { id: string }) => p.id === b.relativeId).status, 'absent');
    // Signed and sent twice: acted on once.
    const signed = JSON.stringify({ id: 'EV_twice', event: 'egress_started', egressInfo: { egressId: 'EG_twice', roomName: room } });
    assert.equal(await d.sendRawWebhook(signed), 200);
    assert.equal(await d.sendRawWebhook(signed), 200);
    assert.equal(d.calls.filter((c) => c.method === 'StopEgress').length >= 1, true);
    const stops = d.calls.filter((c) => c.method === 'StopEgress' && JSON.stringify(c.body).includes('EG_twice'));
    assert.equal(stops.length, 1);
  });

  test("an ended meeting's room that shows life again is deleted again", async () => {
    const d = stack.target.double!;
    const { b, chair, room } = await chairJoins(stack);
    await stack.call('POST', `/meetings/${b.meetingId}/end`, { token: chair });
    // A misconfigured LiveKit (auto_create on) lets an old token recreate the room.
    const revived = await d.sendWebhook({ event: 'room_started', room: { name: room, sid: 'RM_revived' } });
    assert.equal(revived, 200);
    const deletes = d.calls.filter((c) => c.method === 'DeleteRoom' && JSON.stringify(c.body).includes(room));
    assert.ok(deletes.length >= 2, 'deleted at the end and again on the revival');
    const audit = await stack.call('GET', `/meetings/${b.meetingId}/audit`, { token: ORGANIZER_KEY });
    assert.ok(audit.json.entries.some((e: { action: string }) => e.action === 'room.reappeared'));
  });

  test('someone not on the list: flagged, removed by the chair, and removed again when they come back', async () => {
    const d = stack.target.double!;
    const { b, chair, room } = await chairJoins(stack);
    // A token care-meet never minted (another tool holding the API key, say) for a SIP-like identity.
    const at = new AccessToken(stack.target.apiKey, stack.target.apiSecret, { identity: 'sip_+46709876543', name: 'Okänd', ttl: 600 });
    at.addGrant({ roomJoin: true, room, canPublish: true, canSubscribe: true });
    const strangerToken = await at.toJwt();
    assert.ok((await d.join(strangerToken)).ok);
    await d.flushWebhooks();
    let roster = await stack.call('GET', `/meetings/${b.meetingId}/roster`, { token: chair });
    assert.deepEqual(
      roster.json.strangers.map((s: { identity: string }) => s.identity),
      ['sip_+46709876543'],
    );

    const rm = await stack.call('POST', `/meetings/${b.meetingId}/remove`, { token: chair, body: { participantId: 'sip_+46709876543' } });
    assert.equal(rm.status, 200, JSON.stringify(rm.json));
    assert.ok(d.disconnects.some((x) => x.identity === 'sip_+46709876543' && x.reason === 'PARTICIPANT_REMOVED'));
    const removeCall = d.calls.find((c) => c.method === 'RemoveParticipant' && JSON.stringify(c.body).includes('sip_+46709876543'));
    assert.ok(removeCall && JSON.stringify(removeCall.body).match(/revoke_?[tT]oken_?[tT]s/), 'the removal asks LiveKit to revoke earlier tokens');
    roster = await stack.call('GET', `/meetings/${b.meetingId}/roster`, { token: chair });
    assert.equal(roster.json.counts.strangers, 0);

    // The double, like LiveKit's open-source server, ignores revokeTokenTs: the same token gets back in.
    assert.ok((await d.join(strangerToken)).ok);
    await d.flushWebhooks();
    assert.equal(d.participant(room, 'sip_+46709876543'), undefined, 'care-meet removed them again');
    roster = await stack.call('GET', `/meetings/${b.meetingId}/roster`, { token: chair });
    assert.equal(roster.json.counts.strangers, 0);
  });

  test('every Twirp call care-meet made was authorised and well-formed', () => {
    const d = stack.target.double!;
    const failed = d.calls.filter((c) => c.status !== 200 && c.error !== 'not_found');
    assert.deepEqual(
      failed.map((c) => `${c.method} ${c.status} ${c.error} ${c.message}`),
      [],
    );
    assert.ok(d.calls.some((c) => c.method === 'CreateRoom'));
  });
});
