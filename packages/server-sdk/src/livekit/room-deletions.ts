import { randomBytes } from 'node:crypto';
import { CareMeetError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { MeetingStore, RoomToDelete } from '../store/meeting-store.js';
import type { RoomControl } from './room-control.js';

/** How the rooms of an ended meeting that LiveKit did not delete at once are deleted later. */
export interface RoomDeletionRetry {
  /** Wait before the first retry, in ms. Default 1000. */
  firstRetryMs?: number;
  /** The longest wait between two tries; the wait doubles up to it. Default 60 000. */
  maxRetryMs?: number;
  /** A try (the one `end` makes included) that has not finished after this long has failed. Default 10 000. */
  attemptTimeoutMs?: number;
  /**
   * Instances sharing a store retry under a lease: one holds it (renewing it every third of this)
   * and retries every room the store lists; another takes it over when it lapses (its holder died).
   * Default 30 000.
   */
  leaseMs?: number;
}

/** The lease the background room deletions run under (`MeetingStore.tryLease`). */
export const ROOM_DELETIONS_LEASE = 'room-deletions';

export const DEFAULT_ROOM_DELETION_RETRY: Readonly<Required<RoomDeletionRetry>> = Object.freeze({
  firstRetryMs: 1000,
  maxRetryMs: 60_000,
  // LiveKitRoomControl's DeleteRoom may take two calls of up to 5 s each (the delete, then a look).
  attemptTimeoutMs: 10_000,
  leaseMs: 30_000,
});

/** Checks the retry options; a `TypeError` names the one that is wrong. */
export function checkRoomDeletionRetry(retry: RoomDeletionRetry | undefined): Required<RoomDeletionRetry> {
  const r = { ...DEFAULT_ROOM_DELETION_RETRY, ...retry };
  for (const key of ['firstRetryMs', 'maxRetryMs', 'attemptTimeoutMs', 'leaseMs'] as const) {
    if (!Number.isFinite(r[key]) || r[key] < 1) throw new TypeError(`CareMeet.create: roomDeletionRetry.${key} must be a positive number of ms`);
  }
  if (r.maxRetryMs < r.firstRetryMs) throw new TypeError('CareMeet.create: roomDeletionRetry.maxRetryMs must not be below firstRetryMs');
  return r;
}

/** `work`, or `LIVEKIT_UNAVAILABLE` once it has taken `ms`: a hanging media server holds nobody up. */
function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CareMeetError('LIVEKIT_UNAVAILABLE', `the media server did not answer within ${ms} ms (${what})`)), ms);
    timer.unref();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * Deletes the LiveKit rooms of ended meetings until LiveKit has deleted each one. What is still to
 * delete is kept in the store, written in the same transaction as the end (`endMeeting`) or the
 * sighting of a room that came back (`requestRoomDeletion`), so a process that starts finds what
 * the last one left (`resume`), and several processes on one store see the same list.
 *
 * Any instance tries at once (`deleteNow`, for the end it handles); the retries in the background
 * run on one instance at a time, the one holding the store's `room-deletions` lease, which retries
 * every room the store lists, whichever instance failed to delete it. When that instance dies its
 * lease lapses and another takes it over, with the list.
 *
 * @example
 * ```ts
 * const deletions = new RoomDeletions({ store, rooms, log, deleted: async () => {} });
 * await deletions.resume(); // after a restart: retries what the store still lists
 * ```
 */
export class RoomDeletions {
  readonly #store: MeetingStore;
  readonly #rooms: RoomControl;
  readonly #log: Logger;
  readonly #retry: Required<RoomDeletionRetry>;
  readonly #deleted: (room: RoomToDelete, tries: number) => Promise<void>;
  /** Rooms with a background retry under way, by name: how many tries have failed, and its timer. */
  readonly #retrying = new Map<string, { failures: number; timer: NodeJS.Timeout | null }>();
  #closed = false;
  /** This instance's name on the lease. */
  readonly #holder: string;
  /** Until when this instance holds the lease (0: it does not). */
  #leaseUntil = 0;
  #sweepTimer: NodeJS.Timeout | null = null;
  #sweeping: Promise<number> | null = null;
  /** The rooms the last sweep found listed (null: no sweep since the lease was taken). */
  #seen: Set<string> | null = null;

