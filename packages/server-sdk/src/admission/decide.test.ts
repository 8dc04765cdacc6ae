import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideChairAction, decideConsent, decideJoin, grantsFor, meetingState, DEFAULT_ADMISSION_POLICY } from './decide.js';
import type { Meeting, Participant, Session } from '../model.js';

const meeting = (over: Partial<Meeting> = {}): Meeting => ({
  id: 'm_1',
  title: 't',
  startsAt: new Date('2026-12-01T09:00:00Z'),
  endsAt: new Date('2026-12-01T10:00:00Z'),
  allowScreenShare: false,
  allowChat: false,
  e2ee: false,
  roomName: 'r_main',
  lobbyRoomName: 'l_lobby',
  dialIn: null,
  createdAt: new Date('2026-11-01T00:00:00Z'),
  endedAt: null,
  endedBy: null,
  ...over,
});
const participant = (over: Partial<Participant> = {}): Participant => ({
  id: 'p_1',
  meetingId: 'm_1',
  name: 'Esther',
  role: 'individual',
  identityKind: 'pnr',
  identityKey: 'K1',
  masked: '1912****-****',
  phone: null,
  email: null,
  admittedAt: null,
  removedAt: null,
  connectedAt: null,
  disconnectedAt: null,
  firstConnectedAt: null,
  inLobby: false,
  typedName: null,
  createdAt: new Date('2026-11-01T00:00:00Z'),
  ...over,
});
const session = (over: Partial<Session> = {}): Session => ({
  tokenHash: 'h',
  meetingId: 'm_1',
  participantId: 'p_1',
  method: 'bankid',
  identityKey: 'K1',
  createdAt: new Date('2026-12-01T08:50:00Z'),
  expiresAt: new Date('2026-12-01T12:00:00Z'),
  ...over,
});
const at = (iso: string) => new Date(iso);
const guest = participant({ id: 'p_1', role: 'guest', identityKind: 'guest', identityKey: null });

// Each row: what the rules must decide, given (meeting, registration, session, time).
const table: Array<[string, Parameters<typeof decideJoin>[0], string]> = [
  ['matching identity during the meeting', { meeting: meeting(), participant: participant(), session: session(), now: at('2026-12-01T09:05:00Z') }, 'admit'],
  ['15 minutes early is open', { meeting: meeting(), participant: participant(), session: session(), now: at('2026-12-01T08:45:00Z') }, 'admit'],
  ['16 minutes early is too early', { meeting: meeting(), participant: participant(), session: session(), now: at('2026-12-01T08:44:00Z') }, 'TOO_EARLY'],
  [
    'identity mismatch',
    { meeting: meeting(), participant: participant(), session: session({ identityKey: 'K2' }), now: at('2026-12-01T09:05:00Z') },
    'IDENTITY_MISMATCH',
  ],
  [
    'no proven identity for an identified registration',
    { meeting: meeting(), participant: participant(), session: session({ identityKey: null }), now: at('2026-12-01T09:05:00Z') },
    'IDENTITY_MISMATCH',
  ],
  [
    'ended by the chair',
    { meeting: meeting({ endedAt: at('2026-12-01T09:30:00Z') }), participant: participant(), session: session(), now: at('2026-12-01T09:31:00Z') },
    'MEETING_ENDED',
  ],
  [
    'ended by time (two hours past the end)',
    { meeting: meeting(), participant: participant(), session: session({ expiresAt: at('2026-12-02T00:00:00Z') }), now: at('2026-12-01T12:00:01Z') },
    'MEETING_ENDED',
  ],
  [
    'removed',
    { meeting: meeting(), participant: participant({ removedAt: at('2026-12-01T09:10:00Z') }), session: session(), now: at('2026-12-01T09:11:00Z') },
    'REMOVED',
  ],
  [
    'ended wins over removed',
    {
      meeting: meeting({ endedAt: at('2026-12-01T09:30:00Z') }),
      participant: participant({ removedAt: at('2026-12-01T09:10:00Z') }),
      session: session(),
      now: at('2026-12-01T09:31:00Z'),
    },
    'MEETING_ENDED',
  ],
  [
    'session of another registration',
    { meeting: meeting(), participant: participant(), session: session({ participantId: 'p_2' }), now: at('2026-12-01T09:05:00Z') },
    'FORBIDDEN',
  ],
  [
    'session of another meeting',
    { meeting: meeting(), participant: participant(), session: session({ meetingId: 'm_2' }), now: at('2026-12-01T09:05:00Z') },
    'FORBIDDEN',
  ],
  [
    'expired session',
    { meeting: meeting(), participant: participant(), session: session({ expiresAt: at('2026-12-01T09:00:00Z') }), now: at('2026-12-01T09:05:00Z') },
    'UNAUTHENTICATED',
  ],
  [
    'guest not yet admitted waits in the lobby',
    { meeting: meeting(), participant: guest, session: session({ identityKey: null, method: 'sms-code' }), now: at('2026-12-01T09:05:00Z') },
    'lobby',
  ],
  [
    'admitted guest joins the room',
    {
      meeting: meeting(),
      participant: { ...guest, admittedAt: at('2026-12-01T09:06:00Z') },
      session: session({ identityKey: null }),
      now: at('2026-12-01T09:07:00Z'),
    },
    'admit',
  ],
  [
    'removed guest stays out',
    {
      meeting: meeting(),
      participant: { ...guest, removedAt: at('2026-12-01T09:06:00Z') },
      session: session({ identityKey: null }),
      now: at('2026-12-01T09:07:00Z'),
    },
    'REMOVED',
  ],
];

