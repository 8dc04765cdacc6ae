import { expect, waitUntil } from '@open-wc/testing';

import { baseRoster, change, CHAIR_SESSION, consent, FakeCareServer, MEETING_ID, people } from '../test-support/roster-fixtures.js';
import { CareApiClient, CareApiError } from './api-client.js';
import { MeetingSession } from './meeting-session.js';
import { RosterFeed, sessionRosterSource } from './roster-feed.js';

describe('RosterFeed', () => {
  let feed: RosterFeed | undefined;
  afterEach(() => feed?.close());

  it('reads the roster with the session, then follows the event stream', async () => {
    const server = new FakeCareServer();
    feed = new RosterFeed({ apiBase: '/api/', meetingId: MEETING_ID, session: CHAIR_SESSION, fetch: server.fetch });
    feed.start();
    feed.start();
    await waitUntil(() => feed!.value.live, 'stream did not open');
    expect(server.requests.map((r) => [r.method, r.url, r.authorization])).to.deep.equal([
      ['GET', '/api/meetings/m_1/roster', `Bearer ${CHAIR_SESSION}`],
      ['GET', '/api/meetings/m_1/events', `Bearer ${CHAIR_SESSION}`],
    ]);
    expect(server.requests[1]!.accept).to.equal('text/event-stream');
    expect(feed.value.roster?.counts.connected).to.equal(2);

    server.push({ ...baseRoster(), participants: [people.anna] });
    await waitUntil(() => feed!.value.roster?.participants.length === 1, 'pushed roster did not arrive');

    feed.close();
    expect(feed.value.live).to.equal(false);
    await waitUntil(() => server.openStreams === 0, 'stream left open');
  });

  it('stops at a refusal and keeps its code', async () => {
    const server = new FakeCareServer();
    feed = new RosterFeed({ apiBase: '/api', meetingId: MEETING_ID, session: 'someone-else', fetch: server.fetch });
    feed.start();
    await waitUntil(() => feed!.value.error !== null);
    expect(feed.value.error?.code).to.equal('UNAUTHENTICATED');
    expect(feed.value.roster).to.equal(null);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests.map((r) => r.url)).to.deep.equal(['/api/meetings/m_1/roster']);
  });

  it('says why when the event stream is refused after the roster was read', async () => {
    const server = new FakeCareServer();
    server.refuseStream = { status: 401, code: 'UNAUTHENTICATED' };
    feed = new RosterFeed({ apiBase: '/api', meetingId: MEETING_ID, session: CHAIR_SESSION, fetch: server.fetch });
    feed.start();
    await waitUntil(() => feed!.value.error !== null, 'the refused stream did not surface');
    expect(feed.value.error?.code).to.equal('UNAUTHENTICATED');
    expect(feed.value.live).to.equal(false);
    expect(feed.value.roster).to.not.equal(null, 'the roster read before the refusal is kept');
  });

  it('marks the meeting ended and stops listening when the stream says so', async () => {
    const server = new FakeCareServer();
    feed = new RosterFeed({ apiBase: '/api', meetingId: MEETING_ID, session: CHAIR_SESSION, fetch: server.fetch });
    feed.start();
    await waitUntil(() => feed!.value.live);
    server.pushEvent({ type: 'ended', at: new Date().toISOString() });
    await waitUntil(() => feed!.value.ended, 'not ended');
    await waitUntil(() => server.openStreams === 0, 'still listening');
  });

  it('records consent to the ids it is given and withdraws it, with the session; a changed list is refused with its code', async () => {
    const server = new FakeCareServer(baseRoster({ consent: consent('missing') }));
    server.pushOnConsent = false;
    feed = new RosterFeed({ apiBase: '/api', meetingId: MEETING_ID, session: CHAIR_SESSION, fetch: server.fetch });
    const everyone = ['p_anna', 'p_esther', 'p_rut', 'p_kurt', 'p_lisa'];

    const refused = await feed.recordConsent('verbal', everyone.slice(1)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).to.be.instanceOf(CareApiError);
    expect((refused as CareApiError).code).to.equal('PARTICIPANTS_CHANGED');
    expect((refused as CareApiError).status).to.equal(409);

    await feed.recordConsent('written', everyone);
    expect(server.seen('POST', '/meetings/m_1/consent').map((r) => [r.body, r.authorization])).to.deep.equal([
      [{ how: 'verbal', participantIds: everyone.slice(1) }, `Bearer ${CHAIR_SESSION}`],
      [{ how: 'written', participantIds: everyone }, `Bearer ${CHAIR_SESSION}`],
    ]);

    server.roster = baseRoster({ consent: consent('given', { at: new Date().toISOString(), by: 'chair', how: 'written' }) });
    await feed.withdrawConsent();
    const [withdrawn] = server.seen('DELETE', '/meetings/m_1/consent');
    expect(withdrawn!.authorization).to.equal(`Bearer ${CHAIR_SESSION}`);
    expect(withdrawn!.body).to.equal(null);
  });

  it('does not let a slower direct read replace a newer roster from the stream', async () => {
    const server = new FakeCareServer();
    feed = new RosterFeed({ apiBase: '/api', meetingId: MEETING_ID, session: CHAIR_SESSION, fetch: server.fetch });
    feed.start();
    await waitUntil(() => feed!.value.live);
    const stale = baseRoster();
    server.rosterRead = stale;
    const reading = feed.refresh();
    server.push({ ...baseRoster(), participants: [people.anna, change(people.esther, { status: 'connected' })] });
    await waitUntil(() => feed!.value.roster?.participants.length === 2);
    await reading;
    expect(feed.value.roster?.participants.length).to.equal(2);
  });
});

