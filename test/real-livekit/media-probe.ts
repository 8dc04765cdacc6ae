// What really reached a page, read with ./media-probe.browser.js (injected into every page before
// its own scripts): frames drawn by a <video> (`requestVideoFrameCallback`), frames decoded and
// packets received for that very track (the RTCPeerConnection's inbound-rtp statistics, matched by
// `trackIdentifier`), and a way to cut a page off from the media server. None of these can be
// satisfied without real media: a <video> with no stream has no frames, a page with no peer
// connection has no statistics.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Locator, Page } from 'playwright-core';

/** The script to give `addInitScript`. */
export const MEDIA_PROBE_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'media-probe.browser.js');

/** One inbound RTP stream of one of the page's peer connections. */
export interface InboundStream {
  pc: number;
  kind: 'audio' | 'video';
  trackIdentifier: string;
  packetsReceived: number;
  bytesReceived: number;
  framesDecoded: number;
}

/** The browser side, as the page sees it (`window.__careMeetMedia`, see media-probe.browser.js). */
interface BrowserProbe {
  inbound(): Promise<InboundStream[]>;
  peerConnectionStates(): string[];
  connectedPeerConnectionStates(): string[];
  sampleVideo(video: unknown, ms: number): Promise<VideoFrames>;
  mediaPackets(media: unknown): Promise<{ packets: number | null; currentTime: number }>;
  openSockets(): string[];
  cut(host: string): number;
  restore(host: string): void;
  selectedPairs(): Promise<IcePair[]>;
  audioLevel(media: unknown, ms: number): Promise<{ rms: number | null }>;
  toneShare(media: unknown, hz: number, ms: number): Promise<{ share: number | null }>;
}

/** One end of an ICE candidate pair, as `getStats()` reports it. */
export interface IceEnd {
  address: string;
  port: number;
  protocol: string;
  type: string;
}
/** The candidate pair a connected peer connection's transport uses. */
export interface IcePair {
  local: IceEnd;
  remote: IceEnd;
}

/**
 * The probe in the page. Functions given to `evaluate` run in the page, so each is one expression
 * over `globalThis.__careMeetMedia` (nothing from this module exists there; and tsx compiles this
 * file with esbuild's keepNames, whose `__name` helper does not exist there either).
 */
type ProbeGlobal = { __careMeetMedia: BrowserProbe };

/** Fails clearly when a page lacks the probe (it is added per browser context, before navigation). */
export async function assertProbe(page: Page): Promise<void> {
  const installed = await page.evaluate(() => typeof (globalThis as unknown as Partial<ProbeGlobal>).__careMeetMedia === 'object');
  if (!installed) throw new Error(`the media probe is not installed in ${page.url()}: addInitScript({ path: MEDIA_PROBE_SCRIPT }) before the page loads`);
}

export interface VideoFrames {
  /** The picture's size as the browser decoded it (0 before the first frame). */
  width: number;
  height: number;
  /** `requestVideoFrameCallback` calls within the sampling window: frames presented. */
  presented: number;
  /** The track's `framesDecoded` at the start and end of the window (`null`: no inbound stream carries the track). */
  decodedBefore: number | null;
  decodedAfter: number | null;
}

/**
 * Samples a `<video>` for `ms`: its size, the frames it presents, and the frames decoded for its
 * track. `video` is a locator of the element itself (Playwright's CSS pierces open shadow roots).
 */
export async function sampleVideo(video: Locator, ms = 2_000): Promise<VideoFrames> {
  return video.evaluate((element, windowMs) => (globalThis as unknown as ProbeGlobal).__careMeetMedia.sampleVideo(element, windowMs), ms);
}

/** True when the sample shows a live remote picture: a size, frames presented, and frames decoded in the window. */
export function flowing(f: VideoFrames, minFrames = 5): boolean {
  return f.width > 0 && f.presented >= minFrames && f.decodedBefore !== null && f.decodedAfter !== null && f.decodedAfter - f.decodedBefore >= minFrames;
}

/**
 * Samples until the picture flows or `timeoutMs` passes; answers the last sample (check it with
 * `flowing`, so a failure says what was seen).
 */
export async function waitForFrames(video: Locator, timeoutMs = 20_000, minFrames = 5): Promise<VideoFrames> {
  const deadline = Date.now() + timeoutMs;
  await video.waitFor({ state: 'attached', timeout: timeoutMs });
  let last = await sampleVideo(video);
  while (!flowing(last, minFrames) && Date.now() < deadline) last = await sampleVideo(video);
  return last;
}

/** A `<video>` of one's own camera (no peer connection behind it): size and frames presented only. */
export async function waitForLocalPicture(video: Locator, timeoutMs = 20_000): Promise<VideoFrames> {
  const deadline = Date.now() + timeoutMs;
  await video.waitFor({ state: 'attached', timeout: timeoutMs });
  let last = await sampleVideo(video);
  while (!(last.width > 0 && last.presented >= 5) && Date.now() < deadline) last = await sampleVideo(video);
  return last;
}

/**
 * The mean brightness (Rec. 601 luma, 0-255) of the picture a `<video>` shows now, drawn small onto
 * a canvas: about 0 for a black picture (a stopped track, nothing decoded), well above for a camera.
 */
