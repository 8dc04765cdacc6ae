// The real server SDK and a real test identity provider, inside web-test-runner's Node process,
// for the <care-verify-identity> tests (web-test-runner.identity.config.mjs).
//
// - `CareMeet` over `:memory:` SQLite, with an `OutboxSender` (the SMS codes land there) and a
//   RoomControl that only records (no LiveKit here), answers under `/api` on the test runner's own
//   dev server: the page, the routes and the identity provider's way back (`/api/oidc/callback`)
//   then share one origin, as on a host portal, so the login's binding cookie comes along.
// - `@care-meet/test-idp` (oidc-provider) on 127.0.0.1 with its BankID-like test users, behind
//   the `bankid` method.
// - Test commands (`executeServerCommand` in the browser) to book a meeting, read the outbox, log in
//   at the identity provider in the login window, and start over.
//
// Both packages are workspace packages the components package does not depend on, so they are
// imported from their built `dist` (`pnpm --filter @care-meet/test-idp build && pnpm --filter
// @care-meet/server-sdk build`).
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { BROWSER, pageOf } from './browsers.mjs';
import { takeScreenshot } from './screenshot-references.mjs';

const { CareMeet, OutboxSender, SqliteMeetingStore, createCareMeetHandler, parseProvenIdentity, toNodeListener } = await importBuilt(
  '../../server-sdk/dist/index.js',
  '@care-meet/server-sdk',
);
const { ACR, LOGIN_TEXTS, startTestIdp } = await importBuilt('../../test-idp/dist/index.js', '@care-meet/test-idp');

/**
 * The test IdP's page speaks the element's language (it is sent as `ui_locales`): its controls are
 * found by their words in any of its languages.
 */
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const anyLanguage = (pick) =>
  Object.values(LOGIN_TEXTS)
    .map((t) => escape(pick(t)))
    .join('|');
const LOGIN_BUTTON = new RegExp(`^(${anyLanguage((t) => t.login)})$`);
const CANCEL_BUTTON = new RegExp(`^(${anyLanguage((t) => t.cancel)})$`);
const PNR_LABEL = new RegExp(
  anyLanguage((t) => t.pnrLabel),
  'i',
);
const ACR_LABEL = new RegExp(
  anyLanguage((t) => t.acrLabel),
  'i',
);

async function importBuilt(path, name) {
  try {
    return await import(new URL(path, import.meta.url).href);
  } catch (e) {
    throw new Error(`${name} is not built: run \`pnpm --filter ${name} build\` (${e.message})`);
  }
}

/** Where the element under test is served for the redirect test's own tab. */
export const HOST_PAGE = '/__care-identity/host.html';

// Another engine's pictures beside Chromium's, never over them.
const screenshots = fileURLToPath(new URL(`../test-results/screenshots/${BROWSER === 'chromium' ? '' : `${BROWSER}/`}`, import.meta.url));

/** The people the tests book. The personnummer are Skatteverket's test numbers, as the test IdP's users have. */
const PEOPLE = {
  chair: { name: 'Anna Samordnare', role: 'chair', identity: { kind: 'hsa', hsaId: 'SE2321000016-A1B2' } },
  esther: { name: 'Esther Exempel', role: 'individual', identity: { kind: 'pnr', pnr: '19121212-1212' } },
  rut: { name: 'Rut Exempel', role: 'relative', identity: { kind: 'pnr', pnr: '19850709-9920' } },
  sms: { name: 'Kurt Kurator', role: 'guest', identity: { kind: 'guest', phone: '+46701234543' } },
  email: { name: 'Lisa Lärare', role: 'guest', identity: { kind: 'guest', email: 'lisa@example.se' } },
};

