import type { CareMeetError } from '../errors.js';
import type { Meeting } from '../model.js';
import type { MeetingContext } from './context.js';
import { iso } from './views.js';

const RECONCILE_EVERY_MS = 30_000;

/**
 * Reconciliation: webhooks can be dropped, so the stored connection state is brought in line with
 * LiveKit's participant lists now and then, and someone removed who is connected again is
 * disconnected again (for the webhooks too).
 */
export class Reconciliation {
  readonly #ctx: MeetingContext;
  readonly #reconciledAt = new Map<string, number>();
  /**
   * One set per reconciliation under way: the participants whose connection or lobby state a
   * webhook changed since it started reading LiveKit's lists (a change its lists may not show).
   */
  readonly #changedDuringReconcile = new Set<Set<string>>();

  constructor(ctx: MeetingContext) {
    this.#ctx = ctx;
  }

  /** Webhooks can be dropped: now and then, compare the room with LiveKit's own list. */
  async maybeReconcile(meeting: Meeting): Promise<void> {
    const ctx = this.#ctx;
    if (meeting.endedAt !== null) return;
    const last = this.#reconciledAt.get(meeting.id) ?? 0;
    if (Date.now() - last < RECONCILE_EVERY_MS) return;
    this.#reconciledAt.set(meeting.id, Date.now());
    try {
      // Once per window across instances too: the window is a lease on the meeting, left to lapse.
      if (!(await ctx.store.tryLease(`reconcile:${meeting.id}`, ctx.instanceId, RECONCILE_EVERY_MS, new Date()))) return;
      await this.reconcile(meeting.id);
    } catch (e) {
      ctx.log.warn('reconcile failed', { meetingId: meeting.id, code: (e as CareMeetError).code ?? 'INTERNAL' });
    }
  }

  /** See `CareMeet.reconcile`. */
  async reconcile(meetingId: string): Promise<void> {
    const meeting = await this.#ctx.meeting(meetingId);
    // LiveKit's lists are a snapshot: a webhook handled after it was taken is newer, and wins.
    const changed = new Set<string>();
    this.#changedDuringReconcile.add(changed);
    try {
      await this.#reconcile(meeting, changed);
    } finally {
      this.#changedDuringReconcile.delete(changed);
    }
  }

  /** Tells every reconciliation under way that a webhook changed this participant's state. */
  changedByWebhook(participantId: string): void {
    for (const changed of this.#changedDuringReconcile) changed.add(participantId);
  }

  async #reconcile(meeting: Meeting, changedByWebhook: ReadonlySet<string>): Promise<void> {
    const ctx = this.#ctx;
    const [inRoom, inLobby] = await Promise.all([ctx.rooms.listParticipants(meeting.roomName), ctx.rooms.listParticipants(meeting.lobbyRoomName)]);
    const now = ctx.now();
    const registered = await ctx.store.listParticipants(meeting.id);
    const roomIds = new Set(inRoom.map((p) => p.identity));
    const lobbyIds = new Set(inLobby.map((p) => p.identity));
    for (const p of registered) {
      const connected = roomIds.has(p.id);
      if (p.removedAt !== null && (connected || lobbyIds.has(p.id))) {
        // Removed, yet connected (a webhook that never came): disconnect them again, wherever they are.
        if (connected) await this.removeAgain(meeting, p.id, p.removedAt, p.id, meeting.roomName);
        if (lobbyIds.has(p.id)) await this.removeAgain(meeting, p.id, p.removedAt, p.id, meeting.lobbyRoomName);
        continue;
      }
      if (changedByWebhook.has(p.id)) continue;
      // Changes found here are told to the event stream as a webhook's would be, so a roster follows.
      if (connected !== (p.connectedAt !== null)) {
        await ctx.store.setConnection({ participantId: p.id, connected, at: now });
        ctx.publish(meeting.id, { type: connected ? 'participant-connected' : 'participant-disconnected', participantId: p.id, at: iso(now) });
      }
      const waiting = lobbyIds.has(p.id) && p.admittedAt === null && p.removedAt === null;
      if (waiting !== p.inLobby) {
        await ctx.store.setWaiting(p.id, waiting);
        ctx.publish(meeting.id, { type: waiting ? 'lobby-waiting' : 'lobby-left', participantId: p.id, at: iso(now) });
      }
    }
    // Someone not on the list, in the meeting's room or its lobby: flagged (or, if the chair
    // removed them, disconnected again); one who is in neither any more is no longer flagged.
    const known = new Set(registered.map((p) => p.id));
    const flagged = new Set((await ctx.store.listStrangers(meeting.id)).map((s) => s.identity));
    for (const identity of flagged) if (!roomIds.has(identity) && !lobbyIds.has(identity)) await ctx.store.removeStranger(meeting.id, identity);
    for (const [room, present] of [
      [meeting.roomName, inRoom],
      [meeting.lobbyRoomName, inLobby],
    ] as const) {
      for (const lp of present) {
        if (known.has(lp.identity) || flagged.has(lp.identity)) continue;
        const removedAt = await ctx.store.strangerRemovedAt(meeting.id, lp.identity);
        if (removedAt) await this.removeAgain(meeting, lp.identity, removedAt, null, room);
        else {
          await ctx.store.addStranger({ meetingId: meeting.id, identity: lp.identity, name: lp.name, connectedAt: now });
          flagged.add(lp.identity);
        }
      }
    }
  }

  /**
   * Someone the chair removed is connected again (with a token from before the removal, which
   * LiveKit's open-source server does not revoke): audited, and disconnected again.
   * `participantId` is `null` for someone not on the list, whose identity is not written down.
   */
  async removeAgain(meeting: Meeting, identity: string, removedAt: Date, participantId: string | null, room: string): Promise<void> {
    await this.#ctx.audit(meeting.id, 'removed.reconnected', 'livekit', participantId, 'refused', 'REMOVED', participantId ? {} : { stranger: true });
    await this.#ctx.rooms.removeParticipant(room, identity, removedAt);
  }
}
