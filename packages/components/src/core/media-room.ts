import { CHAT_TOPIC, encodeChat } from './chat-guard.js';
import type { DeviceChoices } from './device-preferences.js';
import type { PreparedEncryptedRoom } from './e2ee.js';
import type { InputKind } from './media-devices.js';
import { classifyMediaError } from './media-problem.js';
import type { Readable, Unsubscribe } from './observable.js';
import type { LocalTrack } from 'livekit-client';
import {
  RoomStateStore,
  disconnectCauseOf,
  type ChatMessage,
  type ParticipantLike,
  type PublicationLike,
  type RoomLike,
  type RoomState,
  type TrackLike,
} from './room-state.js';

/**
 * Which room a `MediaRoom` is for:
 * - `room`: the meeting itself (publish camera and microphone, see and hear everyone).
 * - `lobby`: a guest waiting to be let in (publish camera and microphone, to the meeting leader only).
 * - `lobby-observer`: the meeting leader looking into the lobby (publish nothing, see the guests).
 */
export type MediaRoomPurpose = 'room' | 'lobby' | 'lobby-observer';

export interface MediaConnectOptions {
  /** What to switch on once connected. Default: nothing. */
  publish?: { camera?: boolean; microphone?: boolean };
  /** The devices to start with (the person's remembered choices). */
  devices?: DeviceChoices;
  /**
   * A fresh token, for when LiveKit's own reconnect gave up (its token is short-lived). Resolve
   * `null` to stop trying (the meeting ended, the person was removed); throw to try again later.
   * Without it, a lost connection ends as `disconnected`/`lost`.
   */
  refreshToken?: () => Promise<string | null>;
  /** Waits before each fresh-token attempt, ms; the last one repeats. Default 0, 1 s, 2 s, 4 s, 8 s, 15 s. */
  retryDelaysMs?: readonly number[];
  /**
   * The meeting key (the join answer's `e2ee`): the room is then made encrypted end to end, with
   * this key, before it connects. A room already made without encryption is not used for it.
   */
  e2ee?: E2EEKey;
  /**
   * Camera and microphone still capturing from the room this person just left (`handOver`): the
   * ones `publish` wants are published as they are instead of being captured again; the others
   * are stopped. Used once, by the first connection (a reconnect captures afresh).
   */
  handedTracks?: Promise<HandedTracks>;
}

/**
 * A camera and a microphone that keep capturing from one room to the next: a guest let in from
 * the lobby brings them into the meeting's room, so Let in does not wait for a camera to be
 * started again (a real one has to power up and settle its exposure) and the light stays on.
 */
export interface HandedTracks {
  readonly camera?: TrackLike;
  readonly microphone?: TrackLike;
}

/** Whether `publication` is a camera or microphone on and still capturing (one a next room can take over), and which. */
function capturingInput(publication: PublicationLike): 'camera' | 'microphone' | null {
  const { source, isMuted, track } = publication;
  if (source !== 'camera' && source !== 'microphone') return null;
  return track && !isMuted && track.mediaStreamTrack.readyState === 'live' ? source : null;
}

/** Stops handed-over tracks that nothing took. */
export function stopHandedTracks(tracks: HandedTracks): void {
  tracks.camera?.mediaStreamTrack.stop();
  tracks.microphone?.mediaStreamTrack.stop();
}

/** A meeting key as the join answer carries it: base64url of 32 random bytes, and its index in the keyring (0..15). */
export interface E2EEKey {
  key: string;
  keyIndex: number;
}

/** A room made encrypted (core/e2ee.ts): the room, a way to set a new key, and to stop its worker. */
export interface EncryptedRoom {
  room: LiveRoom;
  /** Sets a key at its index and makes it the one this page encrypts with. */
  setKey(key: E2EEKey): Promise<void>;
  /** Stops the encryption worker (after the room has disconnected). */
  close(): void;
}

/**
 * One connection to one LiveKit room, whatever library is behind it: connect, publish, switch
 * devices, chat, and a `RoomState` to draw. `<care-meeting>` gets these from a
 * `MediaRoomFactory`, so its tests (and hosts with other needs) can provide their own.
 *
 * @example
 * const room = defaultMediaRoomFactory('room');
 * room.subscribe((state) => draw(state.participants));
 * await room.connect(answer.livekitUrl, answer.token, { publish: { camera: true, microphone: true } });
 */
