import type { DeviceKind } from './media-devices.js';
import { Store, type Readable, type Unsubscribe } from './observable.js';

/** The localStorage key the chosen devices are kept under, namespaced so it cannot clash with the host's. */
export const DEVICE_PREFERENCES_KEY = 'care-meet:device-choices';

/** Chosen device ids only: labels can name the person ("Anna's AirPods") and are not stored. */
export type DeviceChoices = Readonly<Partial<Record<DeviceKind, string>>>;

/** The part of `Storage` used, so tests can pass one that throws. */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

export interface DevicePreferencesOptions {
  /** `null` keeps choices in memory only. Defaults to `localStorage` when the page may use it. */
  storage?: StorageLike | null;
  key?: string;
}

const KINDS: readonly DeviceKind[] = ['camera', 'microphone', 'speaker'];

function defaultStorage(): StorageLike | null {
  // Reading `localStorage` itself throws a SecurityError in a sandboxed iframe or with site data blocked.
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function read(storage: StorageLike | null, key: string): DeviceChoices {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(key) ?? '{}');
    const choices: Partial<Record<DeviceKind, string>> = {};
    for (const kind of KINDS) {
      const id = (parsed as Record<string, unknown> | null)?.[kind];
      if (typeof id === 'string' && id) choices[kind] = id;
    }
    return choices;
  } catch {
    return {};
  }
}

/**
 * The camera, microphone and speaker the person chose, remembered on this device for next time.
 * When storage is blocked or full the choices still hold for this page, and nothing throws.
 *
 * @example
 * const preferences = new DevicePreferences();
 * preferences.remember('microphone', deviceId);
 * preferences.value.microphone; // deviceId, also after a reload
 */
export class DevicePreferences implements Readable<DeviceChoices> {
  readonly #store: Store<DeviceChoices>;
  readonly #storage: StorageLike | null;
  readonly #key: string;

  constructor({ storage = defaultStorage(), key = DEVICE_PREFERENCES_KEY }: DevicePreferencesOptions = {}) {
    this.#storage = storage;
    this.#key = key;
    this.#store = new Store(read(storage, key));
  }

  get value(): DeviceChoices {
    return this.#store.value;
  }

  subscribe(listener: (value: DeviceChoices) => void): Unsubscribe {
    return this.#store.subscribe(listener);
  }

  /** Remembers `deviceId` for `kind`; `undefined` goes back to the browser's default. */
  remember(kind: DeviceKind, deviceId: string | undefined): void {
    const { [kind]: _previous, ...others } = this.#store.value;
    const next: DeviceChoices = deviceId ? { ...others, [kind]: deviceId } : others;
    this.#store.set(next);
    try {
      this.#storage?.setItem(this.#key, JSON.stringify(next));
    } catch {
      // Quota exceeded or storage blocked: the choice still holds until the page closes.
    }
  }
}
