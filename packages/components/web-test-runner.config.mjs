// Browser tests for @care-meet/components, in the Chromium installed on the machine (never a
// downloaded one) with Chromium's fake camera (640×480 test pattern) and fake microphone (a beep).
// With CARE_MEET_BROWSER=firefox, the elements' suites (device check, roster) in Debian's Firefox
// ESR instead, with its fake camera and microphone (test-support/browsers.mjs; docs/browsers.md).
//
// Two groups run in one go:
// - `fake-media`: permission prompts are accepted (`--use-fake-ui-for-media-stream`).
// - `permission-denied`: the same browser without that flag and with `--deny-permission-prompts`,
//   so getUserMedia rejects with NotAllowedError, as when a person clicks Block.
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { BROWSER, launcher, pageOf } from './test-support/browsers.mjs';
import { referencesPlugin, takeScreenshot } from './test-support/screenshot-references.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
// Another engine's pictures beside Chromium's, never over them.
const screenshots = here(`./test-results/screenshots/${BROWSER === 'chromium' ? '' : `${BROWSER}/`}`);

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

/** A test command `name` that runs `run(session, payload)` for the test's page (Playwright's or puppeteer's). */
function pageCommand(name, run) {
  return {
    name,
    async executeCommand({ command, payload, session }) {
      if (command !== name) return undefined;
      return run(session, payload);
    },
  };
}

/**
 * `care-screenshot` command: saves a PNG of one element, taken by the driver, with what changes on
 * its own painted over (browsers.mjs, MASK), and compares it with its committed reference when it has
 * one (test-support/screenshot-references.mjs).
 */
const screenshotPlugin = () => pageCommand('care-screenshot', (session, payload) => takeScreenshot(session, payload, screenshots));

/** A Playwright glob (`**` any path, `*` within one segment) as a regular expression. */
const globToRegExp = (glob) =>
  new RegExp(
    `^${glob
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\*\*/g, '\0')
      .replace(/\*/g, '[^/]*')
      .replace(/\0/g, '.*')}$`,
  );

/** Per puppeteer page: the patterns it blocks (puppeteer has no per-pattern routes, only one interception switch). */
const puppeteerBlocks = new WeakMap();

/**
 * `care-block-requests` command: the page's requests whose URL matches `pattern` (a Playwright glob)
 * fail as a dropped connection would, until the test lets them through again (`block: false`).
 */
const blockRequestsPlugin = () =>
  pageCommand('care-block-requests', async (session, payload) => {
    const { kind, page } = pageOf(session);
    if (kind === 'playwright') {
      if (payload.block) await page.route(payload.pattern, (route) => route.abort('internetdisconnected'));
      else await page.unroute(payload.pattern);
      return true;
    }
    let blocks = puppeteerBlocks.get(page);
    if (!blocks) {
      blocks = new Map();
      puppeteerBlocks.set(page, blocks);
      page.on('request', (request) => {
        if (!blocks.size || request.isInterceptResolutionHandled()) return;
        const url = request.url();
        if ([...blocks.values()].some((re) => re.test(url))) void request.abort('internetdisconnected');
        else void request.continue();
      });
    }
    const before = blocks.size;
    if (payload.block) blocks.set(payload.pattern, globToRegExp(payload.pattern));
    else blocks.delete(payload.pattern);
    if (!before && blocks.size) await page.setRequestInterception(true);
    if (before && !blocks.size) await page.setRequestInterception(false);
    return true;
  });

export default {
  nodeResolve: true,
  browsers: [launcher('grant')],
  groups: [
    {
      name: 'fake-media',
      // The identity and meeting elements have their own configs (a real server SDK and test IdP;
      // fake media rooms): web-test-runner.identity.config.mjs, web-test-runner.meeting.config.mjs.
      // Another engine runs the elements' suites here (device check, roster) and the core they stand on.
      files:
        BROWSER === 'chromium'
          ? ['src/**/*.test.ts', '!src/**/*.permission-denied.test.ts', '!src/elements/verify-identity/**', '!src/elements/meeting/**']
          : [
              'src/elements/device-check/**/*.test.ts',
              '!src/**/*.permission-denied.test.ts',
              'src/elements/roster/**/*.test.ts',
              'src/elements/lobby-list/**/*.test.ts',
              'src/core/roster-*.test.ts',
            ],
    },
    {
      name: 'permission-denied',
      files: ['src/**/*.permission-denied.test.ts'],
      browsers: [launcher('deny')],
    },
  ],
  middleware: [connectionStub()],
  plugins: [esbuildPlugin({ ts: true, tsconfig: here('./tsconfig.json') }), screenshotPlugin(), blockRequestsPlugin(), referencesPlugin()],
  testFramework: { config: { timeout: 15000 } },
  // A file may take longer than the runner's default two minutes: device-check.screenshots.test.ts
  // takes and compares 63 pictures (about two minutes on the 2-core machine with other work on it).
  testsFinishTimeout: 300_000,
  // Before each test file: a failed assertion about a DOM node says what failed instead of stalling
  // the run until the browser timeout (src/test-support/readable-failures.ts).
  testRunnerHtml: (framework) =>
    `<html><body><script type="module" src="/src/test-support/readable-failures.ts"></script><script type="module" src="${framework}"></script></body></html>`,
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
};
