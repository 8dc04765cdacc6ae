import { routePath } from '@care-meet/protocol/routes';
import { CareApiClient, CareApiError } from './api-client.js';
import type { ApiErrorCode, InviteInfo, JoinAnswer, MeetingEvent, MeetingView, OwnStanding, Role, Roster, SessionGrant } from '@care-meet/protocol/wire';
import { e2eeSupported } from './e2ee-support.js';
import { openEventStream, type StreamMessage } from './event-stream.js';
import { Store, type Readable, type Unsubscribe } from './observable.js';

/** Where a person is in the walk from invitation to room and out again. */
export type MeetingPhase =
  | { kind: 'idle' }
  | { kind: 'loading-invite' }
  | { kind: 'verify'; invite: InviteInfo; inviteToken: string }
  | { kind: 'device-check' }
  | { kind: 'joining' }
  | { kind: 'lobby'; answer: Extract<JoinAnswer, { status: 'lobby' }> }
  | { kind: 'room'; answer: Extract<JoinAnswer, { status: 'admitted' }> }
  | { kind: 'left' }
  | { kind: 'removed' }
  /** A guest the meeting leader turned away from the lobby: never in the meeting, and may still be let in. */
  | { kind: 'turned-away' }
  /** `bySelf`: this person ended it (the meeting leader, with End the meeting for everyone). */
  | { kind: 'ended'; bySelf?: boolean }
  | { kind: 'error'; code: ApiErrorCode; message: string; retryable: boolean };

export interface MeetingSessionState {
  phase: MeetingPhase;
  /** The bearer session, once the person has proven who they are (or the host vouched). */
  session: SessionGrant | null;
  meetingId: string | null;
  participantId: string | null;
  name: string | null;
  role: Role | null;
  meeting: MeetingView | null;
  /** The chair's live roster (only the chair's stream carries it). */
  roster: Roster | null;
  /** Whether the event stream is connected. */
  live: boolean;
  /**
   * This person's evaluation, as the server said (`GET /meetings/{id}`) or as sent from this tab:
   * `open` (may answer once it has ended), `submitted`, `none` (never took part); `null` not known.
   */
  evaluation: OwnStanding['self']['evaluation'] | null;
}

const INITIAL: MeetingSessionState = {
  phase: { kind: 'idle' },
  session: null,
  meetingId: null,
  participantId: null,
  name: null,
  role: null,
  meeting: null,
  roster: null,
  live: false,
  evaluation: null,
};

/** Where this tab remembers that an evaluation was sent, when the server could not be asked. */
const evaluatedKey = (meetingId: string, participantId: string): string => `care-meet:evaluated:${meetingId}:${participantId}`;

function rememberedEvaluation(meetingId: string | null, participantId: string | null): boolean {
  if (!meetingId || !participantId) return false;
  try {
    return globalThis.sessionStorage?.getItem(evaluatedKey(meetingId, participantId)) === '1';
  } catch {
    return false; // storage blocked (a sandboxed frame, strict privacy settings)
  }
}

const RETRYABLE: ReadonlySet<ApiErrorCode> = new Set(['NETWORK', 'LIVEKIT_UNAVAILABLE', 'TOO_EARLY', 'INTERNAL', 'RATE_LIMITED']);

export interface RefreshOptions {
  /** The caller retries by itself: throw retryable refusals rather than moving to `error`. */
  retrying?: boolean;
}

export interface MeetingSessionOptions {
  api: CareApiClient;
  /** Skip the device check step (the host ran it already). */
  skipDeviceCheck?: boolean;
  fetch?: typeof fetch;
  /** Whether this browser can encrypt a meeting end to end. Default: `e2eeSupported()` (core/e2ee-support.ts). */
  e2eeSupported?: () => boolean;
}

/** The meeting key of an admitted join answer. */
export type MeetingKeyAnswer = NonNullable<Extract<JoinAnswer, { status: 'admitted' }>['e2ee']>;

/** Waits before each try to fetch a rotated key; the last one repeats until the fourth try. */
const KEY_RETRY_DELAYS_MS = [0, 1000, 2000, 4000] as const;
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The refusal of a meeting encrypted end to end in a browser that cannot do it (policy `refuse`). */
const E2EE_REFUSAL = { kind: 'error', code: 'E2EE_UNSUPPORTED', message: 'this browser cannot encrypt the meeting end to end', retryable: false } as const;

