import { decideChairAction, type ChairAction } from '../admission/decide.js';
import { keyringIndex, newMeetingKey } from '../e2ee/meeting-keys.js';
import { CareMeetError } from '../errors.js';
import type { Meeting, Participant } from '../model.js';
import type { Stranger } from '../store/meeting-store.js';
import type { Caller, MeetingContext } from './context.js';
import { iso, type MeetingView } from './views.js';

/**
 * Decides whether `caller` may take `action` on the meeting (`decideChairAction`); a refusal is
 * audited (but a refused roster read) and thrown. The roster's read goes through it too.
 */
export async function authorizeChairAction(
  ctx: MeetingContext,
  action: ChairAction,
  meetingId: string,
  caller: Caller,
  targetId?: string,
  stranger?: Stranger | null,
): Promise<{ meeting: Meeting; actorId: string; target: Participant | null }> {
  const meeting = await ctx.meeting(meetingId);
  const actor = await ctx.actor(meeting, caller);
  const target = targetId === undefined ? undefined : await ctx.store.getParticipant(targetId);
  const decision = decideChairAction(action, { meeting, actor, target: target ?? null, stranger, now: ctx.now(), policy: ctx.policy });
  const actorId = actor === 'organizer' ? 'organizer' : actor.id;
  if (decision.outcome === 'refuse') {
    if (action !== 'roster') {
      await ctx.audit(meeting.id, action, actorId, target?.id ?? null, 'refused', decision.code, {});
    }
    throw new CareMeetError(decision.code, decision.reason);
  }
  return { meeting, actorId, target: target ?? null };
}

/** The chair's actions (the organizer's too): admit, remove (a registration or a stranger), end. */
export class ChairActions {
  readonly #ctx: MeetingContext;

  constructor(ctx: MeetingContext) {
    this.#ctx = ctx;
  }

  /** See `CareMeet.admit`. */
  async admit(meetingId: string, participantId: string, caller: Caller): Promise<{ participantId: string; admittedAt: string }> {
    const ctx = this.#ctx;
    const { meeting, actorId, target } = await authorizeChairAction(ctx, 'admit', meetingId, caller, participantId);
    const p = target as Participant;
    const now = ctx.now();
    await ctx.store.setAdmitted(p.id, now);
    await ctx.audit(meeting.id, 'admit', actorId, p.id, 'ok', null, { fromLobby: p.inLobby });
    ctx.publish(meeting.id, { type: 'admitted', participantId: p.id, at: iso(now) });
    if (p.inLobby) {
      // No longer waiting: the roster shows them as let in until they connect to the room.
      await ctx.store.setWaiting(p.id, false);
      // Freeze the lobby connection at once; the element reconnects to the meeting's room.
      await ctx.rooms.updatePermission(meeting.lobbyRoomName, p.id, { canPublish: false, canSubscribe: false, canPublishData: false });
    }
    return { participantId: p.id, admittedAt: iso(now) };
  }

