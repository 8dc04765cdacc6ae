// The full media path against a real LiveKit server, in Debian's Chromium with the fake camera and
// microphone, through the demo portal's real pages (`pnpm --filter @care-meet/test run test:livekit`
// starts the repo's own LiveKit for it; see test/run-real-livekit.mjs).
// One meeting, step by step (each step needs the one before): the meeting leader (a SITHS-like
// login) and the individual (a BankID-like login) see and hear each other; an SMS guest waits in
// the lobby receiving nothing while the meeting leader sees and hears them; let in, the guest and
// the room see each other; chat and screen sharing, which this meeting allows; the guest is removed
// and kept out, even with the LiveKit token they still hold; the individual loses the connection
// and gets it back after her token has expired, briefly and then for longer than LiveKit's own
// reconnect; the meeting ends for everyone, old tokens are useless and a rejoin is refused. Then a
// meeting that allows neither chat nor screen sharing, as the real server holds it.
// "Frames flow" always means: the remote <video> has a size, presents frames
// (requestVideoFrameCallback) and its own track's framesDecoded grows (RTCPeerConnection stats).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RoomServiceClient } from 'livekit-server-sdk';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, shot, startDemo, type Demo } from '../e2e/harness.js';
import { realTarget, realWebhookPort } from '../scenarios/support.js';
import { bareConnect } from './bare-client.js';
import { AccessToken, TrackSource } from 'livekit-server-sdk';
import {
  assertProbe,
  audioLevel,
  cutFromMedia,
  isLoopback,
  selectedIcePairs,
  describeFrames,
  flowing,
  inboundStreams,
  MEDIA_PROBE_SCRIPT,
  packetsFor,
  connectedPeerConnectionStates,
  reconnectToMedia,
  waitForLocalPicture,
  pictureBrightness,
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
  loginJoins,
  newPerson,
  recordJoins,
  rosterSays,
  type JoinLog,
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
const LIVEKIT_HTTP = LIVEKIT_URL.replace(/^ws/, 'http');
/** The lifetime of the LiveKit tokens care-meet mints (CareMeet's default `tokenTtlSeconds`, which the demo keeps). */
const TOKEN_TTL_MS = 60_000;
/** LiveKit checks `exp` with go-jose's leeway of one minute: a token is refused only this long after it was minted. */
const TOKEN_REFUSED_AFTER_MS = TOKEN_TTL_MS + 60_000;

/** What LiveKit's own pre-connect check (`/rtc/validate`) says of a token: `200 success`, or why not. */
async function validate(token: string): Promise<string> {
  return (await realTarget().connect(token)).detail;
}

/** Polls `check` every 25 ms until it holds; answers the ms it took (fails after `timeoutMs`). */
async function msUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return Date.now() - start;
}

/** Whether `name`'s tile on `page` has a video presenting frames now (sampled for 100 ms). */
async function presentsPictureOf(page: Page, name: string): Promise<boolean> {
  const video = remoteTile(page, name).locator('video.video');
  return (await video.count()) > 0 && (await sampleVideo(video, 100)).presented > 0;
}

/**
 * ms from `since` until `name`'s tile on `page` presented a frame, timed by the page itself
 * (`requestVideoFrameCallback`, on the page's clock, which is this machine's).
 */
async function firstFrameOf(page: Page, name: string, since: number): Promise<number> {
  const video = remoteTile(page, name).locator('video.video');
  await video.waitFor({ state: 'attached', timeout: 20_000 });
  const { at, asked, connected } = await video.evaluate(
    (element) =>
      new Promise<{ at: number; asked: number; connected: boolean }>((resolve, reject) => {
        // A browser element (the test project has no DOM types): what is used of it.
        const v = element as unknown as { isConnected: boolean; requestVideoFrameCallback(f: () => void): void };
        const asked = Date.now();
        const timer = setTimeout(() => reject(new Error('no frame within 20 s')), 20_000);
        v.requestVideoFrameCallback(() => {
          clearTimeout(timer);
          resolve({ at: Date.now(), asked, connected: v.isConnected });
        });
      }),
  );
  measured[`${name}'s first frame: the tile's video found (ms after the step)`] =
    `${asked - since} ms${connected ? '' : ' (the element was replaced meanwhile)'}`;
  return at - since;
}

