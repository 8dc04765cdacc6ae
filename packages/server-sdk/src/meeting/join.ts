import { decideJoin, grantsFor } from '../admission/decide.js';
import { MeetingKeyError, keyringIndex } from '../e2ee/meeting-keys.js';
import { CareMeetError } from '../errors.js';
import { mintToken } from '../livekit/mint-token.js';
import type { Meeting, Participant, Session } from '../model.js';
import type { SealedMeetingKey } from '../store/meeting-store.js';
import type { MeetingContext } from './context.js';
import { bySessionToken, liveSession } from './sessions.js';
import type { JoinAnswer } from '@care-meet/protocol/wire';
import { iso, type MeetingView } from './views.js';

/**
 * What a join gives: the protocol's `JoinAnswer` with the server's meeting view. Admitted: a token
 * for the meeting's room (and, for the chair only, a subscribe-only `lobbyToken` for the lobby
 * room; with E2EE the meeting's key, base64url of 32 raw bytes, and its index in livekit-client's
 * keyring, the rotation count mod 16: only ever here). Lobby: a token for the lobby room only.
 */
export type JoinResult = JoinAnswer<MeetingView>;

const ROOM_ENSURED_FOR_MS = 15_000;

/**
 * Admission and join: decides a join for a session (`decideJoin`) and acts on it: the LiveKit room
 * created, a token minted for the meeting's room or the lobby, the meeting's E2EE key handed out.
 */
export class Joining {
  readonly #ctx: MeetingContext;

  constructor(ctx: MeetingContext) {
    this.#ctx = ctx;
  }

  /** See `CareMeet.join`. */
  async join(session: Session): Promise<JoinResult> {
    const meeting = await this.#ctx.meeting(session.meetingId);
    const participant = await this.#ctx.store.getParticipant(session.participantId);
    if (!participant) throw new CareMeetError('UNAUTHENTICATED', 'the registration no longer exists');
    return this.#join(session, meeting, participant);
  }

  /** See `CareMeet.joinWithToken`. */
  async joinWithToken(token: string): Promise<JoinResult> {
    const found = await bySessionToken(token, (hash) => this.#ctx.store.getSessionContext(hash));
    return this.#join(liveSession(found?.session, this.#ctx.now()), found!.meeting, found!.participant, found!.meetingKey);
  }

  /**
   * `readKey`: the meeting's key as read with the registration (`getSessionContext`), or undefined
   * to read it now.
   */
  async #join(session: Session, meeting: Meeting, participant: Participant, readKey?: SealedMeetingKey | null): Promise<JoinResult> {
    const ctx = this.#ctx;
    const now = ctx.now();
    const decision = decideJoin({ meeting, participant, session, now, policy: ctx.policy });
    if (decision.outcome === 'refuse') {
      await ctx.audit(meeting.id, 'join', participant.id, participant.id, 'refused', decision.code, { method: session.method });
      throw new CareMeetError(decision.code, decision.reason);
    }
    const attributes = { 'care.role': participant.role, 'care.verified': session.method };
    if (decision.outcome === 'lobby') {
      await this.#ensureRoom(meeting, decision.room);
      const token = await this.#mint(participant, decision.room, decision.grants, attributes);
      if (!participant.inLobby) await ctx.store.setWaiting(participant.id, true);
      await ctx.audit(meeting.id, 'join', participant.id, participant.id, 'ok', null, { room: 'lobby', method: session.method });
      ctx.publish(meeting.id, { type: 'lobby-waiting', participantId: participant.id, at: iso(now) });
      return { status: 'lobby', livekitUrl: ctx.livekitUrl, token, participantId: participant.id, name: participant.name };
    }
    // The key, read with the check that the person is not removed: on the join's hot path in the
    // same statement as the registration the decision above was made on (one round trip less on
    // PostgreSQL), else now. A removal committed after that read is caught below for a first join;
    // someone rejoining gets the key of before, which the removal's rotation has already replaced,
    // and the participant_joined webhook and reconciliation take them out of the room again.
    const e2ee = meeting.e2ee ? await this.#currentKey(meeting, participant, session, readKey) : undefined;
    await this.#ensureRoom(meeting, decision.room);
    const token = await this.#mint(participant, decision.room, decision.grants, attributes);
    // Removed since the decision above (the meeting leader's Remove racing this join): the
    // removal stands, and the token just minted is never handed out.
    if (participant.admittedAt === null && !(await ctx.store.setJoinedAdmitted(participant.id, now))) {
      await ctx.audit(meeting.id, 'join', participant.id, participant.id, 'refused', 'REMOVED', { method: session.method });
      throw new CareMeetError('REMOVED', 'the meeting leader has removed this person from the meeting');
    }
    await ctx.audit(meeting.id, 'join', participant.id, participant.id, 'ok', null, { room: 'main', method: session.method });
    const result: JoinResult = {
      status: 'admitted',
      livekitUrl: ctx.livekitUrl,
      token,
      participantId: participant.id,
      role: participant.role,
      name: participant.name,
      meeting: ctx.meetingView(meeting),
    };
    if (e2ee) result.e2ee = e2ee;
    if (participant.role === 'chair') {
      await this.#ensureRoom(meeting, meeting.lobbyRoomName);
      result.lobbyToken = await this.#mint(participant, meeting.lobbyRoomName, grantsFor('lobby-observer', meeting), attributes);
    }
    return result;
  }

