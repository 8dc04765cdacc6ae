// Which engine the components' browser tests run in, chosen with CARE_MEET_BROWSER:
//
//   chromium (default)  Debian's Chromium through @web/test-runner-playwright (scripts/chromium.mjs).
//   firefox             Debian's Firefox ESR over WebDriver BiDi, launched by puppeteer-core from its
//                       executable path through @web/test-runner-chrome's launcher (which takes any
//                       puppeteer and a `browser: 'firefox'`); scripts/firefox.mjs has its preferences.
//
// No launcher downloads a browser. The test commands the configs add (`care-screenshot`,
// `care-block-requests`, the identity tests' login window) work through `pageOf`, which hands them
// the page in whichever driver runs it. What an engine cannot do is said by the tests themselves
// (src/test-support/engine.ts: "not run in Firefox: <reason>"), never skipped silently; the list is
// in docs/browsers.md.
import { existsSync } from 'node:fs';
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/chromium.mjs';
import { FIREFOX_PATH, FIREFOX_PREFS, FIREFOX_PREFS_BLOCKED } from '../../../scripts/firefox.mjs';

const ENGINES = ['chromium', 'firefox'];

/** The engine of this run. */
export const BROWSER = process.env.CARE_MEET_BROWSER || 'chromium';
if (!ENGINES.includes(BROWSER)) throw new Error(`CARE_MEET_BROWSER=${BROWSER}: one of ${ENGINES.join(', ')}`);
if (BROWSER === 'firefox' && !existsSync(FIREFOX_PATH)) {
  throw new Error(`no Firefox at ${FIREFOX_PATH}: apt-get install -y firefox-esr (bash scripts/quickstart.sh test does), or set FIREFOX_PATH`);
}

/**
 * The launcher for this run's engine. `media`: `grant` (fake camera and microphone, prompts
 * accepted), `deny` (prompts refused: getUserMedia rejects with NotAllowedError, as when a person
 * clicks Block), or `none` (the browser's defaults; for tests that open no camera).
 */
export function launcher(media = 'grant') {
  if (BROWSER === 'firefox') {
    return chromeLauncher({
      puppeteer: puppeteerCore,
      launchOptions: {
        browser: 'firefox',
        executablePath: FIREFOX_PATH,
        headless: true,
        extraPrefsFirefox: media === 'deny' ? FIREFOX_PREFS_BLOCKED : FIREFOX_PREFS,
      },
    });
  }
  const args = {
    grant: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
    deny: ['--use-fake-device-for-media-stream', '--deny-permission-prompts'],
    none: [],
  }[media];
  return playwrightLauncher({ product: 'chromium', launchOptions: { executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, ...args] } });
}

/**
 * The test's page, for a command plugin: `{ kind: 'playwright', page }` or `{ kind: 'puppeteer',
 * page }` (Firefox), so a command can do the same thing in either driver.
 */
export function pageOf(session) {
  const { type } = session.browser;
  if (type === 'playwright' || type === 'puppeteer') return { kind: type, page: session.browser.getPage(session.id) };
  throw new Error(`no page for a ${type} launcher`);
}

/**
 * Playwright's CSS pierces open shadow roots; puppeteer's needs `>>>` for that. Turns a selector
 * such as `care-roster[data-shot="sv"] dialog` into `>>> care-roster[data-shot="sv"] >>> dialog`
 * (each step may then be inside a shadow root). Quoted attribute values are kept.
 */
export function deepSelector(selector) {
  let out = '>>> ';
  let quote = '';
  let depth = 0;
  for (const ch of selector.trim()) {
    if (quote) {
      if (ch === quote) quote = '';
      out += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      out += ch;
    } else if (ch === '[' || ch === '(') {
      depth++;
      out += ch;
    } else if (ch === ']' || ch === ')') {
      depth--;
      out += ch;
    } else if (/\s/.test(ch) && depth === 0) {
      if (!out.endsWith(' >>> ')) out += ' >>> ';
    } else out += ch;
  }
  return out;
}

/**
 * What changes on its own between two runs, painted over (magenta) in every picture, inside the
 * element and its shadow roots: the fake camera's video (Chromium's test pattern moves and counts),
 * a canvas, the microphone's level meter (the fake microphone's beep), a `<time>` (a chat message
 * sent during the test shows when it was sent), and any element whose own text has `LIVE_TEXT` in
 * it. What lies on top of a video (a tile's name) is painted over with it; the camera-off tiles
 * show the same name labels unmasked.
 */
export const MASK = 'video, canvas, [part~="meter"], time';
/**
 * Words that depend on when and where the test runs: an hour and minute (14:05, or 14.05 as Finnish
 * and Danish write it: a meeting booked for "in five minutes" and its date, a code valid "until
 * 14:05"), a measured round trip ("7 ms"), and the browser's version ("Chromium 156": the CI machine
 * installs the newest Debian build on the day).
 */
