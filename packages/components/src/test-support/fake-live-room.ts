/**
 * A stand-in for livekit-client's `Room`: the shape `LiveKitMediaRoom` and `RoomStateStore` use,
 * driven by the test. It emits the events LiveKit emits, in the same order, with the same
 * arguments, so the real room-state and media-room code runs against it.
 */
import { encodeChat, CHAT_TOPIC } from '../core/chat-guard.js';
import type { LiveRoom, LocalParticipantLike, MediaRoomFactory, MediaRoomPurpose } from '../core/media-room.js';
import { LiveKitMediaRoom } from '../core/media-room.js';
import type { ParticipantLike, PublicationLike, RoomListener, TrackLike } from '../core/room-state.js';
import { fakeVideoTrack, silentAudioTrack } from './fake-media.js';

export class FakePublication implements PublicationLike {
  constructor(
    readonly source: string,
    public track: TrackLike | undefined,
    public isMuted = false,
  ) {}
}

export class FakeParticipant implements ParticipantLike {
  identity: string;
  name: string | undefined;
  attributes: Record<string, string>;
  isSpeaking = false;
  readonly isLocal: boolean;
  readonly trackPublications = new Map<string, FakePublication>();

  constructor(identity: string, name: string, attributes: Record<string, string> = {}, isLocal = false) {
    this.identity = identity;
    this.name = name;
    this.attributes = attributes;
    this.isLocal = isLocal;
  }

  publication(source: string): FakePublication | undefined {
    return this.trackPublications.get(source);
  }

  /** Adds (or replaces) a publication; `track` undefined means published but not received. */
  publish(source: string, track: MediaStreamTrack | undefined, muted = false): FakePublication {
    const pub = new FakePublication(source, track ? { mediaStreamTrack: track } : undefined, muted);
    this.trackPublications.set(source, pub);
    return pub;
  }
}

export interface FakeLocalOptions {
  /** Reject `setCameraEnabled(true)` with this error name (e.g. `NotAllowedError`). */
  cameraError?: string;
  microphoneError?: string;
}

export class FakeLocalParticipant extends FakeParticipant implements LocalParticipantLike {
  readonly calls: string[] = [];
  readonly sent: Array<{ data: Uint8Array; topic: string; reliable: boolean }> = [];
  options: FakeLocalOptions = {};
  readonly #room: FakeLiveRoom;

  constructor(room: FakeLiveRoom) {
    super('', '', {}, true);
    this.#room = room;
  }

  async setMicrophoneEnabled(enabled: boolean, options?: { deviceId?: string }): Promise<unknown> {
    this.calls.push(`microphone:${enabled}${options?.deviceId ? `:${options.deviceId}` : ''}`);
    if (enabled && this.options.microphoneError) throw Object.assign(new Error('mic'), { name: this.options.microphoneError });
    return this.#toggle('microphone', enabled, () => silentAudioTrack());
  }

  async setCameraEnabled(enabled: boolean, options?: { deviceId?: string }): Promise<unknown> {
    this.calls.push(`camera:${enabled}${options?.deviceId ? `:${options.deviceId}` : ''}`);
    if (enabled && this.options.cameraError) throw Object.assign(new Error('camera'), { name: this.options.cameraError });
    return this.#toggle('camera', enabled, () => fakeVideoTrack(this.name || 'me', '#3f6c8f'));
  }

  async setScreenShareEnabled(enabled: boolean): Promise<unknown> {
    this.calls.push(`screen:${enabled}`);
    if (!enabled) {
      const pub = this.publication('screen_share');
      pub?.track?.mediaStreamTrack.stop();
      this.trackPublications.delete('screen_share');
      this.#room.emit('localTrackUnpublished', pub, this);
      return undefined;
    }
    const pub = this.publish('screen_share', fakeVideoTrack('screen', '#5b4a8f'));
    this.#room.emit('localTrackPublished', pub, this);
    return pub;
  }

  /** Publishes a track that is already capturing, as its kind's source (LiveKit keeps the track's own). */
  async publishTrack(track: TrackLike): Promise<unknown> {
    const source = track.mediaStreamTrack.kind === 'video' ? 'camera' : 'microphone';
    this.calls.push(`publish:${source}`);
    const pub = new FakePublication(source, track);
    this.trackPublications.set(source, pub);
    this.#room.emit('localTrackPublished', pub, this);
    return pub;
  }

