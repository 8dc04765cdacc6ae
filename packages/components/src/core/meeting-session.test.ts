import { expect, waitUntil } from '@open-wc/testing';

import { admitted, admittedEncrypted, e2eeKey, FakeMeetingApi, lobby, MEETING, refusal, roster, rosterEntry } from '../test-support/fake-meeting-api.js';
import { CareApiClient, CareApiError } from './api-client.js';
import type { MeetingEvent } from '@care-meet/protocol/wire';
import { MeetingSession, type MeetingSessionState } from './meeting-session.js';

const GRANT = { session: 's_self', participantId: 'p_self', expiresAt: '2026-12-01T13:00:00.000Z' };
const at = '2026-12-01T10:00:00.000Z';

describe('MeetingSession', () => {
  let api: FakeMeetingApi;
  let session: MeetingSession;
  let phases: string[];

  beforeEach(() => {
    api = new FakeMeetingApi().install();
    session = new MeetingSession({ api: new CareApiClient({ apiBase: '/api' }) });
    phases = [];
    let last = session.value.phase.kind;
    session.subscribe((s: MeetingSessionState) => {
      if (last !== s.phase.kind) phases.push(s.phase.kind);
      last = s.phase.kind;
    });
  });

  afterEach(() => {
    session.dispose();
    api.restore();
  });

  it('reads the invitation, then asks for identity', async () => {
    await session.openInvite('tok');
    expect(phases).to.deep.equal(['loading-invite', 'verify']);
    expect(session.value).to.include({ meetingId: 'm_1', participantId: 'p_self', name: 'Rut Exempel', role: 'relative' });
    expect(api.callsTo('GET', '/invites/tok')).to.have.length(1);
  });

  it('goes from a session through the device check to the room, with the meeting and the event stream', async () => {
    session.useSession(GRANT, 'm_1');
    // First where the meeting stands (GET /meetings/m_1; this fake has no such route, so on as before).
    expect(session.value.phase.kind).to.equal('loading-invite');
    await waitUntil(() => session.value.phase.kind === 'device-check', 'no device check');
    expect(api.callsTo('GET', '/meetings/m_1')[0]!.authorization).to.equal('Bearer s_self');
    await session.deviceCheckDone();
    expect(phases).to.deep.equal(['loading-invite', 'device-check', 'joining', 'room']);
    expect(session.value.meeting).to.deep.equal(MEETING);
    expect(api.callsTo('POST', '/join')[0]!.authorization).to.equal('Bearer s_self');
    await waitUntil(() => session.value.live, 'no event stream');
  });

  it('skips the device check when told to', async () => {
    const s = new MeetingSession({ api: new CareApiClient({ apiBase: '/api' }), skipDeviceCheck: true });
    s.useSession(GRANT, 'm_1');
    await waitUntil(() => s.value.phase.kind === 'room');
    s.dispose();
  });

  it('takes a lobby guest into the room when the server says they were admitted', async () => {
    api.joins = [lobby(), admitted({ role: 'guest', name: 'Kurt Kurator' })];
    session.useSession(GRANT, 'm_1');
    await waitUntil(() => session.value.phase.kind === 'device-check', 'no device check');
    await session.deviceCheckDone();
    expect(session.value.phase.kind).to.equal('lobby');
    await waitUntil(() => api.openStreams === 1, 'no event stream');
    // Someone else's admission changes nothing here.
    api.push({ type: 'admitted', participantId: 'p_other', at });
    api.push({ type: 'admitted', participantId: 'p_self', at });
    await waitUntil(() => session.value.phase.kind === 'room', 'not let in');
    expect(phases).to.deep.equal(['loading-invite', 'device-check', 'joining', 'lobby', 'joining', 'room']);
  });

  for (const [event, phase] of [
    [{ type: 'ended', at }, 'ended'],
    [{ type: 'removed', participantId: 'p_self', at }, 'removed'],
  ] as Array<[MeetingEvent, string]>) {
    it(`moves to ${phase} on the server's ${event.type} event and closes the stream`, async () => {
      session.useSession(GRANT, 'm_1');
      await session.deviceCheckDone();
      await waitUntil(() => api.openStreams === 1);
      const seen: MeetingEvent[] = [];
      session.onEvent((e) => seen.push(e));
      api.push(event);
      await waitUntil(() => session.value.phase.kind === phase);
      expect(seen).to.deep.equal([event]);
      await waitUntil(() => api.openStreams === 0, 'stream left open');
      expect(session.value.live).to.equal(false);
    });
  }

  it('keeps the chair’s roster from the stream', async () => {
    api.joins = [admitted({ role: 'chair', lobbyToken: 'lobby-observer-1' })];
    api.currentRoster = roster(MEETING, [rosterEntry('p_self', 'Anna Samordnare', 'chair')]);
    session.useSession(GRANT, 'm_1');
    await session.deviceCheckDone();
    await waitUntil(() => session.value.roster !== null);
    expect(session.value.roster!.participants[0]!.name).to.equal('Anna Samordnare');
  });

  it('turns MEETING_ENDED and REMOVED refusals into those phases, others into a retryable or final error', async () => {
    api.joins = [refusal(410, 'MEETING_ENDED')];
    session.useSession(GRANT, 'm_1');
    await session.deviceCheckDone();
    expect(session.value.phase.kind).to.equal('ended');

    api.joins = [refusal(403, 'REMOVED')];
    await session.join();
    expect(session.value.phase.kind).to.equal('removed');

    api.joins = [refusal(425, 'TOO_EARLY')];
    await session.join();
    expect(session.value.phase).to.deep.include({ kind: 'error', code: 'TOO_EARLY', retryable: true });

    api.joins = [refusal(403, 'IDENTITY_MISMATCH')];
    await session.join();
    expect(session.value.phase).to.deep.include({ kind: 'error', code: 'IDENTITY_MISMATCH', retryable: false });
  });

  describe('fresh tokens', () => {
    beforeEach(async () => {
      api.joins = [admitted({ role: 'chair', lobbyToken: 'lobby-1' }), admitted({ role: 'chair', token: 'room-2', lobbyToken: 'lobby-2' })];
      session.useSession(GRANT, 'm_1');
      await session.deviceCheckDone();
      phases = [];
    });

    it('refreshToken and refreshJoin ask the server again without changing the phase', async () => {
      const answer = await session.refreshJoin();
      expect(answer).to.deep.include({ status: 'admitted', token: 'room-2', lobbyToken: 'lobby-2' });
      expect(await session.refreshToken()).to.equal('room-2');
      expect(phases).to.deep.equal([]);
      expect(api.callsTo('POST', '/join')).to.have.length(3);
    });

    it('with { retrying: true } throws what is worth retrying, and still moves to ended or removed', async () => {
      api.joins = [refusal(503, 'LIVEKIT_UNAVAILABLE')];
      let thrown: unknown;
      await session.refreshJoin({ retrying: true }).catch((e: unknown) => (thrown = e));
      expect(thrown).to.be.instanceOf(CareApiError);
      expect((thrown as CareApiError).code).to.equal('LIVEKIT_UNAVAILABLE');
      expect(session.value.phase.kind).to.equal('room');

      api.joins = [refusal(410, 'MEETING_ENDED')];
      expect(await session.refreshToken({ retrying: true })).to.equal(null);
      expect(session.value.phase.kind).to.equal('ended');
    });

    it('without { retrying } a retryable refusal moves to error, as before', async () => {
      api.joins = [refusal(503, 'LIVEKIT_UNAVAILABLE')];
      expect(await session.refreshToken()).to.equal(null);
      expect(session.value.phase).to.deep.include({ kind: 'error', code: 'LIVEKIT_UNAVAILABLE', retryable: true });
    });

    it('a network failure while retrying is thrown too', async () => {
      api.restore();
      const original = globalThis.fetch;
      globalThis.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
      try {
        let thrown: unknown;
        await session.refreshJoin({ retrying: true }).catch((e: unknown) => (thrown = e));
        expect((thrown as CareApiError).code).to.equal('NETWORK');
        expect(session.value.phase.kind).to.equal('room');
      } finally {
        globalThis.fetch = original;
      }
    });
  });

  it('calls the chair routes with the session', async () => {
    session.useSession(GRANT, 'm_1');
    await session.admit('p_guest');
    await session.remove('p_other');
    await session.end();
    expect(api.callsTo('POST', '/meetings/m_1/admit')[0]).to.deep.include({ body: { participantId: 'p_guest' }, authorization: 'Bearer s_self' });
    expect(api.callsTo('POST', '/meetings/m_1/remove')[0]!.body).to.deep.equal({ participantId: 'p_other' });
    expect(api.callsTo('POST', '/meetings/m_1/end')).to.have.length(1);
    expect(session.value.phase.kind).to.equal('ended');
    await session.submitEvaluation({ q1: 5 });
    expect(api.callsTo('POST', '/meetings/m_1/evaluation')[0]!.body).to.deep.equal({ answers: { q1: 5 } });
  });

  it('says why when the server refuses the event stream, instead of reconnecting for ever', async () => {
    api.refuse.events = { status: 401, code: 'UNAUTHENTICATED' };
    session.useSession(GRANT, 'm_1');
    await session.deviceCheckDone();
    await waitUntil(() => session.value.phase.kind === 'error', 'the refused stream did not surface');
    const phase = session.value.phase as Extract<MeetingSessionState['phase'], { kind: 'error' }>;
    expect(phase.code).to.equal('UNAUTHENTICATED');
    expect(session.value.live).to.equal(false);
    expect(api.callsTo('GET', '/meetings/m_1/events')).to.have.length(1, 'no retries after a final refusal');
  });

  describe('end-to-end encryption', () => {
    const refusedPhase = () => session.value.phase as Extract<MeetingSessionState['phase'], { kind: 'error' }>;

    it('after key-rotated, asks for the join answer again and hands its new key on (the event carries none)', async () => {
      api.joins = [admittedEncrypted(0)];
      const keys: unknown[] = [];
      session.onKey((key) => keys.push(key));
      session.useSession(GRANT, 'm_1');
      await session.deviceCheckDone();
      await waitUntil(() => session.value.live, 'no event stream');
      expect(api.callsTo('POST', '/join')).to.have.length(1);
      api.rotateKey(1);
      await waitUntil(() => keys.length === 1, 'no new key');
      expect(keys).to.deep.equal([e2eeKey(1)]);
      expect(api.callsTo('POST', '/join')).to.have.length(2);
      expect(session.value.phase.kind).to.equal('room');
    });

    it('a rotation that ends in a refusal (this person was removed) moves to removed, with no key handed on', async () => {
      api.joins = [admittedEncrypted(0)];
      const keys: unknown[] = [];
      session.onKey((key) => keys.push(key));
      session.useSession(GRANT, 'm_1');
      await session.deviceCheckDone();
      await waitUntil(() => session.value.live, 'no event stream');
      api.joins = [refusal(403, 'REMOVED')];
      api.push({ type: 'key-rotated', keyIndex: 1, at });
      await waitUntil(() => session.value.phase.kind === 'removed', 'not removed');
      expect(keys).to.deep.equal([]);
    });

    it('refuses an encrypted meeting in a browser that cannot encrypt: no room, no event stream', async () => {
      const s = new MeetingSession({ api: new CareApiClient({ apiBase: '/api' }), e2eeSupported: () => false });
      api.joins = [admittedEncrypted(0)];
      s.useSession(GRANT, 'm_1');
      await waitUntil(() => s.value.phase.kind === 'device-check');
      await s.deviceCheckDone();
      expect(s.value.phase).to.include({ kind: 'error', code: 'E2EE_UNSUPPORTED', retryable: false });
      expect(api.openStreams).to.equal(0);
      s.dispose();
    });

    it('says it before the device check when the meeting is known to be encrypted', async () => {
      session.dispose();
      session = new MeetingSession({ api: new CareApiClient({ apiBase: '/api' }), e2eeSupported: () => false });
      api.standing = { meeting: { ...MEETING, e2ee: true }, self: { id: 'p_self', role: 'relative', removed: false, evaluation: 'none' } };
      session.useSession(GRANT, 'm_1');
      await waitUntil(() => session.value.phase.kind !== 'loading-invite');
      expect(refusedPhase()).to.include({ kind: 'error', code: 'E2EE_UNSUPPORTED' });
      expect(api.callsTo('POST', '/join')).to.have.length(0);
    });

    it('lets an encrypted meeting in where the browser can, and an unencrypted one anywhere', async () => {
      const s = new MeetingSession({ api: new CareApiClient({ apiBase: '/api' }), e2eeSupported: () => false, skipDeviceCheck: true });
      api.joins = [admitted()];
      s.useSession(GRANT, 'm_1');
      await waitUntil(() => s.value.phase.kind === 'room');
      s.dispose();
      api.joins = [admittedEncrypted(0)];
      session.useSession(GRANT, 'm_1');
      await session.deviceCheckDone();
      expect(session.value.phase.kind).to.equal('room');
    });
  });
});
