import { Store, type Readable, type Unsubscribe } from './observable.js';

export interface LevelReading {
  /** 0–1 on a perceptual (decibel) scale, held at peaks and falling back smoothly: what a meter draws. */
  readonly level: number;
  /** Root mean square of the last analysed window, 0–1 of full scale. */
  readonly rms: number;
  /** Whether anything as loud as speech has been heard since the meter started. */
  readonly heard: boolean;
}

export const SILENCE: LevelReading = { level: 0, rms: 0, heard: false };

export interface LevelMeterOptions {
  /** How often to read the microphone. 50 ms catches short sounds without busying the page. */
  intervalMs?: number;
  /** RMS counted as the person speaking; quiet speech at arm's length is about 0.02–0.05. */
  speechRms?: number;
  /** The quietest level drawn, in dBFS; anything below is an empty bar. */
  floorDb?: number;
  /** How fast a drawn peak falls back, in full bars per second. */
  fallPerSecond?: number;
}

/** Root mean square of samples in -1…1. */
export function rootMeanSquare(samples: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  return samples.length ? Math.sqrt(sum / samples.length) : 0;
}

/**
 * Maps RMS to 0–1 on a decibel scale from `floorDb` to 0 dBFS, which is how loudness is heard:
 * a linear bar would barely move for normal speech.
 *
 * @example
 * rmsToLevel(0.3); // ≈ 0.83 (−10.5 dBFS on a −60…0 scale)
 */
export function rmsToLevel(rms: number, floorDb = -60): number {
  if (rms <= 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db - floorDb) / -floorDb));
}

/**
 * Measures a microphone track's loudness through WebAudio. The analyser is not connected to the
 * speakers, so the person does not hear themselves.
 *
 * @example
 * const meter = new LevelMeter(new AudioContext(), stream.getAudioTracks()[0]);
 * meter.subscribe(({ level }) => (bar.style.inlineSize = `${level * 100}%`));
 * // later
 * meter.stop();
 */
export class LevelMeter implements Readable<LevelReading> {
  readonly #store = new Store<LevelReading>(SILENCE);
  readonly #source: MediaStreamAudioSourceNode;
  readonly #analyser: AnalyserNode;
  readonly #samples: Float32Array<ArrayBuffer>;
  readonly #timer: ReturnType<typeof setInterval>;

  constructor(context: AudioContext, track: MediaStreamTrack, options: LevelMeterOptions = {}) {
    const { intervalMs = 50, speechRms = 0.02, floorDb = -60, fallPerSecond = 0.8 } = options;
    this.#source = context.createMediaStreamSource(new MediaStream([track]));
    this.#analyser = context.createAnalyser();
    // 2048 samples is ~43 ms at 48 kHz: nearly the whole interval, so short sounds are not missed.
    this.#analyser.fftSize = 2048;
    this.#samples = new Float32Array(this.#analyser.fftSize);
    this.#source.connect(this.#analyser);
    const fall = (fallPerSecond * intervalMs) / 1000;
    this.#timer = setInterval(() => {
      this.#analyser.getFloatTimeDomainData(this.#samples);
      const rms = rootMeanSquare(this.#samples);
      const previous = this.#store.value;
      const level = Math.max(rmsToLevel(rms, floorDb), previous.level - fall);
      const heard = previous.heard || rms >= speechRms;
      // Leave silence alone: no new reading, no re-render.
      if (Math.abs(level - previous.level) > 0.005 || heard !== previous.heard) {
        this.#store.set({ level: Math.max(0, level), rms, heard });
      }
    }, intervalMs);
  }

  get value(): LevelReading {
    return this.#store.value;
  }

  subscribe(listener: (value: LevelReading) => void): Unsubscribe {
    return this.#store.subscribe(listener);
  }

  /** Stops reading and detaches from the audio graph. Does not stop the track: its owner does. */
  stop(): void {
    clearInterval(this.#timer);
    this.#source.disconnect();
    this.#analyser.disconnect();
  }
}
