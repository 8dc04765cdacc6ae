/**
 * The server SDK's HTTP contract (docs/http-api.md) as a `fetch` stub: the routes the elements
 * call, answers a test sets, every request recorded, and the meeting's event stream as real
 * Server-Sent Events the test writes into.
 */
import type {
  ConsentRequest,
  ConsentView,
  InviteInfo,
  JoinAnswer,
  MeetingEvent,
  MeetingView,
  OwnStanding,
  Role,
  Roster,
  RosterEntry,
} from '@care-meet/protocol/wire';
import { rosterOf } from './roster-fixtures.js';
import { FakeEventStreams } from './fake-event-streams.js';

export interface RecordedCall {
  method: string;
  path: string;
  body: unknown;
  authorization: string | null;
}

type Answer = { status: number; body: unknown } | JoinAnswer;

export const MEETING: MeetingView = {
  id: 'm_1',
  title: 'SIP-möte',
  state: 'open',
  startsAt: '2026-12-01T10:00:00+01:00',
  endsAt: '2026-12-01T11:00:00+01:00',
  allowScreenShare: false,
  allowChat: false,
};

export function admitted(overrides: Partial<Extract<JoinAnswer, { status: 'admitted' }>> = {}): Extract<JoinAnswer, { status: 'admitted' }> {
  return {
    status: 'admitted',
    livekitUrl: 'wss://media.test',
    token: 'room-token-1',
    participantId: 'p_self',
    role: 'relative',
    name: 'Rut Exempel',
    meeting: MEETING,
    ...overrides,
  };
}

/**
 * A meeting key as an admitted answer's `e2ee` carries it (issue #19): 32 bytes, base64url, each
 * index a different key (byte `index + 1` repeated), so a test can tell which one a room was given.
 */
export function e2eeKey(keyIndex = 0): { key: string; keyIndex: number } {
  const bytes = String.fromCharCode(...new Uint8Array(32).fill(keyIndex + 1));
  return { key: btoa(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''), keyIndex };
}

/** An admitted answer to an encrypted meeting, with the key at `keyIndex`. */
export const admittedEncrypted = (keyIndex = 0, overrides: Partial<Extract<JoinAnswer, { status: 'admitted' }>> = {}) =>
  admitted({ meeting: { ...MEETING, e2ee: true }, e2ee: e2eeKey(keyIndex), ...overrides });

export function lobby(overrides: Partial<Extract<JoinAnswer, { status: 'lobby' }>> = {}): Extract<JoinAnswer, { status: 'lobby' }> {
  return { status: 'lobby', livekitUrl: 'wss://media.test', token: 'lobby-token-1', participantId: 'p_self', name: 'Kurt Kurator', ...overrides };
}

export function rosterEntry(id: string, name: string, role: Role, overrides: Partial<RosterEntry> = {}): RosterEntry {
  return {
    id,
    name,
    role,
    identity: { kind: role === 'guest' ? 'guest' : 'pnr', masked: role === 'guest' ? '' : '1985****-****' },
    verify: role === 'guest' ? 'name' : 'bankid',
    status: 'connected',
    connectedAt: '2026-12-01T09:58:00.000Z',
    noShow: false,
    ...overrides,
  };
}

/** What `GET /meetings/{id}/consent` answers: the consent in `state` (`notCovered` etc. in `patch`) and the people on the list. */
export function consentRequest(state: ConsentView['state'], participants: ConsentRequest['participants'], patch: Partial<ConsentView> = {}): ConsentRequest {
  return { consent: { state, at: null, by: null, how: null, notCovered: [], ...patch }, participants };
}

/** A roster of `participants` in `meeting` (the roster tests' builder). */
export const roster = (meeting: MeetingView, participants: RosterEntry[]): Roster => rosterOf(participants, { meeting });

export class FakeMeetingApi {
  readonly calls: RecordedCall[] = [];
  /** Answers to `POST /join`, in turn; the last one repeats. */
  joins: Answer[] = [admitted()];
  invite: InviteInfo = {
    meeting: { id: 'm_1', startsAt: MEETING.startsAt, state: 'open' },
    participant: { id: 'p_self', name: 'Rut Exempel', role: 'relative' },
    verify: 'bankid',
  };
  /** Per route (`admit`, `remove`, `end`, `evaluation`): a refusal to answer instead of success. */
  refuse: Partial<Record<'admit' | 'remove' | 'end' | 'evaluation' | 'events', { status: number; code: string }>> = {};
  currentRoster: Roster | null = null;
  /** What `GET /meetings/{id}` answers (where this person stands); null: 404, as a server without the route. */
  standing: OwnStanding | null = null;
  /** Answers to `GET /meetings/{id}/consent`, in turn (a request, or a `refusal()`); the last one repeats. */
  consentReads: Array<ConsentRequest | { status: number; body: unknown }> = [consentRequest('none', [])];
  /** Answers to `POST /meetings/{id}/consent`, in turn; the last one repeats. None: 201, recorded. */
  consentPosts: Array<{ status: number; body: unknown }> = [];
  /** While set, `POST …/consent` waits for it before answering. */
  consentHold: Promise<unknown> | null = null;
  #consentReadIndex = 0;
  #consentPostIndex = 0;
  readonly #streams = new FakeEventStreams();
  #joinIndex = 0;
  #original: typeof fetch | undefined;

