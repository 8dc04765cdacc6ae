// A person in Debian's Firefox ESR, for the media-path suites: launched by puppeteer-core over
// WebDriver BiDi from its executable path (scripts/firefox.mjs says why not Playwright), with the
// fake camera and microphone, and ./media-probe.browser.js in every page before its own scripts.
// The steps are the ones a person takes, as ./meeting-steps.ts takes them in Chromium: controls
// are found by what they say (through the elements' open shadow roots) and used with real input.
import { readFileSync } from 'node:fs';
import { launch, type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { FIREFOX_PATH, FIREFOX_PREFS } from '../../scripts/firefox.mjs';
import { flowing, MEDIA_PROBE_SCRIPT, type InboundStream, type IcePair, type VideoFrames } from './media-probe.js';
import { STEP_TIMEOUT } from './meeting-steps.js';

export interface FirefoxPerson {
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** Firefox ESR with one window for one person; the media probe is in every page it loads. */
export async function firefoxPerson(): Promise<FirefoxPerson> {
  const browser = await launch({ browser: 'firefox', executablePath: FIREFOX_PATH, headless: true, extraPrefsFirefox: { ...FIREFOX_PREFS } });
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.evaluateOnNewDocument(readFileSync(MEDIA_PROBE_SCRIPT, 'utf8'));
  return { browser, page, close: () => browser.close() };
}

/**
 * In the page: the first element matching a selector whose text contains a string, in the document
 * or any open shadow root. Plain JavaScript, as a string: this package's TypeScript has no DOM types.
 */
const FIND_DEEP = `(selector, wanted) => {
  const roots = [document];
  for (let i = 0; i < roots.length; i++) {
    for (const el of roots[i].querySelectorAll(selector)) {
      if ((el.textContent || '').replace(/\\s+/g, ' ').includes(wanted)) return el;
    }
    for (const el of roots[i].querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
  }
  return null;
}`;

/**
 * The first element matching `css` whose text contains `text`, in the page or any open shadow
 * root, once there is one (fails after `timeout`).
 */
export async function findDeep(page: Page, css: string, text = '', timeout = STEP_TIMEOUT): Promise<ElementHandle> {
  const handle = await page.waitForFunction(`(${FIND_DEEP})(${JSON.stringify(css)}, ${JSON.stringify(text)})`, { timeout, polling: 100 });
  const element = handle.asElement();
  if (!element) throw new Error(`no ${css} saying "${text}"`);
  return element as ElementHandle;
}

/** Clicks the button that says `text`, like a person. */
export async function clickButton(page: Page, text: string): Promise<void> {
  await (await findDeep(page, 'button', text)).click();
}

/** Types into the input whose label says `label`, like a person. */
export async function typeInto(page: Page, label: string, value: string): Promise<void> {
  const labelEl = await findDeep(page, 'label', label);
  const input = (await labelEl.evaluateHandle((l: unknown) => (l as { control: unknown }).control)).asElement() as ElementHandle | null;
  if (!input) throw new Error(`the label "${label}" is for no input`);
  await input.type(value);
}

/** An attribute of the element (`null` when it has none). */
export const attributeOf = (element: ElementHandle, name: string): Promise<string | null> =>
  element.evaluate((el: unknown, n: string) => (el as { getAttribute(n: string): string | null }).getAttribute(n), name);

type Probe = {
  __careMeetMedia: {
    sampleVideo(video: unknown, ms: number): Promise<VideoFrames>;
    audioLevel(media: unknown, ms: number): Promise<{ rms: number | null }>;
    mediaPackets(media: unknown): Promise<{ packets: number | null; currentTime: number }>;
    inbound(): Promise<InboundStream[]>;
    connectedPeerConnectionStates(): string[];
    selectedPairs(): Promise<IcePair[]>;
  };
};

/** As media-probe.ts's `sampleVideo`, for a `<video>` in a Firefox page. */
export const sampleVideo = (video: ElementHandle, ms = 2_000): Promise<VideoFrames> =>
  video.evaluate((el: unknown, window: number) => (globalThis as unknown as Probe).__careMeetMedia.sampleVideo(el, window), ms);

/** As media-probe.ts's `waitForFrames`: samples until the picture flows or `timeoutMs` passes; answers the last sample. */
export async function waitForFrames(video: ElementHandle, timeoutMs = 20_000, minFrames = 5): Promise<VideoFrames> {
  const deadline = Date.now() + timeoutMs;
  let last = await sampleVideo(video);
  while (!flowing(last, minFrames) && Date.now() < deadline) last = await sampleVideo(video);
  return last;
}

/** As media-probe.ts's `audioLevel`. */
export const audioLevel = async (media: ElementHandle, ms = 2_500): Promise<number | null> =>
  (await media.evaluate((el: unknown, window: number) => (globalThis as unknown as Probe).__careMeetMedia.audioLevel(el, window), ms)).rms;

/** As media-probe.ts's `packetsFor`. */
export const packetsFor = (media: ElementHandle): Promise<{ packets: number | null; currentTime: number }> =>
  media.evaluate((el: unknown) => (globalThis as unknown as Probe).__careMeetMedia.mediaPackets(el));

/** As media-probe.ts's `inboundStreams`. */
export const inboundStreams = (page: Page): Promise<InboundStream[]> => page.evaluate(() => (globalThis as unknown as Probe).__careMeetMedia.inbound());

/** As media-probe.ts's `connectedPeerConnectionStates`. */
export const connectedPeerConnectionStates = (page: Page): Promise<string[]> =>
  page.evaluate(() => (globalThis as unknown as Probe).__careMeetMedia.connectedPeerConnectionStates());

/** As media-probe.ts's `selectedIcePairs`. */
export const selectedIcePairs = (page: Page): Promise<IcePair[]> => page.evaluate(() => (globalThis as unknown as Probe).__careMeetMedia.selectedPairs());