for (const [name, ctx, expected] of table) {
  test(`decideJoin: ${name} -> ${expected}`, () => {
    const d = decideJoin(ctx);
    assert.equal(d.outcome === 'refuse' ? d.code : d.outcome, expected);
  });
}

test('decideJoin: the lobby decision is for the lobby room only, with no subscribe right', () => {
  const d = decideJoin({ meeting: meeting(), participant: guest, session: session({ identityKey: null }), now: at('2026-12-01T09:05:00Z') });
  assert.equal(d.outcome, 'lobby');
  if (d.outcome !== 'lobby') return;
  assert.equal(d.room, 'l_lobby');
  assert.equal(d.grants.canSubscribe, false);
  assert.equal(d.grants.canPublishData, false);
});

test('decideJoin: too early says how long before the start the meeting opens, by the policy (the elements show it)', () => {
  const early = { meeting: meeting(), participant: participant(), session: session(), now: at('2026-12-01T08:00:00Z') };
  const d = decideJoin(early);
  assert.equal(d.outcome === 'refuse' && d.reason, 'the meeting is not open yet: it opens 15 minutes before it starts');
  const d30 = decideJoin({ ...early, policy: { ...DEFAULT_ADMISSION_POLICY, openBeforeStartMs: 30 * 60_000 } });
  assert.match(d30.outcome === 'refuse' ? d30.reason : '', /opens 30 minutes before/);
});

test('grantsFor: screen share and data only when the meeting allows them', () => {
  const closed = grantsFor('staff', { allowScreenShare: false, allowChat: false });
  assert.deepEqual(closed.canPublishSources, ['camera', 'microphone']);
  assert.equal(closed.canPublishData, false);
  const open = grantsFor('staff', { allowScreenShare: true, allowChat: true });
  assert.deepEqual(open.canPublishSources, ['camera', 'microphone', 'screen_share', 'screen_share_audio']);
  assert.equal(open.canPublishData, true);
  for (const role of ['chair', 'staff', 'individual', 'relative', 'guest', 'lobby', 'lobby-observer'] as const) {
    assert.equal(grantsFor(role, { allowScreenShare: true, allowChat: true }).canUpdateOwnMetadata, false, role);
  }
});

test('meetingState follows the policy window', () => {
  const m = meeting();
  assert.equal(meetingState(m, at('2026-12-01T08:00:00Z')), 'scheduled');
  assert.equal(meetingState(m, at('2026-12-01T09:30:00Z')), 'open');
  assert.equal(meetingState(m, new Date(m.endsAt.getTime() + DEFAULT_ADMISSION_POLICY.closeAfterEndMs + 1)), 'ended');
});