  /** See `CareMeet.remove`. */
  async remove(meetingId: string, participantId: string, caller: Caller): Promise<{ participantId: string; removedAt: string }> {
    const ctx = this.#ctx;
    const registered = await ctx.store.getParticipant(participantId);
    if (registered?.meetingId !== meetingId) {
      // Not on this meeting's list: perhaps someone connected who should not be (the roster's strangers).
      const stranger = (await ctx.store.listStrangers(meetingId)).find((s) => s.identity === participantId);
      if (stranger) return this.#removeStranger(meetingId, stranger, caller);
    }
    const { meeting, actorId, target } = await authorizeChairAction(ctx, 'remove', meetingId, caller, participantId);
    const p = target as Participant;
    const now = ctx.now();
    // Someone who was let in had the meeting's key: the next one is made in the removal's own
    // transaction, so no crash leaves them removed with the key they hold still current. (A guest
    // turned away from the lobby never had one.)
    const keys = ctx.meetingKeys;
    const rotate =
      meeting.e2ee && p.admittedAt !== null && keys !== null
        ? {
            next: (keyIndex: number) => ({
              sealed: keys.seal(meeting.id, keyIndex, newMeetingKey()),
              audit: [
                ctx.entry(meeting.id, 'e2ee.rotate', actorId, p.id, 'ok', null, { keyIndex: keyringIndex(keyIndex), rotation: keyIndex, reason: 'removed' }),
              ],
            }),
          }
        : undefined;
    if (meeting.e2ee && p.admittedAt !== null && keys === null) {
      ctx.log.warn('e2ee: a participant of an end-to-end encrypted meeting was removed, and the key was not rotated: no E2EE key is configured', {
        meetingId: meeting.id,
      });
    }
    const rotated = await ctx.store.setRemoved(p.id, now, {
      audit: [ctx.entry(meeting.id, 'remove', actorId, p.id, 'ok', null, { fromLobby: p.inLobby })],
      ...(rotate ? { rotate } : {}),
    });
    await ctx.store.setWaiting(p.id, false);
    ctx.publish(meeting.id, { type: 'removed', participantId: p.id, at: iso(now) });
    // After 'removed': a stream tells only those still in to fetch the new key.
    if (rotated !== null) ctx.publish(meeting.id, { type: 'key-rotated', keyIndex: keyringIndex(rotated), at: iso(now) });
    // Out of both rooms now. revokeTokenTs asks LiveKit to refuse tokens minted before now, which
    // its open-source server ignores (v1.13.5): a held token still connects, and what keeps the
    // person out is the participant_joined webhook and reconciliation removing them again
    // (test/real-livekit/media-path.test.ts shows it).
    await Promise.all([ctx.rooms.removeParticipant(meeting.roomName, p.id, now), ctx.rooms.removeParticipant(meeting.lobbyRoomName, p.id, now)]);
    return { participantId: p.id, removedAt: iso(now) };
  }

  /**
   * The chair disconnects someone connected who is not on the list (the roster's "not on the list").
   * The removal is stored first; LiveKit is asked to revoke that identity's earlier tokens (which
   * LiveKit's open-source server ignores), and should they come back anyway, the webhook or the next
   * reconciliation disconnects them again. Audited without the identity, which may carry a phone
   * number (a SIP caller's).
   */
  async #removeStranger(meetingId: string, stranger: Stranger, caller: Caller): Promise<{ participantId: string; removedAt: string }> {
    const ctx = this.#ctx;
    const { meeting, actorId } = await authorizeChairAction(ctx, 'remove-stranger', meetingId, caller, undefined, stranger);
    const now = ctx.now();
    await ctx.store.addRemovedStranger(meeting.id, stranger.identity, now);
    await Promise.all([
      ctx.rooms.removeParticipant(meeting.roomName, stranger.identity, now),
      ctx.rooms.removeParticipant(meeting.lobbyRoomName, stranger.identity, now),
    ]);
    await ctx.store.removeStranger(meeting.id, stranger.identity);
    await ctx.audit(meeting.id, 'remove', actorId, null, 'ok', null, { stranger: true });
    ctx.publish(meeting.id, { type: 'stranger-disconnected', identity: stranger.identity, at: iso(now) });
    return { participantId: stranger.identity, removedAt: iso(now) };
  }

  /** See `CareMeet.end`. */
  async end(meetingId: string, caller: Caller): Promise<{ meeting: MeetingView }> {
    const ctx = this.#ctx;
    const { meeting, actorId } = await authorizeChairAction(ctx, 'end', meetingId, caller);
    const now = ctx.now();
    ctx.endedHere.add(meeting.id);
    const won = await ctx.store.endMeeting(meeting.id, now, actorId, ctx.entry(meeting.id, 'meeting.ended', actorId, null, 'ok', null, {}));
    if (won) ctx.publish(meeting.id, { type: 'ended', at: iso(now) });
    ctx.roomEnsured.delete(meeting.roomName);
    ctx.roomEnsured.delete(meeting.lobbyRoomName);
    await ctx.roomDeletions.deleteMeetingRooms(meeting.id);
    const ended = (await ctx.store.getMeeting(meeting.id)) as Meeting;
    return { meeting: ctx.meetingView(ended) };
  }
}