  install(): this {
    // A fresh server knows of no evaluation sent, so neither does the tab: what an earlier test
    // remembered in sessionStorage (which a browser may keep from one test file to the next, as
    // Firefox's tab does) would otherwise hide the evaluation form.
    for (const key of Object.keys(globalThis.sessionStorage ?? {})) {
      if (key.startsWith('care-meet:evaluated:')) globalThis.sessionStorage.removeItem(key);
    }
    this.#original = globalThis.fetch;
    globalThis.fetch = (input, init) => this.#handle(input, init);
    return this;
  }

  restore(): void {
    if (this.#original) globalThis.fetch = this.#original;
    this.#streams.closeAll();
  }

  callsTo(method: string, path: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && c.path === path);
  }

  get openStreams(): number {
    return this.#streams.open;
  }

  /** Sends one event down every open event stream. */
  push(event: MeetingEvent): void {
    this.#streams.send(event.type, event);
  }

  /**
   * Someone was removed and the server rotated the meeting key (issue #19): from now on `POST /join`
   * answers with the key at `keyIndex`, and every open stream gets `key-rotated` (which carries no key).
   */
  rotateKey(keyIndex: number, overrides: Partial<Extract<JoinAnswer, { status: 'admitted' }>> = {}): void {
    this.joins = [admittedEncrypted(keyIndex, overrides)];
    this.#joinIndex = 0;
    this.push({ type: 'key-rotated', keyIndex, at: new Date().toISOString() });
  }

  /** Sends the chair's roster down every open event stream. */
  pushRoster(value: Roster): void {
    this.currentRoster = value;
    this.#streams.send('roster', value);
  }

  async #handle(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, location.href);
    const method = (init.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/^\/api/, '');
    const headers = new Headers(init.headers);
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : null;
    this.calls.push({ method, path, body, authorization: headers.get('authorization') });
    await Promise.resolve();
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
    const refusal = (status: number, code: string) => json(status, { error: { code, message: code.toLowerCase() } });

    if (method === 'GET' && /^\/invites\/[^/]+$/.test(path)) return json(200, this.invite);
    if (method === 'GET' && /^\/meetings\/[^/]+$/.test(path) && this.standing) return json(200, this.standing);
    if (method === 'POST' && path === '/join') {
      const answer = this.joins[Math.min(this.#joinIndex++, this.joins.length - 1)]!;
      if ('status' in answer && typeof answer.status === 'number') {
        const refused = answer as { status: number; body: unknown };
        return json(refused.status, refused.body);
      }
      return json(200, answer);
    }
    if (/^\/meetings\/[^/]+\/consent$/.test(path)) {
      if (method === 'GET') {
        const read = this.consentReads[Math.min(this.#consentReadIndex++, this.consentReads.length - 1)]!;
        return 'consent' in read ? json(200, read) : json(read.status, read.body);
      }
      if (method === 'POST') {
        if (this.consentHold) await this.consentHold;
        const post = this.consentPosts[Math.min(this.#consentPostIndex++, this.consentPosts.length - 1)];
        if (post) return json(post.status, post.body);
        const at = new Date().toISOString();
        return json(201, { consent: { state: 'given', at, by: 'individual', how: (body as { how?: string } | null)?.how ?? null, notCovered: [] } });
      }
    }
    const meetingRoute = /^\/meetings\/([^/]+)\/(events|roster|admit|remove|end|evaluation)$/.exec(path);
    if (meetingRoute) {
      const route = meetingRoute[2] as 'events' | 'roster' | 'admit' | 'remove' | 'end' | 'evaluation';
      if (route === 'events') {
        const refusedStream = this.refuse.events;
        if (refusedStream) return refusal(refusedStream.status, refusedStream.code);
        return this.#streams.response(init.signal, this.currentRoster ? { event: 'roster', data: this.currentRoster } : undefined);
      }
      if (route === 'roster') return this.currentRoster ? json(200, this.currentRoster) : refusal(403, 'FORBIDDEN');
      const refused = this.refuse[route];
      if (refused) return refusal(refused.status, refused.code);
      const at = new Date().toISOString();
      const participantId = (body as { participantId?: string } | null)?.participantId;
      if (route === 'admit') return json(200, { participantId, admittedAt: at });
      if (route === 'remove') return json(200, { participantId, removedAt: at });
      if (route === 'end') return json(200, { meeting: { ...MEETING, state: 'ended', endedAt: at } });
      return json(201, { submittedAt: at });
    }
    return refusal(404, 'NOT_FOUND');
  }
}

/** A refusal in the API's shape, for `joins`. */
export const refusal = (status: number, code: string): { status: number; body: unknown } => ({
  status,
  body: { error: { code, message: code.toLowerCase() } },
});
