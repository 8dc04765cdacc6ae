import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createContextHarness, withCode } from '../test-support/meeting-context.js';
import { auditEntry } from './audit.js';
import { meetingView, participantView } from './views.js';

test('the context finds a meeting or says NOT_FOUND, and tells whose session may act on which meeting', async () => {
  const h = await createContextHarness();
  const { meeting } = await h.book();
  const other = await h.book();
  assert.equal((await h.ctx.meeting(meeting.id)).id, meeting.id);
  await assert.rejects(h.ctx.meeting('m_none'), withCode('NOT_FOUND'));
  await assert.rejects(h.ctx.meeting('m'.repeat(65)), withCode('NOT_FOUND'));
  const { session } = await h.vouch(meeting, 'relative');
  assert.equal(await h.ctx.actor(meeting, { kind: 'organizer' }), 'organizer');
  const actor = await h.ctx.actor(meeting, { kind: 'session', session });
  assert.equal(actor !== 'organizer' && actor.role, 'relative');
  await assert.rejects(h.ctx.actor(other.meeting, { kind: 'session', session }), withCode('FORBIDDEN'));
  await h.close();
});

test('audit entries are stamped by the clock; the views show the meeting in its state now', async () => {
  const h = await createContextHarness();
  const { meeting } = await h.book();
  await h.ctx.audit(meeting.id, 'test.action', 'server', null, 'refused', 'FORBIDDEN', { n: 1 });
  const last = (await h.store.listAudit(meeting.id)).at(-1);
  assert.equal(last?.action, 'test.action');
  assert.equal(last?.at.toISOString(), h.clock.now().toISOString());
  assert.deepEqual(auditEntry(new Date(0), 'm', 'a', 'server', 'p', 'ok', null, {}), {
    meetingId: 'm',
    at: new Date(0),
    action: 'a',
    actor: 'server',
    participantId: 'p',
    outcome: 'ok',
    code: null,
    details: {},
  });
  assert.equal(meetingView(meeting, meeting.startsAt, h.ctx.policy).state, 'open');
  assert.equal(meetingView(meeting, new Date(meeting.endsAt.getTime() + h.ctx.policy.closeAfterEndMs + 1), h.ctx.policy).state, 'ended');
  assert.equal(h.ctx.meetingView({ ...meeting, endedAt: h.clock.now() }).endedAt, h.clock.now().toISOString());
  const p = (await h.store.listParticipants(meeting.id))[1]!;
  assert.deepEqual(participantView(p), { id: p.id, name: p.name, role: 'individual', identity: { kind: 'pnr', masked: p.masked }, verify: 'bankid' });
  await h.close();
});
