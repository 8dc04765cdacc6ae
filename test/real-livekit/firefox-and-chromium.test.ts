// The media path between two engines against a real LiveKit server, through the demo portal's real
// pages (`pnpm --filter @care-meet/test run test:livekit` starts the repo's own LiveKit for it):
// the meeting leader in Debian's Chromium (Playwright, as in media-path.test.ts) and an SMS guest
// in Debian's Firefox ESR (puppeteer-core over WebDriver BiDi, ./firefox-person.ts), each with
// their engine's fake camera and microphone. One meeting, step by step: the guest waits in the
// lobby receiving nothing while the meeting leader sees and hears them; Let in, and each sees and
// hears the other, on loopback; the meeting ends for the guest in Firefox as it does in Chromium.
// "Frames flow" and "hears" mean what they mean in media-path.test.ts (./media-probe.ts).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, outboxTexts, SCREENSHOTS, shot, startDemo, type Demo } from '../e2e/harness.js';
import { realWebhookPort } from '../scenarios/support.js';
import * as ff from './firefox-person.js';
import {
  audioLevel,
  describeFrames,
  flowing,
  inboundStreams,
  isLoopback,
  MEDIA_PROBE_SCRIPT,
  packetsFor,
  selectedIcePairs,
  waitForFrames,
  type IcePair,
} from './media-probe.js';
import {
  bookMeeting,
  chairJoins,
  endMeeting,
  letIn,
  lobbyGuest,
  localTile,
  newPerson,
  PEOPLE,
  remoteTile,
  seesHeading,
  STEP_TIMEOUT,
  type Person,
} from './meeting-steps.js';

const LIVEKIT_URL = process.env.LIVEKIT_URL ?? '';
const GUEST = PEOPLE.guest;

function assertLoopback(pairs: IcePair[], label: string): void {
  assert.ok(pairs.length > 0, `${label}: a connected peer connection with a selected ICE pair`);
  for (const pair of pairs)
    assert.ok(isLoopback(pair.local.address) && isLoopback(pair.remote.address), `${label}: ICE pair on loopback (${JSON.stringify(pair)})`);
}

