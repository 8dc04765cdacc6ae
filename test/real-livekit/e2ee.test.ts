// End-to-end encryption against the real LiveKit server (issue #19), in Debian's Chromium with the
// fake camera and microphone, through the demo portal's pages (the demo books meetings encrypted by
// default). One meeting, step by step (each step needs the one before):
//   (a) the meeting leader and the individual see and hear each other through the encrypted room
//       (the picture flows and is not black; the other's 440 Hz tone arrives), and the element
//       shows the encrypted mark;
//   (b) an intruder with a valid LiveKit token minted directly (canSubscribe) and a plain
//       livekit-client Room without the key receives the packets but decodes neither the picture
//       nor the tone (what its decoders make of encrypted frames is measured and printed);
//   (d) chat between the two arrives; the intruder's data channel never carries it in clear, and
//       livekit-client hands it nothing readable;
//   (c) the relative joins; with her key (from her join answer) a fresh page with a directly minted
//       token decodes the meeting (the control, so this can fail); the meeting leader removes her,
//       the others move to key 1 and still see and hear each other, and her old key at its old
//       index decodes nothing any more.
// Every figure measured is printed (`# measured: …`) for docs/security.md.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AccessToken } from 'livekit-server-sdk';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, shot, startDemo, type Demo } from '../e2e/harness.js';
import { realWebhookPort } from '../scenarios/support.js';
import { joinKeyRoom, keyRoomMedia, keyRoomState, rawDataChannel, type MeetingKey } from './e2ee-room.js';
import {
  audioLevel,
  describeFrames,
  flowing,
  inboundStreams,
  MEDIA_PROBE_SCRIPT,
  pictureBrightness,
  toneShare,
  waitForFrames,
  type VideoFrames,
} from './media-probe.js';
import {
  bookMeeting,
  chairJoins,
  citizenJoins,
  leaveControl,
  localTile,
  newPerson,
  PEOPLE,
  recordJoins,
  remoteTile,
  removeFromTile,
  STEP_TIMEOUT,
  type JoinLog,
  type Person,
} from './meeting-steps.js';

const LIVEKIT_URL = process.env.LIVEKIT_URL ?? '';
const API_KEY = process.env.LIVEKIT_API_KEY ?? 'devkey';
const API_SECRET = process.env.LIVEKIT_API_SECRET ?? 'secret';
/** Mean luma above which a picture is the fake camera's (media-path.test.ts uses the same bar for the lobby preview). */
const PICTURE_LUMA = 20;
/** RMS above which there is sound (the fake microphone's tone is about 0.2; silence is 0). */
const SOUND_RMS = 0.02;
/** The microphones play a steady 440 Hz tone (launchBrowser's `microphoneTone`). */
const TONE_HZ = 440;
/** Share of the sound's power at the tone above which the tone is what plays (noise spreads its power: about 0.01). */
const TONE_SHARE = 0.5;
/** How long a page without the current key is watched for a picture or sound. */
const WATCH_MS = 8_000;

/** Measured figures, printed at the end. */
const measured: Record<string, string> = {};

/** A LiveKit token for `identity` in `room` that may only receive, minted with the suite's API key (not through care-meet). */
async function receiveOnlyToken(room: string, identity: string): Promise<string> {
  const token = new AccessToken(API_KEY, API_SECRET, { identity, name: identity, ttl: '10m' });
  token.addGrant({ roomJoin: true, room, canSubscribe: true, canPublish: false, canPublishData: false });
  return token.toJwt();
}

/** The LiveKit room a care-meet token is for (its `video.room` grant). */
function roomOf(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { video?: { room?: string } };
  assert.ok(payload.video?.room, 'the token names a room');
  return payload.video.room;
}

/** The newest meeting key a page was given in its join answers. */
function lastKey(log: JoinLog): MeetingKey {
  const key = [...log.answers].reverse().find((a) => a.e2ee)?.e2ee;
  assert.ok(key, 'the join answer carried the meeting key (e2ee)');
  return key;
}

