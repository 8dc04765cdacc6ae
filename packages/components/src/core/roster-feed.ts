import { routePath } from '@care-meet/protocol/routes';
import { CareApiClient, CareApiError } from './api-client.js';
import type { ConsentHow, Roster } from '@care-meet/protocol/wire';
import { openEventStream } from './event-stream.js';
import type { MeetingSession } from './meeting-session.js';
import { Store, type Readable, type Unsubscribe } from './observable.js';

/** The chair's roster as it arrives, and whether it is still arriving. */
export interface RosterFeedState {
  /** The latest roster from the server; `null` until the first one. */
  roster: Roster | null;
  /** Whether the event stream is connected, so changes arrive as they happen. */
  live: boolean;
  /** The meeting has ended: the roster is the last one and nothing more will change. */
  ended: boolean;
  /** Why there is no roster: the server refused to give one (wrong session, not the chair, no such meeting). */
  error: CareApiError | null;
}

/**
 * Where `<care-roster>` gets the roster and sends the chair's decisions: the page's shared
 * `MeetingSession` (`sessionRosterSource`), or a `RosterFeed` of its own when it stands alone.
 */
export interface RosterSource extends Readable<RosterFeedState> {
  /** Lets a lobby guest in, or someone removed back in (`POST …/admit`). */
  admit(participantId: string): Promise<void>;
  /** Removes someone, or turns a lobby guest away (`POST …/remove`). */
  remove(participantId: string): Promise<void>;
  /**
   * Records that the individual agreed to the meeting and to the people `participantIds` taking
   * part, as staff were told (`POST …/consent`). The ids are exactly the ones shown to the chair:
   * when the list has changed since, it throws `PARTICIPANTS_CHANGED` and records nothing.
   */
  recordConsent(how: Exclude<ConsentHow, 'self'>, participantIds: readonly string[]): Promise<void>;
  /** Records that the individual withdrew her consent (`DELETE …/consent`). */
  withdrawConsent(): Promise<void>;
  /** Reads the roster now (`GET …/roster`) rather than waiting for the next event. */
  refresh(): Promise<void>;
}

/** Answers after which asking again changes nothing. */
const FINAL: ReadonlySet<string> = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']);

export interface RosterFeedOptions {
  /** Where the server SDK's routes are mounted, e.g. `/api`. */
  apiBase: string;
  meetingId: string;
  /** The chair's (or organizer's) bearer session. */
  session: string;
  fetch?: typeof fetch;
  /** First reconnect delay of the event stream; doubles up to 30 s. */
  retryMs?: number;
}

/**
 * The chair's roster without a `<care-meeting>` on the page: reads it once (so a refusal has its
 * code), then follows the meeting's event stream, where the server sends a fresh roster after
 * every change. Uses `CareApiClient` and `openEventStream` like `MeetingSession` does, without
 * joining the meeting.
 *
 * @example
 * const feed = new RosterFeed({ apiBase: '/api', meetingId: 'm_1', session });
 * feed.subscribe(({ roster }) => draw(roster));
 * feed.start();
 * // later
 * feed.close();
 */
export class RosterFeed implements RosterSource {
  readonly api: CareApiClient;
  readonly #options: RosterFeedOptions;
  readonly #store = new Store<RosterFeedState>({ roster: null, live: false, ended: false, error: null });
  #stream: { close(): void } | null = null;
  #abort: AbortController | null = null;
  /** Counts rosters from the stream, so a slower read cannot replace a newer roster. */
  #streamed = 0;

  constructor(options: RosterFeedOptions) {
    this.#options = options;
    this.api = new CareApiClient({ apiBase: options.apiBase, ...(options.fetch ? { fetch: options.fetch } : {}) });
  }

  get value(): RosterFeedState {
    return this.#store.value;
  }

  subscribe(listener: (state: RosterFeedState) => void): Unsubscribe {
    return this.#store.subscribe(listener);
  }

