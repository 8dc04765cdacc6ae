import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createContextHarness } from '../test-support/meeting-context.js';
import { Joining } from './join.js';
import { Reconciliation } from './reconciliation.js';

async function joined() {
  const h = await createContextHarness();
  const { meeting } = await h.book();
  const relative = await h.vouch(meeting, 'relative');
  await new Joining(h.ctx).join(relative.session);
  const types: string[] = [];
  h.ctx.events.subscribe(meeting.id, (e) => types.push(e.type));
  return { h, meeting, relative: relative.grant.participantId, types, reconciliation: new Reconciliation(h.ctx) };
}

test("reconciling follows LiveKit's lists: connected and gone again, each told to the stream", async () => {
  const { h, meeting, relative, types, reconciliation } = await joined();
  h.rooms.connect(meeting.roomName, relative, 'Rut Exempel');
  await reconciliation.reconcile(meeting.id);
  assert.notEqual((await h.store.getParticipant(relative))?.connectedAt, null);
  h.rooms.disconnect(meeting.roomName, relative);
  await reconciliation.reconcile(meeting.id);
  assert.equal((await h.store.getParticipant(relative))?.connectedAt, null);
  assert.deepEqual(types, ['participant-connected', 'participant-disconnected']);
  await h.close();
});

test('someone not on the list is flagged, and no longer once gone; a removed stranger who is back is disconnected again', async () => {
  const { h, meeting, reconciliation } = await joined();
  h.rooms.connect(meeting.roomName, 'sip_caller', 'Okänd');
  await reconciliation.reconcile(meeting.id);
  assert.deepEqual(
    (await h.store.listStrangers(meeting.id)).map((s) => s.identity),
    ['sip_caller'],
  );
  h.rooms.disconnect(meeting.roomName, 'sip_caller');
  await reconciliation.reconcile(meeting.id);
  assert.deepEqual(await h.store.listStrangers(meeting.id), []);
  await h.store.addRemovedStranger(meeting.id, 'sip_caller', h.clock.now());
  h.rooms.connect(meeting.roomName, 'sip_caller', 'Okänd');
  await reconciliation.reconcile(meeting.id);
  assert.deepEqual(await h.store.listStrangers(meeting.id), []);
  assert.equal(h.rooms.rooms.get(meeting.roomName)?.participants.has('sip_caller'), false);
  const again = (await h.store.listAudit(meeting.id)).find((a) => a.action === 'removed.reconnected');
  assert.deepEqual(again?.details, { stranger: true });
  await h.close();
});

test('a removed participant who is connected again is disconnected again, with the removal time as the token cut-off', async () => {
  const { h, meeting, relative, reconciliation } = await joined();
  const removedAt = h.clock.now();
  await h.store.setRemoved(relative, removedAt, { audit: [] });
  h.rooms.connect(meeting.roomName, relative, 'Rut Exempel');
  await reconciliation.reconcile(meeting.id);
  const removal = h.rooms.calls.find((c) => c.op === 'removeParticipant');
  assert.deepEqual(removal?.args, [meeting.roomName, relative, removedAt]);
  await h.close();
});

test('a change a webhook made while LiveKit was being read wins over the older list', async () => {
  const { h, meeting, relative, reconciliation } = await joined();
  let release: () => void = () => {};
  h.rooms.listHeldUntil = new Promise<void>((r) => (release = r));
  const reconciling = reconciliation.reconcile(meeting.id);
  await new Promise((r) => setTimeout(r, 10));
  // A webhook: the relative connected after the lists were read.
  reconciliation.changedByWebhook(relative);
  await h.store.setConnection({ participantId: relative, connected: true, at: h.clock.now() });
  h.rooms.listHeldUntil = null;
  release();
  await reconciling;
  assert.notEqual((await h.store.getParticipant(relative))?.connectedAt, null, 'not undone by the stale list');
  await h.close();
});

test('maybeReconcile: at most once per window, and never for an ended meeting', async () => {
  const { h, meeting, reconciliation } = await joined();
  const lists = () => h.rooms.calls.filter((c) => c.op === 'listParticipants').length;
  await reconciliation.maybeReconcile(meeting);
  assert.equal(lists(), 2);
  await reconciliation.maybeReconcile(meeting);
  assert.equal(lists(), 2, 'within the window: not again');
  const fresh = await h.book();
  await reconciliation.maybeReconcile({ ...fresh.meeting, endedAt: h.clock.now() });
  assert.equal(lists(), 2);
  await h.close();
});