  /** The meeting's current E2EE key for an admitted person's join answer (never logged, never audited). */
  async #currentKey(
    meeting: Meeting,
    participant: Participant,
    session: Session,
    readKey?: SealedMeetingKey | null,
  ): Promise<{ key: string; keyIndex: number }> {
    const ctx = this.#ctx;
    if (ctx.meetingKeys === null) {
      await ctx.audit(meeting.id, 'join', participant.id, participant.id, 'refused', 'E2EE_NOT_CONFIGURED', { method: session.method });
      throw new CareMeetError('E2EE_NOT_CONFIGURED', 'this meeting is end-to-end encrypted and this server has no E2EE key configured; ask its operator');
    }
    const stored = readKey !== undefined ? readKey : await ctx.store.currentMeetingKey(meeting.id, participant.id);
    if (stored === null) {
      // Removed after the decision (or a meeting left without a key, which booking never does).
      await ctx.audit(meeting.id, 'join', participant.id, participant.id, 'refused', 'REMOVED', { method: session.method });
      throw new CareMeetError('REMOVED', 'you were removed from this meeting');
    }
    let key: Buffer;
    try {
      key = ctx.meetingKeys.open(meeting.id, stored.keyIndex, stored.sealed);
    } catch (e) {
      if (!(e instanceof MeetingKeyError)) throw e;
      // Started with another deployment key than the meeting was booked under (or a changed row):
      // the operator's mistake, said to them in the log, and to the person as one they can pass on.
      ctx.log.error('a meeting key cannot be opened', { meetingId: meeting.id, keyIndex: stored.keyIndex, reason: e.message });
      await ctx.audit(meeting.id, 'join', participant.id, participant.id, 'refused', 'E2EE_NOT_CONFIGURED', {
        method: session.method,
        reason: 'key-unreadable',
      });
      throw new CareMeetError(
        'E2EE_NOT_CONFIGURED',
        "this server's E2EE key does not open this meeting's key (the meeting was booked under another one); ask its operator",
        { cause: e },
      );
    }
    return { key: key.toString('base64url'), keyIndex: keyringIndex(stored.keyIndex) };
  }

  #mint(participant: Participant, room: string, grants: ReturnType<typeof grantsFor>, attributes: Record<string, string>): Promise<string> {
    const { livekit } = this.#ctx.options;
    return mintToken({
      apiKey: livekit.apiKey,
      apiSecret: livekit.apiSecret,
      identity: participant.id,
      name: participant.name,
      room,
      grants,
      attributes,
      ttlSeconds: this.#ctx.tokenTtl,
    });
  }

  /**
   * Creates the LiveKit room before a token for it is minted (the deployment has auto-create off).
   * CreateRoom is idempotent; a short memory spares the media server a call per join.
   */
  async #ensureRoom(meeting: Meeting, room: string): Promise<void> {
    const ctx = this.#ctx;
    const known = ctx.roomEnsured.get(room);
    if (known?.pending) return known.pending;
    if (known && known.until > Date.now()) return;
    // One CreateRoom for everyone who joins while it is in flight, not one each.
    const entry: { until: number; pending: Promise<void> | null } = { until: 0, pending: null };
    entry.pending = (async () => {
      const registered = (await ctx.store.listParticipants(meeting.id)).length;
      const cap = room === meeting.lobbyRoomName ? registered + 1 : registered + (ctx.options.roomHeadroom ?? 2);
      await ctx.rooms.ensureRoom(room, cap);
    })();
    ctx.roomEnsured.set(room, entry);
    try {
      await entry.pending;
      entry.until = Date.now() + ROOM_ENSURED_FOR_MS;
    } catch (e) {
      if (ctx.roomEnsured.get(room) === entry) ctx.roomEnsured.delete(room);
      throw e;
    } finally {
      entry.pending = null;
    }
    if (ctx.endedHere.has(meeting.id)) {
      // The meeting ended while the room was being created: take the room down again (should
      // LiveKit fail now, the background deletions retry it).
      const request = await ctx.store.requestRoomDeletion(meeting.id, room, ctx.now());
      await ctx.roomDeletions.deleteNow(request).catch(() => {});
      throw new CareMeetError('MEETING_ENDED', 'the meeting has ended');
    }
  }
}