/**
 * One person's meeting session, shared by every care-meet element on the page through context:
 * the state machine from invitation (or a host-held session) through identity, device check,
 * lobby, room, and the end. Plain TypeScript with a `subscribe` shape; no Lit, no LiveKit (the
 * media connection is the room controller's, which reads `phase.answer.token`).
 *
 * @example
 * const s = new MeetingSession({ api: new CareApiClient({ apiBase: '/api' }) });
 * s.subscribe((state) => render(state));
 * await s.openInvite(tokenFromFragment);
 */
export class MeetingSession implements Readable<MeetingSessionState> {
  readonly api: CareApiClient;
  readonly #store = new Store<MeetingSessionState>(INITIAL);
  readonly #options: MeetingSessionOptions;
  readonly #events = new Set<(event: MeetingEvent) => void>();
  readonly #keys = new Set<(key: MeetingKeyAnswer) => void>();
  #stream: { close(): void } | null = null;
  #streamRole: 'chair' | 'self' | null = null;

  constructor(options: MeetingSessionOptions) {
    this.api = options.api;
    this.#options = options;
  }

  get value(): MeetingSessionState {
    return this.#store.value;
  }

  subscribe(listener: (state: MeetingSessionState) => void): Unsubscribe {
    return this.#store.subscribe(listener);
  }

  /** Meeting events as they arrive (the roster and the room use them). */
  onEvent(listener: (event: MeetingEvent) => void): Unsubscribe {
    this.#events.add(listener);
    return () => this.#events.delete(listener);
  }

  /**
   * A new meeting key, fetched after a `key-rotated` event (someone was removed): the room's media
   * connection encrypts and decrypts with it from then on.
   */
  onKey(listener: (key: MeetingKeyAnswer) => void): Unsubscribe {
    this.#keys.add(listener);
    return () => this.#keys.delete(listener);
  }

  #e2eeSupported(): boolean {
    return (this.#options.e2eeSupported ?? e2eeSupported)();
  }

