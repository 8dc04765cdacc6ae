// End-to-end harness: the demo portal started as a user starts it (its built entry point, a fresh
// data folder, a free port), and Debian's Chromium driven by Playwright with the fake camera and
// microphone. Screenshots of each step go to test/e2e/screenshots/; every page state is checked
// with axe-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { freePort } from '../free-port.js';

const here = dirname(fileURLToPath(import.meta.url));
export const SCREENSHOTS = join(here, 'screenshots');
const demoEntry = join(here, '..', '..', 'packages', 'demo', 'dist', 'main.js');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Demo {
  url: string;
  /** The demo's own startup line about its media server: `LiveKit at …` or `no media server at …`. */
  media: string;
  close(): Promise<void>;
}

export interface DemoOptions {
  /**
   * The LiveKit server the demo uses (its key and secret come from `LIVEKIT_API_KEY` and
   * `LIVEKIT_API_SECRET` in the environment). Without it, a URL where nothing listens: the demo
   * runs without media and says so.
   */
  livekitUrl?: string;
  /** The port to serve on (a real LiveKit's webhooks go there); a free one if not given. */
  port?: number;
}

/** Starts the demo as `pnpm run demo` does, on a free port with its own data folder. */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const port = options.port ?? (await freePort());
  const data = mkdtempSync(join(tmpdir(), 'care-meet-e2e-'));
  const livekitUrl = options.livekitUrl ?? process.env.E2E_LIVEKIT_URL ?? `ws://127.0.0.1:${await freePort()}`;
  const child: ChildProcess = spawn(process.execPath, [demoEntry], {
    env: { ...process.env, PORT: String(port), CARE_MEET_DEMO_DATA: data, LIVEKIT_URL: livekitUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', () => {});
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start: ${out}`)), 20_000);
    const check = setInterval(() => {
      if (out.includes('care-meet demo:')) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
    }, 50);
    child.on('exit', (code) => reject(new Error(`demo exited ${code}: ${out}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    // Read when asked: the startup lines may arrive in more than one chunk.
    get media() {
      return /^\s*media: (.*)$/m.exec(out)?.[1]?.trim() ?? '';
    },
    async close() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(data, { recursive: true, force: true });
    },
  };
}

/**
 * A WAV file of a steady 440 Hz tone (RMS about 0.21), for Chromium's fake microphone to play in a
 * loop: its default beep is too short for a media server to take as someone speaking.
 */
function toneFile(): string {
  const rate = 48_000;
  const seconds = 4;
  const samples = rate * seconds;
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) wav.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 0.3 * 32767), 44 + i * 2);
  const path = join(mkdtempSync(join(tmpdir(), 'care-meet-tone-')), 'tone.wav');
  writeFileSync(path, wav);
  return path;
}

/**
 * Chromium as the browser tests run it: headless, with the fake camera (640×480) and microphone (a
 * beep, or with `microphoneTone` a steady tone).
 */
export async function launchBrowser(o: { microphoneTone?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
      // The tests run where only loopback exists (scripts/loopback-only.sh): Chromium offers no
      // 127.0.0.1 ICE candidate without this, and so could not reach LiveKit's media ports.
      '--allow-loopback-in-peer-connection',
      ...(o.microphoneTone ? [`--use-file-for-fake-audio-capture=${toneFile()}`] : []),
    ],
  });
}

/** A person's own browser window (its own cookies and storage). */
export async function person(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  opened.push(page);
  return { context, page };
}

/** The text a page shows, shadow roots included (a script: this package has no DOM types). */
const SHOWN_TEXT = `(() => {
  const parts = [];
  const walk = (node) => {
    if (node.nodeType === 3) { const t = node.textContent.trim(); if (t) parts.push(t); return; }
    if (node.localName === 'style' || node.localName === 'script') return;
    if (node.shadowRoot) walk(node.shadowRoot);
    for (const child of node.childNodes) walk(child);
  };
  walk(document.body);
  return parts.join(' | ');
})()`;

/** Every page `person()` opened, for `explainPages` when a step fails. */
const opened: Page[] = [];

/**
 * When a step failed: each open page's address and the text it shows (shadow roots included),
 * written to stderr, and a screenshot `failure-<n>.png`, so a failure in CI says what people saw.
 */
export async function explainPages(): Promise<void> {
  for (const [n, page] of opened.entries()) {
    if (page.isClosed()) continue;
    try {
      const text = await page.evaluate<string>(SHOWN_TEXT);
      process.stderr.write(`# page ${n}: ${page.url()}\n#   ${text.slice(0, 3000)}\n`);
      await shot(page, `failure-${n}`);
    } catch (error) {
      process.stderr.write(`# page ${n}: could not be read (${String(error)})\n`);
    }
  }
}

/** The device check before joining: the fake camera and microphone pass; the person finishes it. */
export async function passDeviceCheck(page: Page, timeout = 20_000): Promise<void> {
  const finish = page.getByRole('button', { name: 'Finish' });
  await finish.waitFor({ timeout });
  await finish.click();
}

/** The texts the demo's outbox (its SMS and e-mail sender) holds for one recipient, newest first. */
export async function outboxTexts(page: Page, demo: Demo, to: string): Promise<string[]> {
  await page.goto(`${demo.url}/outbox?lang=en`);
  return page.locator(`.outbox-message[data-to="${to}"] .outbox-text`).allTextContents();
}

/** Saves a screenshot of the step. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** axe-core over the page, shadow roots included; answers the violations as readable lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }> }> };
      }
    ).axe;
    const r = await axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
  return result;
}

export function cleanScreenshots(): void {
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
}