export async function pictureBrightness(video: Locator): Promise<number> {
  // Runs in the page; this package is typed without the DOM, so the page's objects are described here.
  type Canvas = { width: number; height: number; getContext(kind: '2d', o: object): Context2d | null };
  type Context2d = {
    drawImage(v: unknown, x: number, y: number, w: number, h: number): void;
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  };
  return video.evaluate((element) => {
    const v = element as unknown as { videoWidth: number; videoHeight: number };
    const width = 64;
    const height = Math.max(1, Math.round((width * (v.videoHeight || 1)) / (v.videoWidth || 1)));
    const canvas = (globalThis as unknown as { document: { createElement(tag: 'canvas'): Canvas } }).document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) return 0;
    context.drawImage(v, 0, 0, width, height);
    const data = context.getImageData(0, 0, width, height).data;
    let sum = 0;
    for (let i = 0; i < data.length; i += 4) sum += 0.299 * (data[i] ?? 0) + 0.587 * (data[i + 1] ?? 0) + 0.114 * (data[i + 2] ?? 0);
    return sum / (width * height);
  });
}

/** Every inbound RTP stream of the page's open peer connections. */
export async function inboundStreams(page: Page): Promise<InboundStream[]> {
  return page.evaluate(() => (globalThis as unknown as ProbeGlobal).__careMeetMedia.inbound());
}

/** The states of every peer connection the page has made (`closed` once left). */
export async function peerConnectionStates(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as ProbeGlobal).__careMeetMedia.peerConnectionStates());
}

/**
 * The states of the peer connections that ever connected: `closed` once the page has left. (The
 * others are livekit-client's probes of what the browser supports, made and never connected.)
 */
export async function connectedPeerConnectionStates(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as ProbeGlobal).__careMeetMedia.connectedPeerConnectionStates());
}

/** Packets received so far for the track an `<audio>` or `<video>` plays (`null`: no inbound stream carries it), and how far it has played. */
export async function packetsFor(element: Locator): Promise<{ packets: number | null; currentTime: number }> {
  return element.evaluate((el) => (globalThis as unknown as ProbeGlobal).__careMeetMedia.mediaPackets(el));
}

/**
 * Cuts one person off from the media server: the browser goes offline (`setOffline`: fetches fail,
 * `navigator.onLine` turns false, `offline` fires) and, because Chromium's offline emulation leaves
 * open WebSockets and WebRTC alone (playwright#4910; Playwright's docs say the same of WebRTC), the
 * page's sockets to the media server are closed and new ones fail until `reconnectToMedia`, as
 * they would when the network is gone. Established WebRTC transports are not cut: LiveKit notices
 * the lost signalling and reconnects (resume, then a full restart).
 */
export async function cutFromMedia(person: { context: BrowserContext; page: Page }, livekitUrl: string): Promise<number> {
  const host = new URL(livekitUrl).host;
  await person.context.setOffline(true);
  return person.page.evaluate((h) => (globalThis as unknown as ProbeGlobal).__careMeetMedia.cut(h), host);
}

/** Undoes `cutFromMedia`: online again (`online` fires, which LiveKit takes as its cue to reconnect at once). */
export async function reconnectToMedia(person: { context: BrowserContext; page: Page }, livekitUrl: string): Promise<void> {
  const host = new URL(livekitUrl).host;
  await person.page.evaluate((h) => (globalThis as unknown as ProbeGlobal).__careMeetMedia.restore(h), host);
  await person.context.setOffline(false);
}

/** The ICE pairs the page's connected peer connections really use (both ends). */
export async function selectedIcePairs(page: Page): Promise<IcePair[]> {
  return page.evaluate(() => (globalThis as unknown as ProbeGlobal).__careMeetMedia.selectedPairs());
}

/** True for an IPv4 loopback address (127.0.0.0/8) or IPv6's ::1. */
export function isLoopback(address: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address) || address === '::1';
}

/** The highest RMS level of the sound an `<audio>` plays over `ms` (Web Audio analyser on its track); `null`: no track. */
export async function audioLevel(audio: Locator, ms = 1_500): Promise<number | null> {
  return (await audio.evaluate((el, window) => (globalThis as unknown as ProbeGlobal).__careMeetMedia.audioLevel(el, window), ms)).rms;
}

/**
 * How much of what an `<audio>` plays is the tone at `hz` (the share of its power within ±40 Hz,
 * median over `ms`): near 1 when the test's steady tone arrives, near 0 for noise (a key-less
 * receiver's decoder fed encrypted frames) or silence; `null`: no track.
 */
export async function toneShare(audio: Locator, hz: number, ms = 2_000): Promise<number | null> {
  return (await audio.evaluate((el, [f, window]) => (globalThis as unknown as ProbeGlobal).__careMeetMedia.toneShare(el, f!, window!), [hz, ms])).share;
}

/** Describes a sample for an assertion message. */
export function describeFrames(f: VideoFrames): string {
  return `${f.width}×${f.height}, ${f.presented} frames presented, framesDecoded ${f.decodedBefore} → ${f.decodedAfter}`;
}
