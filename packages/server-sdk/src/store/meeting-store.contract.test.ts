// The MeetingStore contract: what every store must do, run on SQLite and on PostgreSQL alike. (What
// only one engine has, such as SQLite's WAL checkpoints or PostgreSQL's migration lock, is tested in
// sqlite-store.test.ts and postgres-store.test.ts.) The PostgreSQL half needs a server: it runs under
// `bash scripts/postgres.sh run -- …` (CARE_MEET_TEST_POSTGRES_URL); without one it is skipped with
// that reason, and in CI it fails.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConsentRecord, Invitation, Meeting, NewAuditEntry, Participant, Session } from '../model.js';
import { WEBHOOK_EVENTS_KEPT_MS, WEBHOOK_PRUNE_EVERY_MS, type MeetingStore, type PendingLogin } from './meeting-store.js';
import { STORE_ENGINES, type StoreEngine, type TestDatabase } from '../test-support/store-engines.js';
import { RateLimiter } from '../http/rate-limit.js';

const meeting: Meeting = {
  id: 'm_store',
  title: 'Samordnad individuell plan',
  startsAt: new Date('2026-12-01T09:00:00Z'),
  endsAt: new Date('2026-12-01T10:00:00Z'),
  allowScreenShare: false,
  allowChat: true,
  e2ee: false,
  roomName: 'r_store',
  lobbyRoomName: 'l_store',
  dialIn: { number: '+46101234567', meetingNumber: '123456789', pin: '123456' },
  createdAt: new Date('2026-11-01T00:00:00.123Z'),
  endedAt: null,
  endedBy: null,
};

function participant(id: string, over: Partial<Participant> = {}): Participant {
  return {
    id,
    meetingId: meeting.id,
    name: `Name ${id}`,
    role: 'guest',
    identityKind: 'guest',
    identityKey: null,
    masked: '+46****43',
    phone: '+46709876543',
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
  };
}

const invitation = (p: Participant, secretHash: string, expiresAt = new Date('2026-12-01T12:00:00Z')): Invitation => ({
  participantId: p.id,
  meetingId: p.meetingId,
  secretHash,
  expiresAt,
  usedAt: null,
});

const entry = (action: string, over: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
  meetingId: meeting.id,
  at: new Date('2026-12-01T09:00:00Z'),
  action,
  actor: 'organizer',
  participantId: null,
  outcome: 'ok',
  code: null,
  details: {},
  ...over,
});

const session = (tokenHash: string, p: Participant, over: Partial<Session> = {}): Session => ({
  tokenHash,
  meetingId: p.meetingId,
  participantId: p.id,
  method: 'sms-code',
  identityKey: p.identityKey,
  createdAt: new Date('2026-12-01T09:00:00Z'),
  expiresAt: new Date('2026-12-01T09:10:00Z'),
  ...over,
});

const actions = async (store: MeetingStore) => (await store.listAudit(meeting.id)).map((e) => e.action);

/** Each engine's half of the contract; `it` opens the test's own database and closes it after. */
for (const engine of STORE_ENGINES) {
  describe(`MeetingStore contract: ${engine.name}`, () => {
    // Skipped one by one (not the suite), so that the run's count of skipped tests shows them.
    contract(engine, (name: string, fn: (db: TestDatabase) => Promise<void>) =>
      test(name, engine.skip ? { skip: engine.skip } : {}, async () => {
        const db = await engine.open();
        try {
          await fn(db);
        } finally {
          await db.close();
        }
      }),
    );
  });
}

