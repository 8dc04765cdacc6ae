// Browser tests for @care-meet/components, in the Chromium installed on the machine (never a
// downloaded one) with Chromium's fake camera (640×480 test pattern) and fake microphone (a beep).
//
// Two groups run in one go:
// - `fake-media`: permission prompts are accepted (`--use-fake-ui-for-media-stream`).
// - `permission-denied`: the same browser without that flag and with `--deny-permission-prompts`,
//   so getUserMedia rejects with NotAllowedError, as when a person clicks Block.
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const screenshots = here('./test-results/screenshots/');

const chromium = (args) =>
  playwrightLauncher({
    product: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', ...args] },
  });

/** A TCP port nothing listens on, for "the media server cannot be reached". */
const closedPort = await new Promise((resolve, reject) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
  server.on('error', reject);
});

/**
 * Stands in for the server SDK's `GET ${apiBase}/health` and LiveKit's `/rtc/validate`, which
 * answers 401 without a token, as the real one does. Each `api-base` prefix is one situation.
 */
function connectionStub() {
  const ok = (ctx, body) => {
    ctx.status = 200;
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(body);
  };
  const routes = {
    '/api/health': (ctx) => ok(ctx, { ok: true, livekitUrl: `ws://${ctx.host}` }),
    '/api-slow/health': async (ctx) => {
      await new Promise((resolve) => setTimeout(resolve, 600));
      ok(ctx, { ok: true, livekitUrl: `ws://${ctx.host}` });
    },
    '/api-down/health': (ctx) => {
      ctx.status = 503;
      ctx.body = 'Service Unavailable';
    },
    '/api-unhealthy/health': (ctx) => ok(ctx, { ok: false }),
    '/api-no-media/health': (ctx) => ok(ctx, { ok: true }),
    '/api-media-down/health': (ctx) => ok(ctx, { ok: true, livekitUrl: `ws://127.0.0.1:${closedPort}` }),
    '/rtc/validate': (ctx) => {
      ctx.status = 401;
      ctx.body = 'missing token';
    },
  };
  return async (ctx, next) => {
    const route = routes[ctx.path];
    return route ? route(ctx) : next();
  };
}

/** A test command `name` that runs `run(page, payload)` on the test's Playwright page. */
function pageCommand(name, run) {
  return {
    name,
    async executeCommand({ command, payload, session }) {
      if (command !== name) return undefined;
      if (session.browser.type !== 'playwright') throw new Error(`${name} needs the Playwright launcher`);
      return run(session.browser.getPage(session.id), payload);
    },
  };
}

/** `care-screenshot` command: saves a PNG of one element, taken by Playwright. */
const screenshotPlugin = () =>
  pageCommand('care-screenshot', async (page, payload) => {
    const name = String(payload.name).replace(/[^a-z0-9-]/gi, '_');
    const path = `${screenshots}${name}.png`;
    await mkdir(screenshots, { recursive: true });
    await page.locator(payload.selector).screenshot({ path, animations: 'disabled' });
    return path;
  });

/**
 * `care-block-requests` command: the page's requests whose URL matches `pattern` (a Playwright glob)
 * fail as a dropped connection would, until the test lets them through again (`block: false`).
 */
const blockRequestsPlugin = () =>
  pageCommand('care-block-requests', async (page, payload) => {
    if (payload.block) await page.route(payload.pattern, (route) => route.abort('internetdisconnected'));
    else await page.unroute(payload.pattern);
    return true;
  });

export default {
  nodeResolve: true,
  browsers: [chromium(['--use-fake-ui-for-media-stream'])],
  groups: [
    {
      name: 'fake-media',
      // The identity and meeting elements have their own configs (a real server SDK and test IdP;
      // fake media rooms): web-test-runner.identity.config.mjs, web-test-runner.meeting.config.mjs.
      files: ['src/**/*.test.ts', '!src/**/*.permission-denied.test.ts', '!src/elements/verify-identity/**', '!src/elements/meeting/**'],
    },
    {
      name: 'permission-denied',
      files: ['src/**/*.permission-denied.test.ts'],
      browsers: [chromium(['--deny-permission-prompts'])],
    },
  ],
  middleware: [connectionStub()],
  plugins: [esbuildPlugin({ ts: true, tsconfig: here('./tsconfig.json') }), screenshotPlugin(), blockRequestsPlugin()],
  testFramework: { config: { timeout: 15000 } },
  // Before each test file: a failed assertion about a DOM node says what failed instead of stalling
  // the run until the browser timeout (src/test-support/readable-failures.ts).
  testRunnerHtml: (framework) =>
    `<html><body><script type="module" src="/src/test-support/readable-failures.ts"></script><script type="module" src="${framework}"></script></body></html>`,
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
};
