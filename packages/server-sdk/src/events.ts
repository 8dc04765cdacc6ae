import type { Role } from './model.js';

/** What happened in a meeting, as the event stream tells it. Never carries a token or a personal id. */
export type MeetingEvent =
  | { type: 'participant-connected'; participantId: string; at: string }
  | { type: 'participant-disconnected'; participantId: string; at: string }
  | { type: 'lobby-waiting'; participantId: string; at: string }
  | { type: 'lobby-left'; participantId: string; at: string }
  | { type: 'admitted'; participantId: string; at: string }
  | { type: 'removed'; participantId: string; at: string }
  | { type: 'stranger-connected'; identity: string; name: string; at: string }
  | { type: 'stranger-disconnected'; identity: string; at: string }
  | { type: 'participant-added'; participantId: string; at: string }
  | { type: 'consent'; state: 'given' | 'withdrawn'; at: string }
  /**
   * The meeting's end-to-end encryption key was rotated (someone was removed): everyone still in
   * asks `POST /join` again for it. `keyIndex` is where it goes in the keyring (0..15); never the key.
   */
  | { type: 'key-rotated'; keyIndex: number; at: string }
  | { type: 'ended'; at: string };

export type MeetingEventListener = (event: MeetingEvent) => void;

/**
 * Told when events may have been missed: the fan-out between instances was cut (a database restart,
 * a dropped connection) and is back, or an event too large to share was published elsewhere.
 * `meetingId` is null when any meeting may be concerned. A stream then reads the state again.
 */
export type MeetingEventResyncListener = (meetingId: string | null) => void;

/**
 * Carries meeting events between the instances that share a store (`MeetingStore.openEventFanOut`;
 * PostgreSQL's LISTEN/NOTIFY). The bus delivers an event to its own instance's listeners itself:
 * a fan-out passes on only what other instances published, each event once.
 */
export interface MeetingEventFanOut {
  /**
   * Starts listening; resolves once events published from now on will arrive. `deliver` gets each
   * event another instance published; `resync` is told when some may have been missed.
   */
  start(deliver: (meetingId: string, event: MeetingEvent) => void, resync: MeetingEventResyncListener): Promise<void>;
  /** Sends an event to the other instances, in the order published; never throws (failures are logged). */
  publish(meetingId: string, event: MeetingEvent): void;
  /** Stops listening and closes its connection. */
  close(): Promise<void>;
}

/**
 * Fan-out of meeting events to the open event streams. Alone, within this instance; with a
 * `fanOut` (several instances on PostgreSQL), to every instance's streams: an event published on
 * instance B reaches the listeners on instance A, and each listener gets each event once.
 *
 * @example
 * ```ts
 * const bus = new MeetingEventBus({ fanOut: store.openEventFanOut?.({ logger }) });
 * await bus.start();
 * const stop = bus.subscribe(meetingId, (event) => console.log(event.type));
 * bus.publish(meetingId, { type: 'ended', at: new Date().toISOString() });
 * ```
 */
export class MeetingEventBus {
  readonly #listeners = new Map<string, Set<MeetingEventListener>>();
  readonly #resyncListeners = new Set<MeetingEventResyncListener>();
  readonly #fanOut: MeetingEventFanOut | null;
  #started: Promise<void> | null = null;

  constructor(options: { fanOut?: MeetingEventFanOut | undefined } = {}) {
    this.#fanOut = options.fanOut ?? null;
  }

  /** Starts the fan-out between instances (nothing to do without one); resolves once it listens. */
  start(): Promise<void> {
    this.#started ??= this.#fanOut
      ? this.#fanOut.start(
          (meetingId, event) => this.#deliver(meetingId, event),
          (meetingId) => this.#resync(meetingId),
        )
      : Promise.resolve();
    return this.#started;
  }

  /** Whether events reach other instances too. */
  get shared(): boolean {
    return this.#fanOut !== null;
  }

  subscribe(meetingId: string, listener: MeetingEventListener): () => void {
    let set = this.#listeners.get(meetingId);
    if (!set) {
      set = new Set();
      this.#listeners.set(meetingId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(meetingId);
    };
  }

  /** Told when events may have been missed (see `MeetingEventResyncListener`). */
  onResync(listener: MeetingEventResyncListener): () => void {
    this.#resyncListeners.add(listener);
    return () => this.#resyncListeners.delete(listener);
  }

  /** How many streams listen to a meeting now (operators' metrics, and tests of stream cleanup). */
  listenerCount(meetingId: string): number {
    return this.#listeners.get(meetingId)?.size ?? 0;
  }

  /**
   * Tells every listener of the meeting, on this instance at once and on the others through the
   * fan-out. Call it once the change the event tells of is stored (committed).
   */
  publish(meetingId: string, event: MeetingEvent): void {
    this.#deliver(meetingId, event);
    this.#fanOut?.publish(meetingId, event);
  }

  /** Stops the fan-out (its connection closes); local delivery goes on. */
  async close(): Promise<void> {
    await this.#fanOut?.close();
  }

  #deliver(meetingId: string, event: MeetingEvent): void {
    for (const listener of this.#listeners.get(meetingId) ?? []) {
      try {
        listener(event);
      } catch {
        // A broken stream must not stop the others.
      }
    }
  }

  #resync(meetingId: string | null): void {
    for (const listener of this.#resyncListeners) {
      try {
        listener(meetingId);
      } catch {
        // as above
      }
    }
  }
}

/**
 * Told to the individual on her own stream when what she is asked to consent to changed: someone was
 * added to the list or removed from it, or her consent was recorded or withdrawn. It says nothing of
 * whom: she reads the request again (`GET /meetings/{id}/consent`).
 */
export type ConsentRequestEvent = { type: 'consent-request'; at: string };

/** What a participant's own stream (anyone's but the chair's) may carry. */
export type ParticipantStreamEvent = MeetingEvent | ConsentRequestEvent;

/** True when a participant's own stream may carry this event: events about them, and the end. */
export function concernsParticipant(event: MeetingEvent, participantId: string): boolean {
  if (event.type === 'ended') return true;
  return 'participantId' in event && event.participantId === participantId;
}

/**
 * What a participant's own stream carries for an event: the event when it concerns them; for the
 * individual, a `consent-request` when the event changed what she is asked to consent to; a
 * `key-rotated` when they are admitted and not removed (as they stand now: the caller reads them
 * again for it); else nothing. Never another person's id: a participant's stream carries only
 * events about itself.
 */
export function forParticipant(
  event: MeetingEvent,
  participant: { id: string; role: Role; admitted?: boolean; removed?: boolean },
): ParticipantStreamEvent | null {
  if (event.type === 'key-rotated') return participant.admitted === true && participant.removed !== true ? event : null;
  if (concernsParticipant(event, participant.id)) return event;
  if (participant.role !== 'individual') return null;
  if (event.type === 'participant-added' || event.type === 'removed' || event.type === 'consent') return { type: 'consent-request', at: event.at };
  return null;
}
