import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CareMeetError } from '../errors.js';
import type { MeetingEvent } from '../events.js';
import { HSA, sipMeeting } from '../test-support/harness.js';
import { createContextHarness, withCode } from '../test-support/meeting-context.js';
import { Booking } from './booking.js';

const EMAIL_GUEST = { name: 'Gunn Gäst', role: 'guest', identity: { kind: 'guest', email: 'gunn@example.se' } };

test('booking stores the meeting, a registration and an invitation each, its first key and one audit entry', async () => {
  const h = await createContextHarness();
  const { meeting, booked } = await h.book();
  assert.equal(booked.meeting.state, 'open');
  assert.equal(booked.meeting.e2ee, true, 'the deployment has an E2EE key, so meetings are encrypted by default');
  assert.deepEqual(
    booked.participants.map((p) => p.role),
    ['chair', 'individual', 'relative', 'guest'],
  );
  assert.equal(booked.participants[0]?.identity.masked.includes(HSA.anna), false, 'the identity is masked');
  const stored = await h.store.listParticipants(meeting.id);
  assert.equal(stored.length, 4);
  for (const p of booked.participants) {
    assert.match(p.invite.url, /^\/join#invite=/);
    assert.equal(p.invite.delivery, undefined, 'no sender configured: nothing sent');
  }
  assert.notEqual(await h.store.currentMeetingKey(meeting.id, stored[0]!.id), null);
  assert.deepEqual(
    (await h.store.listAudit(meeting.id)).map((a) => a.action),
    ['meeting.booked'],
  );
  await h.close();
});

test('booking refuses the same person twice and a meeting that asks for E2EE without a key, storing nothing', async () => {
  const h = await createContextHarness();
  const booking = new Booking(h.ctx);
  const chair = { name: 'Anna Samordnare', role: 'chair', identity: { kind: 'hsa', hsaId: HSA.anna } };
  const twice = { title: 'x', startsAt: '2026-12-01T10:00:00+01:00', endsAt: '2026-12-01T11:00:00+01:00', participants: [chair, { ...chair, role: 'staff' }] };
  await assert.rejects(
    booking.bookMeeting(twice),
    (e: unknown) => e instanceof CareMeetError && e.code === 'CONFLICT' && e.field === 'participants[1].identity',
  );
  await h.close();

  const plain = await createContextHarness({ e2ee: undefined });
  await assert.rejects(new Booking(plain.ctx).bookMeeting({ ...twice, participants: [chair], e2ee: true }), withCode('E2EE_NOT_CONFIGURED'));
  const { booked } = await plain.book();
  assert.equal(booked.meeting.e2ee, false, 'without a key, meetings are booked unencrypted');
  await plain.close();
});

test('a guest is sent the invitation at booking; a failed send is audited and shown, the booking stands', async () => {
  const sent: string[] = [];
  let failing = false;
  const h = await createContextHarness({
    inviteUrl: (t) => `https://portal.test/join#invite=${t}`,
    messages: {
      async sms(to) {
        if (failing) throw new Error('gateway down');
        sent.push(`sms ${to}`);
      },
      async email(to) {
        sent.push(`email ${to}`);
      },
    },
  });
  const { meeting, booked } = await h.book({ participants: [...sipMeeting().participants, EMAIL_GUEST] });
  assert.deepEqual(sent.sort(), ['email gunn@example.se', 'sms +46709876543']);
  assert.deepEqual(
    booked.participants.map((p) => p.invite.delivery),
    [undefined, undefined, undefined, 'sms', 'email'],
  );
  failing = true;
  const added = await new Booking(h.ctx).addParticipant(meeting.id, { name: 'Sam Sms', role: 'guest', identity: { kind: 'guest', phone: '+46701112233' } });
  assert.equal(added.invite.delivery, 'failed');
  const refused = (await h.store.listAudit(meeting.id)).filter((a) => a.action === 'invite.sent' && a.outcome === 'refused');
  assert.equal(refused.length, 1);
  assert.equal(refused[0]?.code, 'SEND_FAILED');
  await h.close();
});

test('adding a participant: published to the meeting stream, audited; a second chair and a known person refused', async () => {
  const h = await createContextHarness();
  const booking = new Booking(h.ctx);
  const { meeting } = await h.book();
  const events: MeetingEvent[] = [];
  const unsubscribe = h.ctx.events.subscribe(meeting.id, (e) => events.push(e));
  const added = await booking.addParticipant(meeting.id, EMAIL_GUEST);
  assert.equal(added.verify, 'name');
  assert.deepEqual(
    events.map((e) => e.type),
    ['participant-added'],
  );
  assert.ok((await h.store.listAudit(meeting.id)).some((a) => a.action === 'participant.registered' && a.participantId === added.id));
  await assert.rejects(booking.addParticipant(meeting.id, { ...EMAIL_GUEST, role: 'chair' }), withCode('BAD_REQUEST'));
  await assert.rejects(
    booking.addParticipant(meeting.id, { name: 'Anna igen', role: 'staff', identity: { kind: 'hsa', hsaId: HSA.anna } }),
    withCode('CONFLICT'),
  );
  await assert.rejects(booking.addParticipant('m_nope', EMAIL_GUEST), withCode('NOT_FOUND'));
  unsubscribe();
  await h.close();
});

test('a dial-in number gives each meeting its own meeting number and PIN', async () => {
  const h = await createContextHarness({ dialInNumber: '+46 10 123 45 67' });
  const a = (await h.book()).booked.meeting.dialIn;
  const b = (await h.book()).booked.meeting.dialIn;
  assert.equal(a?.number, '+46 10 123 45 67');
  assert.match(a?.meetingNumber ?? '', /^\d{9}$/);
  assert.match(a?.pin ?? '', /^\d{6}$/);
  assert.notEqual(a?.meetingNumber, b?.meetingNumber);
  await h.close();
});