describe(`the media path between Firefox ESR and Chromium, real LiveKit at ${LIVEKIT_URL}`, { timeout: 300_000 }, () => {
  let demo: Demo;
  let chromium: Browser;
  let guest: ff.FirefoxPerson;
  let chair: Person;
  /** A second Chromium window for reading the demo's outbox, so the meeting leader's page stays in the meeting. */
  let outbox: Person;
  const ids = { chair: '', guest: '' };

  before(async () => {
    assert.ok(LIVEKIT_URL, 'set LIVEKIT_URL to a real LiveKit server (test/run-real-livekit.mjs does not start this suite without it)');
    demo = await startDemo({ livekitUrl: LIVEKIT_URL, port: realWebhookPort() });
    assert.match(demo.media, /^LiveKit at /, `the demo must use the LiveKit at ${LIVEKIT_URL}; it says: ${demo.media}`);
    chromium = await launchBrowser({ microphoneTone: true });
    guest = await ff.firefoxPerson();
    console.log(`# engines: Chromium ${chromium.version()}, ${await guest.browser.version()}`);
  });
  after(async () => {
    await guest?.close();
    await chromium?.close();
    await demo?.close();
  });

  test('the guest in Firefox waits in the lobby: the meeting leader in Chromium sees and hears them there, and they receive nothing', async () => {
    chair = await newPerson(chromium, MEDIA_PROBE_SCRIPT);
    outbox = await newPerson(chromium);
    const meetingId = await bookMeeting(chair.page, demo);
    await chairJoins(chair.page, demo, meetingId);
    ids.chair = (await localTile(chair.page).getAttribute('data-identity')) ?? '';

    // The SMS guest, in Firefox: the invitation link, a code by SMS, the device check, the lobby.
    const invitation = (await outboxTexts(outbox.page, demo, GUEST.phone)).find((t) => t.includes('/join#invite='));
    const link = /(http:\/\/\S+\/join#invite=[A-Za-z0-9_-]+)/.exec(invitation ?? '')?.[1];
    assert.ok(link, 'the guest got an invitation link by SMS');
    await guest.page.goto(link.replace('/join#', '/join?lang=en#'));
    await ff.clickButton(guest.page, 'Send code');
    await ff.findDeep(guest.page, 'label', 'Code from the SMS');
    const texts = await outboxTexts(outbox.page, demo, GUEST.phone);
    const code = /\b(\d{6})\b/.exec(texts.find((t) => /\b\d{6}\b/.test(t) && !t.includes('/join#')) ?? '')?.[1];
    assert.ok(code, 'the code SMS arrived in the outbox');
    await ff.typeInto(guest.page, 'Code from the SMS', code);
    await ff.clickButton(guest.page, 'Continue');
    await ff.clickButton(guest.page, 'Finish');
    await ff.findDeep(guest.page, 'p', 'The meeting leader will let you in');

    // The meeting leader sees and hears the guest's lobby camera and microphone, sent by Firefox.
    const waiting = lobbyGuest(chair.page, GUEST.name);
    await waiting.waitFor({ timeout: STEP_TIMEOUT });
    const camera = await waitForFrames(waiting.locator('video'));
    assert.ok(flowing(camera), `the meeting leader sees the guest's lobby camera from Firefox (${describeFrames(camera)})`);
    const voice = waiting.locator('audio');
    await voice.waitFor({ state: 'attached', timeout: STEP_TIMEOUT });
    const rms = await audioLevel(voice, 2_500);
    assert.ok(rms !== null && rms > 0.02, `the meeting leader hears the guest in the lobby, from Firefox (RMS ${rms})`);

    // The guest gets nothing meanwhile: no tiles, no sound, no inbound RTP, while the meeting leader publishes.
    await new Promise((r) => setTimeout(r, 3_000));
    const received = (await ff.inboundStreams(guest.page)).filter((s) => s.packetsReceived > 0 || s.bytesReceived > 0);
    assert.deepEqual(received, [], 'the lobby guest in Firefox receives no media at all');
    const preview = await ff.waitForFrames(await ff.findDeep(guest.page, 'figure.preview video'), 20_000, 5);
    assert.ok(preview.width > 0 && preview.presented > 0, `the guest sees their own camera in the lobby (${describeFrames(preview)})`);
    await guest.page.screenshot({ path: join(SCREENSHOTS, 'firefox-01-guest-in-lobby.png') });
  });

  test('Let in: the guest in Firefox and the meeting leader in Chromium see and hear each other, on loopback', async () => {
    await letIn(chair.page, GUEST.name);
    const self = await ff.findDeep(guest.page, 'figure.tile[data-local]');
    ids.guest = (await ff.attributeOf(self, 'data-identity')) ?? '';
    assert.match(ids.guest, /^p_/, 'the guest in Firefox is in the room, with their own tile');

    // Chromium sees and hears Firefox.
    const tile = remoteTile(chair.page, GUEST.name);
    await tile.waitFor({ timeout: STEP_TIMEOUT });
    const seen = await waitForFrames(tile.locator('video.video'));
    assert.ok(flowing(seen), `Chromium: the guest's video from Firefox decodes and plays (${describeFrames(seen)})`);
    const heard = chair.page.locator(`care-meeting .audio audio[data-identity="${ids.guest}"]`);
    await heard.waitFor({ state: 'attached', timeout: STEP_TIMEOUT });
    const before = await packetsFor(heard);
    await chair.page.waitForTimeout(2_000);
    const later = await packetsFor(heard);
    assert.ok(
      before.packets !== null && later.packets !== null && later.packets > before.packets,
      `Chromium: audio packets from Firefox arrive (${before.packets} → ${later.packets})`,
    );
    assert.ok(later.currentTime > before.currentTime, `Chromium: the guest's <audio> plays (${before.currentTime} → ${later.currentTime})`);
    const chromiumHears = await audioLevel(heard, 2_500);
    assert.ok(chromiumHears !== null && chromiumHears > 0.02, `Chromium: the track from Firefox carries sound (RMS ${chromiumHears})`);

    // Firefox sees and hears Chromium.
    const chairTile = await ff.findDeep(guest.page, 'figure.tile:not([data-local]):not(.screen)', PEOPLE.chair.name);
    const video = await chairTile.waitForSelector('video.video', { timeout: STEP_TIMEOUT });
    assert.ok(video, "Firefox: the meeting leader's tile has a video");
    const frames = await ff.waitForFrames(video);
    assert.ok(flowing(frames), `Firefox: the meeting leader's video from Chromium decodes and plays (${describeFrames(frames)})`);
    const audio = await ff.findDeep(guest.page, `.audio audio[data-identity="${ids.chair}"]`);
    const first = await ff.packetsFor(audio);
    await new Promise((r) => setTimeout(r, 2_000));
    const second = await ff.packetsFor(audio);
    assert.ok(
      first.packets !== null && second.packets !== null && second.packets > first.packets,
      `Firefox: audio packets from Chromium arrive (${first.packets} → ${second.packets})`,
    );
    assert.ok(second.currentTime > first.currentTime, `Firefox: the meeting leader's <audio> plays (${first.currentTime} → ${second.currentTime})`);
    const firefoxHears = await ff.audioLevel(audio, 2_500);
    assert.ok(firefoxHears !== null && firefoxHears > 0.02, `Firefox: the track from Chromium carries sound (RMS ${firefoxHears})`);

    assertLoopback(await selectedIcePairs(chair.page), 'Chromium');
    assertLoopback(await ff.selectedIcePairs(guest.page), 'Firefox');
    await shot(chair.page, 'firefox-02-chair-sees-firefox-guest');
    await guest.page.screenshot({ path: join(SCREENSHOTS, 'firefox-03-guest-in-room.png') });
  });

  test('end: the guest in Firefox is disconnected within 2 s and told the meeting has ended', async () => {
    await endMeeting(chair.page);
    const confirmed = Date.now();
    for (;;) {
      const states = await ff.connectedPeerConnectionStates(guest.page);
      if (states.length > 0 && states.every((s) => s === 'closed')) break;
      assert.ok(Date.now() - confirmed < 10_000, `Firefox's peer connections did not close (${states.join(', ')})`);
      await new Promise((r) => setTimeout(r, 25));
    }
    const gone = Date.now() - confirmed;
    console.log(`# measured: End → the Firefox guest's peer connections closed: ${gone} ms`);
    assert.ok(gone <= 2_000, `the guest in Firefox is disconnected within 2 s (${gone} ms)`);
    await ff.findDeep(guest.page, 'h2', 'The meeting has ended');
    await seesHeading(chair.page, 'The meeting has ended');
    assert.equal((await inboundStreams(chair.page)).length, 0, 'Chromium receives nothing after the end');
    await guest.page.screenshot({ path: join(SCREENSHOTS, 'firefox-04-guest-ended.png') });
  });
});
