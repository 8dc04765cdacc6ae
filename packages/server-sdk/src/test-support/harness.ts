import { CareMeet, type CareMeetOptions } from '../care-meet.js';
import { createCareMeetHandler } from '../http/handler.js';
import type { MeetingStore } from '../store/meeting-store.js';
import { SqliteMeetingStore } from '../store/sqlite-store.js';
import { openPostgresTestDatabase } from './store-engines.js';
import { RecordingRoomControl, signWebhook } from './recording-room-control.js';

export const API_KEY = 'devkey';
export const API_SECRET = 'secret-for-tests-secret-for-tests';
export const ORGANIZER_KEY = 'organizer-key-for-tests-0123456789abcdef';
/**
 * The deployment's E2EE key of the harness (32 bytes, base64): meetings the suite books are end-to-end
 * encrypted unless a test says otherwise. Fixed, so tests can search for what it seals.
 */
export const E2EE_KEY = Buffer.alloc(32, 0x5a).toString('base64');

/** Test personnummer: Luhn-valid, in Skatteverket's example style (19121212-1212 is its classic one). */
export const PNR = {
  esther: '19121212-1212',
  relative: '19850709-9920',
  other: '19700101-2389',
} as const;
export const HSA = { anna: 'SE2321000016-A1B2', sven: 'SE2321000016-7Q9Z' } as const;

/**
 * A JSON Web Token, or its first two parts: a base64url JSON header (`eyJ…`), a dot, and more.
 * Not just `eyJ`: random base64url values (ids, room names, OIDC state) hold that now and then,
 * and a check for `eyJ` alone failed a clean-clone CI run once, then passed every rerun.
 */
export const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/;

