import { detectSinkSupport, type SinkSupport } from './browser-support.js';
import { DevicePreferences } from './device-preferences.js';
import { LevelMeter, SILENCE, type LevelReading } from './level-meter.js';
import {
  listDevices,
  NO_DEVICES,
  openInputs,
  type DeviceKind,
  type DeviceLists,
  type InputKind,
  type InputRequest,
  type OpenedInput,
} from './media-devices.js';
import type { MediaProblem } from './media-problem.js';
import { Store, type Readable, type Unsubscribe } from './observable.js';
import { playTestTone, type TestTone } from './test-tone.js';

export type InputStatus = 'idle' | 'starting' | 'live' | 'error';

export interface InputState {
  readonly status: InputStatus;
  readonly problem?: MediaProblem;
  readonly track?: MediaStreamTrack;
  /** The device actually in use (the browser may pick another than the one asked for). */
  readonly deviceId?: string;
}

export type ToneStatus = 'idle' | 'playing' | 'played' | 'error';

/** Questions only the person can answer. */
export type Question = 'camera' | 'speaker';

export interface MediaCheckState {
  readonly started: boolean;
  readonly camera: InputState;
  readonly microphone: InputState;
  readonly speaker: { readonly deviceId?: string; readonly tone: ToneStatus };
  readonly devices: DeviceLists;
  readonly answers: Readonly<Partial<Record<Question, boolean>>>;
  /** Whether the microphone has picked up anything as loud as speech. */
  readonly heard: boolean;
}

export interface MediaCheckOptions {
  mediaDevices?: MediaDevices | undefined;
  preferences?: DevicePreferences;
  sinkSupport?: SinkSupport;
  createAudioContext?: () => AudioContext;
}

const IDLE: InputState = { status: 'idle' };

const INITIAL: MediaCheckState = {
  started: false,
  camera: IDLE,
  microphone: IDLE,
  speaker: { tone: 'idle' },
  devices: NO_DEVICES,
  answers: {},
  heard: false,
};

/**
 * The camera, microphone and speaker part of the pre-call check, without any UI: opens the
 * devices, meters the microphone, plays the test tone, lists and remembers device choices, and
 * records the person's answers. Everything it opens is released by `stop()`, including work that
 * was still in flight when `stop()` was called, so no camera light is left on.
 *
 * @example
 * const check = new MediaCheck();
 * check.subscribe((state) => render(state));
 * await check.start(); // from a click: it also unlocks audio
 * check.answer('camera', true);
 * check.stop();
 */
export class MediaCheck implements Readable<MediaCheckState> {
  readonly #state = new Store<MediaCheckState>(INITIAL);
  readonly #level = new Store<LevelReading>(SILENCE);
  /** The microphone's level, several times a second; kept apart so slow state does not churn. */
  readonly level: Readable<LevelReading> = this.#level;
  readonly sinkSupport: SinkSupport;
  readonly preferences: DevicePreferences;

  readonly #mediaDevices: MediaDevices | undefined;
  readonly #createAudioContext: () => AudioContext;
  #context: AudioContext | undefined;
  #meter: LevelMeter | undefined;
  #stopMeter: Unsubscribe | undefined;
  #tone: TestTone | undefined;
  /** Bumped whenever an input is (re)opened or everything stops: late results of older requests are released. */
  readonly #tickets: Record<InputKind, number> = { camera: 0, microphone: 0 };

  constructor(options: MediaCheckOptions = {}) {
    this.#mediaDevices = 'mediaDevices' in options ? options.mediaDevices : globalThis.navigator?.mediaDevices;
    this.preferences = options.preferences ?? new DevicePreferences();
    this.sinkSupport = options.sinkSupport ?? detectSinkSupport();
    this.#createAudioContext = options.createAudioContext ?? (() => new AudioContext());
  }

  get value(): MediaCheckState {
    return this.#state.value;
  }

  subscribe(listener: (value: MediaCheckState) => void): Unsubscribe {
    return this.#state.subscribe(listener);
  }

  /** Opens camera and microphone (the remembered ones, else the defaults) and lists the devices. */
  async start(): Promise<void> {
    if (this.value.started) return;
    // Create the AudioContext inside the click that started us: autoplay rules let it run then.
    this.#audioContext()
      .resume()
      .catch(() => undefined);
    this.#patch({ started: true });
    this.#mediaDevices?.addEventListener('devicechange', this.#onDeviceChange);
    const { camera, microphone } = this.preferences.value;
    await this.#open({ camera, microphone });
  }

  /** Tries again to open every input that failed, e.g. after the person unblocked the site. */
  async retry(): Promise<void> {
    const { camera, microphone } = this.value;
    const wanted: InputRequest = {};
    if (camera.status === 'error') wanted.camera = this.preferences.value.camera;
    if (microphone.status === 'error') wanted.microphone = this.preferences.value.microphone;
    await this.#open(wanted);
  }

  /** Switches to another device and remembers the choice on this device for next time. */
  async useDevice(kind: DeviceKind, deviceId: string | undefined): Promise<void> {
    this.preferences.remember(kind, deviceId);
    if (kind === 'speaker') {
      this.#tone?.stop();
      this.#patch({ speaker: { deviceId, tone: 'idle' }, answers: { ...this.value.answers, speaker: undefined } });
      return;
    }
    await this.#open({ [kind]: deviceId });
  }

