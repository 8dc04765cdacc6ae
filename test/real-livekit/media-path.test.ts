// The full media path against a real LiveKit server, in Debian's Chromium with the fake camera and
// microphone, through the demo portal's real pages:
//   LIVEKIT_URL=ws://127.0.0.1:7880 LIVEKIT_API_KEY=devkey LIVEKIT_API_SECRET=secret \
//     pnpm --filter @care-meet/test run test:livekit
// One meeting, step by step (each step needs the one before): the meeting leader and the
// individual see and hear each other; an SMS guest waits in the lobby receiving nothing while the
// meeting leader sees the guest's camera; let in, the guest and the room see each other; the
// individual loses the connection and gets it back, briefly and then for longer than LiveKit's own
// reconnect; the guest is removed and refused; the meeting ends for everyone and a rejoin is refused.
// "Frames flow" always means: the remote <video> has a size, presents frames
// (requestVideoFrameCallback) and its own track's framesDecoded grows (RTCPeerConnection stats).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RoomServiceClient } from 'livekit-server-sdk';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, shot, startDemo, type Demo } from '../e2e/harness.js';
import {
  assertProbe,
  cutFromMedia,
  describeFrames,
  flowing,
  inboundStreams,
  MEDIA_PROBE_SCRIPT,
  packetsFor,
  connectedPeerConnectionStates,
  reconnectToMedia,
  sampleVideo,
  waitForFrames,
} from './media-probe.js';
import {
  bookMeeting,
  chairJoins,
  citizenJoins,
  connectionLine,
  endMeeting,
  leaveControl,
  letIn,
  lobbyGuest,
  localTile,
  newPerson,
  nextJoinAnswer,
  PEOPLE,
  remoteTile,
  removeFromTile,
  seesHeading,
  smsGuestToLobby,
  STEP_TIMEOUT,
  tileCaption,
  tiles,
  type Person,
} from './meeting-steps.js';

const LIVEKIT_URL = process.env.LIVEKIT_URL ?? '';
const API_KEY = process.env.LIVEKIT_API_KEY ?? 'devkey';
const API_SECRET = process.env.LIVEKIT_API_SECRET ?? 'secret';

/** The remote picture of `name` on `page` flows (see the header); fails saying what was seen. */
async function assertSeesVideoOf(page: Page, name: string, label: string): Promise<void> {
  const frames = await waitForFrames(remoteTile(page, name).locator('video.video'));
  assert.ok(flowing(frames), `${label}: ${name}'s video should decode and play (${describeFrames(frames)})`);
}

/** `name`'s microphone reaches `page`: packets arrive for the track their <audio> plays, and it plays. */
async function assertHears(page: Page, identity: string, label: string): Promise<void> {
  const audio = page.locator(`care-meeting .audio audio[data-identity="${identity}"]`);
  await audio.waitFor({ state: 'attached', timeout: STEP_TIMEOUT });
  const first = await packetsFor(audio);
  await page.waitForTimeout(2_000);
  const second = await packetsFor(audio);
  assert.ok(first.packets !== null && second.packets !== null && second.packets > first.packets, `${label}: audio packets should arrive (${first.packets} → ${second.packets})`);
  assert.ok(second.currentTime > first.currentTime, `${label}: the <audio> should play (${first.currentTime} → ${second.currentTime})`);
}

/** Each person's tile in the other's grid, with name and role, and the picture flowing both ways. */
async function assertSeeEachOther(a: Page, aWho: { name: string; role: string }, b: Page, bWho: { name: string; role: string }): Promise<void> {
  const bOnA = remoteTile(a, bWho.name);
  const aOnB = remoteTile(b, aWho.name);
  await bOnA.waitFor({ timeout: STEP_TIMEOUT });
  await aOnB.waitFor({ timeout: STEP_TIMEOUT });
  assert.deepEqual(await tileCaption(bOnA), { name: bWho.name, role: bWho.role }, `${aWho.name} sees ${bWho.name}'s tile`);
  assert.deepEqual(await tileCaption(aOnB), { name: aWho.name, role: aWho.role }, `${bWho.name} sees ${aWho.name}'s tile`);
  await assertSeesVideoOf(a, bWho.name, `${aWho.name}'s page`);
  await assertSeesVideoOf(b, aWho.name, `${bWho.name}'s page`);
}

