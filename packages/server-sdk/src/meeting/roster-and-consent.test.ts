import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConsentRecord, Participant } from '../model.js';
import { createContextHarness, withCode } from '../test-support/meeting-context.js';
import type { Caller } from './context.js';
import { Joining } from './join.js';
import { Reconciliation } from './reconciliation.js';
import { RosterAndConsent, consentView } from './roster-and-consent.js';

const ORGANIZER: Caller = { kind: 'organizer' };

async function booked(start?: string) {
  const h = await createContextHarness(start ? { start } : {});
  const { meeting } = await h.book();
  const roster = new RosterAndConsent(h.ctx, new Reconciliation(h.ctx));
  return { h, meeting, roster };
}

test('the roster: who is connected, absent and a no-show (with the number to call), and the strangers', async () => {
  const { h, meeting, roster } = await booked();
  const chair = await h.vouch(meeting, 'chair');
  await new Joining(h.ctx).join(chair.session);
  h.rooms.connect(meeting.roomName, chair.grant.participantId, 'Anna Samordnare');
  h.rooms.connect(meeting.roomName, 'sip_caller', 'Okänd');
  h.clock.set('2026-12-01T10:06:00+01:00');
  const r = await roster.roster(meeting.id, { kind: 'session', session: chair.session });
  assert.deepEqual(r.counts, { registered: 4, connected: 1, lobby: 0, strangers: 1 });
  const byRole = Object.fromEntries(r.participants.map((p) => [p.role, p]));
  assert.equal(byRole.chair?.status, 'connected');
  assert.equal(byRole.individual?.status, 'absent');
  assert.equal(byRole.individual?.noShow, true);
  assert.equal(byRole.individual?.phone, '+46701234567');
  assert.equal(byRole.relative?.phone, undefined, 'no number registered, none shown');
  assert.deepEqual(
    r.strangers.map((s) => s.identity),
    ['sip_caller'],
  );
  assert.equal(r.consent.state, 'missing');
  await h.close();
});

test('someone on the list who is not the chair gets only the meeting and their own standing', async () => {
  const { h, meeting, roster } = await booked();
  const relative = await h.vouch(meeting, 'relative');
  const caller: Caller = { kind: 'session', session: relative.session };
  const own = await roster.getMeeting(meeting.id, caller);
  assert.deepEqual('self' in own ? own.self : null, { id: relative.grant.participantId, role: 'relative', removed: false, evaluation: 'none' });
  await assert.rejects(roster.roster(meeting.id, caller), withCode('FORBIDDEN'));
  const full = await roster.getMeeting(meeting.id, ORGANIZER);
  assert.ok('participants' in full);
  await h.close();
});

test('consent: given for the list as shown, refused when the list changed, then withdrawn; each audited and told', async () => {
  const { h, meeting, roster } = await booked();
  const types: string[] = [];
  h.ctx.events.subscribe(meeting.id, (e) => types.push(e.type));
  const asked = await roster.consentRequest(meeting.id, ORGANIZER);
  assert.equal(asked.participants.length, 4);
  const ids = asked.participants.map((p) => p.id);
  await assert.rejects(roster.recordConsent(meeting.id, { how: 'verbal', participantIds: ids.slice(1) }, ORGANIZER), withCode('PARTICIPANTS_CHANGED'));
  const given = await roster.recordConsent(meeting.id, { how: 'verbal', participantIds: ids }, ORGANIZER);
  assert.equal(given.consent.state, 'given');
  assert.equal(given.consent.by, 'organizer');
  const individual = await h.vouch(meeting, 'individual');
  await assert.rejects(
    roster.recordConsent(meeting.id, { how: 'verbal', participantIds: ids }, { kind: 'session', session: individual.session }),
    withCode('FORBIDDEN'),
  );
  const withdrawn = await roster.withdrawConsent(meeting.id, { kind: 'session', session: individual.session });
  assert.equal(withdrawn.consent.state, 'withdrawn');
  assert.equal(withdrawn.consent.by, 'individual');
  await assert.rejects(roster.withdrawConsent(meeting.id, ORGANIZER), withCode('CONFLICT'));
  assert.deepEqual(types, ['consent', 'consent']);
  const audit = (await h.store.listAudit(meeting.id)).filter((a) => a.action.startsWith('consent.')).map((a) => `${a.action} ${a.code ?? 'ok'}`);
  assert.deepEqual(audit, [
    'consent.given PARTICIPANTS_CHANGED',
    'consent.given ok',
    'consent.given FORBIDDEN',
    'consent.withdrawn ok',
    'consent.withdrawn CONFLICT',
  ]);
  await h.close();
});

test('consentView: none without an individual, and who a given consent does not cover', () => {
  const at = new Date('2026-12-01T09:00:00Z');
  const person = (id: string, role: Participant['role'], removed = false) => ({ id, role, removedAt: removed ? at : null }) as Participant;
  assert.equal(consentView([person('p_a', 'chair')], null).state, 'none');
  assert.equal(consentView([person('p_a', 'chair'), person('p_i', 'individual')], null).state, 'missing');
  const record: ConsentRecord = { meetingId: 'm', state: 'given', at, by: 'chair', actor: 'p_a', how: 'verbal', participantIds: ['p_a', 'p_i'] };
  const view = consentView([person('p_a', 'chair'), person('p_i', 'individual'), person('p_new', 'relative'), person('p_gone', 'relative', true)], record);
  assert.deepEqual(view, { state: 'given', at: at.toISOString(), by: 'chair', how: 'verbal', notCovered: ['p_new'] });
});
