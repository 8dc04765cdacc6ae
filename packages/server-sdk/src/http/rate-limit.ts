import { createHash } from 'node:crypto';
import type { MeetingStore } from '../store/meeting-store.js';

/** Options of `RateLimiter`. */
export interface RateLimiterOptions {
  /** Attempts allowed per key and window. */
  limit: number;
  /** A key's window starts at its first attempt and lasts this long, in ms. */
  windowMs: number;
  /**
   * Keeps the counts in the store, shared by every instance on it (and kept over a restart): with
   * several instances, one more instance is not one more chance. Without it, in this process's memory.
   */
  store?: Pick<MeetingStore, 'countRateLimitHit' | 'forgetExpired'>;
  /** The limiter's name in the store, so that two limiters' keys never meet. Required with `store`. */
  name?: string;
  /** At most this many keys in memory (the counts without a store; the keys known to be over the limit with one). Default 100 000. */
  maxKeys?: number;
}

/**
 * A fixed-window counter per key: each key's window starts at its first attempt. With a `store`,
 * the counts are the store's (one atomic upsert per attempt); a key found over its limit is then
 * refused from memory until its window ends, so a flood of attempts does not become a flood of
 * writes. The store keeps a hash of the key (a client address is personal data), and windows that
 * ended are pruned once per window. Bounded in memory: the oldest keys go first when it is full.
 *
 * @example
 * ```ts
 * const perAddress = new RateLimiter({ limit: 30, windowMs: 60_000, store, name: 'invites-per-address' });
 * if (!(await perAddress.take(clientAddress))) throw new CareMeetError('RATE_LIMITED', 'too many attempts');
 * ```
 */
export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #maxKeys: number;
  readonly #store: RateLimiterOptions['store'] | null;
  readonly #name: string;
  /** Without a store: the counts. With one: the keys over the limit, until their window ends (count unused). */
  readonly #hits = new Map<string, { count: number; resetAt: number }>();
  #pruneAt = 0;

  constructor(options: RateLimiterOptions) {
    if (!(options.limit > 0) || !(options.windowMs > 0)) throw new TypeError('RateLimiter: limit and windowMs must be positive');
    if (options.store && !(typeof options.name === 'string' && /^[a-z0-9-]{1,40}$/.test(options.name))) {
      throw new TypeError('RateLimiter: with a store, name must be 1 to 40 lower-case letters, digits or dashes');
    }
    this.#limit = options.limit;
    this.#windowMs = options.windowMs;
    this.#maxKeys = options.maxKeys ?? 100_000;
    this.#store = options.store ?? null;
    this.#name = options.name ?? '';
  }

  /** Counts one attempt for `key`; false when the key is over its limit in this window. */
  async take(key: string, now = Date.now()): Promise<boolean> {
    if (!this.#store) return this.#takeInMemory(key, now);
    const over = this.#hits.get(key);
    if (over) {
      if (over.resetAt > now) return false;
      this.#hits.delete(key);
    }
    if (now >= this.#pruneAt) {
      this.#pruneAt = now + this.#windowMs;
      // Windows that ended mean nothing: the table holds the keys of one window or so. A failure is
      // tried again a window later.
      this.#store.forgetExpired(new Date(now)).catch(() => {});
    }
    const hashed = `${this.#name}:${createHash('sha256').update(key).digest('base64url')}`;
    const { count, resetAt } = await this.#store.countRateLimitHit(hashed, new Date(now), this.#windowMs);
    if (count <= this.#limit) return true;
    this.#remember(key, { count, resetAt: resetAt.getTime() });
    return false;
  }

  #remember(key: string, entry: { count: number; resetAt: number }): void {
    if (!this.#hits.has(key) && this.#hits.size >= this.#maxKeys) {
      const oldest = this.#hits.keys().next();
      if (!oldest.done) this.#hits.delete(oldest.value);
    }
    this.#hits.set(key, entry);
  }

  #takeInMemory(key: string, now: number): boolean {
    let entry = this.#hits.get(key);
    if (!entry || entry.resetAt <= now) {
      entry = { count: 0, resetAt: now + this.#windowMs };
      this.#remember(key, entry);
    }
    entry.count += 1;
    return entry.count <= this.#limit;
  }
}
