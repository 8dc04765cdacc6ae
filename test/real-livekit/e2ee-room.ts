// A bare livekit-client room that only receives, in a blank page, for the E2EE suite: someone who
// holds a valid LiveKit token minted directly (not through care-meet) and either no meeting key (an
// intruder, or the media server's own view) or a key they once had (a removed participant). Every
// remote camera and microphone is attached as <video>/<audio data-identity="…">, so media-probe's
// waitForFrames, pictureBrightness and audioLevel read them as on care-meet's own pages; the page
// also keeps the raw bytes its data channels received (./e2ee-room.browser.js).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import type { Locator, Page } from 'playwright-core';
import { livekitClientScript } from './bare-client.js';
import { blankPage } from './bare-room.js';
import { MEDIA_PROBE_SCRIPT } from './media-probe.js';

const here = dirname(fileURLToPath(import.meta.url));
const components = join(here, '..', '..', 'packages', 'components');
const KEY_ROOM_SCRIPT = join(here, 'e2ee-room.browser.js');

let workerCode: string | null = null;
/** livekit-client's own E2EE worker (the elements' version), as one classic script the page starts from a blob. */
function e2eeWorkerCode(): string {
  if (workerCode) return workerCode;
  createRequire(join(components, 'package.json')).resolve('livekit-client/e2ee-worker');
  const out = buildSync({
    stdin: { contents: "import 'livekit-client/e2ee-worker';", resolveDir: components, loader: 'js' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  workerCode = out.outputFiles[0]!.text;
  return workerCode;
}

/** A meeting key as the join answer carries it. */
export interface MeetingKey {
  key: string;
  keyIndex: number;
}

/** What a key room page knows now. */
export interface KeyRoomState {
  connected: boolean;
  encrypted: boolean;
  remoteIdentities: string[];
  /** Every `DataReceived` livekit-client emitted (what it could read of the data channel), as UTF-8 text. */
  dataReceived: Array<{ from: string | null; topic: string | null; text: string }>;
  /** livekit-client's `EncryptionError` events (frames or packets it could not decrypt). */
  decryptionErrors: number;
}

/** Raw data-channel messages the page received, and whether any holds a text's UTF-8 bytes. */
export interface RawData {
  messages: number;
  bytes: number;
  holdsText: boolean;
}

type KeyRoomGlobal = {
  __keyRoom: {
    join(url: string, token: string, key: MeetingKey | null, workerCode: string | null): Promise<void>;
    state(): KeyRoomState;
    rawData(text: string): RawData;
  };
};

/**
 * Makes `page` a blank page in the room `token` names, receiving only: without `key` a plain
 * livekit-client `Room`; with it an encrypted one holding that key at its index (livekit-client's
 * `encryption` option, its worker). Throws livekit-client's message when the server refuses.
 */
export async function joinKeyRoom(page: Page, url: string, token: string, key: MeetingKey | null = null): Promise<void> {
  await page.goto(await blankPage());
  await page.addScriptTag({ path: MEDIA_PROBE_SCRIPT });
  await page.addScriptTag({ content: livekitClientScript() });
  await page.addScriptTag({ path: KEY_ROOM_SCRIPT });
  const code = key ? e2eeWorkerCode() : null;
  await page.evaluate(({ url, token, key, code }) => (globalThis as unknown as KeyRoomGlobal).__keyRoom.join(url, token, key, code), { url, token, key, code });
}

/** The page's room now (see `KeyRoomState`). */
export async function keyRoomState(page: Page): Promise<KeyRoomState> {
  return page.evaluate(() => (globalThis as unknown as KeyRoomGlobal).__keyRoom.state());
}

/** The raw data-channel messages so far, and whether any holds `text` (see `RawData`). */
export async function rawDataChannel(page: Page, text: string): Promise<RawData> {
  return page.evaluate((t) => (globalThis as unknown as KeyRoomGlobal).__keyRoom.rawData(t), text);
}

/** The <video> or <audio> playing `identity`'s camera or microphone on a key room page (the newest). */
export const keyRoomMedia = (page: Page, kind: 'video' | 'audio', identity: string): Locator => page.locator(`${kind}[data-identity="${identity}"]`).last();
