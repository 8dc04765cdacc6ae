import { expect, waitUntil } from '@open-wc/testing';

import { LevelMeter, rmsToLevel, rootMeanSquare } from './level-meter.js';

describe('level metering', () => {
  it('computes the root mean square of samples', () => {
    expect(rootMeanSquare([])).to.equal(0);
    expect(rootMeanSquare([0.5, -0.5, 0.5, -0.5])).to.equal(0.5);
    const sine = Array.from({ length: 4800 }, (_, i) => Math.sin((2 * Math.PI * 440 * i) / 48000));
    expect(rootMeanSquare(sine)).to.be.closeTo(Math.SQRT1_2, 0.001);
  });

  it('draws loudness on a decibel scale', () => {
    expect(rmsToLevel(0)).to.equal(0);
    expect(rmsToLevel(1)).to.equal(1);
    expect(rmsToLevel(0.001)).to.equal(0); // -60 dBFS: the floor
    expect(rmsToLevel(0.3)).to.be.closeTo(0.826, 0.001); // the fake microphone's beep
    expect(rmsToLevel(0.0001)).to.equal(0);
  });

  it('measures a real audio track', async () => {
    // A page that is capturing may run audio without a click (Chromium's autoplay rules).
    const capture = await navigator.mediaDevices.getUserMedia({ audio: true });
    const context = new AudioContext();
    await context.resume();
    const tone = context.createOscillator();
    const gain = context.createGain();
    gain.gain.value = 0.5;
    const destination = context.createMediaStreamDestination();
    tone.connect(gain).connect(destination);
    tone.start();
    const meter = new LevelMeter(context, destination.stream.getAudioTracks()[0]!);
    try {
      await waitUntil(() => meter.value.heard, 'the meter heard nothing', { timeout: 3000 });
      // A sine at half scale has an RMS of 0.5/√2.
      await waitUntil(() => Math.abs(meter.value.rms - 0.354) < 0.02, `rms ${meter.value.rms}`);
      expect(meter.value.level).to.be.greaterThan(0.8);
    } finally {
      meter.stop();
      tone.stop();
      capture.getTracks().forEach((track) => track.stop());
      await context.close();
    }
  });
});
