import type { Role } from '@care-meet/protocol/wire';
import { CHAT_TOPIC, decodeChat, maskNationalIds } from './chat-guard.js';
import type { MediaProblem } from './media-problem.js';
import { Store, type Readable, type Unsubscribe } from './observable.js';

/*
 * The media room as plain data, kept apart from the UI the way LiveKit's components-js does it:
 * a store fed by the room's events, read by whatever draws it. It knows livekit-client only by
 * the shape of the few things it reads (below), so a test drives it with a small fake emitter
 * and no media server.
 */

/** A track as far as room state reads it. */
export interface TrackLike {
  readonly mediaStreamTrack: MediaStreamTrack;
}

/** A track publication: `source` is LiveKit's `Track.Source` (`camera`, `microphone`, `screen_share`, …). */
export interface PublicationLike {
  readonly source: string;
  readonly isMuted: boolean;
  readonly track?: TrackLike | undefined;
}

/** A participant as far as room state reads it (LiveKit's `Participant`). */
export interface ParticipantLike {
  readonly identity: string;
  readonly name?: string | undefined;
  readonly attributes: Readonly<Record<string, string>>;
  readonly isSpeaking: boolean;
  readonly isLocal: boolean;
  readonly trackPublications: ReadonlyMap<string, PublicationLike>;
}

/** Listeners take what the room passes; each one checks what it got. */
export type RoomListener = (...args: unknown[]) => void;

/** The room's event emitter and what room state reads from it (LiveKit's `Room`). */
export interface RoomLike {
  on(event: string, listener: RoomListener): unknown;
  off(event: string, listener: RoomListener): unknown;
  /** LiveKit's `ConnectionState`: `disconnected`, `connecting`, `connected`, `reconnecting`, `signalReconnecting`. */
  readonly state: string;
  readonly localParticipant: ParticipantLike;
  readonly remoteParticipants: ReadonlyMap<string, ParticipantLike>;
}

/** Where the media connection is. `reconnecting` covers LiveKit's own attempts and ours with a fresh token. */
export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/**
 * Why the room was left:
 * - `left`: this person (or this page) disconnected.
 * - `removed`: the server removed this participant.
 * - `room-deleted`: the room was closed (the meeting ended).
 * - `duplicate`: the same person joined from another window or device.
 * - `lost`: the connection broke and could not be brought back.
 */
/**
 * `unreachable`: the first connection never came up, though the media server's signalling answered
 * or did not answer in time (the media itself, UDP or TURN, may be blocked on the way);
 * `service-down`: the first connection never came up because nothing answers at the media server's
 * address (refused at once: it is not running), which no other network would fix; `lost`: an
 * established one dropped and could not be restored.
 */
export type DisconnectCause = 'left' | 'removed' | 'room-deleted' | 'duplicate' | 'lost' | 'unreachable' | 'service-down';

/**
 * LiveKit's `DisconnectReason` (a protobuf enum, so a number) as a cause. Anything unknown is
 * `lost`: worth a reconnect with a fresh token, whose answer from the server then says the truth.
 */
export function disconnectCauseOf(reason: unknown): Exclude<DisconnectCause, 'unreachable' | 'service-down'> {
  switch (reason) {
    case 1: // CLIENT_INITIATED
      return 'left';
    case 2: // DUPLICATE_IDENTITY
      return 'duplicate';
    case 4: // PARTICIPANT_REMOVED
      return 'removed';
    case 5: // ROOM_DELETED
    case 10: // ROOM_CLOSED
      return 'room-deleted';
    default:
      return 'lost';
  }
}

/** One person in the room, as a video tile shows them. */
export interface Participant {
  /** LiveKit identity: care-meet's participant id (`p_…`), opaque. */
  readonly identity: string;
  /** The registered (or, for a guest, typed) name. */
  readonly name: string;
  /** From the participant attribute `care.role`; `null` when absent or unknown (someone not on the list). */
  readonly role: Role | null;
  readonly isLocal: boolean;
  readonly speaking: boolean;
  /** The microphone is off or muted. */
  readonly muted: boolean;
  readonly cameraOn: boolean;
  /** The camera picture, when on and (for others) received. */
  readonly video: MediaStreamTrack | null;
  /** Their microphone (others only: one's own is never played back). */
  readonly audio: MediaStreamTrack | null;
  /** Their shared screen, when sharing and received (one's own too, as a preview). */
  readonly screen: MediaStreamTrack | null;
}

/** A chat line. Received text has any personal identity number masked. */
export interface ChatMessage {
  readonly id: string;
  readonly identity: string;
  readonly name: string;
  readonly text: string;
  /** `Date.now()` when it arrived or was sent. */
  readonly at: number;
  readonly isLocal: boolean;
}

/** What this person's own camera, microphone or screen share could not do, and why. */
export type LocalProblems = Readonly<Partial<Record<'camera' | 'microphone' | 'screen', MediaProblem>>>;

