/** Stops a subscription. Calling it twice is harmless. */
export type Unsubscribe = () => void;

/**
 * The one shape every piece of core state exposes: a current value and change notifications.
 * Framework-agnostic on purpose, so core code is testable without Lit and adaptable to any UI;
 * `SubscribeController` adapts it to a Lit element.
 *
 * Listeners are not called on subscribe; read `value` for the current state.
 */
export interface Readable<T> {
  readonly value: T;
  subscribe(listener: (value: T) => void): Unsubscribe;
}

/**
 * A minimal observable value. Values are treated as immutable: `set` with a new object notifies,
 * `set` with the identical value does not.
 *
 * @example
 * const count = new Store(0);
 * const stop = count.subscribe((n) => console.log(n));
 * count.update((n) => n + 1); // logs 1
 * stop();
 */
export class Store<T> implements Readable<T> {
  #value: T;
  readonly #listeners = new Set<(value: T) => void>();

  constructor(initial: T) {
    this.#value = initial;
  }

  get value(): T {
    return this.#value;
  }

  set(next: T): void {
    if (Object.is(next, this.#value)) return;
    this.#value = next;
    // Copy: a listener may unsubscribe (or subscribe another) while we iterate.
    for (const listener of [...this.#listeners]) listener(next);
  }

  update(change: (value: T) => T): void {
    this.set(change(this.#value));
  }

  subscribe(listener: (value: T) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }
}