  answer(question: Question, yes: boolean): void {
    this.#patch({ answers: { ...this.value.answers, [question]: yes } });
  }

  /** Plays the test chime on the chosen speaker. Resolves when it has finished. */
  async playTone(): Promise<void> {
    this.#tone?.stop();
    this.#patch({ speaker: { ...this.value.speaker, tone: 'playing' } });
    try {
      const context = this.#audioContext();
      await context.resume();
      const tone = (this.#tone = await playTestTone(context, {
        sinkId: this.value.speaker.deviceId,
        sinkSupport: this.sinkSupport,
      }));
      await tone.finished;
      if (this.#tone === tone) this.#patch({ speaker: { ...this.value.speaker, tone: 'played' } });
    } catch {
      this.#patch({ speaker: { ...this.value.speaker, tone: 'error' } });
    }
  }

  /** Stops every track, the meter and the tone, and closes the AudioContext. Safe to call twice. */
  stop(): void {
    this.#tickets.camera++;
    this.#tickets.microphone++;
    this.#mediaDevices?.removeEventListener('devicechange', this.#onDeviceChange);
    this.#release('camera');
    this.#release('microphone');
    this.#tone?.stop();
    this.#tone = undefined;
    void this.#context?.close().catch(() => undefined);
    this.#context = undefined;
    const { devices, speaker } = this.value;
    this.#state.set({ ...INITIAL, devices, speaker: { deviceId: speaker.deviceId, tone: 'idle' } });
  }

  #patch(change: Partial<MediaCheckState>): void {
    this.#state.set({ ...this.value, ...change });
  }

  #audioContext(): AudioContext {
    if (!this.#context || this.#context.state === 'closed') this.#context = this.#createAudioContext();
    return this.#context;
  }

  async #open(wanted: InputRequest): Promise<void> {
    const kinds = Object.keys(wanted) as InputKind[];
    if (!kinds.length) return;
    const tickets = kinds.map((kind) => {
      // The old camera is stopped before the new one is asked for: phones (iPhone's Safari among
      // them) open one camera at a time, and asking for the back camera while the front one runs
      // fails or ends a track (https://github.com/mdn/content/pull/29945,
      // https://github.com/twilio/twilio-video.js/issues/2021). In the room livekit-client's
      // restartTrack stops the old track first for the same reason.
      this.#release(kind);
      return ++this.#tickets[kind];
    });
    this.#patch(Object.fromEntries(kinds.map((kind) => [kind, { status: 'starting' }])));
    const opened = await openInputs(this.#mediaDevices, wanted);
    kinds.forEach((kind, i) => this.#accept(kind, opened[kind], tickets[i]!));
    await this.#refreshDevices();
  }

  #accept(kind: InputKind, opened: OpenedInput | undefined, ticket: number): void {
    if (ticket !== this.#tickets[kind]) {
      // Stopped or superseded while the browser was opening it.
      opened?.track?.stop();
      return;
    }
    if (!opened?.track) {
      this.#patch({ [kind]: { status: 'error', problem: opened?.problem ?? 'unknown' } });
      return;
    }
    const { track } = opened;
    // Unplugged, or access revoked: fall back to the default device rather than a frozen picture.
    track.addEventListener('ended', () => {
      if (this.value[kind].track === track) void this.#open({ [kind]: undefined });
    });
    this.#patch({ [kind]: { status: 'live', track, deviceId: track.getSettings().deviceId } });
    if (kind === 'microphone') this.#startMeter(track);
  }

  #release(kind: InputKind): void {
    const { track } = this.value[kind];
    track?.stop();
    if (kind === 'microphone') {
      this.#stopMeter?.();
      this.#meter?.stop();
      this.#meter = this.#stopMeter = undefined;
      this.#level.set(SILENCE);
    }
    // A new device has to prove itself again.
    const reset: Partial<MediaCheckState> = kind === 'camera' ? { answers: { ...this.value.answers, camera: undefined } } : { heard: false };
    this.#patch({ [kind]: IDLE, ...reset });
  }

  #startMeter(track: MediaStreamTrack): void {
    const context = this.#audioContext();
    // Again now that the microphone is live: without a click to unlock it (autostart, or a click
    // whose activation has lapsed), Chromium still lets a capturing page run audio.
    context.resume().catch(() => undefined);
    const meter = (this.#meter = new LevelMeter(context, track));
    this.#stopMeter = meter.subscribe((reading) => {
      this.#level.set(reading);
      if (reading.heard && !this.value.heard) this.#patch({ heard: true });
    });
  }

  readonly #onDeviceChange = (): void => {
    void this.#refreshDevices();
  };

  async #refreshDevices(): Promise<void> {
    if (!this.#mediaDevices) return;
    const devices = await listDevices(this.#mediaDevices).catch(() => NO_DEVICES);
    if (!this.value.started) return;
    const remembered = this.preferences.value.speaker;
    const current = this.value.speaker.deviceId ?? remembered;
    const deviceId = devices.speaker.some((d) => d.id === current) ? current : undefined;
    this.#patch({ devices, speaker: { ...this.value.speaker, deviceId } });
  }
}