const identityOf = async (page: Page): Promise<string> => (await localTile(page).getAttribute('data-identity')) ?? '';

describe(`the media path in Chromium, real LiveKit at ${LIVEKIT_URL}`, { timeout: 900_000 }, () => {
  let demo: Demo;
  let browser: Browser;
  let chair: Person;
  let individual: Person;
  let guest: Person;
  let meetingId = '';
  let roomName = '';
  const rooms = new RoomServiceClient(LIVEKIT_URL.replace(/^ws/, 'http'), API_KEY, API_SECRET);
  const ids = { chair: '', individual: '', guest: '' };

  before(async () => {
    assert.ok(LIVEKIT_URL, 'set LIVEKIT_URL to a real LiveKit server (test/run-real-livekit.mjs does not start this suite without it)');
    demo = await startDemo({ livekitUrl: LIVEKIT_URL });
    // The demo falls back to "no media" when LiveKit does not answer: nothing below would mean anything then.
    assert.match(demo.media, /^LiveKit at /, `the demo must use the LiveKit at ${LIVEKIT_URL}; it says: ${demo.media}`);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  test('the meeting leader and the individual join; each sees the other by name and role, and video and sound flow', async () => {
    chair = await newPerson(browser, MEDIA_PROBE_SCRIPT);
    meetingId = await bookMeeting(chair.page, demo);
    await chairJoins(chair.page, demo, meetingId);
    await assertProbe(chair.page);

    individual = await newPerson(browser, MEDIA_PROBE_SCRIPT);
    await citizenJoins(individual.page, demo, meetingId, PEOPLE.individual.inboxId);
    await leaveControl(individual.page).waitFor({ timeout: STEP_TIMEOUT });
    await assertProbe(individual.page);

    await assertSeeEachOther(chair.page, PEOPLE.chair, individual.page, PEOPLE.individual);
    assert.equal(await tiles(chair.page).count(), 2, 'two tiles on the meeting leader\'s page');
    assert.equal(await tiles(individual.page).count(), 2, 'two tiles on the individual\'s page');
    ids.chair = await identityOf(chair.page);
    ids.individual = await identityOf(individual.page);
    assert.match(ids.chair, /^p_/);
    assert.match(ids.individual, /^p_/);
    await assertHears(chair.page, ids.individual, 'the meeting leader hears the individual');
    await assertHears(individual.page, ids.chair, 'the individual hears the meeting leader');

    // LiveKit's own view: both in one room, with the role care-meet put in their token.
    for (const room of await rooms.listRooms()) {
      const people = await rooms.listParticipants(room.name);
      if (people.some((p) => p.identity === ids.chair)) roomName = room.name;
    }
    assert.ok(roomName, 'LiveKit lists the meeting\'s room');
    const roles = new Map((await rooms.listParticipants(roomName)).map((p) => [p.identity, p.attributes['care.role']]));
    assert.equal(roles.get(ids.chair), PEOPLE.chair.careRole);
    assert.equal(roles.get(ids.individual), PEOPLE.individual.careRole);

    // Muting on one page shows on the other.
    await individual.page.locator('care-meeting button.control[part~="control-microphone"]').click();
    await remoteTile(chair.page, PEOPLE.individual.name).and(chair.page.locator('[data-muted]')).waitFor({ timeout: 5_000 });
    await individual.page.locator('care-meeting button.control[part~="control-microphone"]').click();
    await remoteTile(chair.page, PEOPLE.individual.name).and(chair.page.locator(':not([data-muted])')).waitFor({ timeout: 5_000 });
    await shot(chair.page, 'media-01-chair-and-individual');
  });

  test('lobby: the guest receives nothing from the room while the meeting leader sees the guest\'s camera; let in, video flows both ways', async () => {
    guest = await newPerson(browser, MEDIA_PROBE_SCRIPT);
    await smsGuestToLobby(guest, demo, PEOPLE.guest.phone);
    await assertProbe(guest.page);

    // The meeting leader sees the guest's lobby camera (the lobby room, through her observer connection).
    const waiting = lobbyGuest(chair.page, PEOPLE.guest.name);
    await waiting.waitFor({ timeout: STEP_TIMEOUT });
    const lobbyCamera = await waitForFrames(waiting.locator('video'));
    assert.ok(flowing(lobbyCamera), `the meeting leader sees the guest's lobby camera (${describeFrames(lobbyCamera)})`);
    assert.equal(await remoteTile(chair.page, PEOPLE.guest.name).count(), 0, 'a lobby guest has no tile in the room');

    // The guest, meanwhile, gets nothing: no tiles, no <audio>, and no inbound RTP at all, for a
    // while during which the meeting leader and the individual are publishing.
    await guest.page.waitForTimeout(5_000);
    assert.equal(await tiles(guest.page).count(), 0, 'no tiles in the lobby');
    assert.equal(await guest.page.locator('care-meeting .audio audio').count(), 0, 'no sound in the lobby');
    const received = (await inboundStreams(guest.page)).filter((s) => s.packetsReceived > 0 || s.bytesReceived > 0);
    assert.deepEqual(received, [], 'the lobby guest receives no media at all');
    // Still the guest's own camera works (the lobby preview), so "nothing received" is not "nothing running".
    const preview = await sampleVideo(guest.page.locator('care-meeting figure.preview video'));
    assert.ok(preview.width > 0 && preview.presented > 0, `the guest sees their own camera in the lobby (${describeFrames(preview)})`);
    await shot(guest.page, 'media-02-guest-lobby');
    await shot(chair.page, 'media-03-chair-sees-lobby-camera');

    await letIn(chair.page, PEOPLE.guest.name);
    await leaveControl(guest.page).waitFor({ timeout: STEP_TIMEOUT });
    await assertSeeEachOther(chair.page, PEOPLE.chair, guest.page, PEOPLE.guest);
    await assertSeesVideoOf(guest.page, PEOPLE.individual.name, 'the admitted guest\'s page');
    await assertSeesVideoOf(individual.page, PEOPLE.guest.name, 'the individual\'s page');
    ids.guest = await identityOf(guest.page);
    await waiting.waitFor({ state: 'detached', timeout: STEP_TIMEOUT });
    await shot(guest.page, 'media-04-guest-admitted');
  });

  test('reconnect: a short outage shows "Reconnecting…", and video flows again after it', async () => {
    const line = connectionLine(individual.page);
    const closed = await cutFromMedia(individual, LIVEKIT_URL);
    assert.ok(closed > 0, 'the individual\'s page had a signalling socket to LiveKit');
    await individual.page.locator('care-meeting .connection', { hasText: 'The connection was lost. Reconnecting…' }).waitFor({ timeout: STEP_TIMEOUT });
    assert.equal(await line.getAttribute('data-connection'), 'reconnecting');
    await shot(individual.page, 'media-05-reconnecting');
    await individual.page.waitForTimeout(5_000);
    await reconnectToMedia(individual, LIVEKIT_URL);
    await individual.page.locator('care-meeting .connection[data-connection="connected"]').waitFor({ timeout: 60_000 });
    await assertSeeEachOther(chair.page, PEOPLE.chair, individual.page, PEOPLE.individual);
  });

  test('reconnect: an outage longer than LiveKit\'s own reconnect says "Still reconnecting", joins again for a fresh token, and comes back with camera and microphone on', async () => {
    const joins: string[] = [];
    individual.page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/join') joins.push(r.url());
    });
    await cutFromMedia(individual, LIVEKIT_URL);
    // LiveKit's default policy gives up after about 45 s (10 tries); then care-meet asks the server
    // for a fresh token (POST /join, failing while offline) and says which attempt it is on.
    await individual.page.locator('care-meeting .connection', { hasText: /Still reconnecting \(attempt \d+\)/ }).waitFor({ timeout: 120_000 });
    assert.ok(joins.length > 0, 'care-meet asked the server for a fresh token');
    await shot(individual.page, 'media-06-still-reconnecting');
    await reconnectToMedia(individual, LIVEKIT_URL);
    await individual.page.locator('care-meeting .connection[data-connection="connected"]').waitFor({ timeout: 60_000 });
    await assertSeeEachOther(chair.page, PEOPLE.chair, individual.page, PEOPLE.individual);
    const self = localTile(individual.page);
    assert.equal(await self.getAttribute('data-muted'), null, 'the microphone came back on');
    assert.equal(await self.getAttribute('data-camera-off'), null, 'the camera came back on');
    await assertHears(chair.page, ids.individual, 'the meeting leader hears the individual again');
  });

  test('remove: the guest leaves the room at once and a join with their session is refused REMOVED', async () => {
    await removeFromTile(chair.page, PEOPLE.guest.name);
    await seesHeading(guest.page, 'You were removed from the meeting');
    await remoteTile(chair.page, PEOPLE.guest.name).waitFor({ state: 'detached', timeout: STEP_TIMEOUT });
    await remoteTile(individual.page, PEOPLE.guest.name).waitFor({ state: 'detached', timeout: STEP_TIMEOUT });
    const guestConnections = await connectedPeerConnectionStates(guest.page);
    assert.ok(guestConnections.length > 0 && guestConnections.every((s) => s === 'closed'), `the guest's peer connections are closed (${guestConnections.join(', ')})`);
    // The same session tries again, through the element's own session object: the server says no.
    const answer = nextJoinAnswer(guest.page);
    await guest.page.evaluate(() =>
      (globalThis as unknown as { document: { querySelector(s: string): { meetingSession: { join(): Promise<void> } } } }).document
        .querySelector('care-meeting')
        .meetingSession.join(),
    );
    assert.deepEqual(await answer, { status: 403, code: 'REMOVED' });
    await seesHeading(guest.page, 'You were removed from the meeting');
    const people = (await rooms.listParticipants(roomName)).map((p) => p.identity);
    assert.ok(!people.includes(ids.guest), 'LiveKit no longer lists the guest in the room');
    await shot(guest.page, 'media-07-guest-removed');
  });

  test('end: everyone sees "The meeting has ended", every connection closes, the room is gone, and a rejoin is refused', async () => {
    await endMeeting(chair.page);
    for (const page of [chair.page, individual.page]) await seesHeading(page, 'The meeting has ended');
    for (const [who, page] of [['meeting leader', chair.page], ['individual', individual.page]] as const) {
      await page.waitForFunction(
        () => (globalThis as unknown as { __careMeetMedia: { connectedPeerConnectionStates(): string[] } }).__careMeetMedia.connectedPeerConnectionStates().every((s) => s === 'closed'),
        undefined,
        { timeout: STEP_TIMEOUT },
      );
      assert.ok((await connectedPeerConnectionStates(page)).length > 0, `the ${who}'s page had connected peer connections`);
      assert.equal(await tiles(page).count(), 0, `no tiles left on the ${who}'s page`);
    }
    const left = (await rooms.listRooms()).map((r) => r.name);
    assert.ok(!left.includes(roomName), 'LiveKit no longer has the meeting\'s room');
    await shot(individual.page, 'media-08-individual-ended');

    // The individual tries again from the inbox, in a fresh window: the server refuses.
    const again = await newPerson(browser, MEDIA_PROBE_SCRIPT);
    const answer = nextJoinAnswer(again.page, 60_000);
    await citizenJoins(again.page, demo, meetingId, PEOPLE.individual.inboxId);
    assert.deepEqual(await answer, { status: 410, code: 'MEETING_ENDED' });
    await seesHeading(again.page, 'The meeting has ended');
    assert.equal(await tiles(again.page).count(), 0);
    await shot(again.page, 'media-09-rejoin-refused');
  });
});