/** A clock the tests move by hand. */
export class TestClock {
  #now: number;
  constructor(start: string | Date) {
    this.#now = new Date(start).getTime();
  }
  now = (): Date => new Date(this.#now);
  advance(ms: number): void {
    this.#now += ms;
  }
  set(at: string | Date): void {
    this.#now = new Date(at).getTime();
  }
}

export interface Harness {
  careMeet: CareMeet;
  rooms: RecordingRoomControl;
  store: MeetingStore;
  clock: TestClock;
  /** With `headersOnly`, an event stream's body is cancelled, not read (it never ends by itself). */
  call(
    method: string,
    path: string,
    options?: { body?: unknown; rawBody?: string; token?: string; headers?: Record<string, string>; headersOnly?: boolean },
  ): Promise<{
    status: number;
    headers: Headers;
    /** The body parsed, when the answer is JSON; null otherwise (the identity provider's callback answers a page). */
    json: any;
    text: string;
  }>;
  close(): Promise<void>;
}

/**
 * The options every test service starts from: the test LiveKit credentials and organizer key, the
 * harness's E2EE key, `rooms` for LiveKit, `clock` for time, three evaluation questions.
 */
export function baseOptions(store: MeetingStore, rooms: RecordingRoomControl, clock: TestClock): CareMeetOptions {
  return {
    store,
    livekit: { url: 'ws://127.0.0.1:7880', apiKey: API_KEY, apiSecret: API_SECRET },
    organizerKey: ORGANIZER_KEY,
    e2ee: { keyEncryptionKey: E2EE_KEY },
    roomControl: rooms,
    clock: clock.now,
    evaluationQuestions: [
      { id: 'heard', kind: 'scale', text: { sv: 'Hörde du alla?', en: 'Could you hear everyone?' } },
      { id: 'again', kind: 'yes-no', text: { sv: 'Vill du ha videomöte igen?' } },
      { id: 'comment', kind: 'text', text: { sv: 'Övrigt' } },
    ],
  };
}

/**
 * A CareMeet over `:memory:` SQLite and a recording room control, driven through its Fetch handler.
 * With `CARE_MEET_TEST_STORE=postgres` (and CARE_MEET_TEST_POSTGRES_URL) the store is PostgreSQL, in
 * a schema of its own: the whole suite then runs on the other engine.
 */
export async function createHarness(options: Partial<CareMeetOptions> & { start?: string } = {}): Promise<Harness> {
  const postgres = process.env.CARE_MEET_TEST_STORE === 'postgres' ? await openPostgresTestDatabase() : null;
  const store: MeetingStore = postgres?.store ?? new SqliteMeetingStore({ filename: ':memory:' });
  const rooms = new RecordingRoomControl();
  const clock = new TestClock(options.start ?? '2026-12-01T09:55:00+01:00');
  const careMeet = await CareMeet.create({ ...baseOptions(store, rooms, clock), ...options });
  const handle = createCareMeetHandler(careMeet);
  return {
    careMeet,
    rooms,
    store,
    clock,
    async call(method, path, o = {}) {
      const headers: Record<string, string> = { ...o.headers };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      let body: string | undefined;
      if (o.rawBody !== undefined) body = o.rawBody;
      else if (o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await handle(new Request(`http://portal.test/api${path}`, { method, headers, ...(body === undefined ? {} : { body }) }), {
        clientAddress: '127.0.0.1',
      });
      const stream = o.headersOnly === true && /^text\/event-stream\b/.test(res.headers.get('content-type') ?? '');
      if (stream) await res.body?.cancel();
      const text = stream ? '' : await res.text();
      const isJson = /^application\/json\b/.test(res.headers.get('content-type') ?? '');
      return { status: res.status, headers: res.headers, json: text && isJson ? JSON.parse(text) : null, text };
    },
    async close() {
      careMeet.close();
      await (postgres ? postgres.close() : store.close());
    },
  };
}

/**
 * A meeting booked (`sipMeeting()`) in `careMeet`, its chair vouched for and joined, so both its
 * rooms exist: the ids, the room names and the chair's session.
 */
export async function openMeeting(careMeet: CareMeet) {
  const booked = await careMeet.bookMeeting(sipMeeting());
  const meeting = (await careMeet.store.getMeeting(booked.meeting.id))!;
  const chair = await careMeet.vouchSession(meeting.id, { kind: 'hsa', hsaId: HSA.anna }, 'siths');
  await careMeet.joinWithToken(chair.session);
  return { meetingId: meeting.id, roomName: meeting.roomName, lobbyRoomName: meeting.lobbyRoomName, chairId: chair.participantId, chairSession: chair.session };
}

/** Delivers a LiveKit webhook, signed as LiveKit signs it, to the harness's webhook route. */
export async function sendWebhook(h: Harness, event: Record<string, unknown>): ReturnType<Harness['call']> {
  const rawBody = JSON.stringify(event);
  const authorization = await signWebhook(rawBody, API_KEY, API_SECRET);
  return h.call('POST', '/livekit/webhook', { rawBody, headers: { authorization, 'content-type': 'application/webhook+json' } });
}

/** Waits until `done()` holds, checking every 10 ms; false when `ms` passed first. */
export async function eventually(done: () => boolean | Promise<boolean>, ms = 2000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

/** The booking body of HTTP-API.md's example: a chair, the individual, a relative and an SMS guest. */
export function sipMeeting(overrides: Record<string, unknown> = {}) {
  return {
    title: 'SIP-möte',
    startsAt: '2026-12-01T10:00:00+01:00',
    endsAt: '2026-12-01T11:00:00+01:00',
    allowScreenShare: false,
    allowChat: false,
    participants: [
      { name: 'Anna Samordnare', role: 'chair', identity: { kind: 'hsa', hsaId: HSA.anna } },
      { name: 'Esther Exempel', role: 'individual', identity: { kind: 'pnr', pnr: PNR.esther }, phone: '+46701234567' },
      { name: 'Rut Exempel', role: 'relative', identity: { kind: 'pnr', pnr: PNR.relative } },
      { name: 'Kurt Kurator', role: 'guest', identity: { kind: 'guest', phone: '+46709876543' } },
    ],
    ...overrides,
  };
}
