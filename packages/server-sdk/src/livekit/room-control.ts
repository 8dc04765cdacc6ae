import { EgressClient, RoomServiceClient } from 'livekit-server-sdk';
import { CareMeetError } from '../errors.js';

export interface RoomLimits {
  /** Seconds a created room waits for its first participant before LiveKit closes it. */
  emptyTimeoutSeconds: number;
  /** Seconds after the last participant leaves before LiveKit closes it. */
  departureTimeoutSeconds: number;
}

export const DEFAULT_ROOM_LIMITS: RoomLimits = Object.freeze({ emptyTimeoutSeconds: 300, departureTimeoutSeconds: 30 });

export interface LiveParticipant {
  identity: string;
  name: string;
}

export interface MediaServerPermission {
  canPublish: boolean;
  canSubscribe: boolean;
  canPublishData: boolean;
}

/**
 * What care-meet asks of the media server. `LiveKitRoomControl` implements it over LiveKit's
 * RoomService and Egress APIs; tests may implement it to fail on purpose.
 */
export interface RoomControl {
  ensureRoom(name: string, maxParticipants: number): Promise<void>;
  deleteRoom(name: string): Promise<void>;
  listParticipants(room: string): Promise<LiveParticipant[]>;
  removeParticipant(room: string, identity: string, revokeTokensIssuedBefore?: Date): Promise<void>;
  updatePermission(room: string, identity: string, permission: MediaServerPermission): Promise<void>;
  stopEgress(egressId: string): Promise<void>;
}

function isNotFound(e: unknown): boolean {
  const err = e as { code?: unknown; status?: unknown };
  return err?.code === 'not_found' || err?.status === 404;
}

function unavailable(what: string, cause: unknown): CareMeetError {
  return new CareMeetError('LIVEKIT_UNAVAILABLE', `the media server did not answer (${what})`, { cause });
}

/**
 * Room control over LiveKit's Twirp API. Rooms are created explicitly (the deployment runs with
 * `room.auto_create: false`), with a participant cap and short timeouts; "not found" on delete or
 * remove counts as done.
 *
 * @example
 * ```ts
 * const rooms = new LiveKitRoomControl({ url: 'http://127.0.0.1:7880', apiKey: 'devkey', apiSecret: 'secret' });
 * await rooms.ensureRoom('r_…', 8);
 * ```
 */
export class LiveKitRoomControl implements RoomControl {
  readonly #rooms: RoomServiceClient;
  readonly #egress: EgressClient;
  readonly #limits: RoomLimits;

  constructor(options: { url: string; apiKey: string; apiSecret: string; limits?: RoomLimits; requestTimeoutSeconds?: number }) {
    const clientOptions = { requestTimeout: options.requestTimeoutSeconds ?? 5 };
    this.#rooms = new RoomServiceClient(options.url, options.apiKey, options.apiSecret, clientOptions);
    this.#egress = new EgressClient(options.url, options.apiKey, options.apiSecret, clientOptions);
    this.#limits = options.limits ?? DEFAULT_ROOM_LIMITS;
  }

  async ensureRoom(name: string, maxParticipants: number): Promise<void> {
    try {
      await this.#rooms.createRoom({
        name,
        maxParticipants,
        emptyTimeout: this.#limits.emptyTimeoutSeconds,
        departureTimeout: this.#limits.departureTimeoutSeconds,
      });
    } catch (e) {
      throw unavailable('CreateRoom', e);
    }
  }

  /** Deletions under way, by room: a second request for the same room waits for the first. */
  readonly #deleting = new Map<string, Promise<void>>();

  /**
   * Deletes a room; one that does not exist is already what was wanted. Two deletions of one room
   * at once (the chair ending the meeting while a webhook shows the room alive) are one call: LiveKit
   * v1.13.5 answers the second, while the first tears the room down, after 3 s with 503 "no response
   * from servers". Should LiveKit fail anyway, the room is looked up: gone is done.
   */
  async deleteRoom(name: string): Promise<void> {
    const under = this.#deleting.get(name);
    if (under) return under;
    const deleting = this.#delete(name).finally(() => this.#deleting.delete(name));
    this.#deleting.set(name, deleting);
    return deleting;
  }

  async #delete(name: string): Promise<void> {
    try {
      await this.#rooms.deleteRoom(name);
    } catch (e) {
      if (isNotFound(e)) return;
      let stillThere = true;
      try {
        stillThere = (await this.#rooms.listRooms([name])).some((r) => r.name === name);
      } catch {
        // Not known either way: the first failure is the answer.
      }
      if (stillThere) throw unavailable('DeleteRoom', e);
    }
  }

  async listParticipants(room: string): Promise<LiveParticipant[]> {
    try {
      return (await this.#rooms.listParticipants(room)).map((p) => ({ identity: p.identity, name: p.name }));
    } catch (e) {
      if (isNotFound(e)) return [];
      throw unavailable('ListParticipants', e);
    }
  }

  async removeParticipant(room: string, identity: string, revokeTokensIssuedBefore?: Date): Promise<void> {
    try {
      await this.#rooms.removeParticipant(
        room,
        identity,
        revokeTokensIssuedBefore ? { revokeTokenTs: BigInt(Math.ceil(revokeTokensIssuedBefore.getTime() / 1000)) } : undefined,
      );
    } catch (e) {
      if (!isNotFound(e)) throw unavailable('RemoveParticipant', e);
    }
  }

  async updatePermission(room: string, identity: string, permission: MediaServerPermission): Promise<void> {
    try {
      await this.#rooms.updateParticipant(room, identity, { permission });
    } catch (e) {
      if (!isNotFound(e)) throw unavailable('UpdateParticipant', e);
    }
  }

  async stopEgress(egressId: string): Promise<void> {
    try {
      await this.#egress.stopEgress(egressId);
    } catch (e) {
      if (!isNotFound(e)) throw unavailable('StopEgress', e);
    }
  }
}
