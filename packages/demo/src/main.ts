// The care-meet sandbox host portal: an EHR-like booking page, a 1177-like inbox, the guest's page,
// the SMS/e-mail outbox and the chair's view, on embedded defaults: SQLite, the test identity
// provider, the outbox sender, and LiveKit when one runs (the demo says plainly when none does).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CareMeet,
  CareMeetError,
  OutboxSender,
  SqliteMeetingStore,
  createCareMeetHandler,
  jsonLogger,
  toNodeListener,
  type EvaluationQuestion,
} from '@care-meet/server-sdk';
import { TEST_USERS, startTestIdp } from '@care-meet/test-idp';
import { LOGIN_ACR, citizensFor, citizensOf, inboxNumberOf, type Citizen } from './citizens.js';
import { DemoState } from './demo-state.js';
import { chooseMedia } from './media.js';
import { NoMediaPresence } from './no-media-presence.js';
import { NoMediaRoomControl } from './no-media-room-control.js';
import { DEMO_CSS, livekitHttpOrigin, pickLang, renderPage, type Lang } from './pages/layout.js';
import { ehrBody, homeBody, inboxBody, meetingBody, notFoundBody, outboxBody, text } from './pages/pages.js';
import { BookingFormError, readBookingForm } from './booking-form.js';
import { placeBookingError, type BookingFieldError } from './pages/booking-errors.js';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = process.env.CARE_MEET_DEMO_DATA ?? join(here, '..', '.care-meet');
mkdirSync(dataDir, { recursive: true });
const elementsDir = join(here, '..', '..', 'components', 'dist', 'browser');

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const origin = `http://${host}:${port}`;
const livekit = {
  url: process.env.LIVEKIT_URL ?? 'ws://127.0.0.1:7880',
  apiKey: process.env.LIVEKIT_API_KEY ?? 'devkey',
  apiSecret: process.env.LIVEKIT_API_SECRET ?? 'secret',
};
// The LiveKit server's http(s) origin, for the pages' connect-src (livekit-client fetches from it too).
const livekitConnect = [livekitHttpOrigin(livekit.url)].filter((o): o is string => o !== null);
// The demo makes its own organizer key unless one is given; it never leaves this process.
const organizerKey = process.env.CARE_MEET_ORGANIZER_KEY ?? randomBytes(24).toString('base64url');
const clientSecret = randomBytes(24).toString('base64url');
const redirectUri = `${origin}/api/oidc/callback`;
// Meetings are end-to-end encrypted by default, as the product's are: the deployment key from
// CARE_MEET_E2EE_KEY, else one made once into the data folder (readable by this user only) and kept,
// so that meetings booked before a restart still open (their keys are sealed under it).
const e2eeKeyFile = join(dataDir, 'e2ee-key');
function demoE2eeKey(): { keyEncryptionKey: string; from: string } {
  if (process.env.CARE_MEET_E2EE_KEY) return { keyEncryptionKey: process.env.CARE_MEET_E2EE_KEY, from: 'CARE_MEET_E2EE_KEY' };
  try {
    writeFileSync(e2eeKeyFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return { keyEncryptionKey: readFileSync(e2eeKeyFile, 'utf8').trim(), from: e2eeKeyFile };
}
// CARE_MEET_E2EE=off, as for the sidecar: meetings are booked without end-to-end encryption
// (bench/media.bench.mjs compares care-meet with a bare livekit-client page, which holds no key).
const e2ee = (process.env.CARE_MEET_E2EE ?? '').trim().toLowerCase() === 'off' ? null : demoE2eeKey();

const idp = await startTestIdp({ clients: [{ clientId: 'care-meet-demo', clientSecret, redirectUris: [redirectUri] }] });
const media = await chooseMedia({ url: livekit.url });
const noMedia = media.kind === 'none';
const outbox = new OutboxSender({ file: join(dataDir, 'outbox.jsonl') });
const state = new DemoState(join(dataDir, 'demo-state.json'));
const provider = (acr: string[]) => ({
  issuer: idp.issuer,
  clientId: 'care-meet-demo',
  clientSecret,
  redirectUri,
  acceptedAcr: acr,
  allowInsecureRequests: true,
});

const evaluationQuestions: EvaluationQuestion[] = [
  {
    id: 'hear',
    kind: 'scale',
    text: { sv: 'Hur väl kunde du höra och se de andra?', da: 'Hvor godt kunne du høre og se de andre?', en: 'How well could you hear and see the others?' },
  },
  {
    id: 'again',
    kind: 'yes-no',
    text: { sv: 'Vill du ha nästa möte på video också?', da: 'Vil du have det næste møde på video også?', en: 'Would you like the next meeting on video too?' },
  },
  { id: 'comment', kind: 'text', text: { sv: 'Något mer du vill säga?', da: 'Noget andet, du vil sige?', en: 'Anything else you want to say?' } },
];

const store = new SqliteMeetingStore({ filename: process.env.CARE_MEET_DB ?? join(dataDir, 'demo.db') });
// Without a media server, who is in a room is who has the meeting open in their page (see no-media-room-control.ts).
const noMediaRooms = noMedia ? new NoMediaRoomControl(store) : null;
const careMeet = await CareMeet.create({
  store,
  livekit: { ...livekit, publicUrl: livekit.url },
  organizerKey,
  ...(e2ee ? { e2ee: { keyEncryptionKey: e2ee.keyEncryptionKey } } : {}),
  inviteUrl: (token) => `${origin}/join#invite=${token}`,
  // BankID, SITHS, MitID, BankID Norway and Suomi.fi, all played by the test IdP (citizens.ts).
  identityProviders: Object.fromEntries(Object.entries(LOGIN_ACR).map(([method, acr]) => [method, provider([...acr])])),
  allowedReturnOrigins: [origin],
  messages: outbox,
  evaluationQuestions,
  dialInNumber: '+46 10-123 45 67',
  ...(noMediaRooms ? { roomControl: noMediaRooms } : {}),
  logger: jsonLogger,
});
const api = toNodeListener(createCareMeetHandler(careMeet, { basePath: '/api', logger: jsonLogger }));
const presence = noMediaRooms ? new NoMediaPresence(careMeet, noMediaRooms, { logger: jsonLogger }) : null;

/** The inbox's test citizens: on each page those of its language's portal (citizens.ts). */
const CITIZENS: Citizen[] = citizensOf(TEST_USERS);

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    ...extra,
  });
  res.end(body);
}

