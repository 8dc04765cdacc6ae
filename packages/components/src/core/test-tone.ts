import type { SinkSupport } from './browser-support.js';

/** `AudioContext.setSinkId` is Chromium-only so far and not in TypeScript's DOM types yet. */
type AudioContextWithSink = AudioContext & { setSinkId?(sinkId: string): Promise<void>; readonly sinkId?: unknown };

export interface TestTone {
  /** Settles when the tone has played to the end or was stopped. */
  readonly finished: Promise<void>;
  stop(): void;
}

export interface TestToneOptions {
  /** The chosen speaker; `undefined` plays on the default output. */
  sinkId?: string | undefined;
  /** How this browser can route sound to `sinkId`; see `detectSinkSupport`. */
  sinkSupport: SinkSupport;
  /** How often the chime repeats. */
  repeats?: number;
}

// A rising C-major arpeggio: in the range most people hear well, and unlike any system sound.
const NOTES_HZ = [523.25, 659.25, 783.99, 1046.5];
const NOTE_S = 0.28;
const VOLUME = 0.3;

/**
 * Plays a short chime generated with WebAudio (no audio file to host or load) on the chosen
 * speaker where the browser allows choosing one.
 *
 * @example
 * const tone = await playTestTone(context, { sinkId: speakerId, sinkSupport: detectSinkSupport() });
 * await tone.finished;
 */
export async function playTestTone(context: AudioContext, options: TestToneOptions): Promise<TestTone> {
  const { sinkId, sinkSupport, repeats = 2 } = options;
  const output = context.createGain();
  let element: HTMLAudioElement | undefined;
  if (sinkId !== undefined && sinkSupport === 'audio-context') {
    await (context as AudioContextWithSink).setSinkId?.(sinkId);
    output.connect(context.destination);
  } else if (sinkId !== undefined && sinkSupport === 'media-element') {
    // Firefox can route a media element but not an AudioContext: play the graph through one.
    const bridge = context.createMediaStreamDestination();
    output.connect(bridge);
    element = new Audio();
    element.srcObject = bridge.stream;
    await element.setSinkId(sinkId);
    await element.play();
  } else {
    output.connect(context.destination);
  }

  const oscillators: OscillatorNode[] = [];
  const start = context.currentTime + 0.05;
  for (let i = 0; i < NOTES_HZ.length * repeats; i++) {
    const at = start + i * NOTE_S;
    const oscillator = context.createOscillator();
    const envelope = context.createGain();
    oscillator.frequency.value = NOTES_HZ[i % NOTES_HZ.length]!;
    // A quick fade in and out: a note that starts or stops at full volume clicks.
    envelope.gain.setValueAtTime(0, at);
    envelope.gain.linearRampToValueAtTime(VOLUME, at + 0.02);
    envelope.gain.exponentialRampToValueAtTime(0.001, at + NOTE_S - 0.02);
    oscillator.connect(envelope).connect(output);
    oscillator.start(at);
    oscillator.stop(at + NOTE_S);
    oscillators.push(oscillator);
  }

  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const stop = () => {
    for (const oscillator of oscillators) {
      oscillator.onended = null;
      try {
        oscillator.stop();
      } catch {
        // Already stopped.
      }
    }
    output.disconnect();
    element?.pause();
    if (element) element.srcObject = null;
    done();
  };
  oscillators.at(-1)!.onended = stop;
  return { finished, stop };
}
