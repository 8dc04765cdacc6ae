/**
 * Rosters and a stand-in for the server SDK's HTTP API (docs/http-api.md) for the roster's tests:
 * a `fetch` that answers `join`, `roster`, `admit`, `remove` and `consent`, serves the event stream as a
 * Server-Sent Events body the test pushes rosters into, and records every request it saw.
 */
import type { ConsentView, MeetingEvent, MeetingView, Roster, RosterEntry } from '@care-meet/protocol/wire';
import { FakeEventStreams } from './fake-event-streams.js';

export const MEETING_ID = 'm_1';
export const CHAIR_SESSION = 'chair-session-token';
/** 10:00 in Stockholm on 1 December 2026. */
export const STARTS_AT = '2026-12-01T09:00:00.000Z';
export const START_MS = Date.parse(STARTS_AT);
export const minutes = (n: number) => n * 60_000;
/** A moment relative to the start, e.g. `at(4, 59)`. */
export const at = (min: number, sec = 0, ms = 0) => new Date(START_MS + minutes(min) + sec * 1000 + ms);

export const meeting = (patch: Partial<MeetingView> = {}): MeetingView => ({
  id: MEETING_ID,
  title: 'SIP-möte',
  state: 'open',
  startsAt: STARTS_AT,
  endsAt: '2026-12-01T10:00:00.000Z',
  allowScreenShare: false,
  allowChat: false,
  ...patch,
});

/** The people of the examples: a chair, the individual, a relative, an e-mail guest and an SMS guest. */
export const people = {
  anna: {
    id: 'p_anna',
    name: 'Anna Samordnare',
    role: 'chair',
    identity: { kind: 'hsa', masked: '****A1B2' },
    verify: 'siths',
    status: 'connected',
    connectedAt: '2026-12-01T08:58:00.000Z',
    noShow: false,
  },
  esther: {
    id: 'p_esther',
    name: 'Esther Exempel',
    role: 'individual',
    identity: { kind: 'pnr', masked: '1912****-****' },
    verify: 'bankid',
    status: 'absent',
    connectedAt: null,
    noShow: false,
  },
  rut: {
    id: 'p_rut',
    name: 'Rut Exempel',
    role: 'relative',
    identity: { kind: 'pnr', masked: '1950****-****' },
    verify: 'bankid',
    status: 'connected',
    connectedAt: '2026-12-01T09:01:00.000Z',
    noShow: false,
  },
  kurt: {
    id: 'p_kurt',
    name: 'Kurt Kurator',
    role: 'guest',
    identity: { kind: 'guest', masked: 'k***@example.se' },
    verify: 'name',
    status: 'lobby',
    connectedAt: null,
    noShow: false,
    typedName: 'Kurt K.',
  },
  lisa: {
    id: 'p_lisa',
    name: 'Lisa Lärare',
    role: 'guest',
    identity: { kind: 'guest', masked: '+46****43' },
    verify: 'sms-code',
    status: 'absent',
    connectedAt: null,
    noShow: false,
  },
} satisfies Record<string, RosterEntry>;

/**
 * A consent view: `consent('missing')`, `consent('given', { at, how: 'verbal', by: 'chair' })`.
 * `consent('none')` is what the server says when no individual is registered, and what rosters
 * here carry unless a test gives another.
 */
export const consent = (state: ConsentView['state'], patch: Partial<ConsentView> = {}): ConsentView => ({
  state,
  at: null,
  by: null,
  how: null,
  notCovered: [],
  ...patch,
});

/** A roster of `participants`, with the counts and lobby list worked out as the server does. */
export function rosterOf(
  participants: RosterEntry[],
  extra: { strangers?: Roster['strangers']; meeting?: Partial<MeetingView>; consent?: ConsentView } = {},
): Roster {
  const strangers = extra.strangers ?? [];
  return {
    meeting: meeting(extra.meeting),
    counts: {
      registered: participants.length,
      connected: participants.filter((p) => p.status === 'connected').length,
      lobby: participants.filter((p) => p.status === 'lobby').length,
      strangers: strangers.length,
    },
    participants,
    lobby: participants.filter((p) => p.status === 'lobby').map((p) => p.id),
    strangers,
    consent: extra.consent ?? consent('none'),
  };
}

/** The usual roster: Anna and Rut connected, Esther and Lisa not yet, Kurt in the lobby. */
export const baseRoster = (extra?: Parameters<typeof rosterOf>[1]): Roster =>
  rosterOf([people.anna, people.esther, people.rut, people.kurt, people.lisa], extra);

/** `entry` with a change, e.g. `change(people.esther, { status: 'connected' })`. */
export const change = (entry: RosterEntry, patch: Partial<RosterEntry>): RosterEntry => ({ ...entry, ...patch });

export interface SeenRequest {
  method: string;
  /** Path and query, e.g. `/api/meetings/m_1/events`. */
  url: string;
  authorization: string | null;
  accept: string | null;
  body: unknown;
}

/**
 * The server, as far as the roster uses it. `fetch` is what the client code is given (or what
 * replaces `globalThis.fetch`); `requests` is what it was asked.
 */
