import { expect, waitUntil } from '@open-wc/testing';

import { DevicePreferences } from './device-preferences.js';
import { MediaCheck } from './media-check.js';

describe('MediaCheck', () => {
  it('opens camera and microphone, lists the devices and stops everything it opened', async () => {
    const check = new MediaCheck({ preferences: new DevicePreferences({ storage: null }) });
    await check.start();
    const { camera, microphone, devices } = check.value;
    expect(camera.status).to.equal('live');
    expect(microphone.status).to.equal('live');
    expect(devices.microphone.length).to.be.at.least(3);
    await waitUntil(() => check.value.heard, 'the fake microphone was not heard', { timeout: 4000 });
    check.stop();
    expect(camera.track!.readyState).to.equal('ended');
    expect(microphone.track!.readyState).to.equal('ended');
    expect(check.value).to.include({ started: false, heard: false });
    expect(check.level.value.level).to.equal(0);
  });

  it('releases tracks that arrive after it was stopped, so no camera light stays on', async () => {
    const delivered: MediaStreamTrack[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const real = navigator.mediaDevices;
    const slowDevices = {
      async getUserMedia(constraints: MediaStreamConstraints) {
        const stream = await real.getUserMedia(constraints);
        delivered.push(...stream.getTracks());
        await gate;
        return stream;
      },
      enumerateDevices: () => real.enumerateDevices(),
      addEventListener: real.addEventListener.bind(real),
      removeEventListener: real.removeEventListener.bind(real),
    } as unknown as MediaDevices;
    const check = new MediaCheck({ mediaDevices: slowDevices, preferences: new DevicePreferences({ storage: null }) });
    const starting = check.start();
    await waitUntil(() => delivered.length === 2, 'getUserMedia never answered');
    check.stop();
    release();
    await starting;
    expect(delivered.every((track) => track.readyState === 'ended')).to.equal(true);
    expect(check.value.camera.status).to.equal('idle');
  });

  it('switches device on request and remembers the choice', async () => {
    const preferences = new DevicePreferences({ storage: null });
    const check = new MediaCheck({ preferences });
    await check.start();
    try {
      const other = check.value.devices.microphone.find((d) => d.label === 'Fake Audio Input 2')!;
      const previous = check.value.microphone.track!;
      await check.useDevice('microphone', other.id);
      expect(previous.readyState).to.equal('ended');
      expect(check.value.microphone.deviceId).to.equal(other.id);
      expect(preferences.value.microphone).to.equal(other.id);
      check.answer('camera', true);
      await check.useDevice('camera', check.value.devices.camera[0]!.id);
      // A different camera has to be confirmed again.
      expect(check.value.answers.camera).to.equal(undefined);
    } finally {
      check.stop();
    }
  });
});
