import { expect } from '@open-wc/testing';

import { DEVICE_PREFERENCES_KEY, DevicePreferences, type StorageLike } from './device-preferences.js';

describe('DevicePreferences', () => {
  const key = 'care-meet:device-choices:test';
  afterEach(() => localStorage.removeItem(key));

  it('keeps device ids under a namespaced localStorage key, for the next visit', () => {
    expect(DEVICE_PREFERENCES_KEY).to.match(/^care-meet:/);
    const preferences = new DevicePreferences({ key });
    const seen: unknown[] = [];
    preferences.subscribe((value) => seen.push(value));
    preferences.remember('camera', 'camera-2');
    preferences.remember('speaker', 'speaker-1');
    expect(JSON.parse(localStorage.getItem(key)!)).to.deep.equal({ camera: 'camera-2', speaker: 'speaker-1' });
    expect(new DevicePreferences({ key }).value).to.deep.equal({ camera: 'camera-2', speaker: 'speaker-1' });
    expect(seen).to.have.length(2);
  });

  it('forgets a choice to go back to the default device', () => {
    const preferences = new DevicePreferences({ key });
    preferences.remember('microphone', 'mic-1');
    preferences.remember('microphone', undefined);
    expect(preferences.value).to.deep.equal({});
    expect(new DevicePreferences({ key }).value).to.deep.equal({});
  });

  it('ignores stored values that are not device ids', () => {
    localStorage.setItem(key, JSON.stringify({ camera: 42, microphone: 'mic-1', speaker: '' }));
    expect(new DevicePreferences({ key }).value).to.deep.equal({ microphone: 'mic-1' });
    localStorage.setItem(key, '{not json');
    expect(new DevicePreferences({ key }).value).to.deep.equal({});
  });

  it('still works, in memory, when storage is blocked or full', () => {
    const blocked: StorageLike = {
      getItem() {
        throw new DOMException('blocked', 'SecurityError');
      },
      setItem() {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    const preferences = new DevicePreferences({ storage: blocked, key });
    expect(preferences.value).to.deep.equal({});
    preferences.remember('camera', 'camera-1');
    expect(preferences.value).to.deep.equal({ camera: 'camera-1' });
    expect(new DevicePreferences({ storage: null, key }).value).to.deep.equal({});
  });
});