export interface RoomState {
  readonly connection: ConnectionStatus;
  /** The attempt number of a reconnect with a fresh token; 0 when none is under way. */
  readonly recovering: number;
  /** Set once the connection is `disconnected`. */
  readonly disconnectCause: DisconnectCause | null;
  /** This person first, then the others in the order they came. */
  readonly participants: readonly Participant[];
  readonly messages: readonly ChatMessage[];
  readonly problems: LocalProblems;
}

export const INITIAL_ROOM_STATE: RoomState = {
  connection: 'idle',
  recovering: 0,
  disconnectCause: null,
  participants: [],
  messages: [],
  problems: {},
};

/** The room events after which the participants are read again. */
const PARTICIPANT_EVENTS = [
  'participantConnected',
  'participantDisconnected',
  'participantNameChanged',
  'participantAttributesChanged',
  'trackPublished',
  'trackUnpublished',
  'trackSubscribed',
  'trackUnsubscribed',
  'trackMuted',
  'trackUnmuted',
  'localTrackPublished',
  'localTrackUnpublished',
  'activeSpeakersChanged',
  'reconnected',
] as const;

/** Chat history kept in memory; older lines drop off. */
export const MAX_MESSAGES = 200;

const ROLES: ReadonlySet<string> = new Set<Role>(['chair', 'staff', 'individual', 'relative', 'guest']);

/** `care.role` as a role, or `null`. */
export function roleOf(attributes: Readonly<Record<string, string>>): Role | null {
  const role = attributes['care.role'];
  return role !== undefined && ROLES.has(role) ? (role as Role) : null;
}

function publication(participant: ParticipantLike, source: string): PublicationLike | undefined {
  for (const pub of participant.trackPublications.values()) if (pub.source === source) return pub;
  return undefined;
}

/** Reads one participant into a tile's data. */
export function readParticipant(p: ParticipantLike): Participant {
  const camera = publication(p, 'camera');
  const microphone = publication(p, 'microphone');
  const screen = publication(p, 'screen_share');
  const cameraOn = camera !== undefined && !camera.isMuted;
  return {
    identity: p.identity,
    name: p.name || p.identity,
    role: roleOf(p.attributes),
    isLocal: p.isLocal,
    speaking: p.isSpeaking,
    muted: microphone === undefined || microphone.isMuted,
    cameraOn,
    video: cameraOn ? (camera.track?.mediaStreamTrack ?? null) : null,
    audio: !p.isLocal && microphone && !microphone.isMuted ? (microphone.track?.mediaStreamTrack ?? null) : null,
    screen: screen && !screen.isMuted ? (screen.track?.mediaStreamTrack ?? null) : null,
  };
}

function sameParticipant(a: Participant, b: Participant): boolean {
  return (
    a.identity === b.identity &&
    a.name === b.name &&
    a.role === b.role &&
    a.speaking === b.speaking &&
    a.muted === b.muted &&
    a.cameraOn === b.cameraOn &&
    a.video === b.video &&
    a.audio === b.audio &&
    a.screen === b.screen
  );
}

/**
 * The room's state, fed by its events: connection, participants (speaking, muted, camera, screen
 * share), chat. `bind` a room to start; the store keeps the last state after unbinding.
 * Unchanged participants keep their object identity, so a UI can skip redrawing them.
 *
 * @example
 * const store = new RoomStateStore();
 * const unbind = store.bind(room);
 * store.subscribe(({ participants }) => draw(participants));
 */
export class RoomStateStore implements Readable<RoomState> {
  readonly #store = new Store<RoomState>(INITIAL_ROOM_STATE);
  #room: RoomLike | null = null;
  #unbind: Unsubscribe | null = null;
  #roomConnection: ConnectionStatus = 'idle';
  #order = new Map<string, number>();
  #next = 0;
  #messageSeq = 0;

  get value(): RoomState {
    return this.#store.value;
  }

  subscribe(listener: (value: RoomState) => void): Unsubscribe {
    return this.#store.subscribe(listener);
  }