  async publishData(data: Uint8Array, options: { reliable: boolean; topic: string }): Promise<void> {
    this.sent.push({ data, topic: options.topic, reliable: options.reliable });
  }

  /** Like LiveKit: the first enable publishes a track; later ones mute and unmute it. */
  #toggle(source: string, enabled: boolean, make: () => MediaStreamTrack): FakePublication | undefined {
    const pub = this.publication(source);
    if (!pub) {
      if (!enabled) return undefined;
      const created = this.publish(source, make());
      this.#room.emit('localTrackPublished', created, this);
      return created;
    }
    pub.isMuted = !enabled;
    this.#room.emit(enabled ? 'trackUnmuted' : 'trackMuted', pub, this);
    return pub;
  }
}

export interface ConnectCall {
  url: string;
  token: string;
}

export class FakeLiveRoom implements LiveRoom {
  state = 'disconnected';
  readonly localParticipant: FakeLocalParticipant;
  readonly remoteParticipants = new Map<string, FakeParticipant>();
  readonly connects: ConnectCall[] = [];
  readonly switches: Array<[MediaDeviceKind, string]> = [];
  disconnects = 0;
  /** The next connects fail, as when the media server cannot be reached. */
  failConnects = 0;
  /** When set, `connect` waits for it (a connection that takes its time). */
  connectGate: Promise<void> | undefined;
  /** Whom the local participant becomes on connect. */
  self: { identity: string; name: string; role: string };
  readonly #listeners = new Map<string, Set<RoomListener>>();

  constructor(self: { identity: string; name: string; role: string } = { identity: 'p_self', name: 'Me Myself', role: 'relative' }) {
    this.self = self;
    this.localParticipant = new FakeLocalParticipant(this);
  }