  constructor(options: {
    store: MeetingStore;
    rooms: RoomControl;
    log: Logger;
    retry?: RoomDeletionRetry;
    /** Called once a background retry has deleted a room (`tries` counts the one `deleteNow` made). */
    deleted: (room: RoomToDelete, tries: number) => Promise<void>;
    /** This instance's name on the lease. Default: random. */
    holder?: string;
  }) {
    this.#holder = options.holder ?? `rd_${randomBytes(9).toString('base64url')}`;
    this.#store = options.store;
    this.#rooms = options.rooms;
    this.#log = options.log;
    this.#retry = checkRoomDeletionRetry(options.retry);
    this.#deleted = options.deleted;
  }

  /**
   * Deletes the rooms the store lists for this meeting, one bounded try each, now. A room LiveKit
   * did not delete is retried in the background, and the first failure is thrown.
   */
  async deleteMeetingRooms(meetingId: string): Promise<void> {
    const results = await Promise.allSettled((await this.#store.listRoomsToDelete(meetingId)).map((room) => this.deleteNow(room)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** One bounded try at deleting `room` now; when it fails, the room is retried in the background and the failure thrown. */
  async deleteNow(room: RoomToDelete): Promise<void> {
    try {
      await this.#try(room);
    } catch (e) {
      this.#retryLater(room, 1, e);
      throw e;
    }
  }

  /**
   * Starts the background work: takes the lease if nobody holds it and then retries every room the
   * store still lists (at start: what the last process left); from then on, every third of the
   * lease, renews it (or takes it over once lapsed) and picks up rooms newly listed. Answers how
   * many rooms it took up now (0 when another instance holds the lease).
   */
  async resume(): Promise<number> {
    if (!this.#sweepTimer && !this.#closed) {
      this.#sweepTimer = setInterval(() => void this.#sweep(), Math.max(1, Math.floor(this.#retry.leaseMs / 3)));
      this.#sweepTimer.unref();
    }
    return this.#sweep();
  }

  /** Whether this instance holds the lease now (tests and metrics). */
  get holdsLease(): boolean {
    return this.#holdsLease();
  }

  /**
   * Stops the background retries and gives the lease up, so another instance takes the list over at
   * once. What they had not deleted stays in the store for the next start.
   */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#sweepTimer) clearInterval(this.#sweepTimer);
    this.#sweepTimer = null;
    this.#stopRetries();
    const held = this.#leaseUntil > 0;
    this.#leaseUntil = 0;
    if (held) await this.#store.releaseLease(ROOM_DELETIONS_LEASE, this.#holder).catch(() => {});
  }

  #holdsLease(): boolean {
    return this.#leaseUntil > Date.now();
  }

  #stopRetries(): void {
    for (const r of this.#retrying.values()) if (r.timer) clearTimeout(r.timer);
    this.#retrying.clear();
  }

  /** Renews or takes the lease; holding it, schedules every listed room not scheduled yet. One at a time. */
  #sweep(): Promise<number> {
    this.#sweeping ??= this.#sweepOnce().finally(() => (this.#sweeping = null));
    return this.#sweeping;
  }