/** Measured figures, printed at the end (and by the test runner's diagnostics). */
const measured: Record<string, string> = {};

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
  assert.ok(
    first.packets !== null && second.packets !== null && second.packets > first.packets,
    `${label}: audio packets should arrive (${first.packets} → ${second.packets})`,
  );
  assert.ok(second.currentTime > first.currentTime, `${label}: the <audio> should play (${first.currentTime} → ${second.currentTime})`);
  // And what plays is sound, not silence: an analyser on the remote track hears the fake microphone's beep.
  const rms = await audioLevel(audio, 2_500);
  assert.ok(rms !== null && rms > 0.02, `${label}: the remote track carries sound (RMS ${rms}; silence is 0)`);
}

/** Every connected peer connection of the page sends and receives on loopback, both ends. */
async function assertIceOnLoopback(page: Page, label: string): Promise<void> {
  const pairs = await selectedIcePairs(page);
  assert.ok(pairs.length > 0, `${label}: a connected peer connection with a selected ICE pair`);
  for (const pair of pairs) {
    assert.ok(isLoopback(pair.local.address) && isLoopback(pair.remote.address), `${label}: ICE pair on loopback (${JSON.stringify(pair)})`);
  }
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
  let joins: { chair: JoinLog; individual: JoinLog; guest: JoinLog };
  let meetingId = '';
  let roomName = '';
  let lobbyRoomName = '';
  const rooms = new RoomServiceClient(LIVEKIT_HTTP, API_KEY, API_SECRET);
  const ids = { chair: '', individual: '', guest: '' };
  const heldTokens: string[] = [];

  before(async () => {
    assert.ok(LIVEKIT_URL, 'set LIVEKIT_URL to a real LiveKit server (test/run-real-livekit.mjs does not start this suite without it)');
    demo = await startDemo({ livekitUrl: LIVEKIT_URL, port: realWebhookPort() });
    // The demo falls back to "no media" when LiveKit does not answer: nothing below would mean anything then.
    assert.match(demo.media, /^LiveKit at /, `the demo must use the LiveKit at ${LIVEKIT_URL}; it says: ${demo.media}`);
    // A steady tone for a microphone (Chromium's own fake microphone beeps too briefly for LiveKit's
    // speaker detection), so "speaking" can be seen on the tiles.
    browser = await launchBrowser({ microphoneTone: true });
  });
  after(async () => {
    for (const [what, figure] of Object.entries(measured)) console.log(`# measured: ${what}: ${figure}`);
    await browser?.close();
    await demo?.close();
  });

  test('the meeting leader (SITHS login) and the individual (BankID login) join; each sees and hears the other, on loopback', async () => {
    chair = await newPerson(browser, MEDIA_PROBE_SCRIPT);
    individual = await newPerson(browser, MEDIA_PROBE_SCRIPT);
    joins = { chair: recordJoins(chair.page), individual: recordJoins(individual.page), guest: null as unknown as JoinLog };
    meetingId = await bookMeeting(chair.page, demo, { chat: true, screenShare: true });
    await loginJoins(chair, demo, meetingId, PEOPLE.chair.name, { method: 'SITHS card', hsaId: PEOPLE.chair.hsaId });
    await chair.page.getByRole('button', { name: 'End the meeting for everyone' }).waitFor({ timeout: STEP_TIMEOUT });
    await leaveControl(chair.page).waitFor({ timeout: STEP_TIMEOUT });
    await assertProbe(chair.page);

    await loginJoins(individual, demo, meetingId, PEOPLE.individual.name, { method: 'BankID', pnr: PEOPLE.individual.pnr });
    await leaveControl(individual.page).waitFor({ timeout: STEP_TIMEOUT });
    await assertProbe(individual.page);

    await assertSeeEachOther(chair.page, PEOPLE.chair, individual.page, PEOPLE.individual);
    assert.equal(await tiles(chair.page).count(), 2, "two tiles on the meeting leader's page");
    assert.equal(await tiles(individual.page).count(), 2, "two tiles on the individual's page");
    ids.chair = await identityOf(chair.page);
    ids.individual = await identityOf(individual.page);
    assert.match(ids.chair, /^p_/);
    assert.match(ids.individual, /^p_/);
    await assertHears(chair.page, ids.individual, 'the meeting leader hears the individual');
    await assertHears(individual.page, ids.chair, 'the individual hears the meeting leader');
    await assertIceOnLoopback(chair.page, 'the meeting leader');
    await assertIceOnLoopback(individual.page, 'the individual');

    // LiveKit's own view: both in one room, with the role and the proof care-meet put in their token.
    // (The meeting leader is also in the lobby's room, as its observer; the meeting's room holds both.)
    for (const room of await rooms.listRooms()) {
      const people = (await rooms.listParticipants(room.name)).map((p) => p.identity);
      if (people.includes(ids.chair) && people.includes(ids.individual)) roomName = room.name;
      else if (people.includes(ids.chair)) lobbyRoomName = room.name;
    }
    assert.ok(roomName, "LiveKit lists the meeting's room, with both in it");
    assert.ok(lobbyRoomName, "LiveKit lists the lobby's room, with the meeting leader observing it");
    const inRoom = new Map((await rooms.listParticipants(roomName)).map((p) => [p.identity, p]));
    assert.equal(inRoom.get(ids.chair)?.attributes['care.role'], PEOPLE.chair.careRole);
    assert.equal(inRoom.get(ids.chair)?.attributes['care.verified'], 'siths');
    assert.equal(inRoom.get(ids.individual)?.attributes['care.role'], PEOPLE.individual.careRole);
    assert.equal(inRoom.get(ids.individual)?.attributes['care.verified'], 'bankid');

    // The roster's connected states come from LiveKit's webhooks.
    await rosterSays(chair.page, PEOPLE.individual.name, 'connected');
    await rosterSays(chair.page, PEOPLE.chair.name, 'connected');
    await rosterSays(chair.page, PEOPLE.relative.name, 'absent');

    // Speaking (the fake microphone beeps) and muting show on the other's page.
    await remoteTile(chair.page, PEOPLE.individual.name).and(chair.page.locator('[data-speaking]')).waitFor({ state: 'attached', timeout: 15_000 });
    await individual.page.locator('care-meeting button.control[part~="control-microphone"]').click();
    await remoteTile(chair.page, PEOPLE.individual.name).and(chair.page.locator('[data-muted]')).waitFor({ timeout: 5_000 });
    await individual.page.locator('care-meeting button.control[part~="control-microphone"]').click();
    await remoteTile(chair.page, PEOPLE.individual.name).and(chair.page.locator(':not([data-muted])')).waitFor({ timeout: 5_000 });
    await shot(chair.page, 'media-01-chair-and-individual');
  });

  test('lobby: the guest receives nothing and is not in the room; the meeting leader sees and hears them; Let in brings their media into the room', async () => {
    guest = await newPerson(browser, MEDIA_PROBE_SCRIPT);
    joins.guest = recordJoins(guest.page);
    await smsGuestToLobby(guest, demo, PEOPLE.guest.phone);
    await assertProbe(guest.page);

    // The meeting leader sees and hears the guest's lobby camera and microphone (through her observer connection).
    const waiting = lobbyGuest(chair.page, PEOPLE.guest.name);
    await waiting.waitFor({ timeout: STEP_TIMEOUT });
    const lobbyCamera = await waitForFrames(waiting.locator('video'));
    assert.ok(flowing(lobbyCamera), `the meeting leader sees the guest's lobby camera (${describeFrames(lobbyCamera)})`);
    const lobbyVoice = waiting.locator('audio');
    await lobbyVoice.waitFor({ state: 'attached', timeout: STEP_TIMEOUT });
    const voice = await audioLevel(lobbyVoice, 2_500);
    assert.ok(voice !== null && voice > 0.02, `the meeting leader hears the guest in the lobby (RMS ${voice})`);
    assert.equal(await remoteTile(chair.page, PEOPLE.guest.name).count(), 0, 'a lobby guest has no tile in the room');

    // LiveKit's own view: the guest is in the lobby's room, not the meeting's.
    const inLobby = (await rooms.listParticipants(lobbyRoomName)).find((p) => p.name === PEOPLE.guest.name);
    assert.ok(inLobby, "LiveKit lists the guest in the lobby's room");
    ids.guest = inLobby.identity;
    assert.ok(!(await rooms.listParticipants(roomName)).some((p) => p.identity === ids.guest), "LiveKit does not list the guest in the meeting's room");
    assert.equal(inLobby.permission?.canSubscribe, false, 'the lobby token cannot subscribe');

    // The guest, meanwhile, gets nothing: no tiles, no <audio>, and no inbound RTP at all, for a
    // while during which the meeting leader and the individual are publishing.
    await guest.page.waitForTimeout(5_000);
    assert.equal(await tiles(guest.page).count(), 0, 'no tiles in the lobby');
    assert.equal(await guest.page.locator('care-meeting .audio audio').count(), 0, 'no sound in the lobby');
    const received = (await inboundStreams(guest.page)).filter((s) => s.packetsReceived > 0 || s.bytesReceived > 0);
    assert.deepEqual(received, [], 'the lobby guest receives no media at all');
    // Still the guest's own camera works (the lobby preview), so "nothing received" is not "nothing running".
    const preview = await waitForLocalPicture(guest.page.locator('care-meeting figure.preview video'));
    assert.ok(preview.width > 0 && preview.presented >= 5, `the guest sees their own camera in the lobby (${describeFrames(preview)})`);
    // And not a black box (issue #15, item 12): the picture has the fake camera's colours.
    const brightness = await pictureBrightness(guest.page.locator('care-meeting figure.preview video'));
    assert.ok(brightness > 20, `the guest's lobby preview shows a picture, not black (mean luma ${brightness.toFixed(1)})`);
    await shot(guest.page, 'media-02-guest-lobby');
    await shot(chair.page, 'media-03-chair-sees-lobby-camera');

    // Let in: from the click to the guest's picture on the meeting leader's page, and hers on theirs (timed).
    const admitted = chair.page.waitForResponse((r) => r.request().method() === 'POST' && /\/admit$/.test(new URL(r.url()).pathname));
    const guestJoined = guest.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/join');
    await letIn(chair.page, PEOPLE.guest.name);
    const clicked = Date.now();
    void admitted.then(() => (measured['Let in → the server answered the admission'] = `${Date.now() - clicked} ms`));
    void guestJoined.then(() => (measured["Let in → the guest's page has its room token"] = `${Date.now() - clicked} ms`));
    void localTile(guest.page)
      .waitFor({ state: 'attached', timeout: 15_000 })
      .then(
        () => (measured["Let in → the guest's page in the room"] = `${Date.now() - clicked} ms`),
        () => undefined,
      );
    // Both ways at once, each page timing its own first presented frame (the polling below only
    // says that frames flow, in steps of a few hundred ms, and one way after the other).
    const [guestSeen, roomSeen] = await Promise.all([
      firstFrameOf(chair.page, PEOPLE.guest.name, clicked),
      firstFrameOf(guest.page, PEOPLE.chair.name, clicked),
    ]);
    measured["Let in → guest's first frame on the meeting leader's page"] = `${guestSeen} ms`;
    measured["Let in → meeting leader's first frame on the guest's page"] = `${roomSeen} ms`;
    await msUntil(() => presentsPictureOf(chair.page, PEOPLE.guest.name), 20_000, "the guest's picture in the room");
    await msUntil(() => presentsPictureOf(guest.page, PEOPLE.chair.name), 20_000, "the room's picture on the guest's page");
    for (const [who, page] of [
      ['guest', guest.page],
      ['meeting leader', chair.page],
    ] as const) {
      measured[`after Let in, on the ${who}'s page`] = (
        await page.evaluate(
          (since) => (globalThis as unknown as { __careMeetMedia: { eventsSince(t: number): string[] } }).__careMeetMedia.eventsSince(since),
          clicked,
        )
      ).join('; ');
    }
    // Let in hands the lobby's camera and microphone over to the meeting's room (although the
    // server took away the lobby's right to publish at the click): the guest's page captures nothing again.
    const captures = (
      await guest.page.evaluate(
        (since) => (globalThis as unknown as { __careMeetMedia: { eventsSince(t: number): string[] } }).__careMeetMedia.eventsSince(since),
        clicked,
      )
    ).filter((event) => event.includes('getUserMedia'));
    assert.deepEqual(captures, [], "Let in publishes the lobby's camera and microphone, still capturing, instead of starting them again");
    // The time is a goal (3 s), not a test: it is printed here; bench/let-in.bench.mjs measures it over
    // many Let ins and writes it into docs/benchmarks.md.

    await leaveControl(guest.page).waitFor({ timeout: STEP_TIMEOUT });
    await assertSeeEachOther(chair.page, PEOPLE.chair, guest.page, PEOPLE.guest);
    await assertSeesVideoOf(guest.page, PEOPLE.individual.name, "the admitted guest's page");
    await assertSeesVideoOf(individual.page, PEOPLE.guest.name, "the individual's page");
    assert.equal(await identityOf(guest.page), ids.guest, 'the same identity in the room as in the lobby');
    await waiting.waitFor({ state: 'detached', timeout: STEP_TIMEOUT });
    await rosterSays(chair.page, PEOPLE.guest.name, 'connected');
    await shot(guest.page, 'media-04-guest-admitted');
  });

  test('chat and screen sharing, which this meeting allows: messages cross the real data channel, a personnummer is refused, the shared screen arrives', async () => {
    const openChat = async (page: Page) => {
      await page.locator('care-meeting button[part~="control-chat"]').click();
      await page.locator('care-meeting #chat-input').waitFor({ timeout: STEP_TIMEOUT });
    };
    await openChat(chair.page);
    await openChat(individual.page);
    await chair.page.locator('care-meeting #chat-input').fill('Välkomna, vi börjar strax.');
    await chair.page.locator('care-meeting #chat-input').press('Enter');
    await individual.page.locator('care-meeting ol.chat-log li', { hasText: 'Välkomna, vi börjar strax.' }).waitFor({ timeout: STEP_TIMEOUT });
    await individual.page.locator('care-meeting #chat-input').fill('Mitt personnummer är 19121212-1212');
    await individual.page.locator('care-meeting #chat-input').press('Enter');
    await individual.page.locator('care-meeting #chat-error', { hasText: 'Not sent' }).waitFor({ timeout: STEP_TIMEOUT });
    await individual.page.locator('care-meeting #chat-input').fill('Tack, jag hör er.');
    await individual.page.locator('care-meeting #chat-input').press('Enter');
    await chair.page.locator('care-meeting ol.chat-log li', { hasText: 'Tack, jag hör er.' }).waitFor({ timeout: STEP_TIMEOUT });
    const chairLog = (await chair.page.locator('care-meeting ol.chat-log').textContent()) ?? '';
    assert.ok(!chairLog.includes('1212'), `the refused message never reached the meeting leader (${chairLog})`);
    await shot(individual.page, 'media-05-chat-refused-personnummer');
    for (const page of [chair.page, individual.page]) await page.locator('care-meeting button[part~="control-chat"]').click();

    // Screen sharing: the individual shares (Chromium's fake capture), the meeting leader sees it.
    await individual.page.locator('care-meeting button[part~="control-screen"]').click();
    const screen = chair.page.locator('care-meeting figure.tile.screen video');
    const frames = await waitForFrames(screen);
    assert.ok(flowing(frames), `the meeting leader sees the shared screen (${describeFrames(frames)})`);
    const published = (await rooms.listParticipants(roomName)).find((p) => p.identity === ids.individual);
    assert.ok(
      published?.tracks.some((t) => t.source === TrackSource.SCREEN_SHARE),
      'LiveKit carries a screen-share track',
    );
    await shot(chair.page, 'media-06-chair-sees-shared-screen');
    await individual.page.locator('care-meeting button[part~="control-screen"]').click();
    await screen.waitFor({ state: 'detached', timeout: STEP_TIMEOUT });
  });

  test('remove: the guest is disconnected within 2 s, and kept out, also when connecting again with the LiveKit token they hold', async () => {
    const held = joins.guest.lastToken();
    const heldSince = [...joins.guest.answers].reverse().find((a) => a.token === held)!.at;
    await removeFromTile(chair.page, PEOPLE.guest.name);
    const confirmed = Date.now();
    await msUntil(
      async () => {
        const states = await connectedPeerConnectionStates(guest.page);
        return states.length > 0 && states.every((s) => s === 'closed');
      },
      10_000,
      "the guest's peer connections closed",
    );
    const gone = Date.now() - confirmed;
    measured["Remove → the guest's peer connections closed"] = `${gone} ms`;
    assert.ok(gone <= 2_000, `the guest is disconnected within 2 s (${gone} ms)`);
    await seesHeading(guest.page, 'You were removed from the meeting');
    await remoteTile(chair.page, PEOPLE.guest.name).waitFor({ state: 'detached', timeout: STEP_TIMEOUT });
    await remoteTile(individual.page, PEOPLE.guest.name).waitFor({ state: 'detached', timeout: STEP_TIMEOUT });
    await rosterSays(chair.page, PEOPLE.guest.name, 'removed');
    assert.ok(!(await rooms.listParticipants(roomName)).some((p) => p.identity === ids.guest), 'LiveKit no longer lists the guest in the room');

    // The same session asks again, through the element's own session object: the server says no.
    const answer = nextJoinAnswer(guest.page);
    await guest.page.evaluate(() =>
      (globalThis as unknown as { document: { querySelector(s: string): { meetingSession: { join(): Promise<void> } } } }).document
        .querySelector('care-meeting')
        .meetingSession.join(),
    );
    assert.deepEqual(await answer, { status: 403, code: 'REMOVED' });
    await seesHeading(guest.page, 'You were removed from the meeting');
    await shot(guest.page, 'media-07-guest-removed');

    // The LiveKit token the guest still holds. LiveKit's open-source server ignores revokeTokenTs,
    // so while the token is valid it lets the guest connect again: what keeps them out is care-meet
    // acting on LiveKit's participant_joined webhook (RemoveParticipant at once).
    assert.ok(Date.now() - heldSince < TOKEN_REFUSED_AFTER_MS - 15_000, 'the held token is still valid for this check');
    assert.equal(await validate(held), '200 success', 'LiveKit itself still accepts the held token (it cannot revoke it)');
    const outsider = await guest.context.newPage();
    // First, that this bare client does connect when nothing stops it: a token minted here, directly,
    // for an identity care-meet never heard of (a stranger, whom care-meet shows but does not remove).
    const direct = new AccessToken(API_KEY, API_SECRET, { identity: 'bare-client-check', ttl: '1m' });
    direct.addGrant({ roomJoin: true, room: roomName, canPublish: false, canSubscribe: true });
    const control = await bareConnect(outsider, LIVEKIT_URL, await direct.toJwt(), 2_000);
    assert.ok(
      control.connected && control.disconnectedAfterMs === null && control.subscribedTracks > 0,
      `a bare client connects and receives the room's tracks (${JSON.stringify(control)})`,
    );
    const again = await bareConnect(outsider, LIVEKIT_URL, held, 10_000);
    await outsider.close();
    measured['held token after removal'] = JSON.stringify(again);
    // What happens: LiveKit lets the connection in, care-meet removes the identity on the
    // participant_joined webhook, and the connection is cut within 2 s. Whether tracks were
    // subscribed in between is a race between LiveKit's subscription and that webhook: none on an
    // idle machine, up to all of them (for a few ms before the cut) when the machine is loaded.
    // It is measured and printed, not asserted: docs/security.md says what this window is.
    assert.ok(
      !again.connected || (again.disconnectedAfterMs !== null && again.disconnectedAfterMs <= 2_000),
      `the held token does not get the guest back in (${JSON.stringify(again)})`,
    );
    measured['held token after removal: tracks subscribed before the cut'] = String(again.subscribedTracks);
    assert.ok(!(await rooms.listParticipants(roomName)).some((p) => p.identity === ids.guest), 'the guest is not in the room afterwards');
    await rosterSays(chair.page, PEOPLE.guest.name, 'removed');
    heldTokens.push(held);
  });

  test('reconnect after the token expired: a short outage shows "Reconnecting…", and video flows again after it', async () => {
    // care-meet's LiveKit tokens live 60 s (and LiveKit allows a minute's leeway); wait until the
    // individual's has expired, so that this reconnect cannot be riding on it.
    const joined = joins.individual.answers.at(-1)!.at;
    const left = joined + TOKEN_REFUSED_AFTER_MS + 5_000 - Date.now();
    if (left > 0) await individual.page.waitForTimeout(left);
    assert.match(await validate(joins.individual.lastToken()), /^401 /, "the individual's join token has expired");
    const joinsBefore = joins.individual.answers.length;

    const line = connectionLine(individual.page);
    const closed = await cutFromMedia(individual, LIVEKIT_URL);
    assert.ok(closed > 0, "the individual's page had a signalling socket to LiveKit");
    await individual.page.locator('care-meeting .connection', { hasText: 'The connection was lost. Reconnecting…' }).waitFor({ timeout: STEP_TIMEOUT });
    assert.equal(await line.getAttribute('data-connection'), 'reconnecting');
    await shot(individual.page, 'media-08-reconnecting');
    await individual.page.waitForTimeout(5_000);
    await reconnectToMedia(individual, LIVEKIT_URL);
    await individual.page.locator('care-meeting .connection[data-connection="connected"]').waitFor({ state: 'attached', timeout: 60_000 });
    await assertSeeEachOther(chair.page, PEOPLE.chair, individual.page, PEOPLE.individual);
    measured['short outage: new POST /join calls'] = String(joins.individual.answers.length - joinsBefore);
  });

  test('reconnect: an outage longer than LiveKit\'s own reconnect says "Still reconnecting", joins again for a fresh token, and comes back with camera and microphone on', async () => {
    const joinsBefore = joins.individual.answers.length;
    await cutFromMedia(individual, LIVEKIT_URL);
    // LiveKit's default policy gives up after about 45 s (10 tries); then care-meet asks the server
    // for a fresh token (POST /join, failing while offline) and says which attempt it is on.
    await individual.page.locator('care-meeting .connection', { hasText: /Still reconnecting \(attempt \d+\)/ }).waitFor({ timeout: 120_000 });
    await shot(individual.page, 'media-09-still-reconnecting');
    await reconnectToMedia(individual, LIVEKIT_URL);
    await individual.page.locator('care-meeting .connection[data-connection="connected"]').waitFor({ state: 'attached', timeout: 60_000 });
    assert.ok(
      joins.individual.answers.slice(joinsBefore).some((a) => a.status === 200 && a.token),
      'care-meet got a fresh token from the server (POST /join)',
    );
    await assertSeeEachOther(chair.page, PEOPLE.chair, individual.page, PEOPLE.individual);
    const self = localTile(individual.page);
    assert.equal(await self.getAttribute('data-muted'), null, 'the microphone came back on');
    assert.equal(await self.getAttribute('data-camera-off'), null, 'the camera came back on');
    await assertHears(chair.page, ids.individual, 'the meeting leader hears the individual again');
    await rosterSays(chair.page, PEOPLE.individual.name, 'connected');
  });

  test('end: everyone disconnected within 2 s, both rooms gone, every page says so, old tokens are useless and a rejoin is refused', async () => {
    heldTokens.push(joins.chair.lastToken(), joins.individual.lastToken());
    const lobbyToken = joins.chair.answers
      .map((a) => a.lobbyToken)
      .filter((t): t is string => !!t)
      .at(-1);
    if (lobbyToken) heldTokens.push(lobbyToken);
    // Tokens still within their lifetime, so that a refusal below is the rooms being gone, not expiry.
    heldTokens.push(joins.individual.lastToken());
    await endMeeting(chair.page);
    const confirmed = Date.now();
    const allClosed = () =>
      Promise.all([chair.page, individual.page].map((page) => connectedPeerConnectionStates(page))).then((all) =>
        all.every((states) => states.length > 0 && states.every((s) => s === 'closed')),
      );
    await msUntil(allClosed, 10_000, 'every peer connection closed');
    const gone = Date.now() - confirmed;
    measured['End → every peer connection closed'] = `${gone} ms`;
    assert.ok(gone <= 2_000, `everyone is disconnected within 2 s (${gone} ms)`);
    for (const page of [chair.page, individual.page, guest.page]) {
      if (page === guest.page) continue; // removed before the end: their page keeps saying so
      await seesHeading(page, 'The meeting has ended');
      assert.equal(await tiles(page).count(), 0, 'no tiles left');
    }
    const left = (await rooms.listRooms()).map((r) => r.name);
    assert.ok(!left.includes(roomName), "LiveKit no longer has the meeting's room");
    assert.ok(!left.includes(lobbyRoomName), "LiveKit no longer has the lobby's room");
    await shot(individual.page, 'media-10-individual-ended');

    // Any old token: LiveKit refuses it (the rooms are gone and are never created on connect).
    for (const token of heldTokens) {
      const verdict = await validate(token);
      assert.notEqual(verdict, '200 success', 'an old token is refused');
    }
    const fresh = joins.individual.lastToken();
    const attempt = await bareConnect(await individual.context.newPage(), LIVEKIT_URL, fresh, 1_000);
    assert.equal(attempt.connected, false, `a connect with the individual's last token fails (${JSON.stringify(attempt)})`);
    assert.ok(!(await rooms.listRooms()).some((r) => r.name === roomName), 'the connect did not bring the room back');

    // The individual comes back to the inbox in a fresh window: the meeting is shown as ended, with
    // nothing to join. Its old link, opened directly, says so before any device check, and the
    // server refuses a join with her session.
    const again = await newPerson(browser, MEDIA_PROBE_SCRIPT);
    await again.page.goto(`${demo.url}/inbox?who=${PEOPLE.individual.inboxId}&lang=en`);
    const card = again.page.locator(`article[data-meeting="${meetingId}"]`);
    await card.getByText('The meeting has ended.').waitFor({ timeout: STEP_TIMEOUT });
    assert.equal(await card.getByRole('link', { name: 'Join the meeting' }).count(), 0, 'the inbox offers no Join for an ended meeting');
    await again.page.goto(`${demo.url}/inbox/meeting/${meetingId}?who=${PEOPLE.individual.inboxId}&lang=en`);
    await seesHeading(again.page, 'The meeting has ended');
    const refusal = await again.page.evaluate(async () => {
      type Page = { document: { querySelector(s: string): { meetingSession: { value: { session: { session: string } | null } } } | null } };
      const session = (globalThis as unknown as Page).document.querySelector('care-meeting')?.meetingSession.value.session?.session ?? '';
      const res = await fetch('/api/join', { method: 'POST', headers: { authorization: `Bearer ${session}` } });
      return { status: res.status, code: ((await res.json()) as { error?: { code?: string } }).error?.code };
    });
    assert.deepEqual(refusal, { status: 410, code: 'MEETING_ENDED' }, 'the server refuses a join to the ended meeting');
    assert.equal(await tiles(again.page).count(), 0);
    await shot(again.page, 'media-11-rejoin-refused');
  });

  test('a meeting that allows neither chat nor screen sharing: no such controls, LiveKit holds the same limits; the roster follows a join and a leave', async () => {
    const leader = await newPerson(browser, MEDIA_PROBE_SCRIPT);
    const second = await bookMeeting(leader.page, demo);
    await chairJoins(leader.page, demo, second);
    assert.equal(await leader.page.locator('care-meeting button[part~="control-chat"]').count(), 0, 'no chat control');
    assert.equal(await leader.page.locator('care-meeting button[part~="control-screen"]').count(), 0, 'no screen-share control');
    const identity = await identityOf(leader.page);
    let permission: { canPublishData: boolean; canPublishSources: TrackSource[] } | undefined;
    for (const room of await rooms.listRooms()) {
      const p = (await rooms.listParticipants(room.name)).find((q) => q.identity === identity && q.permission?.canPublish);
      if (p?.permission) permission = p.permission;
    }
    assert.ok(permission, "LiveKit lists the meeting leader in the second meeting's room");
    assert.equal(permission.canPublishData, false, 'LiveKit refuses her data messages (chat)');
    assert.deepEqual(
      [...permission.canPublishSources].sort(),
      [TrackSource.CAMERA, TrackSource.MICROPHONE].sort(),
      'LiveKit lets her publish camera and microphone only',
    );

    // Someone joins and leaves: the roster follows LiveKit's participant_joined and participant_left webhooks.
    const visitor = await newPerson(browser, MEDIA_PROBE_SCRIPT);
    await citizenJoins(visitor.page, demo, second, PEOPLE.relative.inboxId);
    await leaveControl(visitor.page).waitFor({ timeout: STEP_TIMEOUT });
    await rosterSays(leader.page, PEOPLE.relative.name, 'connected');
    await leaveControl(visitor.page).click();
    await rosterSays(leader.page, PEOPLE.relative.name, 'left');
    await endMeeting(leader.page);
    await seesHeading(leader.page, 'The meeting has ended');
  });
});
