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

/** Saves a PNG of the element `selector` finds (Playwright's selector syntax) to `path`. */
export async function screenshotElement(session, selector, path) {
  const { kind, page } = pageOf(session);
  if (kind === 'playwright') {
    await page.locator(selector).screenshot({ path, animations: 'disabled' });
    return;
  }
  // Visible: a box of some size (Firefox refuses to capture an element of height 0, e.g. a dialog still opening).
  const element = await page.waitForSelector(deepSelector(selector), { timeout: 5_000, visible: true });
  try {
    await element.screenshot({ path });
  } catch (error) {
    // A modal <dialog> (top layer, fixed) on a scrolled page: Firefox measures the clip against the
    // document and finds it empty ("got width: 480 and height: 0"); what the viewport shows is right.
    if (!/dimensions of requested screenshot/.test(String(error))) throw error;
    const box = await element.boundingBox();
    if (!box) throw error;
    await page.screenshot({ path, clip: box, captureBeyondViewport: false });
  } finally {
    await element.dispose();
  }
}
