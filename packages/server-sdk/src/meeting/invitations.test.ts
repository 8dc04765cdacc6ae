import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sipMeeting } from '../test-support/harness.js';
import { createContextHarness, withCode } from '../test-support/meeting-context.js';
import { Invitations } from './invitations.js';
import { Sessions } from './sessions.js';

const EMAIL_GUEST = { name: 'Gunn Gäst', role: 'guest', identity: { kind: 'guest', email: 'gunn@example.se' } };

async function withEmailGuest() {
  const h = await createContextHarness();
  const sessions = new Sessions(h.ctx);
  const invitations = new Invitations(h.ctx, sessions);
  const { meeting, booked } = await h.book({ participants: [...sipMeeting().participants, EMAIL_GUEST] });
  const invite = (role: string) => booked.participants.find((p) => p.role === role && (role !== 'guest' || p.verify === 'name'))!.invite.token;
  return { h, sessions, invitations, meeting, booked, invite };
}

test('an invitation tells what it is for and how its holder proves who they are; a bad link is NOT_FOUND', async () => {
  const { h, invitations, booked } = await withEmailGuest();
  const sms = booked.participants.find((p) => p.verify === 'sms-code')!;
  const inspected = await invitations.inspectInvitation(sms.invite.token);
  assert.deepEqual(inspected.participant, { id: sms.id, name: sms.name, role: 'guest' });
  assert.equal(inspected.verify, 'sms-code');
  assert.equal(inspected.meeting.state, 'open');
  await assert.rejects(invitations.inspectInvitation('not-a-real-invitation-token'), withCode('NOT_FOUND'));
  await assert.rejects(invitations.inspectInvitation('x'.repeat(101)), withCode('NOT_FOUND'));
  await h.close();
});

test('an e-mail guest redeems with a typed name, once: the session is stored with the name, a second try is INVITE_USED', async () => {
  const { h, sessions, invitations, meeting, invite } = await withEmailGuest();
  const token = invite('guest');
  const grant = await invitations.redeemInvitationWithName(token, 'Gunn Gästsson');
  const session = await sessions.sessionFromToken(grant.session);
  assert.equal(session.method, 'name');
  assert.equal((await h.store.getParticipant(grant.participantId))?.typedName, 'Gunn Gästsson');
  await assert.rejects(invitations.redeemInvitationWithName(token, 'Gunn'), withCode('INVITE_USED'));
  // The used invitation is refused before anything is tried: only the redemption is audited.
  const redeems = (await h.store.listAudit(meeting.id)).filter((a) => a.action === 'invite.redeem').map((a) => a.outcome);
  assert.deepEqual(redeems, ['ok']);
  await h.close();
});

test('each invitation is redeemed only its own way', async () => {
  const { h, invitations, invite } = await withEmailGuest();
  await assert.rejects(invitations.redeemInvitationWithName(invite('relative'), 'Rut'), withCode('BAD_REQUEST'));
  await assert.rejects(invitations.sendSmsCode(invite('guest')), withCode('BAD_REQUEST'));
  await assert.rejects(invitations.redeemInvitationWithCode(invite('guest'), '123456'), withCode('BAD_REQUEST'));
  await assert.rejects(invitations.startOidcLogin(invite('guest'), { returnTo: 'https://portal.test/x' }), (e: unknown) => e instanceof Error);
  await h.close();
});

test('an SMS code is not sent without a sender; an invitation of an ended or removed registration is refused', async () => {
  const { h, invitations, booked, meeting } = await withEmailGuest();
  const sms = booked.participants.find((p) => p.verify === 'sms-code')!;
  await assert.rejects(invitations.sendSmsCode(sms.invite.token), withCode('SEND_FAILED'));
  await h.store.setRemoved(sms.id, h.clock.now(), { audit: [] });
  await assert.rejects(invitations.inspectInvitation(sms.invite.token), withCode('REMOVED'));
  h.clock.set(new Date(meeting.endsAt.getTime() + h.ctx.policy.closeAfterEndMs + 60_000));
  await assert.rejects(invitations.inspectInvitation(booked.participants[1]!.invite.token), withCode('MEETING_ENDED'));
  await h.close();
});

test('an identity-provider callback with an unknown state is answered null and logged', async () => {
  const { h, invitations } = await withEmailGuest();
  assert.equal(await invitations.finishOidcLogin(new URLSearchParams({ state: 'unknown', code: 'x' })), null);
  await h.close();
});
