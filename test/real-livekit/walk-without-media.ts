// What of the media-path suite can be checked where no LiveKit server runs (this repository's CI):
//   cd test && node --import tsx real-livekit/walk-without-media.ts
// 1. The media probe in this Chromium: a loopback WebRTC call inside one page must show as
//    frames presented and decoded for its track, and a page that receives nothing must show none.
// 2. The suite's steps (./meeting-steps.ts) through the demo without a media server, so every
//    selector and step up to the media connection is tried against the real pages: booking, the
//    meeting leader's room, the inbox join, the SMS guest's lobby, the meeting leader's lobby list,
//    letting in, ending, the refused rejoin. Tiles, frames and reconnecting need LiveKit and are
//    not checked here. This is not a test of the media path and does not pass for one.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, startDemo } from '../e2e/harness.js';
import {
  assertProbe,
  connectedPeerConnectionStates,
  cutFromMedia,
  describeFrames,
  reconnectToMedia,
  flowing,
  inboundStreams,
  MEDIA_PROBE_SCRIPT,
  peerConnectionStates,
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
  nextJoinAnswer,
  lobbyGuest,
  newPerson,
  PEOPLE,
  seesHeading,
  smsGuestToLobby,
  STEP_TIMEOUT,
  tiles,
} from './meeting-steps.js';

const here = dirname(fileURLToPath(import.meta.url));
const log = (line: string) => process.stdout.write(`${line}\n`);