function page(res: ServerResponse, p: Parameters<typeof renderPage>[0], status = 200): void {
  const { html, csp } = renderPage(p, livekitConnect);
  send(res, status, 'text/html; charset=utf-8', html, { 'content-security-policy': csp });
}

function defaultStart(): string {
  // Two minutes from now, in Stockholm time, as a datetime-local value.
  const d = new Date(Date.now() + 2 * 60_000);
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(d);
  return parts.replace(' ', 'T');
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 32 * 1024) throw new CareMeetError('PAYLOAD_TOO_LARGE', 'the form is too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** A room page with a session the portal vouched for (its own login), handed to `<care-meeting>`. */
async function vouchedMeetingPage(
  res: ServerResponse,
  here: URL,
  lang: Lang,
  title: string,
  meetingId: string,
  identity: Citizen['identity'] | { kind: 'hsa'; hsaId: string },
  method: Citizen['method'] | 'siths',
) {
  const grant = await careMeet.vouchSession(meetingId, identity, method);
  const script = `const el = document.querySelector('care-meeting');
el.evaluationQuestions = ${JSON.stringify(evaluationQuestions)};
el.session = ${JSON.stringify({ ...grant, meetingId })};`;
  page(res, { lang, title, path: '/meeting', here: `${here.pathname}${here.search}`, body: meetingBody(lang, { noMedia }), elements: true, script, noMedia });
}

/** After a booking or a refusal, focus goes to the confirmation or the error summary, so it is read out. */
const FOCUS_OUTCOME = `(document.getElementById('booked') ?? document.getElementById('booking-errors'))?.focus();`;

const MIME: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.map': 'application/json' };

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', origin);
  const lang = pickLang(url.searchParams.get('lang'));
  const t = text(lang);
  try {
    if (url.pathname.startsWith('/api/')) return await (presence ? presence.handle(req, res, '/api', () => api(req, res)) : api(req, res));
    if (req.method === 'GET' && url.pathname === '/assets/demo.css') return send(res, 200, 'text/css; charset=utf-8', DEMO_CSS);
    if (req.method === 'GET' && url.pathname.startsWith('/elements/')) {
      const file = normalize(join(elementsDir, url.pathname.slice('/elements/'.length)));
      if (!file.startsWith(elementsDir) || !MIME[extname(file)]) return send(res, 404, 'text/plain', 'Not found');
      try {
        return send(res, 200, MIME[extname(file)] as string, readFileSync(file));
      } catch {
        return send(res, 404, 'text/plain', 'Not found (run pnpm run build)');
      }
    }
    if (req.method === 'GET' && url.pathname === '/') {
      return page(res, {
        lang,
        title: t.home,
        path: '/',
        body: homeBody(lang, { media: media.kind === 'livekit', mediaUrl: media.url, idp: idp.issuer }),
        noMedia,
      });
    }
    if (req.method === 'GET' && url.pathname === '/ehr') {
      const booked = state.meeting(url.searchParams.get('booked') ?? '');
      return page(res, {
        lang,
        title: t.ehr,
        path: '/ehr',
        body: ehrBody(lang, { meetings: state.meetings, startDefault: defaultStart(), ...(booked ? { booked } : {}) }),
        script: FOCUS_OUTCOME,
      });
    }
    if (req.method === 'POST' && url.pathname === '/ehr/book') {
      const form = await readForm(req);
      let rowOf: number[] = [];
      try {
        const read = readBookingForm(form, lang);
        rowOf = read.rowOf;
        const body = read.booking;
        const booked = await careMeet.bookMeeting(body);
        const chair = body.participants.find((p) => p.role === 'chair');
        state.addMeeting(
          {
            id: booked.meeting.id,
            title: booked.meeting.title,
            startsAt: booked.meeting.startsAt,
            endsAt: booked.meeting.endsAt,
            chairHsaId: chair?.identity.kind === 'hsa' ? chair.identity.hsaId : '',
            participants: booked.participants.map((p) => ({
              id: p.id,
              name: p.name,
              role: p.role,
              kind: p.identity.kind,
              masked: p.identity.masked,
              inviteUrl: p.invite.url,
            })),
          },
          // The host's hook: each citizen registered by personnummer, CPR number, fødselsnummer or
          // henkilötunnus gets a message in the inbox.
          body.participants.flatMap((p) => {
            const citizen = inboxNumberOf(p.identity);
            return citizen ? [{ citizen, meetingId: booked.meeting.id, startsAt: booked.meeting.startsAt, at: new Date().toISOString() }] : [];
          }),
        );
        res.writeHead(303, { location: `/ehr?lang=${lang}&booked=${encodeURIComponent(booked.meeting.id)}#booked`, 'cache-control': 'no-store' });
        return res.end();
      } catch (e) {
        // The refusal in the page's language beside its field, and what was typed kept.
        const error: BookingFieldError =
          e instanceof BookingFormError
            ? { control: e.control, problem: e.problem }
            : e instanceof CareMeetError
              ? placeBookingError(e.code, e.field, rowOf)
              : { control: 'title', problem: 'other', code: 'INTERNAL' };
        if (!(e instanceof BookingFormError || e instanceof CareMeetError))
          jsonLogger.error('demo booking failed', { error: e instanceof Error ? e.name : 'unknown' });
        const refused = { values: form, errors: [error] };
        return page(
          res,
          { lang, title: t.ehr, path: '/ehr', body: ehrBody(lang, { meetings: state.meetings, startDefault: defaultStart(), refused }), script: FOCUS_OUTCOME },
          400,
        );
      }
    }
    if (req.method === 'GET' && url.pathname === '/inbox') {
      const citizens = citizensFor(CITIZENS, lang);
      const who = citizens.find((c) => c.id === url.searchParams.get('who')) ?? (citizens[0] as Citizen);
      const titles = new Map(state.meetings.map((m) => [m.id, m.title]));
      const messages = state.inboxFor(who.number);
      const ended = new Set<string>();
      for (const m of messages) {
        const meeting = await careMeet.store.getMeeting(m.meetingId);
        if (!meeting || meeting.endedAt !== null || meeting.endsAt.getTime() <= Date.now()) ended.add(m.meetingId);
      }
      return page(res, {
        lang,
        title: t.inbox,
        path: '/inbox',
        here: `${url.pathname}${url.search}`,
        body: inboxBody(lang, { who: who.id, citizens, messages, titles, ended }),
      });
    }
    const inboxMeeting = /^\/inbox\/meeting\/([A-Za-z0-9_-]{1,64})$/.exec(url.pathname);
    if (req.method === 'GET' && inboxMeeting) {
      const who = CITIZENS.find((c) => c.id === url.searchParams.get('who'));
      if (!who) return send(res, 400, 'text/plain; charset=utf-8', 'Unknown citizen');
      return await vouchedMeetingPage(res, url, lang, t.meeting, inboxMeeting[1] as string, who.identity, who.method);
    }
    const chairMeeting = /^\/chair\/([A-Za-z0-9_-]{1,64})$/.exec(url.pathname);
    if (req.method === 'GET' && chairMeeting) {
      const m = state.meeting(chairMeeting[1] as string);
      if (!m?.chairHsaId) return send(res, 404, 'text/plain; charset=utf-8', 'No such meeting');
      return await vouchedMeetingPage(res, url, lang, t.chair, m.id, { kind: 'hsa', hsaId: m.chairHsaId }, 'siths');
    }
    if (req.method === 'GET' && url.pathname === '/join') {
      const script = `document.querySelector('care-meeting').evaluationQuestions = ${JSON.stringify(evaluationQuestions)};`;
      return page(res, {
        lang,
        title: t.guest,
        path: '/join',
        here: `${url.pathname}${url.search}`,
        body: meetingBody(lang, { noMedia, inviteFromHash: true }),
        elements: true,
        script,
        noMedia,
      });
    }
    if (req.method === 'GET' && url.pathname === '/outbox') {
      return page(res, { lang, title: t.outbox, path: '/outbox', body: outboxBody(lang, outbox.messages()) });
    }
    page(res, { lang, title: t.notFound, path: url.pathname, body: notFoundBody(lang) }, 404);
  } catch (e) {
    if (e instanceof CareMeetError) return send(res, e.status, 'text/plain; charset=utf-8', `${e.code}: ${e.message}`);
    jsonLogger.error('demo page failed', { path: url.pathname, error: e instanceof Error ? e.name : 'unknown' });
    send(res, 500, 'text/plain; charset=utf-8', 'Something went wrong');
  }
});

server.listen(port, host, () => {
  const mediaLine =
    media.kind === 'livekit'
      ? `LiveKit at ${media.url}`
      : `no media server at ${media.url}: everything but sound, video and chat (for those: bash scripts/quickstart.sh demo, with Go 1.26+)`;
  process.stdout.write(
    `\ncare-meet demo: ${origin}/\n  test IdP: ${idp.issuer}\n  media: ${mediaLine}\n  end-to-end encryption: ${e2ee ? `on for new meetings (key: ${e2ee.from})` : 'off (CARE_MEET_E2EE=off)'}\n  data: ${dataDir}\n`,
  );
});

function stop() {
  presence?.close();
  server.closeAllConnections();
  server.close(() => {
    void Promise.allSettled([idp.close(), careMeet.store.close()]).then(() => process.exit(0));
  });
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