export const LIVE_TEXT = String.raw`\b\d{1,2}[:.]\d{2}\b|\b\d+\s?ms\b|\b(?:Chromium|Chrome|Firefox|Safari|Edge)\s+\d+`;
const MASK_COLOUR = [255, 0, 255];

/**
 * In the page: the boxes of `mask` inside `element` (its light and shadow trees), in the picture's
 * pixels (relative to the element's box, times the device pixel ratio).
 */
function maskBoxes(element, { mask, liveText }) {
  const base = element.getBoundingClientRect();
  const ratio = window.devicePixelRatio || 1;
  const live = new RegExp(liveText);
  const boxes = [];
  const add = (found, across = found) => {
    const box = found.getBoundingClientRect();
    const wide = across.getBoundingClientRect();
    if (box.width > 0 && box.height > 0) {
      boxes.push({ x: (wide.x - base.x) * ratio, y: (box.y - base.y) * ratio, width: wide.width * ratio, height: box.height * ratio });
    }
  };
  const ownText = (el) =>
    [...el.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent)
      .join(' ');
  const visit = (root) => {
    for (const found of root.querySelectorAll(mask)) add(found);
    for (const el of root.querySelectorAll('*')) {
      // Across its parent's whole width: "7 ms" and "12 ms" are boxes of different widths.
      if (live.test(ownText(el))) add(el, el.parentElement ?? el);
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  if (element.matches(mask)) return [{ x: 0, y: 0, width: base.width * ratio, height: base.height * ratio }];
  visit(element);
  if (element.shadowRoot) visit(element.shadowRoot);
  return boxes;
}

/** Paints `boxes` over the decoded picture `png` (pngjs: RGBA rows), in one opaque colour. */
export function paintMasks(png, boxes) {
  for (const box of boxes) {
    const x0 = Math.max(0, Math.floor(box.x));
    const y0 = Math.max(0, Math.floor(box.y));
    const x1 = Math.min(png.width, Math.ceil(box.x + box.width));
    const y1 = Math.min(png.height, Math.ceil(box.y + box.height));
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const i = (y * png.width + x) * 4;
        png.data[i] = MASK_COLOUR[0];
        png.data[i + 1] = MASK_COLOUR[1];
        png.data[i + 2] = MASK_COLOUR[2];
        png.data[i + 3] = 255;
      }
    }
  }
}

/**
 * A PNG of the element `selector` finds (Playwright's selector syntax), with the boxes of what
 * `MASK` and `LIVE_TEXT` find inside it: `{ png, masks }`, for the caller to paint over (`paintMasks`).
 */
export async function screenshotElement(session, selector) {
  const { kind, page } = pageOf(session);
  if (kind === 'playwright') {
    const locator = page.locator(selector);
    const png = await locator.screenshot({ animations: 'disabled' });
    return { png, masks: await locator.evaluate(maskBoxes, { mask: MASK, liveText: LIVE_TEXT }) };
  }
  // Visible: a box of some size (Firefox refuses to capture an element of height 0, e.g. a dialog still opening).
  const element = await page.waitForSelector(deepSelector(selector), { timeout: 5_000, visible: true });
  // As Playwright's `animations: 'disabled'`: a finite animation jumps to its end, an endless one
  // (the lobby's pulsing dot) goes back to no animation, so the picture does not catch it halfway.
  // The document's list leaves out shadow roots' animations (Firefox ESR), so each root is asked.
  // And a measured time ("7 ms", "1234 ms") or a clock time is written as one fixed text before it
  // is painted over: its length moved the lines under it (a round trip of three digits wrapped
  // the device check's media-server line where one of one digit did not).
  await page.evaluate((liveText) => {
    const roots = [document];
    for (let i = 0; i < roots.length; i++) {
      for (const element of roots[i].querySelectorAll('*')) if (element.shadowRoot) roots.push(element.shadowRoot);
    }
    for (const animation of new Set(roots.flatMap((root) => root.getAnimations()))) {
      if (animation.effect?.getComputedTiming().iterations === Infinity) animation.cancel();
      else animation.finish();
    }
    const live = new RegExp(liveText, 'g');
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const fixed = node.data.replace(live, (found) => (/ms$/.test(found) ? '00 ms' : /^\d/.test(found) ? '00:00' : found));
        if (fixed !== node.data) node.data = fixed;
      }
    }
  }, LIVE_TEXT);
  try {
    let png;
    try {
      png = await element.screenshot();
    } catch (error) {
      // A modal <dialog> (top layer, fixed) on a scrolled page: Firefox measures the clip against the
      // document and finds it empty ("got width: 480 and height: 0"); what the viewport shows is right.
      if (!/dimensions of requested screenshot/.test(String(error))) throw error;
      const box = await element.boundingBox();
      if (!box) throw error;
      png = await page.screenshot({ clip: box, captureBeyondViewport: false });
    }
    return { png: Buffer.from(png), masks: await element.evaluate(maskBoxes, { mask: MASK, liveText: LIVE_TEXT }) };
  } finally {
    await element.dispose();
  }
}