const demo = await startDemo();
const browser = await launchBrowser();
try {
  log(`demo: ${demo.url} (media: ${demo.media})`);
  assert.match(demo.media, /^no media server/, 'this walk is for a demo without LiveKit');

  // 1. The probe.
  const probe = await newPerson(browser, MEDIA_PROBE_SCRIPT);
  await probe.page.goto(`${demo.url}/?lang=en`);
  await assertProbe(probe.page);
  assert.deepEqual(await inboundStreams(probe.page), [], 'a page with no call receives nothing');
  await probe.page.evaluate(readFileSync(join(here, 'probe-self-test.browser.js'), 'utf8'));
  const loopback = await waitForFrames(probe.page.locator('#loopback'));
  log(`probe: loopback call ${describeFrames(loopback)}; peer connections ever connected: ${(await connectedPeerConnectionStates(probe.page)).join(', ')}`);
  assert.ok(flowing(loopback), 'the probe sees the loopback call flow');
  const still = await sampleVideo(probe.page.locator('#loopback'), 500);
  assert.ok(still.decodedAfter !== null, 'framesDecoded is found by the <video> track id (trackIdentifier)');
  // The cut: offline, and a new socket to the cut-off host fails at once (here the demo's own host).
  const closed = await cutFromMedia(probe, demo.url.replace(/^http/, 'ws'));
  const cutSocket = await probe.page.evaluate(
    (url) =>
      new Promise<string>((resolve) => {
        const ws = new (globalThis as unknown as { WebSocket: new (u: string) => { onclose: ((e: { code: number }) => void) | null } }).WebSocket(url);
        ws.onclose = (e) => resolve(`closed ${e.code}`);
      }),
    demo.url.replace(/^http/, 'ws') + '/',
  );
  const offline = await probe.page.evaluate(() => (globalThis as unknown as { navigator: { onLine: boolean } }).navigator.onLine);
  await reconnectToMedia(probe, demo.url.replace(/^http/, 'ws'));
  const online = await probe.page.evaluate(() => (globalThis as unknown as { navigator: { onLine: boolean } }).navigator.onLine);
  log(`probe: cut closed ${closed} open sockets; a new socket to the cut host: ${cutSocket}; navigator.onLine ${offline} → ${online}`);
  assert.equal(cutSocket, 'closed 1006');
  assert.deepEqual([offline, online], [false, true]);
  await probe.context.close();

  // 2. The steps.
  const chair = await newPerson(browser, MEDIA_PROBE_SCRIPT);
  const meetingId = await bookMeeting(chair.page, demo);
  log(`booked ${meetingId}`);
  await chairJoins(chair.page, demo, meetingId);
  log(
    `meeting leader in the room; connection line: [${await connectionLine(chair.page).getAttribute('data-connection')}] "${(await connectionLine(chair.page).textContent())?.trim()}"`,
  );

  const individual = await newPerson(browser, MEDIA_PROBE_SCRIPT);
  await citizenJoins(individual.page, demo, meetingId, PEOPLE.individual.inboxId);
  await leaveControl(individual.page).waitFor({ timeout: STEP_TIMEOUT });
  log(`individual in the room; tiles without LiveKit: ${await tiles(individual.page).count()}`);

  const guest = await newPerson(browser, MEDIA_PROBE_SCRIPT);
  await smsGuestToLobby(guest, demo, PEOPLE.guest.phone);
  log(
    `guest in the lobby; preview <video>: ${await guest.page.locator('care-meeting figure.preview video').count()}, tiles: ${await tiles(guest.page).count()}`,
  );
  await lobbyGuest(chair.page, PEOPLE.guest.name).waitFor({ timeout: STEP_TIMEOUT });
  log(
    `meeting leader sees "${PEOPLE.guest.name}" in her lobby list (camera <video>: ${await lobbyGuest(chair.page, PEOPLE.guest.name).locator('video').count()}, without LiveKit none)`,
  );
  await letIn(chair.page, PEOPLE.guest.name);
  await leaveControl(guest.page).waitFor({ timeout: STEP_TIMEOUT });
  await lobbyGuest(chair.page, PEOPLE.guest.name).waitFor({ state: 'detached', timeout: STEP_TIMEOUT });
  log('guest let in: in the room, gone from the lobby list');

  // Without tiles there is no tile Remove button: the roster's, with the roster's own dialog.
  await chair.page
    .getByRole('button', { name: `Remove ${PEOPLE.guest.name}` })
    .first()
    .click();
  await chair.page
    .getByRole('dialog')
    .getByRole('button', { name: /^Remove/ })
    .click();
  await seesHeading(guest.page, 'You were removed from the meeting');
  const removedAnswer = nextJoinAnswer(guest.page);
  await guest.page.evaluate(() =>
    (globalThis as unknown as { document: { querySelector(s: string): { meetingSession: { join(): Promise<void> } } } }).document
      .querySelector('care-meeting')
      .meetingSession.join(),
  );
  const removed = await removedAnswer;
  log(`removed: the guest's session joining again gets ${JSON.stringify(removed)}`);
  assert.deepEqual(removed, { status: 403, code: 'REMOVED' });
  await seesHeading(guest.page, 'You were removed from the meeting');

  await endMeeting(chair.page);
  for (const page of [chair.page, individual.page]) await seesHeading(page, 'The meeting has ended');
  log('ended: the meeting leader and the individual see "The meeting has ended"');
  const made = await peerConnectionStates(individual.page);
  const connected = await connectedPeerConnectionStates(individual.page);
  log(`individual's peer connections: made [${made.join(', ')}], ever connected [${connected.join(', ')}] (none connect without LiveKit)`);
  assert.deepEqual(connected, []);

  const again = await newPerson(browser, MEDIA_PROBE_SCRIPT);
  const answer = nextJoinAnswer(again.page, 60_000);
  await citizenJoins(again.page, demo, meetingId, PEOPLE.individual.inboxId);
  const refused = await answer;
  log(`rejoin from the inbox: POST /api/join answered ${JSON.stringify(refused)}`);
  assert.deepEqual(refused, { status: 410, code: 'MEETING_ENDED' });
  await seesHeading(again.page, 'The meeting has ended');
  assert.equal(await tiles(again.page).count(), 0);
  log('walk done: every step up to the media connection matched the real pages');
} finally {
  await browser.close();
  await demo.close();
}