export interface MediaRoom extends Readable<RoomState> {
  readonly purpose: MediaRoomPurpose;
  connect(url: string, token: string, options?: MediaConnectOptions): Promise<void>;
  /** Leaves the room and releases camera and microphone. Harmless when not connected. */
  disconnect(): Promise<void>;
  /**
   * Leaves the room like `disconnect`, but keeps the camera and microphone that are on capturing
   * and gives them back, for the next room's `connect` (`handedTracks`). Whatever else was
   * published stops. Optional: without it the next room captures afresh.
   */
  handOver?(): Promise<HandedTracks>;
  setMicrophone(on: boolean): Promise<void>;
  setCamera(on: boolean): Promise<void>;
  setScreenShare(on: boolean): Promise<void>;
  /** Moves the camera or microphone to another device. */
  switchDevice(kind: InputKind, deviceId: string): Promise<void>;
  /**
   * Sends a chat message as a reliable data message on {@link CHAT_TOPIC}, and adds it to this
   * person's own chat. Check it with `checkChatMessage` first: this sends whatever it is given.
   */
  publishChat(text: string): Promise<ChatMessage>;
  /**
   * The meeting key changed (someone was removed: `key-rotated`): encrypt with this one from now
   * on, and decrypt with it. Only for a room connected with `e2ee`; absent from rooms that cannot encrypt.
   */
  setE2EEKey?(key: E2EEKey): Promise<void>;
}

/** Makes a `MediaRoom` for a purpose. The default loads `livekit-client` on first connect. */
export type MediaRoomFactory = (purpose: MediaRoomPurpose) => MediaRoom;

/** What `LiveKitMediaRoom` uses of livekit-client's `LocalParticipant`. */
export interface LocalParticipantLike extends ParticipantLike {
  setMicrophoneEnabled(enabled: boolean, options?: { deviceId?: string }): Promise<unknown>;
  setCameraEnabled(enabled: boolean, options?: { deviceId?: string }): Promise<unknown>;
  setScreenShareEnabled(enabled: boolean): Promise<unknown>;
  publishData(data: Uint8Array, options: { reliable: boolean; topic: string }): Promise<void>;
  /** Publishes a track that is already capturing (one handed over from another room). */
  publishTrack?(track: LocalTrack): Promise<unknown>;
}

/** What `LiveKitMediaRoom` uses of livekit-client's `Room`: a test gives a fake emitter of this shape. */
export interface LiveRoom extends RoomLike {
  readonly localParticipant: LocalParticipantLike;
  connect(url: string, token: string): Promise<void>;
  disconnect(stopTracks?: boolean): Promise<void>;
  switchActiveDevice(kind: MediaDeviceKind, deviceId: string, exact?: boolean): Promise<boolean>;
}

/** Makes an encrypted room with a first key (core/e2ee.ts's `makeEncryptedRoom`, or a test's stand-in). */
export type CreateEncryptedRoom = (key: E2EEKey) => EncryptedRoom | Promise<EncryptedRoom>;

const DEFAULT_RETRY_DELAYS_MS = [0, 1000, 2000, 4000, 8000, 15000] as const;

/**
 * Whether the page may use both camera and microphone without asking (so capturing both at once
 * cannot show two prompts). False where the Permissions API cannot tell.
 */