  #set(patch: Partial<MeetingSessionState>): void {
    this.#store.set({ ...this.#store.value, ...patch });
  }

  #fail(e: unknown): void {
    const err = e instanceof CareApiError ? e : new CareApiError('INTERNAL', e instanceof Error ? e.message : String(e), 0);
    if (err.code === 'MEETING_ENDED') return this.#toEnded();
    if (err.code === 'REMOVED') return this.#toRemoved();
    this.#set({ phase: { kind: 'error', code: err.code, message: err.message, retryable: RETRYABLE.has(err.code) } });
  }

  /** Reads an invitation and asks for the proof it requires. */
  async openInvite(inviteToken: string): Promise<void> {
    this.#set({ phase: { kind: 'loading-invite' } });
    try {
      const invite = await this.api.invite(inviteToken);
      this.#set({
        phase: { kind: 'verify', invite, inviteToken },
        meetingId: invite.meeting.id,
        participantId: invite.participant.id,
        name: invite.participant.name,
        role: invite.participant.role,
      });
    } catch (e) {
      this.#fail(e);
    }
  }

  /**
   * Takes a session (from `<care-verify-identity>`, or one the host page holds) and moves on. Before
   * the device check it asks the server where the meeting stands (phase `loading-invite` meanwhile):
   * an ended meeting, or a removal, is said at once rather than after checking camera and sound.
   * When that cannot be read, the device check comes as before (the join says the rest).
   */
  useSession(grant: SessionGrant, meetingId: string): void {
    this.#set({ session: grant, participantId: grant.participantId, meetingId });
    if (this.#options.skipDeviceCheck) {
      void this.join();
      return;
    }
    this.#set({ phase: { kind: 'loading-invite' } });
    void this.#readStanding().then((standing) => {
      if (this.value.session !== grant || this.value.phase.kind !== 'loading-invite') return;
      if (standing?.meeting.state === 'ended') this.#toEnded();
      else if (standing && 'self' in standing && standing.self.removed) this.#toRemoved();
      // Said before the device check, not after it: this browser could not take part anyway.
      else if (standing?.meeting.e2ee && !this.#e2eeSupported()) this.#set({ phase: { ...E2EE_REFUSAL }, meeting: standing.meeting });
      else this.#set({ phase: { kind: 'device-check' } });
    });
  }

  /** The meeting and this person's standing in it; null when it could not be read (the join will tell). */
  async #readStanding(): Promise<OwnStanding | Roster | null> {
    const { session, meetingId, participantId } = this.value;
    if (!session || !meetingId) return null;
    try {
      const standing = await this.api.standing(meetingId, session.session);
      if ('self' in standing) {
        const remembered = standing.self.evaluation === 'open' && rememberedEvaluation(meetingId, participantId);
        this.#set({ role: standing.self.role, evaluation: remembered ? 'submitted' : standing.self.evaluation, meeting: standing.meeting });
      } else {
        const role = standing.participants.find((p) => p.id === participantId)?.role;
        if (role) this.#set({ role });
      }
      return standing;
    } catch {
      return null;
    }
  }

  /** The device check is done (whatever its results): join. */
  deviceCheckDone(): Promise<void> {
    return this.join();
  }

  /** Asks the server for a token: the room, the lobby, or a refusal. Also reconnects after `leave`. */
  async join(): Promise<void> {
    const { session, meetingId } = this.value;
    if (!session || !meetingId) throw new Error('MeetingSession.join: no session yet');
    this.#set({ phase: { kind: 'joining' } });
    try {
      const answer = await this.api.join(session.session);
      if (answer.status === 'lobby') {
        this.#set({ phase: { kind: 'lobby', answer }, name: answer.name });
        this.#openStream('self');
      } else if (answer.e2ee && !this.#e2eeSupported()) {
        // Never into an encrypted meeting unencrypted: the key stays unused, no media connects.
        this.#set({ phase: { ...E2EE_REFUSAL }, meeting: answer.meeting });
      } else {
        // Let in: she takes part now, whatever the standing read before the device check said.
        const evaluation = this.value.evaluation === 'none' ? 'open' : this.value.evaluation;
        this.#set({ phase: { kind: 'room', answer }, name: answer.name, role: answer.role, meeting: answer.meeting, evaluation });
        this.#openStream(answer.role === 'chair' ? 'chair' : 'self');
      }
    } catch (e) {
      this.#fail(e);
    }
  }

  /**
   * A fresh token for the same room (tokens live a minute; LiveKit needs one to reconnect).
   * `{ retrying: true }`: see `refreshJoin`.
   */
  async refreshToken(options: RefreshOptions = {}): Promise<string | null> {
    return (await this.refreshJoin(options))?.token ?? null;
  }

  /**
   * Asks the server again for this person's join answer without changing the phase: fresh tokens
   * (the meeting leader's `lobbyToken` too) for reconnecting. `null` when the server refused:
   * `MEETING_ENDED` and `REMOVED` move to `ended` and `removed`, other refusals to `error`.
   *
   * With `{ retrying: true }` the caller tries again by itself, so a refusal worth retrying
   * (network, media server, rate limit, server fault) is thrown as the `CareApiError` instead of
   * moving to `error`.
   *
   * @example
   * const answer = await session.refreshJoin({ retrying: true });
   * if (answer?.status === 'admitted') await room.connect(answer.livekitUrl, answer.token);
   */
  async refreshJoin(options: RefreshOptions = {}): Promise<JoinAnswer | null> {
    const { session } = this.value;
    if (!session) return null;
    try {
      return await this.api.join(session.session);
    } catch (e) {
      if (options.retrying && e instanceof CareApiError && RETRYABLE.has(e.code) && e.code !== 'TOO_EARLY') throw e;
      this.#fail(e);
      return null;
    }
  }

  /**
   * The person leaves; they may join again. The event stream stays open, so someone who left
   * still learns that the meeting has ended (and is offered the evaluation).
   */
  leave(): void {
    this.#set({ phase: { kind: 'left' } });
  }

  /** The chair ends the meeting for everyone. */
  async end(): Promise<void> {
    const { session, meetingId } = this.value;
    if (!session || !meetingId) return;
    await this.api.end(meetingId, session.session);
    this.#toEnded(true);
  }

  async admit(participantId: string): Promise<void> {
    const { session, meetingId } = this.value;
    if (session && meetingId) await this.api.admit(meetingId, participantId, session.session);
  }

  async remove(participantId: string): Promise<void> {
    const { session, meetingId } = this.value;
    if (session && meetingId) await this.api.remove(meetingId, participantId, session.session);
  }

  async submitEvaluation(answers: Record<string, string | number | boolean>): Promise<void> {
    const { session, meetingId } = this.value;
    if (!session || !meetingId) throw new Error('MeetingSession.submitEvaluation: no session');
    try {
      await this.api.evaluate(meetingId, session.session, answers);
    } catch (e) {
      if (e instanceof CareApiError && e.code === 'CONFLICT') this.#evaluated();
      throw e;
    }
    this.#evaluated();
  }

  /** Sent (now, or before): not asked again, in this tab even when the server cannot be asked. */
  #evaluated(): void {
    const { meetingId, participantId } = this.value;
    try {
      if (meetingId && participantId) globalThis.sessionStorage?.setItem(evaluatedKey(meetingId, participantId), '1');
    } catch {
      // storage blocked: the server's answer (CONFLICT) still says it
    }
    this.#set({ evaluation: 'submitted' });
  }

  #toEnded(bySelf = false): void {
    this.#closeStream();
    const { meetingId, participantId, session, evaluation, phase } = this.value;
    // A guest turned away from the lobby never took part: nothing to evaluate.
    const known =
      phase.kind === 'turned-away' ? 'none' : evaluation !== 'submitted' && rememberedEvaluation(meetingId, participantId) ? 'submitted' : evaluation;
    this.#set({ phase: bySelf ? { kind: 'ended', bySelf } : { kind: 'ended' }, evaluation: known });
    // Whether this person has answered already (another tab, another day): the server knows.
    if (session && this.value.evaluation === null && this.value.role !== 'chair') void this.#readStanding();
  }

  #toTurnedAway(): void {
    // The stream stays open: should the meeting leader let them in after all, they go in.
    this.#set({ phase: { kind: 'turned-away' } });
  }

  #toRemoved(): void {
    this.#closeStream();
    this.#set({ phase: { kind: 'removed' } });
  }

  #openStream(role: 'chair' | 'self'): void {
    const { session, meetingId } = this.value;
    if (!session || !meetingId) return;
    if (this.#stream && this.#streamRole === role) return;
    this.#closeStream();
    this.#streamRole = role;
    this.#stream = openEventStream({
      url: `${this.api.apiBase}${routePath('events', { id: meetingId })}`,
      session: session.session,
      ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}),
      onConnection: (live) => this.#set({ live }),
      onMessage: (m) => this.#onMessage(m),
      // The server will not stream to this session (it expired, or the meeting is gone): say so.
      // Out of the meeting already (left, turned away), only the end or a removal is news.
      onRefused: (r) => {
        this.#stream = null;
        const out = this.value.phase.kind === 'left' || this.value.phase.kind === 'turned-away';
        if (out && r.code !== 'MEETING_ENDED' && r.code !== 'REMOVED') {
          this.#closeStream();
          return;
        }
        this.#fail(new CareApiError(r.code, r.message, r.status));
      },
    });
  }

  #closeStream(): void {
    this.#stream?.close();
    this.#stream = null;
    this.#streamRole = null;
    if (this.value.live) this.#set({ live: false });
  }

  #onMessage(m: StreamMessage): void {
    if (m.type === 'roster') {
      this.#set({ roster: m.roster, meeting: m.roster.meeting });
      return;
    }
    const event = m.event;
    for (const listener of [...this.#events]) listener(event);
    const self = this.value.participantId;
    const kind = this.value.phase.kind;
    if (event.type === 'ended') this.#toEnded();
    else if (event.type === 'removed' && event.participantId === self) {
      // Turned away from the lobby is not "removed from the meeting": they were never in it.
      if (kind === 'lobby') this.#toTurnedAway();
      else if (kind !== 'turned-away') this.#toRemoved();
    } else if (event.type === 'admitted' && event.participantId === self && (kind === 'lobby' || kind === 'turned-away')) void this.join();
    else if (event.type === 'key-rotated' && kind === 'room') void this.#fetchKey();
  }

  /**
   * After a `key-rotated` event: the join answer again (it carries the new key), handed to `onKey`'s
   * listeners. A server that cannot be reached is asked again a few times; a refusal (removed,
   * ended) moves the phase as `refreshJoin` does, and an answer without a key changes nothing.
   */
  async #fetchKey(): Promise<void> {
    for (let attempt = 0; attempt < KEY_RETRY_DELAYS_MS.length; attempt++) {
      await wait(KEY_RETRY_DELAYS_MS[attempt]!);
      if (this.value.phase.kind !== 'room') return;
      let answer: JoinAnswer | null;
      try {
        answer = await this.refreshJoin({ retrying: true });
      } catch {
        continue;
      }
      if (answer?.status === 'admitted' && answer.e2ee && this.value.phase.kind === 'room') for (const listener of [...this.#keys]) listener(answer.e2ee);
      return;
    }
  }

  /** Stops the event stream; the element calls it when it leaves the page. */
  dispose(): void {
    this.#closeStream();
  }
}