/** RoomControl that records what care-meet asks of the media server (there is none here). */
class RecordingRoomControl {
  calls = [];
  async ensureRoom(...args) {
    this.calls.push(['ensureRoom', ...args]);
  }
  async deleteRoom(...args) {
    this.calls.push(['deleteRoom', ...args]);
  }
  async listParticipants(...args) {
    this.calls.push(['listParticipants', ...args]);
    return [];
  }
  async removeParticipant(...args) {
    this.calls.push(['removeParticipant', ...args]);
  }
  async updatePermission(...args) {
    this.calls.push(['updatePermission', ...args]);
  }
  async stopEgress(...args) {
    this.calls.push(['stopEgress', ...args]);
  }
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The server SDK and the test IdP for web-test-runner. Put `middleware` in the config's
 * `middleware` and `plugin` in its `plugins`.
 *
 * `/api-slow/…` is `/api/…` answered 1.5 s late, so tests can see what pending looks like.
 */
export function identityServer({ basePath = '/api' } = {}) {
  const organizerKey = randomBytes(32).toString('base64url');
  const client = { clientId: 'care-meet-components', clientSecret: randomBytes(24).toString('base64url') };
  /** The dev server's origin, known once it has started. */
  let origin = '';
  let idp;
  let server; // { careMeet, store, outbox, rooms, listener }

  async function startServer() {
    await server?.store.close();
    const store = new SqliteMeetingStore({ filename: ':memory:' });
    const outbox = new OutboxSender();
    const rooms = new RecordingRoomControl();
    const careMeet = await CareMeet.create({
      store,
      livekit: { url: 'ws://127.0.0.1:7880', apiKey: 'devkey', apiSecret: randomBytes(24).toString('base64url') },
      organizerKey,
      roomControl: rooms,
      inviteUrl: (secret) => `${origin}/join#invite=${secret}`,
      identityProviders: {
        bankid: {
          issuer: idp.issuer,
          clientId: client.clientId,
          clientSecret: client.clientSecret,
          redirectUri: `${origin}${basePath}/oidc/callback`,
          scope: 'openid https://id.oidc.se/scope/naturalPersonNumber',
          acceptedAcr: [ACR.loa3, ACR.loa4],
          allowInsecureRequests: true,
        },
      },
      allowedReturnOrigins: [origin],
      messages: outbox,
    });
    // A new handler each time: fresh per-address rate limits for each test.
    const listener = toNodeListener(createCareMeetHandler(careMeet, { basePath }));
    server = { careMeet, store, outbox, rooms, listener };
  }

  /** Koa middleware: hands `/api/…` to the server SDK's Fetch handler, through its own node adapter. */
  async function middleware(ctx, next) {
    const slow = ctx.path.startsWith('/api-slow/');
    if (!slow && !ctx.path.startsWith(`${basePath}/`)) return next();
    if (slow) {
      await delay(1500);
      ctx.req.url = ctx.req.url.replace(/^\/api-slow\//, `${basePath}/`);
    }
    // Koa must not answer on its own: the adapter writes the whole response.
    ctx.respond = false;
    await server.listener(ctx.req, ctx.res);
  }

  async function book() {
    const startsAt = new Date(Date.now() + 5 * 60_000);
    const endsAt = new Date(startsAt.getTime() + 60 * 60_000);
    const booked = await server.careMeet.bookMeeting({
      title: 'SIP-möte',
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      allowScreenShare: false,
      allowChat: false,
      participants: Object.values(PEOPLE),
    });
    const keys = Object.keys(PEOPLE);
    const byKey = (pick) => Object.fromEntries(booked.participants.map((p, i) => [keys[i], pick(p)]));
    return { meetingId: booked.meeting.id, invites: byKey((p) => p.invite.token), participants: byKey((p) => p.id) };
  }

  /**
   * Logs in at the test IdP in the login window the element opened, as a person would: the test
   * user's radio button (or a typed personnummer), then "Logga in" (or "Avbryt"). Resolves when
   * the window has closed itself (the callback page posts the result to the opener and closes).
   */
  async function loginInPopup(page, { user, pnr, acr, cancel = false, close = false }) {
    const context = page.context();
    const until = Date.now() + 8_000;
    let popup;
    while (!(popup = context.pages().find((p) => p !== page && !p.isClosed()))) {
      if (Date.now() > until) throw new Error('no login window was opened');
      await delay(25);
    }
    await popup.waitForURL((url) => url.href.startsWith(`${idp.issuer}/interaction/`), { timeout: 8_000 });
    if (close) {
      await popup.close();
      return { closed: true };
    }
    const closed = popup.waitForEvent('close', { timeout: 8_000 });
    // Awaited below; an unhandled rejection meanwhile would end the test runner without a word.
    closed.catch(() => {});
    const lang = await popup.evaluate(() => document.documentElement.lang);
    if (pnr) await popup.getByLabel(PNR_LABEL).fill(pnr);
    else if (user) await popup.getByRole('radio', { name: new RegExp(user) }).check();
    if (acr) await popup.getByLabel(ACR_LABEL).selectOption(acr);
    await popup.getByRole('button', { name: cancel ? CANCEL_BUTTON : LOGIN_BUTTON }).click();
    await closed;
    return { closed: true, lang };
  }

  /**
   * The same login in a puppeteer page (Firefox over WebDriver BiDi): the IdP's page is plain HTML,
   * so its controls are found by their labels and names in the page, and used with real input.
   */
  async function loginInPopupPuppeteer(page, { user, pnr, acr, cancel = false, close = false }) {
    const until = Date.now() + 8_000;
    // The browser's first tab (about:blank) is open too: the login window is the one at the IdP.
    const atIdp = (p) => p !== page && !p.isClosed() && p.url().startsWith(`${idp.issuer}/interaction/`);
    let popup;
    while (!(popup = (await page.browser().pages()).find(atIdp))) {
      if (Date.now() > until) throw new Error('no login window reached the identity provider');
      await delay(25);
    }
    await popup.waitForSelector('button[type="submit"]', { timeout: 8_000 });
    const closed = new Promise((resolve) => popup.once('close', resolve));
    if (close) {
      await popup.close();
      return { closed: true };
    }
    /** The control a label matching `pattern` is for. */
    const lang = await popup.evaluate(() => document.documentElement.lang);
    const labelled = (pattern) =>
      popup.evaluateHandle(
        (source) => [...document.querySelectorAll('label')].find((l) => new RegExp(source, 'i').test(l.textContent ?? ''))?.control,
        pattern,
      );
    if (pnr) await (await labelled(PNR_LABEL.source)).type(pnr);
    else if (user) await (await labelled(user)).click();
    if (acr) await (await labelled(ACR_LABEL.source)).select(acr);
    const button = await popup.evaluateHandle(
      (source) => [...document.querySelectorAll('button')].find((b) => new RegExp(source).test(b.textContent?.trim() ?? '')),
      (cancel ? CANCEL_BUTTON : LOGIN_BUTTON).source,
    );
    await button.click();
    await Promise.race([closed, delay(8_000).then(() => Promise.reject(new Error('the login window did not close')))]);
    return { closed: true, lang };
  }

  /**
   * The redirect display, in a tab of its own (it navigates away, which the test page must not):
   * a host page with `<care-verify-identity invite-from-hash>`, window.open blocked as a popup
   * blocker would, so the element falls back to redirect. Logs in at the IdP in that tab and
   * reports what the element did once the page came back.
   */
  async function redirectLogin(page, { invite, user, lang = 'sv' }) {
    const tab = await page.context().newPage();
    try {
      await tab.addInitScript(() => {
        // Before any script of the page: on the way back this is what the element kept for it.
        window.__careKept = Object.fromEntries(Object.entries(sessionStorage));
        window.open = () => null;
        window.__careEvents = [];
        for (const type of ['care-verified', 'care-error']) {
          window.addEventListener(type, (event) => window.__careEvents.push({ type, detail: event.detail }));
        }
      });
      await tab.goto(`${origin}${HOST_PAGE}?lang=${lang}#invite=${encodeURIComponent(invite)}`);
      await tab.getByRole('button', { name: /BankID/ }).click();
      await tab.waitForURL((url) => url.href.startsWith(`${idp.issuer}/interaction/`), { timeout: 8_000 });
      await tab.getByRole('radio', { name: new RegExp(user) }).check();
      await tab.getByRole('button', { name: LOGIN_BUTTON }).click();
      await tab.waitForURL((url) => url.href.startsWith(origin), { timeout: 8_000 });
      // The element said something: an event, or a problem on screen.
      await tab.waitForFunction(
        () => window.__careEvents.length > 0 || document.querySelector('care-verify-identity')?.shadowRoot?.querySelector('[part~="error"]'),
        undefined,
        { timeout: 8_000 },
      );
      const after = await tab.evaluate(() => ({
        events: window.__careEvents,
        href: location.href,
        text: document.querySelector('care-verify-identity')?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim(),
        keptForReturn: window.__careKept,
        keptAfter: Object.fromEntries(Object.entries(sessionStorage)),
      }));
      return after;
    } finally {
      await tab.close();
    }
  }

  const hostPage = (lang) => `<!doctype html>
<html lang="${lang === 'da' || lang === 'en' ? lang : 'sv'}">
<head><meta charset="utf-8"><title>Host portal</title></head>
<body>
<main>
<care-verify-identity invite-from-hash api-base="${basePath}"><p slot="support">Support: 010-123 45 67</p></care-verify-identity>
</main>
<script type="module">import '/src/define/care-verify-identity.ts';</script>
</body>
</html>`;

  const commands = {
    'identity-reset': () => startServer().then(() => true),
    'identity-book': () => book(),
    'identity-outbox': () => server.outbox.messages(),
    'identity-end': async ({ meetingId }) => (await server.careMeet.end(meetingId, { kind: 'organizer' })).meeting.state,
    'identity-audit': async ({ meetingId }) =>
      (await server.careMeet.audit(meetingId)).map((e) => ({ action: e.action, outcome: e.outcome, code: e.code, participantId: e.participantId })),
    // What a host does for a person it logged in itself (`POST /sessions`): a real session.
    'identity-vouch': ({ meetingId, pnr }) => server.careMeet.vouchSession(meetingId, parseProvenIdentity({ kind: 'pnr', pnr }), 'host'),
    'identity-idp-login': (payload, session) => {
      const { kind, page } = pageOf(session);
      return kind === 'playwright' ? loginInPopup(page, payload) : loginInPopupPuppeteer(page, payload);
    },
    'identity-redirect-login': (payload, session) => {
      const { kind, page } = pageOf(session);
      // Tests that use it say "not run in Firefox" (src/test-support/engine.ts) rather than come here.
      if (kind !== 'playwright') throw new Error('identity-redirect-login drives its own tab with Playwright');
      return redirectLogin(page, payload);
    },
    'care-screenshot': (payload, session) => takeScreenshot(session, payload, screenshots),
  };

  const plugin = {
    name: 'care-identity-server',
    async serverStart({ config }) {
      origin = `http://${config.hostname}:${config.port}`;
      idp = await startTestIdp({
        clients: [{ clientId: client.clientId, clientSecret: client.clientSecret, redirectUris: [`${origin}${basePath}/oidc/callback`] }],
      });
      await startServer();
    },
    async serverStop() {
      await server?.store.close();
      await idp?.close();
    },
    serve(context) {
      if (context.path === HOST_PAGE) return { body: hostPage(context.URL.searchParams.get('lang')), type: 'html' };
      return undefined;
    },
    async executeCommand({ command, payload, session }) {
      const run = commands[command];
      if (!run) return undefined;
      return run(payload ?? {}, session);
    },
  };

  return { plugin, middleware };
}