export class FakeCareServer {
  readonly requests: SeenRequest[] = [];
  roster: Roster;
  /** What `GET …/roster` answers, when it should differ from the stream's roster (e.g. with a no-show's phone). */
  rosterRead: Roster | null = null;
  /** Refuse every request with this status and code (e.g. 401 `UNAUTHENTICATED`). */
  refuse: { status: number; code: string } | null = null;
  /** Refuse only the event stream (the roster read still answers), e.g. a session that expired. */
  refuseStream: { status: number; code: string } | null = null;
  /** Refuse admit and remove with this status and code. */
  refuseActions: { status: number; code: string } | null = null;
  /** Refuse recording or withdrawing consent with this status and code (`PARTICIPANTS_CHANGED` is answered on its own when the ids do not match). */
  refuseConsent: { status: number; code: string } | null = null;
  /** Whether a recorded (or withdrawn) consent also goes out as a fresh roster on the stream, as the server sends one. */
  pushOnConsent = true;
  readonly #streams = new FakeEventStreams();
  readonly apiBase: string;

  constructor(roster: Roster = baseRoster(), apiBase = '/api') {
    this.roster = roster;
    this.apiBase = apiBase;
  }

  /** How many event streams are open now. */
  get openStreams(): number {
    return this.#streams.open;
  }

  readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), location.href);
    const headers = new Headers(init.headers);
    const method = (init.method ?? 'GET').toUpperCase();
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : null;
    this.requests.push({ method, url: url.pathname + url.search, authorization: headers.get('authorization'), accept: headers.get('accept'), body });

    if (this.refuse) return this.#error(this.refuse.status, this.refuse.code);
    if (this.refuseStream && url.pathname.endsWith('/events')) return this.#error(this.refuseStream.status, this.refuseStream.code);
    if (headers.get('authorization') !== `Bearer ${CHAIR_SESSION}`) return this.#error(401, 'UNAUTHENTICATED');
    const path = url.pathname.slice(this.apiBase.length);
    const meetingPath = `/meetings/${MEETING_ID}`;
    if (method === 'POST' && path === '/join') {
      return this.#json({
        status: 'admitted',
        livekitUrl: 'wss://media.invalid',
        token: 'jwt',
        participantId: people.anna.id,
        role: 'chair',
        name: people.anna.name,
        meeting: this.roster.meeting,
      });
    }
    if (method === 'GET' && path === `${meetingPath}/roster`) return this.#json(this.rosterRead ?? this.roster);
    // The chair's stream starts with the roster.
    if (method === 'GET' && path === `${meetingPath}/events`) return this.#streams.response(init.signal, { event: 'roster', data: this.roster });
    if (method === 'POST' && (path === `${meetingPath}/admit` || path === `${meetingPath}/remove`)) {
      if (this.refuseActions) return this.#error(this.refuseActions.status, this.refuseActions.code);
      const participantId = (body as { participantId: string }).participantId;
      return this.#json(
        path.endsWith('admit') ? { participantId, admittedAt: new Date().toISOString() } : { participantId, removedAt: new Date().toISOString() },
      );
    }
    if (path === `${meetingPath}/consent` && (method === 'POST' || method === 'DELETE')) return this.#consent(method, body);
    return this.#error(404, 'NOT_FOUND');
  };

  /** `POST …/consent` and `DELETE …/consent` as the contract says: the ids must be exactly everyone not removed now. */
  #consent(method: string, body: unknown): Response {
    if (this.refuseConsent) return this.#error(this.refuseConsent.status, this.refuseConsent.code);
    const at = new Date().toISOString();
    let view: ConsentView;
    if (method === 'DELETE') {
      if (this.roster.consent.state !== 'given') return this.#error(409, 'CONFLICT');
      view = consent('withdrawn', { at, by: 'chair', how: null });
    } else {
      const { how, participantIds } = body as { how: ConsentView['how']; participantIds: string[] };
      const now = this.roster.participants.filter((p) => p.status !== 'removed').map((p) => p.id);
      const sent = new Set(participantIds);
      if (sent.size !== participantIds.length || sent.size !== now.length || now.some((id) => !sent.has(id))) {
        return this.#error(409, 'PARTICIPANTS_CHANGED');
      }
      view = consent('given', { at, by: 'chair', how });
    }
    if (this.pushOnConsent) this.push({ ...this.roster, consent: view });
    return this.#json({ consent: view }, method === 'POST' ? 201 : 200);
  }

  /** The requests to `path` (after the API base), e.g. `seen('POST', '/meetings/m_1/remove')`. */
  seen(method: string, path: string): SeenRequest[] {
    return this.requests.filter((r) => r.method === method && r.url === `${this.apiBase}${path}`);
  }

  /** Sends a fresh roster on every open stream, as the server does after each event. */
  push(roster: Roster): void {
    this.roster = roster;
    this.#streams.send('roster', roster);
  }

  /** Sends one meeting event on every open stream. */
  pushEvent(event: MeetingEvent): void {
    this.#streams.send('message', event);
  }

  #json(value: unknown, status = 200): Response {
    return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
  }

  #error(status: number, code: string): Response {
    return new Response(JSON.stringify({ error: { code, message: code.toLowerCase() } }), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  }
}