  async #sweepOnce(): Promise<number> {
    if (this.#closed) return 0;
    const ttl = this.#retry.leaseMs;
    const asked = Date.now();
    let held: boolean;
    try {
      held = this.#leaseUntil > 0 && (await this.#store.renewLease(ROOM_DELETIONS_LEASE, this.#holder, ttl, new Date(asked)));
      if (!held) held = await this.#store.tryLease(ROOM_DELETIONS_LEASE, this.#holder, ttl, new Date(asked));
    } catch (e) {
      // The store did not answer: the lease may lapse meanwhile, and another instance take it.
      this.#log.warn('room deletions: the lease could not be renewed', { error: e instanceof Error ? e.message : 'unknown' });
      if (!this.#holdsLease()) this.#stopRetries();
      return 0;
    }
    if (this.#closed) {
      if (held) await this.#store.releaseLease(ROOM_DELETIONS_LEASE, this.#holder).catch(() => {});
      return 0;
    }
    if (!held) {
      if (this.#leaseUntil > 0) this.#log.info('room deletions: another instance holds the lease now');
      this.#leaseUntil = 0;
      this.#seen = null;
      this.#stopRetries();
      return 0;
    }
    if (this.#leaseUntil === 0) {
      this.#log.info('room deletions: this instance took the lease');
      this.#seen = null;
    }
    // Counted from when it was asked for: the store's until is no earlier than that.
    this.#leaseUntil = asked + ttl;
    // Rate-limit windows and leases that are over (the lease holder tidies up for every instance).
    await this.#store.forgetExpired(new Date(asked)).catch(() => {});
    let rooms: RoomToDelete[];
    try {
      rooms = await this.#store.listRoomsToDelete();
    } catch {
      return 0;
    }
    // Just taken: everything listed (what a dead or stopped holder left). Later, a room listed since
    // the last sweep only: one just asked for is being tried by the instance that asked.
    const before = this.#seen;
    this.#seen = new Set(rooms.map((r) => r.roomName));
    let taken = 0;
    for (const room of rooms) {
      if (this.#retrying.has(room.roomName) || (before !== null && !before.has(room.roomName))) continue;
      this.#schedule(room, 0, 0);
      taken++;
    }
    return taken;
  }

  /** Rooms with a background retry under way (for tests and metrics). */
  get retrying(): number {
    return this.#retrying.size;
  }

  async #try(room: RoomToDelete): Promise<void> {
    await within(this.#rooms.deleteRoom(room.roomName), this.#retry.attemptTimeoutMs, 'DeleteRoom');
    // Gone. Unless it was asked for again meanwhile (it came back), the request is done.
    await this.#store.roomDeleted(room);
  }

  #retryLater(room: RoomToDelete, failures: number, error: unknown): void {
    if (this.#closed || this.#retrying.has(room.roomName)) return;
    if (!this.#holdsLease()) {
      // The room stays listed in the store: the instance holding the lease retries it.
      this.#log.warn('room not deleted; left to the instance retrying in the background', {
        meetingId: room.meetingId,
        code: error instanceof CareMeetError ? error.code : 'INTERNAL',
      });
      return;
    }
    const wait = Math.min(this.#retry.maxRetryMs, this.#retry.firstRetryMs * 2 ** (failures - 1));
    // A little jitter, so that instances sharing a store do not all call at the same moment.
    const jittered = Math.round(wait * (0.8 + Math.random() * 0.4));
    this.#log.warn('room not deleted; retrying in the background', {
      meetingId: room.meetingId,
      code: error instanceof CareMeetError ? error.code : 'INTERNAL',
      failures,
      retryInMs: jittered,
    });
    this.#schedule(room, failures, jittered);
  }

  #schedule(room: RoomToDelete, failures: number, waitMs: number): void {
    if (this.#closed || this.#retrying.has(room.roomName)) return;
    const entry: { failures: number; timer: NodeJS.Timeout | null } = { failures, timer: null };
    entry.timer = setTimeout(() => {
      entry.timer = null;
      void this.#retryNow(room, entry);
    }, waitMs);
    entry.timer.unref();
    this.#retrying.set(room.roomName, entry);
  }

  async #retryNow(scheduled: RoomToDelete, entry: { failures: number; timer: NodeJS.Timeout | null }): Promise<void> {
    if (!this.#holdsLease()) {
      // The lease lapsed (the store did not answer its renewal): another instance may retry now.
      if (this.#retrying.get(scheduled.roomName) === entry) this.#retrying.delete(scheduled.roomName);
      return;
    }
    let room: RoomToDelete | undefined;
    try {
      // The store's own list: another request since (the room came back) or another process may
      // have changed it, and a room no longer listed has been deleted already.
      room = (await this.#store.listRoomsToDelete(scheduled.meetingId)).find((r) => r.roomName === scheduled.roomName);
      if (room) await this.#try(room);
    } catch (e) {
      if (this.#retrying.get(scheduled.roomName) !== entry) return;
      this.#retrying.delete(scheduled.roomName);
      this.#retryLater(room ?? scheduled, entry.failures + 1, e);
      return;
    }
    if (this.#retrying.get(scheduled.roomName) !== entry) return;
    this.#retrying.delete(scheduled.roomName);
    if (room) {
      try {
        await this.#deleted(room, entry.failures + 1);
      } catch (e) {
        this.#log.warn('room deleted; the audit entry was not written', { meetingId: room.meetingId, error: e instanceof Error ? e.name : 'unknown' });
      }
    }
  }
}