  /** Starts reading; calling it again while running does nothing. */
  start(): void {
    if (this.#abort) return;
    const abort = new AbortController();
    this.#abort = abort;
    void this.#run(abort.signal);
  }

  /** Stops the event stream and any read in flight. The last roster stays in `value`. */
  close(): void {
    this.#abort?.abort();
    this.#abort = null;
    this.#stream?.close();
    this.#stream = null;
    if (this.value.live) this.#set({ live: false });
  }

  async admit(participantId: string): Promise<void> {
    const { meetingId, session } = this.#options;
    await this.api.admit(meetingId, participantId, session);
  }

  async remove(participantId: string): Promise<void> {
    const { meetingId, session } = this.#options;
    await this.api.remove(meetingId, participantId, session);
  }

  async recordConsent(how: Exclude<ConsentHow, 'self'>, participantIds: readonly string[]): Promise<void> {
    const { meetingId, session } = this.#options;
    await this.api.recordConsent(meetingId, { how, participantIds: [...participantIds] }, session);
  }

  async withdrawConsent(): Promise<void> {
    const { meetingId, session } = this.#options;
    await this.api.withdrawConsent(meetingId, session);
  }

  async refresh(): Promise<void> {
    const { meetingId, session } = this.#options;
    const before = this.#streamed;
    const roster = await this.api.roster(meetingId, session);
    if (this.#streamed === before) this.#set({ roster, error: null });
  }

  async #run(signal: AbortSignal): Promise<void> {
    const { meetingId, session } = this.#options;
    try {
      const roster = await this.api.roster(meetingId, session, signal);
      if (signal.aborted) return;
      this.#set({ roster, error: null });
    } catch (e) {
      if (signal.aborted) return;
      const error = e instanceof CareApiError ? e : new CareApiError('INTERNAL', String(e), 0);
      this.#set({ error });
      if (FINAL.has(error.code)) return;
      // Anything else (the network, a restart): the stream below keeps trying.
    }
    this.#stream = openEventStream({
      url: `${this.api.apiBase}${routePath('events', { id: meetingId })}`,
      session,
      ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}),
      ...(this.#options.retryMs !== undefined ? { retryMs: this.#options.retryMs } : {}),
      onConnection: (live) => {
        if (live !== this.value.live) this.#set({ live });
      },
      onRefused: (r) => {
        if (r.code === 'MEETING_ENDED') this.#set({ ended: true, live: false });
        else this.#set({ live: false, error: new CareApiError(r.code, r.message, r.status) });
      },
      onMessage: (message) => {
        if (message.type === 'roster') {
          this.#streamed++;
          this.#set({ roster: message.roster, error: null, ended: this.value.ended || message.roster.meeting.state === 'ended' });
        } else if (message.event.type === 'ended') {
          this.#set({ ended: true });
          // Nothing more will happen; do not keep reconnecting to an ended meeting.
          this.close();
        }
      },
    });
    if (signal.aborted) this.close();
  }

  #set(patch: Partial<RosterFeedState>): void {
    this.#store.set({ ...this.#store.value, ...patch });
  }
}

/**
 * The roster of the page's shared `MeetingSession` (the chair's, filled from its event stream),
 * seen as a `RosterSource`. `refresh()` reads the roster directly and shows that answer until the
 * stream brings a newer one.
 *
 * @example
 * const source = sessionRosterSource(session);
 * source.subscribe(({ roster, live }) => draw(roster, live));
 */
export function sessionRosterSource(session: MeetingSession): RosterSource {
  // A roster read directly, and the stream's roster it was read after: shown while that is current.
  let read: { after: Roster | null; roster: Roster } | null = null;
  const listeners = new Set<(state: RosterFeedState) => void>();
  const state = (): RosterFeedState => {
    const { roster, live, phase } = session.value;
    return {
      roster: read && read.after === roster ? read.roster : roster,
      live,
      ended: phase.kind === 'ended' || roster?.meeting.state === 'ended',
      error: null,
    };
  };
  return {
    get value() {
      return state();
    },
    subscribe(listener) {
      listeners.add(listener);
      const stop = session.subscribe(() => listener(state()));
      return () => {
        listeners.delete(listener);
        stop();
      };
    },
    admit: (participantId) => session.admit(participantId),
    remove: (participantId) => session.remove(participantId),
    // Straight to the API rather than through MeetingSession, which every participant's page loads
    // before joining: only the chair's roster records consent.
    async recordConsent(how, participantIds) {
      const { session: grant, meetingId } = session.value;
      if (grant && meetingId) await session.api.recordConsent(meetingId, { how, participantIds: [...participantIds] }, grant.session);
    },
    async withdrawConsent() {
      const { session: grant, meetingId } = session.value;
      if (grant && meetingId) await session.api.withdrawConsent(meetingId, grant.session);
    },
    async refresh() {
      const { session: grant, meetingId, roster: after } = session.value;
      if (!grant || !meetingId) return;
      const roster = await session.api.roster(meetingId, grant.session);
      if (session.value.roster !== after) return;
      read = { after, roster };
      for (const listener of [...listeners]) listener(state());
    },
  };
}