/** What a page shows and plays of one person: frames, mean luma, the loudest RMS. */
interface Reception {
  frames: VideoFrames;
  luma: number;
  rms: number | null;
  /** The share of that sound's power at the microphones' tone (see `toneShare`). */
  tone: number | null;
  /** The <video> element's own state (what a picture that does not show is stuck on). */
  element: string;
}

async function receptionOf(video: Locator, audio: Locator, timeoutMs: number): Promise<Reception> {
  const frames = await waitForFrames(video, timeoutMs);
  const luma = await pictureBrightness(video);
  await audio.waitFor({ state: 'attached', timeout: STEP_TIMEOUT });
  const rms = await audioLevel(audio, 2_500);
  const tone = await toneShare(audio, TONE_HZ, 2_000);
  const element = await video.evaluate((el) => {
    const v = el as unknown as {
      paused: boolean;
      readyState: number;
      srcObject: { getVideoTracks(): Array<{ readyState: string; muted: boolean; enabled: boolean }> } | null;
    };
    const track = v.srcObject?.getVideoTracks()[0];
    const style = (globalThis as unknown as { getComputedStyle(e: unknown): { display: string; visibility: string } }).getComputedStyle(el);
    return `paused ${v.paused}, readyState ${v.readyState}, track ${track ? `${track.readyState}${track.muted ? ' muted' : ''}${track.enabled ? '' : ' disabled'}` : 'none'}, display ${style.display}`;
  });
  return { frames, luma, rms, tone, element };
}

const describeReception = (r: Reception): string =>
  `${describeFrames(r.frames)}; mean luma ${r.luma.toFixed(1)}; audio RMS ${r.rms === null ? 'no track' : r.rms.toFixed(4)}, ${TONE_HZ} Hz share ${r.tone === null ? '–' : r.tone.toFixed(3)}; <video> ${r.element}`;
const sees = (r: Reception): boolean => flowing(r.frames) && r.luma > PICTURE_LUMA;
/** Hears the other's microphone: sound, and it is the tone they send (not noise). */
const hears = (r: Reception): boolean => r.rms !== null && r.rms > SOUND_RMS && r.tone !== null && r.tone > TONE_SHARE;

/** Bytes and packets received per kind over all inbound streams of a page. */
async function received(page: Page): Promise<{ audio: number; video: number; framesDecoded: number }> {
  const streams = await inboundStreams(page);
  const sum = (kind: string, f: (s: (typeof streams)[number]) => number) => streams.filter((s) => s.kind === kind).reduce((n, s) => n + f(s), 0);
  return { audio: sum('audio', (s) => s.bytesReceived), video: sum('video', (s) => s.bytesReceived), framesDecoded: sum('video', (s) => s.framesDecoded) };
}

/** One's own care-meet page: the remote person's <video> on their tile and <audio>. */
const careVideo = (page: Page, name: string): Locator => remoteTile(page, name).locator('video.video');
const careAudio = (page: Page, identity: string): Locator => page.locator(`care-meeting .audio audio[data-identity="${identity}"]`);
const encryptedMark = (page: Page): Locator => page.locator('care-meeting .notice.encrypted');