function contract(engine: StoreEngine, it: (name: string, fn: (db: TestDatabase) => Promise<void>) => unknown): void {
  it('every field of a meeting, its registrations, invitations and sessions comes back as it was stored', async ({ store }) => {
    const a = participant('p_a', {
      role: 'chair',
      identityKind: 'hsa',
      identityKey: 'k_a',
      masked: '****A1B2',
      phone: null,
      admittedAt: new Date('2026-12-01T08:59:59.001Z'),
      typedName: 'Anna',
      inLobby: true,
      createdAt: new Date('2026-11-01T00:00:00Z'),
    });
    // Stored later but created earlier: registrations come back by creation time, then by storing order.
    const b = participant('p_b', { createdAt: new Date('2026-10-01T00:00:00Z'), email: 'b@example.se', phone: null });
    const c = participant('p_c', { createdAt: new Date('2026-10-01T00:00:00Z') });
    await store.createMeeting(meeting, [a, b, c], [invitation(a, 'h_a'), invitation(b, 'h_b')]);
    assert.deepEqual(await store.getMeeting(meeting.id), meeting);
    assert.deepEqual(await store.getMeetingByRoomName(meeting.lobbyRoomName), meeting);
    assert.equal(await store.getMeeting('nope'), null);
    assert.equal(await store.getMeetingByRoomName('nope'), null);
    assert.equal(await store.meetingNumberTaken('123456789'), true);
    assert.equal(await store.meetingNumberTaken('987654321'), false);
    assert.deepEqual(await store.listParticipants(meeting.id), [b, c, a]);
    assert.deepEqual(await store.getParticipant('p_a'), a);
    assert.deepEqual(await store.getInvitationByHash('h_b'), invitation(b, 'h_b'));
    assert.deepEqual(await store.getInvitationForParticipant('p_a'), invitation(a, 'h_a'));
    assert.equal(await store.getInvitationForParticipant('p_c'), null);
    const replaced = { ...invitation(a, 'h_a2', new Date('2026-12-02T00:00:00Z')), usedAt: null };
    await store.replaceInvitation(replaced);
    assert.equal(await store.getInvitationByHash('h_a'), null);
    assert.deepEqual(await store.getInvitationForParticipant('p_a'), replaced);
    await store.replaceInvitation(invitation(c, 'h_c'));
    assert.deepEqual(await store.getInvitationByHash('h_c'), invitation(c, 'h_c'));

    const s = session('th_a', a, { method: 'siths' });
    await store.createSession(s, [entry('session.created', { participantId: a.id })]);
    assert.deepEqual(await store.getSession('th_a'), s);
    assert.deepEqual(await store.getSessionContext('th_a'), { session: s, meeting, participant: a, meetingKey: null });
    assert.equal(await store.getSessionContext('nope'), null);
    assert.equal(await store.getSession('nope'), null);
    assert.deepEqual(await actions(store), ['session.created']);

    // A meeting without dial-in.
    const other = { ...meeting, id: 'm_other', roomName: 'r_other', lobbyRoomName: 'l_other', dialIn: null, allowScreenShare: true, allowChat: false };
    await store.createMeeting(other, [], []);
    assert.deepEqual(await store.getMeeting('m_other'), other);
  });

  it('the registration fields the server changes are stored one by one', async ({ store }) => {
    const p = participant('p_x');
    await store.createMeeting(meeting, [p], []);
    const t1 = new Date('2026-12-01T09:01:00Z');
    const t2 = new Date('2026-12-01T09:02:00Z');
    await store.setConnection({ participantId: p.id, connected: true, at: t1 });
    await store.setWaiting(p.id, true);
    await store.setTypedName(p.id, 'Kurt K');
    await store.setAdmitted(p.id, t1);
    assert.deepEqual(await store.getParticipant(p.id), { ...p, connectedAt: t1, firstConnectedAt: t1, inLobby: true, typedName: 'Kurt K', admittedAt: t1 });
    await store.setConnection({ participantId: p.id, connected: false, at: t2 });
    await store.setConnection({ participantId: p.id, connected: true, at: t2 });
    await store.setRemoved(p.id, t2);
    await store.setWaiting(p.id, false);
    assert.deepEqual(await store.getParticipant(p.id), {
      ...p,
      connectedAt: t2,
      disconnectedAt: null,
      firstConnectedAt: t1,
      typedName: 'Kurt K',
      removedAt: t2,
      admittedAt: null,
    });
    await store.setAdmitted(p.id, t2);
    assert.equal((await store.getParticipant(p.id))?.removedAt, null, 'admitting again clears the removal');
  });

  it('a first join notes the admission but never undoes a removal that came first', async ({ store }) => {
    const p = participant('p_j');
    await store.createMeeting(meeting, [p], []);
    const t1 = new Date('2026-12-01T09:01:00Z');
    const t2 = new Date('2026-12-01T09:02:00Z');
    assert.equal(await store.setJoinedAdmitted(p.id, t1), true);
    assert.equal((await store.getParticipant(p.id))?.admittedAt?.getTime(), t1.getTime());
    assert.equal(await store.setJoinedAdmitted(p.id, t2), true, 'joining again: still admitted');
    assert.equal((await store.getParticipant(p.id))?.admittedAt?.getTime(), t1.getTime(), 'the first admission is kept');
    await store.setRemoved(p.id, t2);
    assert.equal(await store.setJoinedAdmitted(p.id, t2), false, 'removed: the join does not admit');
    const after = await store.getParticipant(p.id);
    assert.equal(after?.removedAt?.getTime(), t2.getTime(), 'the removal stands');
    assert.equal(after?.admittedAt, null);
  });

  it('a registration whose identity is already registered in the meeting is refused, and nothing of it is stored', async ({ store }) => {
    const a = participant('p_a', { identityKind: 'pnr', identityKey: 'k_same' });
    await store.createMeeting(meeting, [a], [invitation(a, 'h_a')]);
    const b = participant('p_b', { identityKind: 'pnr', identityKey: 'k_same' });
    await assert.rejects(store.addParticipant(b, invitation(b, 'h_b'), [entry('participant.registered')]));
    assert.equal(await store.getParticipant('p_b'), null);
    assert.equal(await store.getInvitationByHash('h_b'), null);
    assert.deepEqual(await actions(store), []);
    // Guests have no identity key: any number of them.
    await store.addParticipant(participant('p_g1'), invitation(participant('p_g1'), 'h_g1'));
    await store.addParticipant(participant('p_g2'), invitation(participant('p_g2'), 'h_g2'), [entry('participant.registered')]);
    assert.equal((await store.listParticipants(meeting.id)).length, 3);
    assert.deepEqual(await actions(store), ['participant.registered']);
  });

  it('each change is stored with its dependent rows in one transaction: a failing part leaves nothing of it', async ({ store }) => {
    const bad = entry('bad', { actor: null as unknown as string }); // NOT NULL in both schemas
    const a = participant('p_a');
    await assert.rejects(store.createMeeting(meeting, [a], [invitation(a, 'h_a')], undefined, [entry('meeting.booked'), bad]));
    assert.equal(await store.getMeeting(meeting.id), null);
    assert.equal(await store.getParticipant('p_a'), null);
    assert.equal(await store.getInvitationByHash('h_a'), null);
    assert.deepEqual(await actions(store), []);

    await store.createMeeting(meeting, [a], [invitation(a, 'h_a')], undefined, [entry('meeting.booked')]);
    const at = new Date('2026-12-01T09:05:00Z');
    // The session of the redemption cannot be stored (its token hash is taken): the invitation stays unused.
    await store.createSession(session('th_taken', a));
    await assert.rejects(store.redeemInvitation('h_a', at, { session: session('th_taken', a), typedName: 'Kurt', audit: [entry('invite.redeem')] }));
    assert.equal((await store.getInvitationByHash('h_a'))?.usedAt, null);
    assert.equal((await store.getParticipant('p_a'))?.typedName, null);
    assert.equal(
      await store.redeemInvitation('h_a', at, { session: session('th_new', a), typedName: 'Kurt', audit: [entry('invite.redeem'), entry('session.created')] }),
      true,
    );
    assert.deepEqual((await store.getInvitationByHash('h_a'))?.usedAt, at);
    assert.equal((await store.getParticipant('p_a'))?.typedName, 'Kurt');
    assert.notEqual(await store.getSession('th_new'), null);

    // The end's entry cannot be written: the meeting is not ended, no room is asked for.
    assert.equal(await store.endMeeting(meeting.id, at, 'organizer', bad).catch(() => 'refused'), 'refused');
    assert.equal((await store.getMeeting(meeting.id))?.endedAt, null);
    assert.deepEqual(await store.listRoomsToDelete(), []);
    assert.deepEqual(await actions(store), ['meeting.booked', 'invite.redeem', 'session.created']);
  });

  it('endMeeting, redeemInvitation and claimWebhookEvent each have exactly one winner, also between two stores', async ({ store, openAnother }) => {
    const other = await openAnother();
    const p = participant('p_store');
    await store.createMeeting(meeting, [p], [invitation(p, 'h1')]);
    const at = new Date('2026-12-01T09:10:00Z');
    const ends = await Promise.all([
      store.endMeeting(meeting.id, at, 'a', entry('meeting.ended')),
      other.endMeeting(meeting.id, at, 'b', entry('meeting.ended')),
    ]);
    assert.deepEqual([...ends].sort(), [false, true]);
    assert.equal((await store.getMeeting(meeting.id))?.endedBy, ends[0] ? 'a' : 'b');
    assert.deepEqual(await actions(store), ['meeting.ended'], 'one entry: only the winner writes it');
    const redeems = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? other : store).redeemInvitation('h1', at)));
    assert.equal(redeems.filter(Boolean).length, 1);
    assert.equal(await store.redeemInvitation('unknown', at), false);
    const until = new Date(at.getTime() + 10_000);
    const claims = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? other : store).claimWebhookEvent({ eventId: 'EV_1', claim: `c${i}`, at, until })),
    );
    assert.deepEqual(claims.sort(), ['busy', 'busy', 'busy', 'busy', 'busy', 'claimed']);
    await other.finishWebhookEvent('EV_1', at);
    assert.equal(await store.claimWebhookEvent({ eventId: 'EV_1', claim: 'late', at, until }), 'handled');
  });

  it('webhook events are remembered for a day, then forgotten (at most one prune an hour)', async ({ store }) => {
    const t0 = new Date('2026-12-01T09:00:00Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const claim = (eventId: string, when: Date) =>
      store.claimWebhookEvent({ eventId, claim: `c-${eventId}-${when.getTime()}`, at: when, until: new Date(when.getTime() + 10_000) });
    assert.equal(await claim('EV_old', t0), 'claimed');
    await store.finishWebhookEvent('EV_old', t0);
    assert.equal(await claim('EV_new', at(WEBHOOK_EVENTS_KEPT_MS - 60_000)), 'claimed');
    await store.finishWebhookEvent('EV_new', at(WEBHOOK_EVENTS_KEPT_MS - 60_000));
    // Within the day (and within the prune's hour): both are second deliveries.
    assert.equal(await claim('EV_old', at(WEBHOOK_EVENTS_KEPT_MS - 1)), 'handled');
    assert.equal(await claim('EV_new', at(WEBHOOK_EVENTS_KEPT_MS - 1)), 'handled');
    // A day and more after EV_old, and an hour after the last prune: EV_old is gone, EV_new kept.
    const later = at(WEBHOOK_EVENTS_KEPT_MS + WEBHOOK_PRUNE_EVERY_MS);
    assert.equal(await claim('EV_other', later), 'claimed');
    assert.equal(await claim('EV_new', later), 'handled');
    assert.equal(await claim('EV_old', later), 'claimed', 'forgotten: the id is new again (its signature would have expired days ago)');
  });

  it('an expired invitation cannot be redeemed', async ({ store }) => {
    const p = participant('p_exp', { phone: null, email: 'k@example.se' });
    await store.createMeeting(meeting, [p], [invitation(p, 'h2', new Date('2026-12-01T10:00:00Z'))]);
    assert.equal(await store.redeemInvitation('h2', new Date('2026-12-01T10:00:00Z')), false, 'expiry is exclusive');
    assert.equal(await store.redeemInvitation('h2', new Date('2026-12-01T09:59:59.999Z')), true);
  });

  it('rule 9: the audit log and the consent history cannot be changed or deleted, even with SQL beside the store', async ({ store, sql, openAnother }) => {
    await store.createMeeting(meeting, [], []);
    await store.appendAudit(entry('meeting.booked', { details: { rooms: 2, note: 'a "quoted" \\ value', ok: true, none: null } }));
    await store.addConsent({ meetingId: meeting.id, state: 'withdrawn', at: new Date(), by: 'organizer', actor: 'organizer', how: null, participantIds: [] });
    await assert.rejects(sql("UPDATE audit SET action = 'nothing'"), /append-only/);
    await assert.rejects(sql('DELETE FROM audit'), /append-only/);
    await assert.rejects(sql("UPDATE consents SET state = 'given'"), /append-only/);
    await assert.rejects(sql('DELETE FROM consents'), /append-only/);
    if (engine.name === 'PostgresMeetingStore') {
      // TRUNCATE skips row triggers: a statement trigger refuses it too.
      await assert.rejects(sql('TRUNCATE audit'), /append-only/);
      await assert.rejects(sql('TRUNCATE consents'), /append-only/);
    }
    await store.close();
    const reopened = await openAnother();
    const entries = await reopened.listAudit(meeting.id);
    assert.equal(entries.length, 1);
    assert.equal(entries[0]?.action, 'meeting.booked');
    assert.deepEqual(entries[0]?.details, { rooms: 2, note: 'a "quoted" \\ value', ok: true, none: null });
    assert.equal((await reopened.currentConsent(meeting.id))?.state, 'withdrawn');
    assert.deepEqual((await reopened.getMeeting(meeting.id))?.dialIn, meeting.dialIn);
  });

  it('consent to the list is stored only while the list is the one shown; a withdrawal always is', async ({ store }) => {
    const a = participant('p_a');
    const b = participant('p_b');
    await store.createMeeting(meeting, [a, b], []);
    const given = (ids: string[], at = '2026-12-01T09:00:00Z'): ConsentRecord => ({
      meetingId: meeting.id,
      state: 'given',
      at: new Date(at),
      by: 'individual',
      actor: 'p_a',
      how: 'self',
      participantIds: ids,
    });
    assert.equal(await store.currentConsent(meeting.id), null);
    assert.equal(await store.addConsent(given(['p_a'])), false, 'p_b is on the list too');
    assert.equal(await store.addConsent(given(['p_a', 'p_b', 'p_c'])), false);
    assert.equal(await store.addConsent(given(['p_b', 'p_a'])), true);
    await store.setRemoved('p_b', new Date('2026-12-01T09:01:00Z'));
    assert.equal(await store.addConsent(given(['p_a', 'p_b'], '2026-12-01T09:02:00Z')), false, 'p_b was removed');
    assert.equal(await store.addConsent(given(['p_a'], '2026-12-01T09:02:00Z')), true);
    const withdrawn: ConsentRecord = { ...given(['nobody'], '2026-12-01T09:03:00Z'), state: 'withdrawn', by: 'chair', how: 'verbal' };
    assert.equal(await store.addConsent(withdrawn), true);
    assert.deepEqual(await store.currentConsent(meeting.id), withdrawn);
    // Consent given at booking is stored with the booking.
    const other = { ...meeting, id: 'm_2', roomName: 'r_2', lobbyRoomName: 'l_2', dialIn: null };
    const atBooking = { ...given([]), meetingId: 'm_2' };
    await store.createMeeting(other, [], [], atBooking);
    assert.deepEqual(await store.currentConsent('m_2'), atBooking);
  });

  it('consent checked while registrations are added at the same moment matches the list it was stored with', async ({ store, openAnother }) => {
    const other = await openAnother();
    await store.createMeeting(meeting, [participant('p_0')], []);
    // Many rounds: each adds a registration while a consent for the list without it is tried.
    for (let i = 1; i <= 10; i++) {
      const shown = (await store.listParticipants(meeting.id)).map((p) => p.id);
      const [stored] = await Promise.all([
        other.addConsent({ meetingId: meeting.id, state: 'given', at: new Date(), by: 'individual', actor: 'p_0', how: 'self', participantIds: shown }),
        store.addParticipant(participant(`p_${i}`), invitation(participant(`p_${i}`), `h_${i}`)),
      ]);
      if (stored) {
        const consent = await store.currentConsent(meeting.id);
        assert.deepEqual(consent?.participantIds, shown);
      }
    }
  });

  it('pending identity-provider logins are taken once; long-expired ones are forgotten', async ({ store, openAnother }) => {
    const other = await openAnother();
    const at = new Date('2026-12-01T09:00:00Z');
    const login = (stateHash: string, createdAt: Date): PendingLogin => ({
      stateHash,
      invitationHash: 'inv',
      method: 'bankid',
      returnTo: 'https://portal.test/',
      display: 'popup',
      nonce: 'n',
      codeVerifier: 'v',
      bindingHash: stateHash === 'a' ? 'bind' : null,
      createdAt,
      expiresAt: new Date(createdAt.getTime() + 600_000),
    });
    await store.savePendingLogin(login('a', at));
    const taken = await Promise.all([store.takePendingLogin('a'), other.takePendingLogin('a'), store.takePendingLogin('a')]);
    assert.deepEqual(
      taken.filter((t) => t !== null),
      [login('a', at)],
    );
    await store.savePendingLogin(login('old', at));
    await store.savePendingLogin(login('recent', new Date(at.getTime() + 60 * 60_000)));
    assert.notEqual(await store.takePendingLogin('old'), null, 'expired within the hour: still known (the callback says "expired")');
    await store.savePendingLogin(login('old2', at));
    await store.savePendingLogin(login('later', new Date(at.getTime() + 2 * 3600_000)));
    assert.equal(await store.takePendingLogin('old2'), null, 'expired over an hour ago: forgotten');
  });

  it('SMS codes: sends are limited per window and in total; tries are counted; the right code redeems once', async ({ store, openAnother }) => {
    const other = await openAnother();
    const p = participant('p_sms');
    await store.createMeeting(meeting, [p], [invitation(p, 'inv_sms')]);
    const t0 = new Date('2026-12-01T09:00:00Z').getTime();
    const issue = (code: string, atMs: number) =>
      store.issueSmsCode({
        invitationHash: 'inv_sms',
        codeHash: code,
        at: new Date(atMs),
        expiresAt: new Date(atMs + 600_000),
        windowMs: 60_000,
        maxPerWindow: 2,
        maxTotal: 3,
      });
    const attempt = (code: string, atMs: number, s: MeetingStore = store) =>
      s.redeemInvitationWithSmsCode({
        invitationHash: 'inv_sms',
        codeHash: code,
        at: new Date(atMs),
        maxTries: 3,
        redemption: { session: session(`th_${code}_${atMs}`, p), typedName: null, audit: [entry('invite.redeem')] },
      });
    assert.deepEqual(await attempt('x', t0), { outcome: 'none' });
    assert.deepEqual(await issue('c1', t0), { issued: true });
    assert.deepEqual(await issue('c2', t0 + 1000), { issued: true });
    assert.deepEqual(await issue('c3', t0 + 2000), { issued: false, reason: 'window', retryAt: new Date(t0 + 60_000) });
    assert.deepEqual(await attempt('c1', t0 + 3000), { outcome: 'wrong', triesLeft: 2 }, 'only the latest code counts');
    assert.deepEqual(await attempt('zz', t0 + 3000), { outcome: 'wrong', triesLeft: 1 });
    assert.deepEqual(await attempt('zz', t0 + 3000), { outcome: 'wrong', triesLeft: 0 });
    assert.deepEqual(await attempt('c2', t0 + 3000), { outcome: 'locked' }, 'the right code after the last try');
    assert.deepEqual(await issue('c3', t0 + 61_000), { issued: true }, 'a new code: tries start again');
    assert.deepEqual(await issue('c4', t0 + 200_000), { issued: false, reason: 'total' });
    assert.deepEqual(await attempt('c3', t0 + 61_000 + 600_000), { outcome: 'expired' });
    // Parallel tries with the right code, on two instances: exactly one redeems.
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => attempt('c3', t0 + 62_000, i % 2 ? other : store)));
    assert.deepEqual(results.filter((r) => r.outcome === 'redeemed').length, 1);
    assert.ok(
      results.every((r) => r.outcome === 'redeemed' || r.outcome === 'invite-used'),
      JSON.stringify(results),
    );
    assert.notEqual((await store.getInvitationByHash('inv_sms'))?.usedAt, null);
    assert.notEqual(await store.getSession(`th_c3_${t0 + 62_000}`), null, 'the session came with the redemption');
    assert.deepEqual(await actions(store), ['invite.redeem']);
  });

  it('SMS codes sent at the same moment from two instances count against the same limits', async ({ store, openAnother }) => {
    const other = await openAnother();
    const at = new Date('2026-12-01T09:00:00Z');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? other : store).issueSmsCode({
          invitationHash: 'inv_par',
          codeHash: `c${i}`,
          at,
          expiresAt: new Date(at.getTime() + 600_000),
          windowMs: 60_000,
          maxPerWindow: 3,
          maxTotal: 10,
        }),
      ),
    );
    assert.equal(results.filter((r) => r.issued).length, 3);
  });

  it('a join context read by one store shows what another store, or SQL beside them, has just changed', async ({ store, openAnother, sql }) => {
    const other = await openAnother();
    const p = participant('p_mem', { role: 'relative', identityKind: 'pnr', identityKey: 'k_mem' });
    await store.createMeeting(meeting, [p], []);
    await store.createSession(session('th_mem', p, { method: 'bankid' }));
    assert.equal((await store.getSessionContext('th_mem'))?.participant.removedAt, null);
    await other.setRemoved('p_mem', new Date('2026-12-01T09:02:00Z'));
    assert.equal((await store.getSessionContext('th_mem'))?.participant.removedAt?.toISOString(), '2026-12-01T09:02:00.000Z');
    assert.equal(await other.endMeeting(meeting.id, new Date('2026-12-01T09:03:00Z'), 'organizer'), true);
    assert.equal((await store.getSessionContext('th_mem'))?.meeting.endedAt?.toISOString(), '2026-12-01T09:03:00.000Z');
    await sql('UPDATE participants SET name = ? WHERE id = ?', 'Anna B', 'p_mem');
    assert.equal((await store.getSessionContext('th_mem'))?.participant.name, 'Anna B');
  });

  it('audit entries of one turn are committed together, in order, before any of them resolves', async ({ store, sql }) => {
    await store.createMeeting(meeting, [], []);
    const count = async () => Number((await sql('SELECT count(*) AS n FROM audit'))[0]?.n);
    const seenAtResolve: Array<Promise<number>> = [];
    await Promise.all(Array.from({ length: 25 }, (_, i) => store.appendAudit(entry(`a${i}`, { details: { i } })).then(() => void seenAtResolve.push(count()))));
    assert.deepEqual(await Promise.all(seenAtResolve), Array(25).fill(25), 'all 25 committed (one transaction) before the first promise resolved');
    const listed = await store.listAudit(meeting.id);
    assert.deepEqual(
      listed.map((e) => e.action),
      Array.from({ length: 25 }, (_, i) => `a${i}`),
    );
    assert.deepEqual(
      listed.map((e) => e.details),
      Array.from({ length: 25 }, (_, i) => ({ i })),
    );
    assert.ok(
      listed.every((e, i) => i === 0 || e.seq > listed[i - 1]!.seq),
      'seq grows',
    );
  });

  it('audit entries appended in turns that follow one another keep their order', async ({ store }) => {
    await store.createMeeting(meeting, [], []);
    const written: Array<Promise<void>> = [];
    for (let turn = 0; turn < 5; turn++) {
      for (let i = 0; i < 4; i++) written.push(store.appendAudit(entry(`t${turn}.${i}`)));
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(written);
    assert.deepEqual(
      await actions(store),
      Array.from({ length: 20 }, (_, n) => `t${Math.floor(n / 4)}.${n % 4}`),
    );
  });

  it('an audit entry that cannot be written fails alone; the others of its turn are still committed', async ({ store }) => {
    await store.createMeeting(meeting, [], []);
    const bad = entry('bad', { actor: null as unknown as string });
    const results = await Promise.allSettled([store.appendAudit(entry('before')), store.appendAudit(bad), store.appendAudit(entry('after'))]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'rejected', 'fulfilled'],
    );
    assert.deepEqual(await actions(store), ['before', 'after']);
  });

  it('audit entries still waiting for their turn are written when the store closes', async ({ store, sql }) => {
    await store.createMeeting(meeting, [], []);
    const pending = store.appendAudit(entry('last'));
    await store.close();
    await pending;
    assert.equal(Number((await sql("SELECT count(*) AS n FROM audit WHERE action = 'last'"))[0]?.n), 1);
  });

  it('a room asked to be deleted again while a deletion was under way stays listed until that request is done too', async ({ store }) => {
    await store.createMeeting(meeting, [], []);
    const at = new Date('2026-12-01T09:30:00Z');
    const ended = entry('meeting.ended', { at });
    assert.equal(await store.endMeeting(meeting.id, at, 'organizer', ended), true);
    // The end asks for both rooms, with its audit entry, in one transaction.
    assert.deepEqual((await store.listRoomsToDelete(meeting.id)).map((r) => r.roomName).sort(), [meeting.lobbyRoomName, meeting.roomName].sort());
    assert.deepEqual(await actions(store), ['meeting.ended']);
    const read = (await store.listRoomsToDelete(meeting.id)).find((r) => r.roomName === meeting.roomName)!;
    assert.deepEqual(read, { roomName: meeting.roomName, meetingId: meeting.id, request: 1, since: at });
    // The room shows life while that deletion is on its way: asked again.
    const again = await store.requestRoomDeletion(meeting.id, meeting.roomName, new Date(at.getTime() + 1000));
    assert.equal(again.request, read.request + 1);
    assert.deepEqual(again.since, at, 'waiting since the first request');
    await store.roomDeleted(read);
    assert.deepEqual((await store.listRoomsToDelete(meeting.id)).map((r) => r.roomName).sort(), [meeting.lobbyRoomName, meeting.roomName].sort());
    await store.roomDeleted(again);
    assert.deepEqual(
      (await store.listRoomsToDelete()).map((r) => r.roomName),
      [meeting.lobbyRoomName],
    );
    assert.deepEqual(await store.listRoomsToDelete('another meeting'), []);
    // Ending again (harmless) asks again; a second end writes no second entry.
    assert.equal(await store.endMeeting(meeting.id, at, 'organizer', ended), false);
    assert.equal((await store.listRoomsToDelete(meeting.id)).length, 2);
    assert.deepEqual(await actions(store), ['meeting.ended']);
  });

  it('a webhook event is handled only when finished: a released or lapsed claim lets the next delivery act', async ({ store }) => {
    const at = new Date('2026-12-01T09:00:00Z');
    const claim = (name: string, atMs = at.getTime()) => ({ eventId: 'EV_x', claim: name, at: new Date(atMs), until: new Date(atMs + 10_000) });
    assert.equal(await store.claimWebhookEvent(claim('a')), 'claimed');
    assert.equal(await store.claimWebhookEvent(claim('b')), 'busy');
    await store.releaseWebhookEvent('EV_x', 'not-a'); // someone else's token releases nothing
    assert.equal(await store.claimWebhookEvent(claim('b')), 'busy');
    await store.releaseWebhookEvent('EV_x', 'a');
    assert.equal(await store.claimWebhookEvent(claim('b')), 'claimed');
    // b's process dies: its claim lapses after ten seconds.
    assert.equal(await store.claimWebhookEvent(claim('c', at.getTime() + 9_999)), 'busy');
    assert.equal(await store.claimWebhookEvent(claim('c', at.getTime() + 10_000)), 'claimed');
    await store.finishWebhookEvent('EV_x', new Date(at.getTime() + 10_500));
    await store.releaseWebhookEvent('EV_x', 'c'); // too late: handled stays handled
    assert.equal(await store.claimWebhookEvent(claim('d', at.getTime() + 60_000)), 'handled');
  });

  it('people not on the list: flagged, removed by the chair, and forgotten once the meeting is over', async ({ store }) => {
    await store.createMeeting(meeting, [], []);
    const later = { ...meeting, id: 'm_later', roomName: 'r_later', lobbyRoomName: 'l_later', dialIn: null, endsAt: new Date('2026-12-02T10:00:00Z') };
    await store.createMeeting(later, [], []);
    const t = (s: number) => new Date(Date.UTC(2026, 11, 1, 9, 0, s));
    await store.addStranger({ meetingId: meeting.id, identity: 'sip_b', name: 'Caller', connectedAt: t(2) });
    await store.addStranger({ meetingId: meeting.id, identity: 'sip_a', name: 'Caller', connectedAt: t(1) });
    await store.addStranger({ meetingId: meeting.id, identity: 'sip_b', name: 'Caller again', connectedAt: t(3) });
    await store.addStranger({ meetingId: later.id, identity: 'sip_c', name: 'Other', connectedAt: t(1) });
    assert.deepEqual(await store.listStrangers(meeting.id), [
      { meetingId: meeting.id, identity: 'sip_a', name: 'Caller', connectedAt: t(1) },
      { meetingId: meeting.id, identity: 'sip_b', name: 'Caller again', connectedAt: t(3) },
    ]);
    await store.removeStranger(meeting.id, 'sip_a');
    await store.addRemovedStranger(meeting.id, 'sip_a', t(4));
    await store.addRemovedStranger(meeting.id, 'sip_a', t(5));
    await store.addRemovedStranger(later.id, 'sip_c', t(5));
    assert.deepEqual(await store.strangerRemovedAt(meeting.id, 'sip_a'), t(4), 'the first removal counts');
    assert.equal(await store.strangerRemovedAt(meeting.id, 'sip_b'), null);
    assert.deepEqual(
      (await store.listStrangers(meeting.id)).map((s) => s.identity),
      ['sip_b'],
    );
    // meeting ends at 10:00 on the 1st, later on the 2nd.
    await store.forgetStrangersOfMeetingsOver(new Date('2026-12-01T12:00:00Z'));
    assert.deepEqual(await store.listStrangers(meeting.id), []);
    assert.equal(await store.strangerRemovedAt(meeting.id, 'sip_a'), null);
    assert.equal((await store.listStrangers(later.id)).length, 1);
    assert.notEqual(await store.strangerRemovedAt(later.id, 'sip_c'), null);
    // Ending forgets them at once.
    await store.endMeeting(later.id, t(6), 'organizer');
    assert.deepEqual(await store.listStrangers(later.id), []);
    assert.equal(await store.strangerRemovedAt(later.id, 'sip_c'), null);
  });

  it('an evaluation is stored once per participant; settings keep their first value', async ({ store, openAnother }) => {
    const other = await openAnother();
    const e = {
      meetingId: meeting.id,
      participantId: 'p_a',
      answers: { heard: 4, again: true, comment: 'Bra "möte"' },
      submittedAt: new Date('2026-12-01T10:01:00Z'),
    };
    const saved = await Promise.all([store.saveEvaluation(e), other.saveEvaluation({ ...e, answers: { heard: 1 } })]);
    assert.deepEqual(saved.sort(), [false, true]);
    const e2 = { ...e, participantId: 'p_b', submittedAt: new Date('2026-12-01T10:00:00Z') };
    assert.equal(await store.saveEvaluation(e2), true);
    const listed = await store.listEvaluations(meeting.id);
    assert.deepEqual(
      listed.map((x) => x.participantId),
      ['p_b', 'p_a'],
    );
    assert.ok(listed[1]!.answers.heard === 4 || listed[1]!.answers.heard === 1);
    assert.deepEqual(listed[0], e2);
    assert.equal(await store.getSetting('identity-secret'), null);
    const values = await Promise.all([store.initSetting('identity-secret', 'one'), other.initSetting('identity-secret', 'two')]);
    assert.equal(values[0], values[1], 'both instances use the value in force');
    assert.equal(await store.initSetting('identity-secret', 'three'), values[0]);
    assert.equal(await other.getSetting('identity-secret'), values[0]);
  });

  it('SMS code tries on two instances count together: a second instance is not a second chance', async ({ store, openAnother }) => {
    const other = await openAnother();
    const p = participant('p_sms2');
    await store.createMeeting(meeting, [p], [invitation(p, 'inv_sms2')]);
    const at = new Date('2026-12-01T09:00:00Z');
    await store.issueSmsCode({
      invitationHash: 'inv_sms2',
      codeHash: 'right',
      at,
      expiresAt: new Date(at.getTime() + 600_000),
      windowMs: 60_000,
      maxPerWindow: 3,
      maxTotal: 5,
    });
    const attempt = (s: MeetingStore, code: string) => s.redeemInvitationWithSmsCode({ invitationHash: 'inv_sms2', codeHash: code, at, maxTries: 3 });
    assert.deepEqual(await attempt(store, 'w1'), { outcome: 'wrong', triesLeft: 2 });
    assert.deepEqual(await attempt(other, 'w2'), { outcome: 'wrong', triesLeft: 1 });
    assert.deepEqual(await attempt(store, 'w3'), { outcome: 'wrong', triesLeft: 0 });
    assert.deepEqual(await attempt(other, 'right'), { outcome: 'locked' }, 'the other instance knows the tries are spent');
    assert.equal((await store.getInvitationByHash('inv_sms2'))?.usedAt, null);
  });

  it("rate limits: two stores share a key's window (limit 3: two on one, two on the other, the fourth is refused); the store keeps no address", async ({
    store,
    openAnother,
    sql,
  }) => {
    const other = await openAnother();
    const a = new RateLimiter({ limit: 3, windowMs: 60_000, store, name: 'test-limit' });
    const b = new RateLimiter({ limit: 3, windowMs: 60_000, store: other, name: 'test-limit' });
    const t0 = Date.parse('2026-12-01T09:00:00Z');
    assert.equal(await a.take('203.0.113.7', t0), true);
    assert.equal(await a.take('203.0.113.7', t0 + 1), true);
    assert.equal(await b.take('203.0.113.7', t0 + 2), true);
    assert.equal(await b.take('203.0.113.7', t0 + 3), false, 'the fourth in the window, on the other instance');
    assert.equal(await a.take('203.0.113.7', t0 + 4), false);
    assert.equal(await a.take('198.51.100.1', t0 + 5), true, 'another key counts on its own');
    const other2 = new RateLimiter({ limit: 3, windowMs: 60_000, store: other, name: 'another-limit' });
    assert.equal(await other2.take('203.0.113.7', t0 + 6), true, "another limiter's keys never meet these");
    await store.forgetExpired(new Date(t0 + 10));
    const keys = (await sql('SELECT key FROM rate_limits')).map((r) => String(r.key));
    assert.equal(keys.length, 3, 'windows that run are kept');
    assert.ok(
      keys.every((k) => !k.includes('203.0.113') && !k.includes('198.51')),
      keys.join(', '),
    );
    // The window ends a minute after its first attempt: counts start again, on both instances.
    assert.equal(await b.take('203.0.113.7', t0 + 60_000), true);
    assert.equal(await a.take('203.0.113.7', t0 + 60_001), true);
    // Parallel attempts on both instances: exactly the limit gets through.
    const parallel = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).take('192.0.2.9', t0 + 100_000)));
    assert.equal(parallel.filter(Boolean).length, 3);
    // Windows that ended are forgotten (each limiter asks once per window): the table holds the keys of about one window.
    assert.equal((await sql('SELECT key FROM rate_limits')).length, 2, 'the ended windows of the other key and limiter went; the running ones stay');
    await store.forgetExpired(new Date(t0 + 200_000));
    assert.deepEqual(await sql('SELECT key FROM rate_limits'), []);
  });

  it('leases: exclusive, lapsing after their time, renewed by their holder only, released', async ({ store, openAnother }) => {
    const other = await openAnother();
    const t0 = new Date('2026-12-01T09:00:00Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);
    assert.equal(await store.tryLease('work', 'A', 1000, t0), true);
    assert.equal(await other.tryLease('work', 'B', 1000, at(10)), false, 'held by A');
    assert.equal(await store.tryLease('work', 'A', 1000, at(20)), false, 'even A: a running lease is not taken again (a throttle)');
    assert.equal(await other.tryLease('another', 'B', 1000, at(20)), true, 'leases are per name');
    assert.equal(await other.renewLease('work', 'B', 1000, at(30)), false, 'only its holder renews it');
    assert.equal(await store.renewLease('work', 'A', 1000, at(900)), true);
    assert.equal(await other.tryLease('work', 'B', 1000, at(1500)), false, 'renewed: runs to 1900');
    assert.equal(await other.tryLease('work', 'B', 1000, at(1900)), true, 'lapsed: B takes it over');
    assert.equal(await store.renewLease('work', 'A', 1000, at(1901)), false, 'A lost it');
    await store.releaseLease('work', 'A');
    assert.equal(await store.tryLease('work', 'A', 1000, at(1902)), false, 'a release by a former holder changes nothing');
    await other.releaseLease('work', 'B');
    assert.equal(await store.tryLease('work', 'A', 1000, at(1903)), true, 'released: free at once');
    // At the same moment on both: exactly one wins.
    const raced = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? other : store).tryLease('race', `h${i}`, 1000, t0)));
    assert.equal(raced.filter(Boolean).length, 1);
    // Lapsed leases are forgotten; a running one stays.
    await store.forgetExpired(at(2500));
    assert.equal(await other.tryLease('work', 'B', 1000, at(2500)), false, "A's lease from 1903 still runs");
    assert.equal(await other.renewLease('another', 'B', 1000, at(2501)), false, "B's lease on another lapsed and was forgotten");
  });

  it('E2EE keys: the first is stored with the meeting, a removal rotates in its own transaction, a removed person reads none', async ({ store }) => {
    const e2eeMeeting: Meeting = { ...meeting, e2ee: true };
    const a = participant('p_a', { admittedAt: new Date('2026-12-01T09:00:00Z') });
    const b = participant('p_b', { admittedAt: new Date('2026-12-01T09:00:00Z') });
    const first = { meetingId: meeting.id, keyIndex: 0, sealed: 'v1.sealed-0', createdAt: new Date('2026-11-01T00:00:00Z') };
    // A booking whose key cannot be stored (another meeting's) stores nothing at all.
    await assert.rejects(store.createMeeting(e2eeMeeting, [a, b], [], undefined, [entry('meeting.booked')], { ...first, meetingId: 'm_none' }));
    assert.equal(await store.getMeeting(meeting.id), null);
    assert.deepEqual(await actions(store), []);
    await store.createMeeting(e2eeMeeting, [a, b], [], undefined, [entry('meeting.booked')], first);
    assert.deepEqual(await store.getMeeting(meeting.id), e2eeMeeting);
    await store.createSession(session('th_b', b));
    assert.equal((await store.getSessionContext('th_b'))?.meeting.e2ee, true);
    assert.deepEqual((await store.getSessionContext('th_b'))?.meetingKey, first, "the key comes with the join's context");
    assert.deepEqual(await store.currentMeetingKey(meeting.id), first);
    assert.deepEqual(await store.currentMeetingKey(meeting.id, b.id), first);
    assert.equal(await store.currentMeetingKey('m_none'), null);

    // A rotation that fails undoes the removal and its audit entries with it.
    const removedAt = new Date('2026-12-01T09:10:00Z');
    await assert.rejects(
      store.setRemoved(a.id, removedAt, {
        audit: [entry('remove')],
        rotate: {
          next: () => {
            throw new Error('sealing failed');
          },
        },
      }),
      /sealing failed/,
    );
    assert.equal((await store.getParticipant(a.id))?.removedAt, null);
    assert.deepEqual(await actions(store), ['meeting.booked']);
    assert.deepEqual(await store.currentMeetingKey(meeting.id), first);

    const asked: number[] = [];
    const rotated = await store.setRemoved(a.id, removedAt, {
      audit: [entry('remove', { participantId: a.id })],
      rotate: { next: (i) => (asked.push(i), { sealed: `v1.sealed-${i}`, audit: [entry('e2ee.rotate', { details: { keyIndex: i } })] }) },
    });
    assert.equal(rotated, 1);
    assert.deepEqual(asked, [1]);
    assert.deepEqual((await store.getParticipant(a.id))?.removedAt, removedAt);
    assert.deepEqual(await actions(store), ['meeting.booked', 'remove', 'e2ee.rotate']);
    assert.deepEqual(await store.currentMeetingKey(meeting.id), { meetingId: meeting.id, keyIndex: 1, sealed: 'v1.sealed-1', createdAt: removedAt });
    assert.equal(await store.currentMeetingKey(meeting.id, a.id), null, 'removed: no key');
    assert.equal((await store.currentMeetingKey(meeting.id, b.id))?.keyIndex, 1);
    // The join's context reads the same: the newest key, none for the removed.
    await store.createSession(session('th_a', a));
    assert.equal((await store.getSessionContext('th_a'))?.meetingKey, null, 'removed: no key in the context either');
    assert.deepEqual((await store.getSessionContext('th_b'))?.meetingKey, { meetingId: meeting.id, keyIndex: 1, sealed: 'v1.sealed-1', createdAt: removedAt });
    // Without a rotation, a removal answers null and leaves the key as it was.
    assert.equal(await store.setRemoved(b.id, removedAt), null);
    assert.equal((await store.currentMeetingKey(meeting.id))?.keyIndex, 1);

    // Removals at once rotate one after the other: every index once.
    const c = participant('p_c');
    const d = participant('p_d');
    await store.addParticipant(c, invitation(c, 'h_c'));
    await store.addParticipant(d, invitation(d, 'h_d'));
    const next = { next: (i: number) => ({ sealed: `v1.sealed-${i}`, audit: [] }) };
    const raced = await Promise.all([store.setRemoved(c.id, removedAt, { rotate: next }), store.setRemoved(d.id, removedAt, { rotate: next })]);
    assert.deepEqual([...raced].sort(), [2, 3]);
    assert.equal((await store.currentMeetingKey(meeting.id))?.keyIndex, 3);

    // The end forgets every key; a removal after it rotates none back in.
    assert.equal(await store.endMeeting(meeting.id, new Date('2026-12-01T10:00:00Z'), 'organizer'), true);
    assert.equal(await store.currentMeetingKey(meeting.id), null, 'no key after the end');
    assert.equal(await store.currentMeetingKey(meeting.id, b.id), null);
    const e = participant('p_e', { admittedAt: new Date('2026-12-01T09:00:00Z') });
    await store.addParticipant(e, invitation(e, 'h_e'));
    assert.equal(await store.setRemoved(e.id, new Date('2026-12-01T10:01:00Z'), { rotate: next }), null);
    assert.equal(await store.currentMeetingKey(meeting.id), null, 'a removal after the end stores no key');
  });
}
