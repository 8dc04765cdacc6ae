import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCareMeetHandler } from './handler.js';
import type { MeetingEventFanOut } from '../events.js';
import type { MeetingStore } from '../store/meeting-store.js';
import { SqliteMeetingStore } from '../store/sqlite-store.js';
import { HSA, ORGANIZER_KEY, PNR, createHarness, sipMeeting, type Harness } from '../test-support/harness.js';

/**
 * Reads Server-Sent Events from a streamed Response until `until` says stop, or for 3 s at most: a
 * stream that stays quiet is cancelled at the deadline rather than read until its next heartbeat.
 */
async function readEvents(res: Response, until: (events: Array<{ event: string; data: any }>) => boolean) {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const events: Array<{ event: string; data: any }> = [];
  let buffer = '';
  const deadline = setTimeout(() => void reader.cancel(), 3000);
  while (!until(events)) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let idx;
    while ((idx = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, idx);
      buffer = buffer.slice(idx + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) events.push({ event, data: JSON.parse(data) });
    }
  }
  clearTimeout(deadline);
  await reader.cancel();
  return events;
}

async function setup(h: Harness) {
  const body = sipMeeting();
  (body.participants as unknown[]).push({ name: 'Lisa Lärare', role: 'guest', identity: { kind: 'guest', email: 'lisa@skolan.example.se' } });
  const booked = await h.call('POST', '/meetings', { token: ORGANIZER_KEY, body });
  const meetingId = booked.json.meeting.id as string;
  const guest = booked.json.participants[4];
  const chair = (await h.call('POST', '/sessions', { token: ORGANIZER_KEY, body: { meetingId, identity: { kind: 'hsa', hsaId: HSA.anna }, method: 'siths' } }))
    .json.session as string;
  const individual = (
    await h.call('POST', '/sessions', { token: ORGANIZER_KEY, body: { meetingId, identity: { kind: 'pnr', pnr: PNR.esther }, method: 'bankid' } })
  ).json.session as string;
  const guestSession = (await h.call('POST', `/invites/${guest.invite.token}/session`, { body: { name: 'Lisa Lärare' } })).json.session as string;
  return { meetingId, chair, individual, guestSession, guestId: guest.id as string, relativeId: booked.json.participants[2].id as string };
}

test("the chair's event stream opens with the roster and carries every event, each followed by a fresh roster", async () => {
  const h = await createHarness();
  const s = await setup(h);
  const handle = createCareMeetHandler(h.careMeet, { heartbeatMs: 60_000 });
  const abort = new AbortController();
  const res = await handle(
    new Request(`http://portal.test/api/meetings/${s.meetingId}/events`, { headers: { authorization: `Bearer ${s.chair}` }, signal: abort.signal }),
  );
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const reading = readEvents(res, (ev) => ev.filter((e) => e.event === 'roster').length >= 2 && ev.some((e) => e.event === 'lobby-waiting'));
  await h.call('POST', '/join', { token: s.guestSession });
  const events = await reading;
  abort.abort();
  assert.equal(events[0]?.event, 'roster');
  assert.equal(events[0]?.data.counts.registered, 5);
  const waiting = events.find((e) => e.event === 'lobby-waiting');
  assert.equal(waiting?.data.participantId, s.guestId);
  const last = events.filter((e) => e.event === 'roster').at(-1);
  assert.deepEqual(last?.data.lobby, [s.guestId]);
  await h.close();
});

test("a participant's own stream carries only events about them, and the end", async () => {
  const h = await createHarness();
  const s = await setup(h);
  const handle = createCareMeetHandler(h.careMeet, { heartbeatMs: 60_000 });
  const res = await handle(new Request(`http://portal.test/api/meetings/${s.meetingId}/events`, { headers: { authorization: `Bearer ${s.guestSession}` } }));
  assert.equal(res.status, 200);
  const reading = readEvents(res, (ev) => ev.some((e) => e.event === 'ended'));
  await h.call('POST', '/join', { token: s.individual });
  await h.call('POST', `/meetings/${s.meetingId}/remove`, { token: s.chair, body: { participantId: s.relativeId } });
  await h.call('POST', `/meetings/${s.meetingId}/admit`, { token: s.chair, body: { participantId: s.guestId } });
  await h.call('POST', `/meetings/${s.meetingId}/end`, { token: s.chair });
  const events = await reading;
  assert.deepEqual(
    events.map((e) => e.event),
    ['admitted', 'ended'],
  );
  assert.equal(events[0]?.data.participantId, s.guestId);
  assert.ok(!events.some((e) => e.event === 'roster'), 'no roster for a non-chair');
  await h.close();
});

