import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API_KEY, API_SECRET } from '../test-support/harness.js';
import { createContextHarness, withCode } from '../test-support/meeting-context.js';
import { signWebhook } from '../test-support/recording-room-control.js';
import { ChairActions } from './chair-actions.js';
import { Joining } from './join.js';
import { Reconciliation } from './reconciliation.js';
import { Webhooks } from './webhooks.js';

async function withWebhooks() {
  const h = await createContextHarness();
  const { meeting } = await h.book();
  const relative = await h.vouch(meeting, 'relative');
  await new Joining(h.ctx).join(relative.session);
  const webhooks = new Webhooks(h.ctx, new Reconciliation(h.ctx));
  const deliver = async (event: Record<string, unknown>) => {
    const body = JSON.stringify(event);
    return webhooks.handleWebhook(body, await signWebhook(body, API_KEY, API_SECRET));
  };
  const types: string[] = [];
  h.ctx.events.subscribe(meeting.id, (e) => types.push(e.type));
  return { h, meeting, relative: relative.grant.participantId, webhooks, deliver, types };
}

test('an unsigned or mis-signed webhook is UNAUTHENTICATED and changes nothing', async () => {
  const { h, meeting, relative, webhooks } = await withWebhooks();
  const body = JSON.stringify({ id: 'EV_1', event: 'participant_joined', room: { name: meeting.roomName }, participant: { identity: relative } });
  await assert.rejects(webhooks.handleWebhook(body, null), withCode('UNAUTHENTICATED'));
  await assert.rejects(webhooks.handleWebhook(body, await signWebhook(body, API_KEY, 'another-secret-another-secret-xx')), withCode('UNAUTHENTICATED'));
  assert.equal((await h.store.getParticipant(relative))?.connectedAt, null);
  await h.close();
});

test('participant_joined and _left keep attendance, audited and told; a delivery again is a duplicate', async () => {
  const { h, meeting, relative, deliver, types } = await withWebhooks();
  const joined = { id: 'EV_join', event: 'participant_joined', room: { name: meeting.roomName }, participant: { identity: relative, name: 'Rut' } };
  assert.deepEqual(await deliver(joined), { duplicate: false, event: 'participant_joined' });
  assert.notEqual((await h.store.getParticipant(relative))?.connectedAt, null);
  assert.deepEqual(await deliver(joined), { duplicate: true, event: 'participant_joined' });
  await deliver({ id: 'EV_left', event: 'participant_left', room: { name: meeting.roomName }, participant: { identity: relative } });
  assert.equal((await h.store.getParticipant(relative))?.connectedAt, null);
  assert.deepEqual(types, ['participant-connected', 'participant-disconnected']);
  const audit = (await h.store.listAudit(meeting.id)).map((a) => a.action);
  assert.ok(audit.includes('attendance.connected') && audit.includes('attendance.disconnected'));
  await h.close();
});

test('a stranger joining is flagged and audited; one the chair removed is disconnected again', async () => {
  const { h, meeting, deliver, types } = await withWebhooks();
  await deliver({ id: 'EV_s1', event: 'participant_joined', room: { name: meeting.roomName }, participant: { identity: 'sip_x', name: 'Okänd' } });
  assert.deepEqual(
    (await h.store.listStrangers(meeting.id)).map((s) => s.identity),
    ['sip_x'],
  );
  assert.deepEqual(types, ['stranger-connected']);
  await h.store.removeStranger(meeting.id, 'sip_x');
  await h.store.addRemovedStranger(meeting.id, 'sip_x', h.clock.now());
  await deliver({ id: 'EV_s2', event: 'participant_joined', room: { name: meeting.roomName }, participant: { identity: 'sip_x', name: 'Okänd' } });
  assert.deepEqual(await h.store.listStrangers(meeting.id), []);
  assert.ok(h.rooms.calls.some((c) => c.op === 'removeParticipant' && c.args[1] === 'sip_x'));
  await h.close();
});

test('an egress is stopped; an ended meeting whose room shows life has it deleted again', async () => {
  const { h, meeting, deliver } = await withWebhooks();
  await deliver({ id: 'EV_eg', event: 'egress_started', egressInfo: { egressId: 'EG_1', roomName: meeting.roomName } });
  assert.ok(h.rooms.calls.some((c) => c.op === 'stopEgress' && c.args[0] === 'EG_1'));
  await new ChairActions(h.ctx).end(meeting.id, { kind: 'organizer' });
  await h.rooms.ensureRoom(meeting.roomName, 5);
  await deliver({ id: 'EV_rs', event: 'room_started', room: { name: meeting.roomName } });
  assert.equal(h.rooms.rooms.has(meeting.roomName), false);
  const audit = (await h.store.listAudit(meeting.id)).map((a) => a.action);
  assert.deepEqual(
    audit.filter((a) => a.startsWith('egress.') || a === 'room.reappeared'),
    ['egress.started', 'egress.stopped', 'room.reappeared'],
  );
  await h.close();
});

test('an event for a room of no meeting is taken and ignored', async () => {
  const { h, deliver } = await withWebhooks();
  assert.deepEqual(await deliver({ id: 'EV_other', event: 'room_started', room: { name: 'r_someone-else' } }), { duplicate: false, event: 'room_started' });
  await h.close();
});
