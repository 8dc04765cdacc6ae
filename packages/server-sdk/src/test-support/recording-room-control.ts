import { createHash } from 'node:crypto';
import { AccessToken } from 'livekit-server-sdk';
import type { LiveParticipant, MediaServerPermission, RoomControl } from '../livekit/room-control.js';
import { CareMeetError } from '../errors.js';

/**
 * A RoomControl for unit tests of the service and the HTTP layer: records each call and keeps a
 * small model of the rooms. (The wire-level LiveKit test double lives in the repository's `test/`.)
 */
export class RecordingRoomControl implements RoomControl {
  readonly calls: Array<{ op: string; args: unknown[] }> = [];
  readonly rooms = new Map<string, { maxParticipants: number; participants: Map<string, string> }>();
  /** When set, every call fails as an unreachable media server would. */
  down = false;
  /**
   * When set, `deleteRoom` and `stopEgress` wait for it before they take effect: a media server that
   * takes the request and does not answer (`new Promise(() => {})` never does). Calls made after it
   * is cleared go through.
   */
  hangUntil: Promise<void> | null = null;

  #record(op: string, ...args: unknown[]): void {
    this.calls.push({ op, args });
    if (this.down) throw new CareMeetError('LIVEKIT_UNAVAILABLE', 'the media server did not answer (test)');
  }

  async #hang(): Promise<void> {
    if (this.hangUntil) await this.hangUntil;
  }

  /** Simulates a client connecting to a room (what LiveKit's own participant list would show). */
  connect(room: string, identity: string, name: string): void {
    this.rooms.get(room)?.participants.set(identity, name);
  }

  disconnect(room: string, identity: string): void {
    this.rooms.get(room)?.participants.delete(identity);
  }

  ops(): string[] {
    return this.calls.map((c) => c.op);
  }

  async ensureRoom(name: string, maxParticipants: number): Promise<void> {
    this.#record('ensureRoom', name, maxParticipants);
    if (!this.rooms.has(name)) this.rooms.set(name, { maxParticipants, participants: new Map() });
  }

  async deleteRoom(name: string): Promise<void> {
    this.#record('deleteRoom', name);
    await this.#hang();
    this.rooms.delete(name);
  }

  /**
   * When set, `listParticipants` reads its list at once and answers only when this settles: a
   * list that has gone stale on its way, as LiveKit's can while webhooks arrive.
   */
  listHeldUntil: Promise<void> | null = null;

  async listParticipants(room: string): Promise<LiveParticipant[]> {
    this.#record('listParticipants', room);
    const list = [...(this.rooms.get(room)?.participants ?? new Map<string, string>())].map(([identity, name]) => ({ identity, name }));
    if (this.listHeldUntil) await this.listHeldUntil;
    return list;
  }

  async removeParticipant(room: string, identity: string, revokeTokensIssuedBefore?: Date): Promise<void> {
    this.#record('removeParticipant', room, identity, revokeTokensIssuedBefore);
    this.rooms.get(room)?.participants.delete(identity);
  }

  async updatePermission(room: string, identity: string, permission: MediaServerPermission): Promise<void> {
    this.#record('updatePermission', room, identity, permission);
  }

  async stopEgress(egressId: string): Promise<void> {
    this.#record('stopEgress', egressId);
    await this.#hang();
  }
}

/** Signs a webhook body the way LiveKit does: a JWT whose `sha256` claim is the body's digest. */
export async function signWebhook(body: string, apiKey: string, apiSecret: string): Promise<string> {
  const at = new AccessToken(apiKey, apiSecret);
  at.sha256 = createHash('sha256').update(body).digest('base64');
  return at.toJwt();
}

/** Decodes a JWT's payload without verifying it (tests inspect what was minted). */
export function decodeJwtPayload(jwt: string): Record<string, unknown> {
  const part = jwt.split('.')[1];
  if (!part) throw new TypeError('not a JWT');
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}