test('an event stream needs a session of that meeting', async () => {
  const h = await createHarness();
  const s = await setup(h);
  const other = await h.call('POST', '/meetings', { token: ORGANIZER_KEY, body: sipMeeting() });
  const r = await h.call('GET', `/meetings/${other.json.meeting.id}/events`, { token: s.chair });
  assert.equal(r.status, 403);
  assert.equal((await h.call('GET', `/meetings/${s.meetingId}/events`)).status, 401);
  await h.close();
});

test("the individual's own stream says when what she is asked to consent to changed, never whom it was about", async () => {
  const h = await createHarness();
  const s = await setup(h);
  const handle = createCareMeetHandler(h.careMeet, { heartbeatMs: 60_000 });
  const streams = [s.individual, s.guestSession].map((session) =>
    handle(new Request(`http://portal.test/api/meetings/${s.meetingId}/events`, { headers: { authorization: `Bearer ${session}` } })),
  );
  const [forHer, forGuest] = await Promise.all(streams);
  const hers = readEvents(forHer as Response, (ev) => ev.some((e) => e.event === 'ended'));
  const guests = readEvents(forGuest as Response, (ev) => ev.some((e) => e.event === 'ended'));
  // Someone joins the room (not her list's business), someone is added, someone removed, the chair records consent.
  await h.call('POST', '/join', { token: s.chair });
  const added = await h.call('POST', `/meetings/${s.meetingId}/participants`, {
    token: ORGANIZER_KEY,
    body: { name: 'Sven Skolsköterska', role: 'staff', identity: { kind: 'hsa', hsaId: HSA.sven } },
  });
  assert.equal(added.status, 201, JSON.stringify(added.json));
  await h.call('POST', `/meetings/${s.meetingId}/remove`, { token: s.chair, body: { participantId: s.relativeId } });
  const list = (await h.call('GET', `/meetings/${s.meetingId}/consent`, { token: s.chair })).json.participants.map((p: { id: string }) => p.id);
  const recorded = await h.call('POST', `/meetings/${s.meetingId}/consent`, { token: s.chair, body: { how: 'verbal', participantIds: list } });
  assert.equal(recorded.status, 201, JSON.stringify(recorded.json));
  await h.call('POST', `/meetings/${s.meetingId}/end`, { token: s.chair });
  const [herEvents, guestEvents] = await Promise.all([hers, guests]);
  assert.deepEqual(
    herEvents.map((e) => e.event),
    ['consent-request', 'consent-request', 'consent-request', 'ended'],
  );
  for (const e of herEvents) assert.deepEqual(Object.keys(e.data).sort(), ['at', 'type'], 'no ids, no names');
  assert.equal(herEvents[0]?.data.type, 'consent-request');
  assert.deepEqual(
    guestEvents.map((e) => e.event),
    ['ended'],
    'nobody else hears of it',
  );
  await h.close();
});

test("when events from other instances may have been missed, the chair's stream gets the roster again; other meetings' streams and participants' do not", async () => {
  // A shared store's fan-out tells the bus to resync after its listener reconnected (PostgreSQL).
  let resync: (meetingId: string | null) => void = () => {};
  const fanOut: MeetingEventFanOut = {
    async start(_deliver, r) {
      resync = r;
    },
    publish: () => {},
    async close() {},
  };
  const store = new SqliteMeetingStore({ filename: ':memory:' }) as SqliteMeetingStore & Pick<MeetingStore, 'openEventFanOut'>;
  store.openEventFanOut = () => fanOut;
  const h = await createHarness({ store });
  const s = await setup(h);
  const handle = createCareMeetHandler(h.careMeet, { heartbeatMs: 60_000 });
  const chairAbort = new AbortController();
  const chairRes = await handle(
    new Request(`http://portal.test/api/meetings/${s.meetingId}/events`, { headers: { authorization: `Bearer ${s.chair}` }, signal: chairAbort.signal }),
  );
  const guestRes = await handle(
    new Request(`http://portal.test/api/meetings/${s.meetingId}/events`, { headers: { authorization: `Bearer ${s.guestSession}` } }),
  );
  const chairReading = readEvents(chairRes, (ev) => ev.filter((e) => e.event === 'roster').length >= 3);
  const guestReading = readEvents(guestRes, (ev) => ev.length > 0);
  await new Promise((r) => setTimeout(r, 20));
  resync('m_some_other_meeting');
  resync(s.meetingId);
  resync(null);
  const chairEvents = await chairReading;
  const guestEvents = await guestReading;
  chairAbort.abort();
  assert.deepEqual(
    chairEvents.map((e) => e.event),
    ['roster', 'roster', 'roster'],
    'the first roster, then one for this meeting and one for "any meeting"',
  );
  assert.equal(chairEvents[1]?.data.counts.registered, 5);
  assert.deepEqual(guestEvents, [], "a participant's stream carries no roster");
  await h.close();
  store.close();
});