describe(`end-to-end encryption in Chromium, real LiveKit at ${LIVEKIT_URL}`, { timeout: 600_000 }, () => {
  let demo: Demo;
  let browser: Browser;
  let chair: Person;
  let individual: Person;
  let relative: Person;
  let intruder: Person;
  let joins: { chair: JoinLog; individual: JoinLog; relative: JoinLog };
  let roomName = '';
  let meetingId = '';
  const ids = { chair: '', individual: '', relative: '' };

  before(async () => {
    assert.ok(LIVEKIT_URL, 'set LIVEKIT_URL to a real LiveKit server (test/run-real-livekit.mjs starts one)');
    demo = await startDemo({ livekitUrl: LIVEKIT_URL, port: realWebhookPort() });
    assert.match(demo.media, /^LiveKit at /, `the demo must use the LiveKit at ${LIVEKIT_URL}; it says: ${demo.media}`);
    browser = await launchBrowser({ microphoneTone: true });
  });
  after(async () => {
    for (const [what, figure] of Object.entries(measured)) console.log(`# measured: ${what}: ${figure}`);
    await browser?.close();
    await demo?.close();
  });

  test('(a) an encrypted meeting: the meeting leader and the individual see and hear each other, and each page shows the encrypted mark', async () => {
    chair = await newPerson(browser, MEDIA_PROBE_SCRIPT);
    individual = await newPerson(browser, MEDIA_PROBE_SCRIPT);
    joins = { chair: recordJoins(chair.page), individual: recordJoins(individual.page), relative: null as unknown as JoinLog };
    meetingId = await bookMeeting(chair.page, demo, { chat: true });
    await chairJoins(chair.page, demo, meetingId);
    await citizenJoins(individual.page, demo, meetingId, PEOPLE.individual.inboxId);
    await leaveControl(individual.page).waitFor({ timeout: STEP_TIMEOUT });
    for (const [who, page] of [
      ['chair', chair.page],
      ['individual', individual.page],
    ] as const) {
      ids[who] = (await localTile(page).getAttribute('data-identity')) ?? '';
      assert.match(ids[who], /^p_/);
      await encryptedMark(page).waitFor({ timeout: STEP_TIMEOUT });
      assert.match((await encryptedMark(page).textContent()) ?? '', /Encrypted end to end/, `${who}'s page says the meeting is encrypted`);
      assert.equal(await encryptedMark(page).getAttribute('data-key-index'), '0', `${who} holds key 0`);
    }
    const key = lastKey(joins.chair);
    assert.equal(key.keyIndex, 0);
    assert.equal(Buffer.from(key.key, 'base64url').length, 32, 'a 32-byte meeting key');
    assert.deepEqual(lastKey(joins.individual), key, 'everyone admitted holds the same key');
    roomName = roomOf(joins.chair.lastToken());

    const chairSeesIndividual = await receptionOf(careVideo(chair.page, PEOPLE.individual.name), careAudio(chair.page, ids.individual), STEP_TIMEOUT);
    const individualSeesChair = await receptionOf(careVideo(individual.page, PEOPLE.chair.name), careAudio(individual.page, ids.chair), STEP_TIMEOUT);
    measured['(a) the meeting leader receives the individual'] = describeReception(chairSeesIndividual);
    measured['(a) the individual receives the meeting leader'] = describeReception(individualSeesChair);
    await shot(chair.page, 'e2ee-01-chair-encrypted');
    assert.ok(
      sees(chairSeesIndividual) && hears(chairSeesIndividual),
      `the meeting leader sees and hears the individual (${describeReception(chairSeesIndividual)})`,
    );
    assert.ok(
      sees(individualSeesChair) && hears(individualSeesChair),
      `the individual sees and hears the meeting leader (${describeReception(individualSeesChair)})`,
    );
  });

  test('(b) an intruder with a valid LiveKit token and no key receives the packets but decodes neither picture nor sound', async () => {
    intruder = await newPerson(browser);
    await joinKeyRoom(intruder.page, LIVEKIT_URL, await receiveOnlyToken(roomName, 'intruder'));
    const video = keyRoomMedia(intruder.page, 'video', ids.chair);
    const audio = keyRoomMedia(intruder.page, 'audio', ids.chair);
    await video.waitFor({ state: 'attached', timeout: STEP_TIMEOUT });
    const seen = await receptionOf(video, audio, WATCH_MS);
    const bytes = await received(intruder.page);
    measured['(b) the intruder (no key) receives the meeting leader'] = describeReception(seen);
    measured["(b) the intruder's inbound bytes"] = `video ${bytes.video}, audio ${bytes.audio}, frames decoded (all video) ${bytes.framesDecoded}`;
    await shot(intruder.page, 'e2ee-02-intruder');
    assert.ok(bytes.video > 0 && bytes.audio > 0, `the media server forwards the packets to the intruder (${JSON.stringify(bytes)})`);
    assert.ok(!sees(seen), `the intruder must not see the meeting leader (${describeReception(seen)})`);
    assert.ok(!hears(seen), `the intruder must not hear the meeting leader (${describeReception(seen)})`);
  });

  test("(d) chat between two encrypted participants arrives; the intruder's data channel never carries it in clear", async () => {
    const lines = ['Välkomna, vi börjar strax.', 'Tack, jag hör er.'];
    const rawBefore = await rawDataChannel(intruder.page, lines[0]!);
    const openChat = async (page: Page) => {
      await page.locator('care-meeting button[part~="control-chat"]').click();
      await page.locator('care-meeting #chat-input').waitFor({ timeout: STEP_TIMEOUT });
    };
    await openChat(chair.page);
    await openChat(individual.page);
    await chair.page.locator('care-meeting #chat-input').fill(lines[0]!);
    await chair.page.locator('care-meeting #chat-input').press('Enter');
    await individual.page.locator('care-meeting ol.chat-log li', { hasText: lines[0]! }).waitFor({ timeout: STEP_TIMEOUT });
    await individual.page.locator('care-meeting #chat-input').fill(lines[1]!);
    await individual.page.locator('care-meeting #chat-input').press('Enter');
    await chair.page.locator('care-meeting ol.chat-log li', { hasText: lines[1]! }).waitFor({ timeout: STEP_TIMEOUT });
    await intruder.page.waitForTimeout(1_000);
    const state = await keyRoomState(intruder.page);
    const raw = await Promise.all(lines.map((line) => rawDataChannel(intruder.page, line)));
    measured["(d) the intruder's data channel during the chat"] =
      `${raw[0]!.messages - rawBefore.messages} raw messages (${raw[0]!.bytes - rawBefore.bytes} bytes); any holding a chat line's UTF-8: ${raw.some((r) => r.holdsText)}; DataReceived events ${state.dataReceived.length}`;
    assert.ok(
      raw[0]!.messages > rawBefore.messages,
      `the media server forwards the chat's data packets to the intruder (${rawBefore.messages} → ${raw[0]!.messages} raw messages)`,
    );
    for (const [i, line] of lines.entries()) {
      assert.equal(raw[i]!.holdsText, false, `no raw data-channel message holds "${line}"`);
      assert.ok(
        !state.dataReceived.some((d) => d.text.includes(line)),
        `livekit-client hands the intruder no readable "${line}" (${JSON.stringify(state.dataReceived)})`,
      );
    }
    for (const page of [chair.page, individual.page]) await page.locator('care-meeting button[part~="control-chat"]').click();
    await intruder.context.close();
  });

  test("(c) the relative's key decodes the meeting while she is in it; after her removal the others move to the next key and her old key decodes nothing", async () => {
    relative = await newPerson(browser, MEDIA_PROBE_SCRIPT);
    joins.relative = recordJoins(relative.page);
    await citizenJoins(relative.page, demo, meetingId, PEOPLE.relative.inboxId);
    await leaveControl(relative.page).waitFor({ timeout: STEP_TIMEOUT });
    await encryptedMark(relative.page).waitFor({ timeout: STEP_TIMEOUT });
    ids.relative = (await localTile(relative.page).getAttribute('data-identity')) ?? '';
    const oldKey = lastKey(joins.relative);
    assert.deepEqual(oldKey, lastKey(joins.chair), "the relative holds the meeting's key 0");

    // The control: a fresh page with a directly minted token and the relative's key, now.
    const control = await newPerson(browser);
    await joinKeyRoom(control.page, LIVEKIT_URL, await receiveOnlyToken(roomName, 'with-the-relatives-key-before'), oldKey);
    const withKey = await receptionOf(keyRoomMedia(control.page, 'video', ids.chair), keyRoomMedia(control.page, 'audio', ids.chair), STEP_TIMEOUT);
    // And the chat: a line sent now reaches this page readable (through the same data channel the intruder had).
    const line = 'Nu tar vi nästa punkt.';
    await chair.page.locator('care-meeting button[part~="control-chat"]').click();
    await chair.page.locator('care-meeting #chat-input').fill(line);
    await chair.page.locator('care-meeting #chat-input').press('Enter');
    const deadline = Date.now() + STEP_TIMEOUT;
    while (!(await keyRoomState(control.page)).dataReceived.some((d) => d.text.includes(line)) && Date.now() < deadline) await control.page.waitForTimeout(100);
    const controlState = await keyRoomState(control.page);
    const controlRaw = await rawDataChannel(control.page, line);
    await chair.page.locator('care-meeting button[part~="control-chat"]').click();
    measured["(c) with the relative's key before her removal (control)"] =
      `${describeReception(withKey)}; chat line readable: ${controlState.dataReceived.some((d) => d.text.includes(line))}, in clear on the wire: ${controlRaw.holdsText}`;
    assert.ok(sees(withKey) && hears(withKey), `the control page with the then-current key sees and hears the meeting leader (${describeReception(withKey)})`);
    assert.ok(
      controlState.dataReceived.some((d) => d.text.includes(line)),
      'the control page reads the chat line (decrypted by livekit-client)',
    );
    assert.equal(controlRaw.holdsText, false, 'and on the wire the line was encrypted');
    await control.context.close();

    // The removal: the server makes key 1 and says key-rotated; the others fetch it and move to it.
    await removeFromTile(chair.page, PEOPLE.relative.name);
    // (The mark's key index changes only once the room holds the new key: room-view.ts.)
    for (const page of [chair.page, individual.page])
      await page.locator('care-meeting .notice.encrypted[data-key-index="1"]').waitFor({ timeout: STEP_TIMEOUT });
    const newKey = lastKey(joins.chair);
    assert.equal(newKey.keyIndex, 1, 'the meeting leader was given key 1');
    assert.notEqual(newKey.key, oldKey.key, 'a new key, not the old one');
    assert.deepEqual(lastKey(joins.individual), newKey, 'the individual was given the same new key');
    assert.ok(!joins.relative.answers.some((a) => a.e2ee?.keyIndex === 1), 'the removed relative was never given key 1');

    // The two left still see and hear each other on the new key.
    const chairAfter = await receptionOf(careVideo(chair.page, PEOPLE.individual.name), careAudio(chair.page, ids.individual), STEP_TIMEOUT);
    const individualAfter = await receptionOf(careVideo(individual.page, PEOPLE.chair.name), careAudio(individual.page, ids.chair), STEP_TIMEOUT);
    measured['(c) after the rotation, the meeting leader receives the individual'] = describeReception(chairAfter);
    measured['(c) after the rotation, the individual receives the meeting leader'] = describeReception(individualAfter);
    assert.ok(sees(chairAfter) && hears(chairAfter), `after the rotation the meeting leader sees and hears the individual (${describeReception(chairAfter)})`);
    assert.ok(
      sees(individualAfter) && hears(individualAfter),
      `after the rotation the individual sees and hears the meeting leader (${describeReception(individualAfter)})`,
    );

    // The old key, in a fresh page at its old index, with a directly minted token: nothing decodes.
    const removed = await newPerson(browser);
    await joinKeyRoom(removed.page, LIVEKIT_URL, await receiveOnlyToken(roomName, 'with-the-relatives-key-after'), oldKey);
    const video = keyRoomMedia(removed.page, 'video', ids.chair);
    await video.waitFor({ state: 'attached', timeout: STEP_TIMEOUT });
    const oldKeyAfter = await receptionOf(video, keyRoomMedia(removed.page, 'audio', ids.chair), WATCH_MS);
    const bytes = await received(removed.page);
    const removedState = await keyRoomState(removed.page);
    measured["(c) the relative's old key after her removal"] =
      `${describeReception(oldKeyAfter)}; inbound bytes video ${bytes.video}, audio ${bytes.audio}; decryption errors reported ${removedState.decryptionErrors}`;
    await shot(removed.page, 'e2ee-03-old-key-after-removal');
    assert.ok(bytes.video > 0 && bytes.audio > 0, `the media server still forwards the packets (${JSON.stringify(bytes)})`);
    assert.ok(!sees(oldKeyAfter), `the old key must not show the meeting leader (${describeReception(oldKeyAfter)})`);
    assert.ok(!hears(oldKeyAfter), `the old key must not play the meeting leader's sound (${describeReception(oldKeyAfter)})`);
    await removed.context.close();
  });
});
