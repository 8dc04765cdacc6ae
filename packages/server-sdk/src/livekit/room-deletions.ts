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
}

export const DEFAULT_ROOM_DELETION_RETRY: Readonly<Required<RoomDeletionRetry>> = Object.freeze({
  firstRetryMs: 1000,
  maxRetryMs: 60_000,
  // LiveKitRoomControl's DeleteRoom may take two calls of up to 5 s each (the delete, then a look).
  attemptTimeoutMs: 10_000,
});

/** Checks the retry options; a `TypeError` names the one that is wrong. */
export function checkRoomDeletionRetry(retry: RoomDeletionRetry | undefined): Required<RoomDeletionRetry> {
  const r = { ...DEFAULT_ROOM_DELETION_RETRY, ...retry };
  for (const key of ['firstRetryMs', 'maxRetryMs', 'attemptTimeoutMs'] as const) {
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

  constructor(options: {
    store: MeetingStore;
    rooms: RoomControl;
    log: Logger;
    retry?: RoomDeletionRetry;
    /** Called once a background retry has deleted a room (`tries` counts the one `deleteNow` made). */
    deleted: (room: RoomToDelete, tries: number) => Promise<void>;
  }) {
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

  /** Retries, in the background, every room the store still lists (at start: what the last process left). Answers how many. */
  async resume(): Promise<number> {
    const rooms = await this.#store.listRoomsToDelete();
    for (const room of rooms) this.#schedule(room, 0, 0);
    return rooms.length;
  }

  /** Stops the background retries. What they had not deleted stays in the store for the next start. */
  close(): void {
    this.#closed = true;
    for (const r of this.#retrying.values()) if (r.timer) clearTimeout(r.timer);
    this.#retrying.clear();
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