  /** Follows `room`'s events (and stops following any earlier room). */
  bind(room: RoomLike): Unsubscribe {
    this.#unbind?.();
    this.#room = room;
    const refresh: RoomListener = () => this.refresh();
    const onConnection: RoomListener = (state) => {
      this.#roomConnection = connectionOf(state);
      this.refresh();
    };
    const onDisconnected: RoomListener = (reason) => {
      this.#roomConnection = 'disconnected';
      this.#patch({ disconnectCause: disconnectCauseOf(reason) });
      this.refresh();
    };
    const onData: RoomListener = (payload, participant, _kind, topic) => this.#onData(payload, participant, topic);
    for (const event of PARTICIPANT_EVENTS) room.on(event, refresh);
    room.on('connectionStateChanged', onConnection);
    room.on('disconnected', onDisconnected);
    room.on('dataReceived', onData);
    // A room not connected yet reads `disconnected`: keep `connecting` (or whatever was set) until it says more.
    const initial = connectionOf(room.state);
    if (initial !== 'disconnected') this.#roomConnection = initial;
    this.refresh();
    const unbind = () => {
      for (const event of PARTICIPANT_EVENTS) room.off(event, refresh);
      room.off('connectionStateChanged', onConnection);
      room.off('disconnected', onDisconnected);
      room.off('dataReceived', onData);
      if (this.#room === room) this.#room = null;
      if (this.#unbind === unbind) this.#unbind = null;
    };
    this.#unbind = unbind;
    return unbind;
  }

  /** Reads the participants and connection again from the bound room. */
  refresh(): void {
    const room = this.#room;
    if (!room) return;
    const previous = new Map(this.value.participants.map((p) => [p.identity, p]));
    const live = [room.localParticipant, ...room.remoteParticipants.values()];
    for (const p of live) if (!this.#order.has(p.identity)) this.#order.set(p.identity, this.#next++);
    const participants = live
      // Before connecting, the local participant has no identity yet.
      .filter((p) => p.identity)
      .map((p) => {
        const next = readParticipant(p);
        const before = previous.get(next.identity);
        return before && sameParticipant(before, next) ? before : next;
      })
      .sort((a, b) => (a.isLocal ? -1 : b.isLocal ? 1 : (this.#order.get(a.identity) ?? 0) - (this.#order.get(b.identity) ?? 0)));
    const unchanged = participants.length === this.value.participants.length && participants.every((p, i) => p === this.value.participants[i]);
    const connection = this.value.recovering ? 'reconnecting' : this.#roomConnection;
    this.#patch({
      participants: unchanged ? this.value.participants : participants,
      connection,
      ...(connection === 'disconnected' ? {} : { disconnectCause: null }),
    });
  }

  /**
   * A reconnect with a fresh token is under way (`attempt` from 1), or over (`0`). While one is,
   * the connection reads `reconnecting` whatever the room says between attempts.
   */
  setRecovering(attempt: number): void {
    this.#patch({ recovering: attempt, connection: attempt ? 'reconnecting' : this.#roomConnection });
  }

  /** Sets the connection from outside the room (connecting before the room exists; the final disconnect). */
  setConnection(connection: ConnectionStatus, cause: DisconnectCause | null = null): void {
    this.#roomConnection = connection;
    this.#patch({ connection, recovering: 0, disconnectCause: connection === 'disconnected' ? cause : null });
  }

  /** Records what this person's camera, microphone or screen share could not do (`undefined` clears it). */
  setProblem(kind: keyof LocalProblems, problem: MediaProblem | undefined): void {
    const { [kind]: _previous, ...others } = this.value.problems;
    this.#patch({ problems: problem ? { ...others, [kind]: problem } : others });
  }

  /** Adds the message this person just sent (the room does not echo data messages back). */
  addLocalMessage(id: string, text: string): ChatMessage {
    const local = this.#room?.localParticipant;
    const message: ChatMessage = {
      id,
      identity: local?.identity ?? '',
      name: local?.name || local?.identity || '',
      text,
      at: Date.now(),
      isLocal: true,
    };
    this.#addMessage(message);
    return message;
  }

  /** A fresh id for a chat message. */
  nextMessageId(): string {
    return `${Date.now().toString(36)}-${(this.#messageSeq++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  }

  #onData(payload: unknown, participant: unknown, topic: unknown): void {
    if (topic !== CHAT_TOPIC || !(payload instanceof Uint8Array)) return;
    const chat = decodeChat(payload);
    const from = participant as ParticipantLike | undefined;
    if (!chat || !from?.identity) return;
    this.#addMessage({
      id: `${from.identity}:${chat.id}`,
      identity: from.identity,
      name: from.name || from.identity,
      text: maskNationalIds(chat.text),
      at: Date.now(),
      isLocal: false,
    });
  }

  #addMessage(message: ChatMessage): void {
    if (this.value.messages.some((m) => m.id === message.id)) return;
    this.#patch({ messages: [...this.value.messages, message].slice(-MAX_MESSAGES) });
  }

  #patch(patch: Partial<RoomState>): void {
    const current = this.value;
    const changed = (Object.keys(patch) as Array<keyof RoomState>).some((key) => patch[key] !== current[key]);
    if (changed) this.#store.set({ ...current, ...patch });
  }
}

function connectionOf(state: unknown): ConnectionStatus {
  switch (state) {
    case 'connecting':
      return 'connecting';
    case 'connected':
      return 'connected';
    case 'reconnecting':
    case 'signalReconnecting':
      return 'reconnecting';
    default:
      return 'disconnected';
  }
}