test('decideChairAction: only the chair acts; the chair cannot be removed; nothing after the end', () => {
  const chair = participant({ id: 'p_c', role: 'chair', identityKind: 'hsa' });
  const staff = participant({ id: 'p_s', role: 'staff', identityKind: 'hsa' });
  const now = at('2026-12-01T09:10:00Z');
  assert.deepEqual(decideChairAction('remove', { meeting: meeting(), actor: chair, target: staff, now }), { outcome: 'allow' });
  assert.equal((decideChairAction('remove', { meeting: meeting(), actor: staff, target: chair, now }) as { code: string }).code, 'FORBIDDEN');
  assert.equal((decideChairAction('remove', { meeting: meeting(), actor: chair, target: chair, now }) as { code: string }).code, 'FORBIDDEN');
  assert.equal((decideChairAction('end', { meeting: meeting(), actor: staff, now }) as { code: string }).code, 'FORBIDDEN');
  assert.equal(
    (decideChairAction('admit', { meeting: meeting({ endedAt: now }), actor: chair, target: staff, now }) as { code: string }).code,
    'MEETING_ENDED',
  );
  assert.equal(
    (decideChairAction('admit', { meeting: meeting(), actor: chair, target: participant({ meetingId: 'm_9' }), now }) as { code: string }).code,
    'NOT_FOUND',
  );
  assert.equal(decideChairAction('end', { meeting: meeting(), actor: 'organizer', now }).outcome, 'allow');
});

test('decideConsent: the individual records her own, the chair or organizer what she told them; a removed individual or an ended meeting, nothing', () => {
  const esther = participant();
  const chair = participant({ id: 'p_c', role: 'chair', identityKind: 'hsa' });
  const relative = participant({ id: 'p_r', role: 'relative' });
  const now = at('2026-12-01T08:50:00Z');
  const base = { meeting: meeting(), participants: [esther, chair, relative], current: null, now };
  const code = (r: ReturnType<typeof decideConsent>) => (r.outcome === 'refuse' ? r.code : `allow:${r.by}`);
  assert.equal(code(decideConsent('give', { ...base, actor: esther, how: 'self' })), 'allow:individual');
  assert.equal(code(decideConsent('give', { ...base, actor: chair, how: 'verbal' })), 'allow:chair');
  assert.equal(code(decideConsent('give', { ...base, actor: 'organizer', how: 'written' })), 'allow:organizer');
  // Each records only in their own way; nobody else records it at all.
  assert.equal(code(decideConsent('give', { ...base, actor: esther, how: 'verbal' })), 'FORBIDDEN');
  assert.equal(code(decideConsent('give', { ...base, actor: chair, how: 'self' })), 'FORBIDDEN');
  assert.equal(code(decideConsent('give', { ...base, actor: relative, how: 'self' })), 'FORBIDDEN');
  assert.equal(code(decideConsent('give', { ...base, actor: participant({ meetingId: 'm_9' }), how: 'self' })), 'FORBIDDEN');
  assert.equal(code(decideConsent('give', { ...base, actor: participant({ removedAt: now }), how: 'self' })), 'FORBIDDEN');
  assert.equal(code(decideConsent('give', { ...base, meeting: meeting({ endedAt: now }), actor: chair, how: 'verbal' })), 'MEETING_ENDED');
  assert.equal(code(decideConsent('give', { ...base, participants: [chair, relative], actor: chair, how: 'verbal' })), 'CONFLICT');
  // Only consent in force can be withdrawn.
  assert.equal(code(decideConsent('withdraw', { ...base, actor: esther })), 'CONFLICT');
  const given = { meetingId: 'm_1', state: 'given' as const, at: now, by: 'individual' as const, actor: 'p_1', how: 'self' as const, participantIds: ['p_1'] };
  assert.equal(code(decideConsent('withdraw', { ...base, current: given, actor: esther })), 'allow:individual');
  assert.equal(code(decideConsent('withdraw', { ...base, current: given, actor: relative })), 'FORBIDDEN');
  // Reading what she is asked: the same people, also once the meeting has ended.
  assert.equal(code(decideConsent('read', { ...base, meeting: meeting({ endedAt: now }), actor: esther })), 'allow:individual');
  assert.equal(code(decideConsent('read', { ...base, actor: relative })), 'FORBIDDEN');
});
