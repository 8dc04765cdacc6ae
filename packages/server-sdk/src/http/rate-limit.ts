/**
 * A fixed-window counter per key, in memory: enough for one backend instance. (Several instances
 * would keep the counters in the shared store.) Bounded: the oldest keys go first when it is full.
 */
export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #maxKeys: number;
  readonly #hits = new Map<string, { count: number; resetAt: number }>();

  constructor(options: { limit: number; windowMs: number; maxKeys?: number }) {
    if (!(options.limit > 0) || !(options.windowMs > 0)) throw new TypeError('RateLimiter: limit and windowMs must be positive');
    this.#limit = options.limit;
    this.#windowMs = options.windowMs;
    this.#maxKeys = options.maxKeys ?? 100_000;
  }

  /** Counts one attempt for `key`; false when the key is over its limit in this window. */
  take(key: string, now = Date.now()): boolean {
    let entry = this.#hits.get(key);
    if (!entry || entry.resetAt <= now) {
      if (!entry && this.#hits.size >= this.#maxKeys) {
        const oldest = this.#hits.keys().next();
        if (!oldest.done) this.#hits.delete(oldest.value);
      }
      entry = { count: 0, resetAt: now + this.#windowMs };
      this.#hits.set(key, entry);
    }
    entry.count += 1;
    return entry.count <= this.#limit;
  }
}