async function bothGranted(): Promise<boolean> {
  try {
    const states = await Promise.all(
      (['camera', 'microphone'] as const).map((name) => navigator.permissions.query({ name: name as PermissionName }).then((p) => p.state)),
    );
    return states.every((state) => state === 'granted');
  } catch {
    return false;
  }
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A `MediaRoom` over livekit-client's `Room` (or anything of its shape). The room is created on
 * the first `connect`, so `livekit-client` is fetched only then.
 *
 * Reconnecting: LiveKit first tries by itself (`reconnecting`, then `connected`). When it gives up
 * (`disconnected` without this page asking, for a reason other than a duplicate login) this class
 * asks `refreshToken` for a new token and connects again, with back-off, until it is connected,
 * `refreshToken` answers `null`, or `disconnect` is called; the camera, microphone and screen share
 * come back as they were. A removal or a closed room is reconnected too: the server's answer to
 * the fresh-token request is what says the person was removed or the meeting has ended.
 *
 * @example
 * const room = new LiveKitMediaRoom('room', async () => new (await import('livekit-client')).Room());
 */
export class LiveKitMediaRoom implements MediaRoom {
  readonly purpose: MediaRoomPurpose;
  readonly #createRoom: () => LiveRoom | Promise<LiveRoom>;
  readonly #createEncryptedRoom: CreateEncryptedRoom | undefined;
  readonly #store = new RoomStateStore();
  #room: LiveRoom | null = null;
  /** The room's keys, when it was made encrypted. */
  #encrypted: EncryptedRoom | null = null;
  #url = '';
  #options: MediaConnectOptions = {};
  /** What the person wants on: re-applied after a reconnect with a fresh token. */
  #wanted = { camera: false, microphone: false, screen: false };
  #devices: Partial<Record<InputKind, string>> = {};
  #closing = false;
  #recovering = false;
  #unbind: Unsubscribe | null = null;
  /**
   * A lobby's camera and microphone that the server unpublished while they were capturing: at Let
   * in it takes away the lobby's right to publish, a moment before this page connects to the
   * meeting's room. Kept running for `handOver`, stopped by `disconnect`.
   */
  #kept: { camera?: TrackLike; microphone?: TrackLike } = {};
  /** While `handOver` leaves the room: what it unpublishes goes on capturing. */
  #handingOver = false;

  /**
   * A track of this page's that is no longer published. The rooms are made not to stop them
   * (`stopLocalTrackOnUnpublish: false`), so that a lobby's can be kept (`#kept`); any other stops
   * here, as livekit-client would have stopped it.
   */
  readonly #onUnpublished = (unpublished: unknown): void => {
    const publication = unpublished as PublicationLike;
    const track = publication.track;
    if (!track || this.#handingOver) return;
    const input = this.purpose === 'lobby' && !this.#closing ? capturingInput(publication) : null;
    if (input) this.#kept[input] = track;
    else track.mediaStreamTrack.stop();
  };

  /**
   * `createEncryptedRoom` makes the room instead of `createRoom` when `connect` is given a key
   * (`options.e2ee`); without it such a `connect` fails rather than connect unencrypted.
   */
  constructor(purpose: MediaRoomPurpose, createRoom: () => LiveRoom | Promise<LiveRoom>, createEncryptedRoom?: CreateEncryptedRoom) {
    this.purpose = purpose;
    this.#createRoom = createRoom;
    this.#createEncryptedRoom = createEncryptedRoom;
  }

  get value(): RoomState {
    return this.#store.value;
  }

  subscribe(listener: (value: RoomState) => void): Unsubscribe {
    return this.#store.subscribe(listener);
  }

  async connect(url: string, token: string, options: MediaConnectOptions = {}): Promise<void> {
    this.#closing = false;
    this.#url = url;
    this.#options = options;
    this.#wanted = { camera: options.publish?.camera ?? false, microphone: options.publish?.microphone ?? false, screen: false };
    this.#devices = {
      ...(options.devices?.camera ? { camera: options.devices.camera } : {}),
      ...(options.devices?.microphone ? { microphone: options.devices.microphone } : {}),
    };
    this.#store.setConnection('connecting');
    this.#established = false;
    try {
      const made = this.#room;
      const room = (this.#room ??= await this.#makeRoom(options.e2ee));
      if (this.#closing) return;
      // Never connect a meeting that has a key without encrypting: not with a room made plain before.
      if (options.e2ee && !this.#encrypted) throw new Error('this room was made without encryption; the meeting needs it');
      // Connecting again (after a drop): with the key the answer carries now.
      if (options.e2ee && made) await this.#encrypted?.setKey(options.e2ee);
      if (!this.#unbind) {
        this.#unbind = this.#store.bind(room);
        room.on('disconnected', this.#onDisconnected);
        room.on('localTrackUnpublished', this.#onUnpublished);
      }
      const connecting = room.connect(url, token);
      // Tracks handed over from the lobby go out while the room connects: livekit-client holds a
      // publication until its signalling is up, so the server has them with the join instead of
      // after it (one negotiation less between Let in and the first picture the others see).
      const handing = options.handedTracks ? this.#publishHanded(connecting) : undefined;
      await connecting;
      this.#established = true;
      if (this.#closing) {
        await room.disconnect();
        return;
      }
      this.#store.refresh();
      await this.#publishWanted(handing);
    } catch (error) {
      if (!this.#closing) this.#store.setConnection('disconnected', this.#established ? 'lost' : firstConnectionCause(error));
      throw error;
    }
  }

  async disconnect(): Promise<void> {
    this.#closing = true;
    const room = this.#room;
    this.#store.setConnection('disconnected', 'left');
    stopHandedTracks(this.#kept);
    this.#kept = {};
    if (room) await room.disconnect(true);
    this.#encrypted?.close();
    this.#store.setConnection('disconnected', 'left');
  }

  async handOver(): Promise<HandedTracks> {
    this.#closing = true;
    const room = this.#room;
    this.#store.setConnection('disconnected', 'left');
    if (!room) return {};
    const local = [...room.localParticipant.trackPublications.values()];
    // What the server unpublished at Let in, and what is still published.
    const handed: { camera?: TrackLike; microphone?: TrackLike } = { ...this.#kept };
    this.#kept = {};
    for (const publication of local) {
      const input = capturingInput(publication);
      if (input) handed[input] = publication.track!;
    }
    // livekit-client unpublishes them from this room and leaves them running (`stopTracks` false).
    this.#handingOver = true;
    try {
      await room.disconnect(false);
    } finally {
      this.#handingOver = false;
    }
    for (const { track } of local) if (track && track !== handed.camera && track !== handed.microphone) track.mediaStreamTrack.stop();
    this.#encrypted?.close();
    return handed;
  }

  async setE2EEKey(key: E2EEKey): Promise<void> {
    if (!this.#encrypted) throw new Error('this room is not encrypted');
    await this.#encrypted.setKey(key);
  }

  async #makeRoom(key: E2EEKey | undefined): Promise<LiveRoom> {
    if (!key) return this.#createRoom();
    if (!this.#createEncryptedRoom) throw new Error('this media room cannot encrypt; the meeting needs it');
    this.#encrypted = await this.#createEncryptedRoom(key);
    return this.#encrypted.room;
  }

  async setMicrophone(on: boolean): Promise<void> {
    this.#wanted.microphone = on;
    await this.#applyInput('microphone', on);
  }

  async setCamera(on: boolean): Promise<void> {
    this.#wanted.camera = on;
    await this.#applyInput('camera', on);
  }

  async setScreenShare(on: boolean): Promise<void> {
    const room = this.#room;
    if (!room || this.#store.value.connection !== 'connected') return;
    try {
      await room.localParticipant.setScreenShareEnabled(on);
      this.#wanted.screen = on;
      this.#store.setProblem('screen', undefined);
    } catch (error) {
      this.#wanted.screen = false;
      // Closing the browser's screen picker rejects with NotAllowedError: a choice, not a problem.
      if ((error as Error | undefined)?.name !== 'NotAllowedError') this.#store.setProblem('screen', classifyMediaError(error));
    }
    this.#store.refresh();
  }

  async switchDevice(kind: InputKind, deviceId: string): Promise<void> {
    this.#devices[kind] = deviceId;
    const room = this.#room;
    if (!room || this.#store.value.connection !== 'connected' || !this.#wanted[kind]) return;
    await room.switchActiveDevice(kind === 'camera' ? 'videoinput' : 'audioinput', deviceId);
  }

  async publishChat(text: string): Promise<ChatMessage> {
    const room = this.#room;
    if (!room || this.#store.value.connection !== 'connected') throw new Error('not connected to the room');
    const id = this.#store.nextMessageId();
    await room.localParticipant.publishData(encodeChat(id, text), { reliable: true, topic: CHAT_TOPIC });
    return this.#store.addLocalMessage(id, text);
  }

  async #applyInput(kind: InputKind, on: boolean): Promise<void> {
    const room = this.#room;
    if (!room || this.#store.value.connection !== 'connected') return;
    const deviceId = this.#devices[kind];
    const options = on && deviceId ? { deviceId } : undefined;
    try {
      if (kind === 'camera') await room.localParticipant.setCameraEnabled(on, options);
      else await room.localParticipant.setMicrophoneEnabled(on, options);
      this.#store.setProblem(kind, undefined);
    } catch (error) {
      this.#wanted[kind] = false;
      this.#store.setProblem(kind, classifyMediaError(error));
    }
    this.#store.refresh();
  }

  async #publishWanted(handing?: Promise<Set<InputKind>>): Promise<void> {
    const handed = await (handing ?? this.#publishHanded());
    const capture = (['microphone', 'camera'] as const).filter((kind) => this.#wanted[kind] && !handed.has(kind));
    if (capture.length === 2 && (await bothGranted())) {
      // Both already allowed (the device check asked): publish them at once. Each publish is a
      // capture and a negotiation with the server, and one after the other they doubled the time
      // from Let in to the first picture (test/real-livekit/media-path.test.ts measures it).
      await Promise.all(capture.map((kind) => this.#applyInput(kind, true)));
    } else {
      // One after the other: two getUserMedia calls at once can show two permission prompts.
      for (const kind of capture) await this.#applyInput(kind, true);
    }
    if (this.#wanted.screen) await this.setScreenShare(true);
  }

  /**
   * Publishes the tracks handed over from the room before (`handedTracks`) that are wanted and
   * still capturing; stops the rest. Says which kinds it published. Given the room's `connecting`,
   * it publishes without waiting for it, and a connection that fails stops the tracks at once.
   */
  async #publishHanded(connecting?: Promise<void>): Promise<Set<InputKind>> {
    const published = new Set<InputKind>();
    const promised = this.#options.handedTracks;
    if (!promised) return published;
    this.#options = { ...this.#options };
    delete this.#options.handedTracks;
    const tracks = await promised.catch((): HandedTracks => ({}));
    const local = this.#room?.localParticipant;
    await Promise.all(
      (['microphone', 'camera'] as const).map(async (kind) => {
        const track = tracks[kind];
        if (!track) return;
        const connectionUp = connecting ? !this.#closing : this.#store.value.connection === 'connected';
        if (local?.publishTrack && this.#wanted[kind] && track.mediaStreamTrack.readyState === 'live' && connectionUp) {
          try {
            // Handed over by this same library's room (`handOver`): a livekit-client LocalTrack.
            await Promise.all([local.publishTrack(track as LocalTrack), connecting]);
            published.add(kind);
            this.#store.setProblem(kind, undefined);
            return;
          } catch {
            // Captured afresh below, as without a handed track.
          }
        }
        track.mediaStreamTrack.stop();
      }),
    );
    this.#store.refresh();
    return published;
  }

  /** Whether the current connection came up at least once (a drop after that is recovered). */
  #established = false;

  readonly #onDisconnected = (reason?: unknown): void => {
    // A first connection that fails is reported by connect() itself ("unreachable"), not recovered:
    // there is nothing to come back to.
    if (this.#closing || this.#recovering || !this.#established) return;
    const cause = disconnectCauseOf(reason);
    if (cause === 'left' || cause === 'duplicate' || !this.#options.refreshToken) {
      this.#store.setConnection('disconnected', cause);
      return;
    }
    void this.#recover(cause);
  };

  async #recover(cause: 'removed' | 'room-deleted' | 'lost'): Promise<void> {
    const room = this.#room;
    const refreshToken = this.#options.refreshToken;
    if (!room || !refreshToken) return;
    this.#recovering = true;
    const delays = this.#options.retryDelaysMs?.length ? this.#options.retryDelaysMs : DEFAULT_RETRY_DELAYS_MS;
    try {
      for (let attempt = 1; !this.#closing; attempt++) {
        this.#store.setRecovering(attempt);
        await wait(delays[Math.min(attempt - 1, delays.length - 1)] ?? 0);
        if (this.#closing) return;
        let token: string | null;
        try {
          token = await refreshToken();
        } catch {
          continue; // the server could not be reached: try again after the next wait
        }
        if (this.#closing) return;
        if (token === null) {
          this.#store.setConnection('disconnected', cause);
          return;
        }
        try {
          await room.connect(this.#url, token);
        } catch {
          continue;
        }
        if (this.#closing) {
          await room.disconnect();
          return;
        }
        this.#store.setRecovering(0);
        this.#store.refresh();
        await this.#publishWanted();
        return;
      }
    } finally {
      this.#recovering = false;
    }
  }
}

/**
 * Why a first connection failed, from livekit-client's `ConnectionError.reasonName`: the signalling
 * socket could not be opened at all (`ServerUnreachable`, `WebSocket`: refused, nothing listens)
 * is `service-down`; a signalling that timed out, or a peer connection that could not be set up
 * (`Timeout`, `InternalError`: the media's UDP or TURN blocked on the way) is `unreachable`.
 */
export function firstConnectionCause(error: unknown): 'service-down' | 'unreachable' {
  const reason = (error as { reasonName?: unknown } | null | undefined)?.reasonName;
  return reason === 'ServerUnreachable' || reason === 'WebSocket' ? 'service-down' : 'unreachable';
}

/**
 * How care-meet's livekit-client rooms are made, plain or encrypted (core/e2ee.ts). Video is drawn
 * by care-meet's own `<video>` elements, so LiveKit's adaptive stream (which watches elements it
 * attached itself) stays off; dynacast still saves uplink. Tracks a room unpublishes are stopped by
 * `LiveKitMediaRoom`, which keeps a lobby's for Let in.
 *
 * One peer connection to send and one to receive (`singlePeerConnection: false`), not livekit-client's
 * default of one for both: with LiveKit 1.13.5, someone joining a room where two others already
 * sent video often got each camera's first key frame and then nothing decodable for about 3 s
 * (packets arriving, no frame assembled; the server logging `dependencyDescriptorExtID mismatch`
 * for each of their subscriptions). A guest let in saw the room's cameras after 4-5 s; with two
 * connections after 1-2 s, and no such log (bench/let-in.bench.mjs, docs/benchmarks.md).
 */
export const ROOM_OPTIONS = {
  adaptiveStream: false,
  dynacast: true,
  disconnectOnPageLeave: true,
  stopLocalTrackOnUnpublish: false,
  singlePeerConnection: false,
} as const;

/** A livekit-client `Room` as care-meet uses it (see `defaultMediaRoomFactory`). */
async function makeLiveKitRoom(): Promise<LiveRoom> {
  const { Room } = await import('./livekit-room.js');
  const room = new Room(ROOM_OPTIONS);
  // livekit-client's Room has this shape; its typed emitter's generic `on`/`off` are what TypeScript cannot match to ours.
  return room as unknown as LiveRoom;
}

/** A room made ahead by `prepareDefaultMediaRoom`, for the next room the default factory makes. */
let spareRoom: Promise<LiveRoom> | undefined;

/**
 * Makes the next room of `defaultMediaRoomFactory` ahead of time, while the person is still busy
 * (on the device check, or waiting in the lobby): making a livekit-client `Room` takes 10-90 ms of
 * the main thread on a busy machine (measured by bench/media.bench.mjs), which then no longer
 * comes between the join answer and the connection. Nothing connects: the room is only made.
 * Harmless to call again; a failure (the module could not be fetched) is left for the join to meet.
 *
 * @example
 * void prepareDefaultMediaRoom(); // on the device check
 */
export function prepareDefaultMediaRoom(): Promise<void> {
  const spare = (spareRoom ??= makeLiveKitRoom());
  return spare.then(
    () => undefined,
    () => {
      if (spareRoom === spare) spareRoom = undefined;
    },
  );
}

/** An encrypted room made ahead by `prepareEncryptedMediaRoom`, for the next encrypted room the default factory makes. */
let spareEncryptedRoom: Promise<PreparedEncryptedRoom> | undefined;

/**
 * For a guest waiting in the lobby of a meeting encrypted end to end: fetches the encryption code,
 * starts livekit-client's E2EE worker and makes the encrypted `Room` now, without a key (which only
 * comes with the join answer after Let in), so that Let in then only sets the key. Harmless to call
 * again; a failure is left for the join to meet (it makes its own then).
 *
 * @example
 * if (meeting.e2ee) void prepareEncryptedMediaRoom(); // in the lobby
 */
export function prepareEncryptedMediaRoom(): Promise<void> {
  const spare = (spareEncryptedRoom ??= import('./e2ee.js').then((e2ee) => e2ee.prepareEncryptedRoom()));
  return spare.then(
    () => undefined,
    () => {
      if (spareEncryptedRoom === spare) spareEncryptedRoom = undefined;
    },
  );
}

/**
 * The default factory: a `LiveKitMediaRoom` whose room comes from a dynamic import of
 * `livekit-client` (through `livekit-room.ts`, so bundlers keep only `Room`), so the library is
 * fetched when the person joins, not before (or the room made ahead by `prepareDefaultMediaRoom`).
 * (`ROOM_OPTIONS` says how it is made.)
 *
 * @example
 * const room = defaultMediaRoomFactory('lobby');
 */
export const defaultMediaRoomFactory: MediaRoomFactory = (purpose) =>
  new LiveKitMediaRoom(
    purpose,
    () => {
      const spare = spareRoom;
      spareRoom = undefined;
      return spare?.catch(makeLiveKitRoom) ?? makeLiveKitRoom();
    },
    // A meeting with a key: its own room, made encrypted (the plain spare room cannot be): the one
    // made ahead in the lobby if there is one, else the encryption code and worker fetched now.
    async (key) => {
      const spare = spareEncryptedRoom;
      spareEncryptedRoom = undefined;
      const [e2ee, prepared] = await Promise.all([import('./e2ee.js'), spare?.catch(() => undefined)]);
      return e2ee.makeEncryptedRoom(key, undefined, prepared);
    },
  );