describe('sessionRosterSource', () => {
  it("shows the session's roster, and a direct read until the stream brings a newer one", async () => {
    const server = new FakeCareServer();
    const session = new MeetingSession({ api: new CareApiClient({ apiBase: '/api', fetch: server.fetch }), fetch: server.fetch, skipDeviceCheck: true });
    const source = sessionRosterSource(session);
    const seen: number[] = [];
    const stop = source.subscribe((state) => seen.push(state.roster?.participants.length ?? 0));
    try {
      session.useSession({ session: CHAIR_SESSION, participantId: people.anna.id, expiresAt: '2099-01-01T00:00:00Z' }, MEETING_ID);
      await waitUntil(() => source.value.roster !== null && source.value.live, 'no roster');
      expect(source.value.roster!.participants.length).to.equal(5);

      server.rosterRead = { ...baseRoster(), participants: [change(people.esther, { noShow: true, phone: '+46701234567' })] };
      await source.refresh();
      expect(source.value.roster!.participants[0]!.phone).to.equal('+46701234567');

      server.push({ ...baseRoster(), participants: [people.anna, people.rut] });
      await waitUntil(() => source.value.roster!.participants.length === 2, 'stream roster did not win');
      expect(seen).to.include.members([5, 1, 2]);

      await source.admit(people.kurt.id);
      await source.remove(people.rut.id);
      expect(server.seen('POST', '/meetings/m_1/admit').map((r) => r.body)).to.deep.equal([{ participantId: 'p_kurt' }]);
      expect(server.seen('POST', '/meetings/m_1/remove').map((r) => r.body)).to.deep.equal([{ participantId: 'p_rut' }]);

      await source.recordConsent('verbal', ['p_anna', 'p_rut']);
      await waitUntil(() => source.value.roster!.consent.state === 'given', 'recorded consent did not come back on the stream');
      await source.withdrawConsent();
      expect(server.seen('POST', '/meetings/m_1/consent').map((r) => [r.body, r.authorization])).to.deep.equal([
        [{ how: 'verbal', participantIds: ['p_anna', 'p_rut'] }, `Bearer ${CHAIR_SESSION}`],
      ]);
      expect(server.seen('DELETE', '/meetings/m_1/consent').map((r) => r.authorization)).to.deep.equal([`Bearer ${CHAIR_SESSION}`]);

      server.pushEvent({ type: 'ended', at: new Date().toISOString() });
      await waitUntil(() => source.value.ended, 'not ended');
    } finally {
      stop();
      session.dispose();
    }
  });
});
