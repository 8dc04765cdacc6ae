// <care-device-check> in WebKit: Debian's WebKitGTK (its MiniBrowser, with mock capture devices),
// driven over W3C WebDriver by WebKitWebDriver (apt's `webkit2gtk-driver`) under a virtual X
// display (Xvfb), nothing downloaded. The built browser bundle is served from 127.0.0.1.
//
// Debian's WebKitGTK 2.50 has getUserMedia but no WebRTC (no RTCPeerConnection) and no
// `setSinkId`: a person in such a browser must be told what it cannot do, not see the check fail.
// This is what the suite checks, and it says in its output what WebKit cannot run here.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../free-port.js';

const here = dirname(fileURLToPath(import.meta.url));
const BUNDLE = join(here, '..', '..', 'packages', 'components', 'dist', 'browser');
const DRIVER = process.env.WEBKIT_WEBDRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
const MINIBROWSER = process.env.WEBKIT_MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const XVFB = '/usr/bin/Xvfb';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Device check</title></head>
<body><care-device-check lang="en"></care-device-check>
<script type="module" src="/care-meet.js"></script></body></html>`;

/** Serves the test page and the built bundle (its chunks included), nothing else. */
function serve(port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      return;
    }
    const file = normalize(join(BUNDLE, path));
    if (!file.startsWith(BUNDLE) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

/** Starts a process and waits until `ready` says it is up (fails after 20 s). */
async function started(child: ChildProcess, ready: () => Promise<boolean>, what: string): Promise<void> {
  const until = Date.now() + 20_000;
  while (!(await ready())) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode})`);
    if (Date.now() > until) throw new Error(`${what} did not start`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('<care-device-check> in WebKit (WebKitGTK MiniBrowser over WebDriver)', { timeout: 120_000 }, () => {
  let xvfb: ChildProcess;
  let driver: ChildProcess;
  let server: Server;
  let base = '';
  let session = '';
  let origin = '';

  /** One W3C WebDriver command; answers its `value`. */
  async function webdriver<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await response.json()) as { value: T & { error?: string; message?: string } };
    if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${answer.value.error}: ${answer.value.message}`);
    return answer.value;
  }

  /** Runs `script` (an async function body, its arguments as `args`) in the page; answers what it returns. */
  const run = <T>(script: string, ...args: unknown[]): Promise<T> =>
    webdriver<T>('POST', `/session/${session}/execute/async`, {
      script: `const done = arguments[arguments.length - 1]; const args = [...arguments].slice(0, -1);
        (async () => { ${script} })().then(done, (e) => done({ thrown: String(e) }));`,
      args,
    });

  before(async () => {
    for (const [path, apt] of [
      [DRIVER, 'webkit2gtk-driver'],
      [MINIBROWSER, 'webkit2gtk-driver'],
      [XVFB, 'xvfb'],
    ] as const) {
      assert.ok(existsSync(path), `${path} is missing: apt-get install -y ${apt} (bash scripts/quickstart.sh test does)`);
    }
    assert.ok(existsSync(join(BUNDLE, 'care-meet.js')), 'the built browser bundle of the elements (pnpm run build)');
    const display = `:${90 + Math.floor(Math.random() * 400)}`;
    xvfb = spawn(XVFB, [display, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    await started(xvfb, async () => existsSync(`/tmp/.X11-unix/X${display.slice(1)}`), 'Xvfb');
    const driverPort = await freePort();
    driver = spawn(DRIVER, [`--port=${driverPort}`, '--host=127.0.0.1'], { stdio: 'ignore', env: { ...process.env, DISPLAY: display } });
    base = `http://127.0.0.1:${driverPort}`;
    await started(
      driver,
      () =>
        fetch(`${base}/status`).then(
          (r) => r.ok,
          () => false,
        ),
      'WebKitWebDriver',
    );
    const port = await freePort();
    server = await serve(port);
    origin = `http://127.0.0.1:${port}`;
    const created = await webdriver<{ sessionId: string; capabilities: { browserVersion: string } }>('POST', '/session', {
      capabilities: {
        alwaysMatch: {
          browserName: 'MiniBrowser',
          'webkitgtk:browserOptions': {
            binary: MINIBROWSER,
            args: ['--automation', '--enable-mock-capture-devices=true', '--enable-media-stream=true', '--autoplay-policy=allow'],
          },
        },
      },
    });
    session = created.sessionId;
    console.log(`# engine: WebKitGTK ${created.capabilities.browserVersion} (MiniBrowser, Debian)`);
  });

  after(async () => {
    if (session) await webdriver('DELETE', `/session/${session}`).catch(() => undefined);
    driver?.kill();
    xvfb?.kill();
    await new Promise((r) => server?.close(r) ?? r(undefined));
  });

  test('says what this WebKit cannot do (no WebRTC, no speaker choice) instead of failing, and the camera check works', async () => {
    await webdriver('POST', `/session/${session}/url`, { url: `${origin}/` });
    const engine = await run<{ rtc: boolean; gum: boolean; sink: boolean; ua: string }>(`
      return { rtc: typeof RTCPeerConnection === 'function', gum: typeof navigator.mediaDevices?.getUserMedia === 'function',
        sink: 'setSinkId' in HTMLMediaElement.prototype, ua: navigator.userAgent };`);
    console.log(
      `# WebKit here: getUserMedia ${engine.gum ? 'yes' : 'no'}, RTCPeerConnection ${engine.rtc ? 'yes' : 'no'}, setSinkId ${engine.sink ? 'yes' : 'no'}`,
    );
    if (!engine.rtc)
      console.log("# not run in WebKit: the media path and the meeting element with media (Debian's WebKitGTK is built without WebRTC: no RTCPeerConnection)");
    console.log(
      "# not run in WebKit: the elements' web-test-runner suites (no kept web-test-runner launcher for WebKitWebDriver without WebdriverIO; docs/browsers.md)",
    );

    const shown = await run<{ browser: string; status: string; speaker: string; thrown?: string }>(`
      await customElements.whenDefined('care-device-check');
      const el = document.querySelector('care-device-check');
      await el.updateComplete;
      for (let i = 0; i < 100 && !el.shadowRoot.querySelector('.check-browser'); i++) await new Promise((r) => setTimeout(r, 50));
      const text = (node) => (node?.textContent ?? '').replace(/\\s+/g, ' ').trim();
      return { browser: text(el.shadowRoot.querySelector('.check-browser')),
        status: el.shadowRoot.querySelector('.check-browser [part~="status"]')?.dataset.status ?? '',
        speaker: text(el.shadowRoot.querySelector('.check-speaker')) };`);
    assert.equal(shown.thrown, undefined, `the element renders in WebKit (${shown.thrown})`);
    if (!engine.rtc) {
      assert.match(shown.browser, /This browser lacks video calls, which meetings need\./, `the browser check names what is missing (${shown.browser})`);
      assert.equal(shown.status, 'fail', 'the browser check fails, in words');
    }
    if (!engine.sink) {
      assert.match(shown.speaker, /plays sound on the default speaker/, `no speaker choice: it says where the sound goes (${shown.speaker})`);
    }

    // The camera and microphone still open (mock devices), so the person can check them.
    const camera = await run<{ width: number; camera: string; speakerChooser: boolean; thrown?: string }>(`
      const el = document.querySelector('care-device-check');
      el.shadowRoot.querySelector('[part~="start-button"]').click();
      let video;
      for (let i = 0; i < 200 && !((video = el.shadowRoot.querySelector('video'))?.videoWidth > 0); i++) await new Promise((r) => setTimeout(r, 50));
      await el.updateComplete;
      return { width: video?.videoWidth ?? 0,
        camera: el.shadowRoot.querySelector('.check-camera [part~="status"]')?.dataset.status ?? '',
        speakerChooser: !!el.shadowRoot.querySelector('select[name="speaker"]') };`);
    assert.equal(camera.thrown, undefined, `starting the check works in WebKit (${camera.thrown})`);
    assert.ok(camera.width > 0, `the camera preview shows the mock camera (${camera.width} px wide)`);
    assert.equal(camera.camera, 'waiting', 'the camera check asks "do you see yourself?"');
    if (!engine.sink) assert.equal(camera.speakerChooser, false, 'no speaker chooser where sound cannot be routed');
  });
});
