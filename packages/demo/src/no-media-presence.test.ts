import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCareMeetHandler, toNodeListener } from '@care-meet/server-sdk';
import { NoMediaPresence } from './no-media-presence.js';
import { noMediaMeeting, ORGANIZER_KEY } from './test-support/no-media-meeting.js';

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** An event stream as a page holds it: open until `close()`, keeping the event names it got. */
async function openStream(base: string, meetingId: string, token: string) {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/meetings/${meetingId}/events`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  const events: string[] = [];
  if (res.ok && res.body) {
    void (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          for (const m of decoder.decode(chunk, { stream: true }).matchAll(/^event: (\S+)$/gm)) events.push(m[1] as string);
        }
      } catch {
        // closed
      }
    })();
  } else {
    await res.body?.cancel();
  }
  return { status: res.status, events, close: () => abort.abort() };
}

describe('the demo without a media server: a person is there while their page holds the meeting open', () => {
  let m: Awaited<ReturnType<typeof noMediaMeeting>>;
  let presence: NoMediaPresence;
  let server: Server;
  let base: string;

  before(async () => {
    m = await noMediaMeeting();
    const api = toNodeListener(createCareMeetHandler(m.careMeet, { basePath: '/api' }));
    presence = new NoMediaPresence(m.careMeet, m.rooms);
    server = createServer((req, res) => void presence.handle(req, res, '/api', () => api(req, res)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    presence.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    m.close();
  });

  const join = async (token: string) => {
    const res = await fetch(`${base}/api/join`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    return ((await res.json()) as { status: string }).status;
  };
  const present = async (id: string) => {
    await until(() => m.rooms.isPresent(m.meetingId, id), 'presence');
    await presence.settled();
  };
  const gone = async (id: string) => {
    await until(() => !m.rooms.isPresent(m.meetingId, id), 'gone');
    await presence.settled();
  };

  test('the roster shows who is there, the lobby keeps its guest, and the meeting leader hears of each change', async () => {
    assert.equal(await join(m.sessions.chair), 'admitted');
    const chair = await openStream(base, m.meetingId, m.sessions.chair);
    await present(m.ids.chair);
    assert.deepEqual((await m.roster()).status, { 'Anna Samordnare': 'connected', 'Rut Exempel': 'absent', 'Lisa Lärare': 'absent' });
    await until(() => chair.events.includes('participant-connected'), 'the chair hears she is connected');

    assert.equal(await join(m.sessions.guest), 'lobby');
    const guest = await openStream(base, m.meetingId, m.sessions.guest);
    await present(m.ids.guest);
    assert.equal(await join(m.sessions.relative), 'admitted');
    const relative = await openStream(base, m.meetingId, m.sessions.relative);
    await present(m.ids.relative);
    const everyone = { status: { 'Anna Samordnare': 'connected', 'Rut Exempel': 'connected', 'Lisa Lärare': 'lobby' }, lobby: ['Lisa Lärare'] };
    assert.deepEqual(await m.roster(), everyone);
    // The roster's own reconciliation (every 30 s) used to empty the lobby and disconnect everyone.
    await m.careMeet.reconcile(m.meetingId);
    assert.deepEqual(await m.roster(), everyone);

    // Let in: the guest's page moves to the room.
    const admitted = await fetch(`${base}/api/meetings/${m.meetingId}/admit`, {
      method: 'POST',
      headers: { authorization: `Bearer ${m.sessions.chair}`, 'content-type': 'application/json' },
      body: JSON.stringify({ participantId: m.ids.guest }),
    });
    assert.equal(admitted.status, 200);
    await until(async () => (await m.roster()).status['Lisa Lärare'] === 'connected', 'the guest connected in the room');
    assert.deepEqual((await m.roster()).lobby, []);

    // Leave: the page closes its stream.
    const heard = chair.events.filter((e) => e === 'participant-disconnected').length;
    relative.close();
    await gone(m.ids.relative);
    assert.equal((await m.roster()).status['Rut Exempel'], 'left');
    await until(() => chair.events.filter((e) => e === 'participant-disconnected').length > heard, 'the chair hears the relative left');

    // Removed: stays removed when the page goes (as the element closes it when told).
    await m.careMeet.remove(m.meetingId, m.ids.guest, { kind: 'organizer' });
    guest.close();
    await gone(m.ids.guest);
    assert.equal((await m.roster()).status['Lisa Lärare'], 'removed');

    // The end: the chair's page is told, and closes its stream.
    await m.careMeet.end(m.meetingId, { kind: 'organizer' });
    await until(() => chair.events.includes('ended'), 'the chair hears the end');
    chair.close();
    await gone(m.ids.chair);
  });

  test('only a participant’s own stream counts: not the organizer’s, not one the server refused', async () => {
    const otherMeeting = await m.careMeet.bookMeeting({
      title: 'Ett annat möte',
      startsAt: '2026-12-01T10:00:00+01:00',
      endsAt: '2026-12-01T11:00:00+01:00',
      participants: [{ name: 'Anna Samordnare', role: 'chair', identity: { kind: 'hsa', hsaId: 'SE2321000016-A1B2' } }],
    });
    const elsewhere = await m.careMeet.vouchSession(otherMeeting.meeting.id, { kind: 'hsa', hsaId: 'SE2321000016-A1B2' }, 'siths');
    const organizer = await openStream(base, m.meetingId, ORGANIZER_KEY);
    assert.equal(organizer.status, 200);
    // A session of another meeting, and no session at all: refused.
    assert.equal((await openStream(base, m.meetingId, elsewhere.session)).status, 403);
    assert.equal((await openStream(base, m.meetingId, 's_not-a-session-at-all-0123456789')).status, 401);
    await new Promise((r) => setTimeout(r, 50));
    await presence.settled();
    assert.equal(m.rooms.hasAnyone(m.meetingId), false);
    assert.equal(m.rooms.hasAnyone(otherMeeting.meeting.id), false);
    organizer.close();
  });
});