  on(event: string, listener: RoomListener): this {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener);
    return this;
  }

  off(event: string, listener: RoomListener): this {
    this.#listeners.get(event)?.delete(listener);
    return this;
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) listener(...args);
  }

  listenerCount(): number {
    let n = 0;
    for (const set of this.#listeners.values()) n += set.size;
    return n;
  }

  async connect(url: string, token: string): Promise<void> {
    this.connects.push({ url, token });
    this.#setState('connecting');
    await Promise.resolve();
    await this.connectGate;
    if (this.failConnects > 0) {
      this.failConnects--;
      this.#setState('disconnected');
      // As livekit-client's Room does when a connection attempt fails (reason UNKNOWN_REASON).
      this.emit('disconnected', 0);
      throw new Error('could not establish signal connection');
    }
    const local = this.localParticipant;
    local.identity = this.self.identity;
    local.name = this.self.name;
    local.attributes = { 'care.role': this.self.role, 'care.verified': 'bankid' };
    this.#setState('connected');
    this.emit('connected');
  }

  /** Like LiveKit's: unpublishes this page's tracks, and stops them unless `stopTracks` is false. */
  async disconnect(stopTracks = true): Promise<void> {
    this.disconnects++;
    if (this.state === 'disconnected') return;
    // As LiveKit's: each is unpublished (and stopped when asked), then the room is left.
    for (const pub of [...this.localParticipant.trackPublications.values()]) {
      if (stopTracks) pub.track?.mediaStreamTrack.stop();
      this.localParticipant.trackPublications.delete(pub.source);
      this.emit('localTrackUnpublished', pub, this.localParticipant);
    }
    this.#dropAll();
    this.#setState('disconnected');
    this.emit('disconnected', 1);
  }

  async switchActiveDevice(kind: MediaDeviceKind, deviceId: string): Promise<boolean> {
    this.switches.push([kind, deviceId]);
    return true;
  }

  // Driving the room from a test:

  /**
   * The server unpublishes one of this page's tracks, as LiveKit does when the page's right to
   * publish is taken away (the lobby's at Let in). The track is not stopped: care-meet's rooms are
   * made with `stopLocalTrackOnUnpublish: false`, and `LiveKitMediaRoom` decides.
   */
  serverUnpublish(source: string): void {
    const pub = this.localParticipant.publication(source);
    if (!pub) return;
    this.localParticipant.trackPublications.delete(source);
    this.emit('localTrackUnpublished', pub, this.localParticipant);
  }

  /** Someone joins (with their camera and microphone published and received, unless said otherwise). */
  join(identity: string, name: string, role: string | null, media: { camera?: boolean; microphone?: boolean; color?: string } = {}): FakeParticipant {
    const p = new FakeParticipant(identity, name, role ? { 'care.role': role, 'care.verified': 'bankid' } : {});
    this.remoteParticipants.set(identity, p);
    this.emit('participantConnected', p);
    if (media.camera ?? true) {
      const pub = p.publish('camera', fakeVideoTrack(name, media.color ?? '#2d6a4f'));
      this.emit('trackSubscribed', pub.track, pub, p);
    }
    if (media.microphone ?? true) {
      const pub = p.publish('microphone', silentAudioTrack());
      this.emit('trackSubscribed', pub.track, pub, p);
    } else {
      p.publish('microphone', undefined, true);
    }
    return p;
  }

  leave(identity: string): void {
    const p = this.remoteParticipants.get(identity);
    if (!p) return;
    this.remoteParticipants.delete(identity);
    this.emit('participantDisconnected', p);
  }

  mute(identity: string, source: string, muted: boolean): void {
    const p = identity === this.localParticipant.identity ? this.localParticipant : this.remoteParticipants.get(identity);
    const pub = p?.publication(source);
    if (!p || !pub) throw new Error(`no ${source} for ${identity}`);
    pub.isMuted = muted;
    this.emit(muted ? 'trackMuted' : 'trackUnmuted', pub, p);
  }

  speaking(...identities: string[]): void {
    const all = [this.localParticipant, ...this.remoteParticipants.values()];
    for (const p of all) p.isSpeaking = identities.includes(p.identity);
    this.emit(
      'activeSpeakersChanged',
      all.filter((p) => p.isSpeaking),
    );
  }

  shareScreen(identity: string): void {
    const p = this.remoteParticipants.get(identity);
    if (!p) throw new Error(`no ${identity}`);
    const pub = p.publish('screen_share', fakeVideoTrack(`${p.name} screen`, '#5b4a8f'));
    this.emit('trackSubscribed', pub.track, pub, p);
  }

  /** A chat message from someone, as LiveKit delivers it. */
  chat(identity: string, text: string, id = Math.random().toString(36).slice(2)): void {
    this.emit('dataReceived', encodeChat(id, text), this.remoteParticipants.get(identity), 0, CHAT_TOPIC);
  }

  /** LiveKit starts its own reconnect (the network blipped). */
  blip(): void {
    this.#setState('reconnecting');
    this.emit('reconnecting');
  }

  /** LiveKit's own reconnect worked. */
  recovered(): void {
    this.#setState('connected');
    this.emit('reconnected');
  }

  /** LiveKit gave up (or the server closed the room: pass its `DisconnectReason`). */
  drop(reason?: number): void {
    this.#dropAll();
    this.#setState('disconnected');
    this.emit('disconnected', reason);
  }

  #dropAll(): void {
    for (const identity of [...this.remoteParticipants.keys()]) this.leave(identity);
  }

  #setState(state: string): void {
    if (this.state === state) return;
    this.state = state;
    this.emit('connectionStateChanged', state);
  }
}

/**
 * A `MediaRoomFactory` whose rooms are real `LiveKitMediaRoom`s over `FakeLiveRoom`s; `rooms`
 * lists what it made, per purpose, for the test to drive.
 */
export function fakeMediaRoomFactory(self: { identity: string; name: string; role: string }, setup?: (room: FakeLiveRoom, purpose: MediaRoomPurpose) => void) {
  const rooms: Array<{ purpose: MediaRoomPurpose; room: FakeLiveRoom; media: LiveKitMediaRoom }> = [];
  const factory: MediaRoomFactory = (purpose) => {
    const room = new FakeLiveRoom(self);
    setup?.(room, purpose);
    const media = new LiveKitMediaRoom(purpose, () => room);
    rooms.push({ purpose, room, media });
    return media;
  };
  const last = (purpose: MediaRoomPurpose): FakeLiveRoom => {
    const found = rooms.filter((r) => r.purpose === purpose).at(-1);
    if (!found) throw new Error(`no ${purpose} room made`);
    return found.room;
  };
  return { factory, rooms, last };
}
