import type { ConsentBy, ConsentHow, ConsentRecord, Meeting, MeetingState, Participant, Role, Session } from '../model.js';
import type { CareMeetErrorCode } from '../errors.js';
import type { Stranger } from '../store/meeting-store.js';

/** When minting is allowed, relative to the booked times. */
export interface AdmissionPolicy {
  /** How long before `startsAt` people may join (ms). */
  openBeforeStartMs: number;
  /** How long after `endsAt` a meeting that nobody ended still admits people (ms). */
  closeAfterEndMs: number;
}

export const DEFAULT_ADMISSION_POLICY: AdmissionPolicy = Object.freeze({
  openBeforeStartMs: 15 * 60_000,
  closeAfterEndMs: 120 * 60_000,
});

/** What a token may do in the room. Exactly these fields go into the LiveKit grant, always set. */
export interface MediaGrants {
  canPublish: boolean;
  canSubscribe: boolean;
  canPublishData: boolean;
  /** LiveKit track sources, as the names LiveKit's `TrackSource` enum uses. */
  canPublishSources: Array<'camera' | 'microphone' | 'screen_share' | 'screen_share_audio'>;
  canUpdateOwnMetadata: false;
}

export type Refusal = { outcome: 'refuse'; code: CareMeetErrorCode; reason: string };

export type JoinDecision = Refusal | { outcome: 'admit'; room: string; grants: MediaGrants } | { outcome: 'lobby'; room: string; grants: MediaGrants };

export interface JoinContext {
  meeting: Meeting;
  participant: Participant;
  session: Session;
  now: Date;
  policy?: AdmissionPolicy;
}

/** The meeting's state at `now`: ended by the chair or by time, open for joining, or not yet open. */
export function meetingState(meeting: Meeting, now: Date, policy: AdmissionPolicy = DEFAULT_ADMISSION_POLICY): MeetingState {
  if (meeting.endedAt !== null) return 'ended';
  if (now.getTime() > meeting.endsAt.getTime() + policy.closeAfterEndMs) return 'ended';
  if (now.getTime() < meeting.startsAt.getTime() - policy.openBeforeStartMs) return 'scheduled';
  return 'open';
}

/**
 * The grants one role gets in a meeting: a per-role allowlist. The chair's powers (admit, remove,
 * end) go through the server SDK, never through LiveKit admin grants, so every role in the room gets
 * the same media rights. Screen share and data (chat) only when the meeting allows them.
 */
export function grantsFor(role: Role | 'lobby' | 'lobby-observer', meeting: Pick<Meeting, 'allowScreenShare' | 'allowChat'>): MediaGrants {
  if (role === 'lobby') {
    // A waiting guest shows camera and microphone to the chair, and sees and hears nobody.
    return {
      canPublish: true,
      canSubscribe: false,
      canPublishData: false,
      canPublishSources: ['camera', 'microphone'],
      canUpdateOwnMetadata: false,
    };
  }
  if (role === 'lobby-observer') {
    // The chair looks into the lobby without being seen or heard there.
    return { canPublish: false, canSubscribe: true, canPublishData: false, canPublishSources: [], canUpdateOwnMetadata: false };
  }
  const sources: MediaGrants['canPublishSources'] = ['camera', 'microphone'];
  if (meeting.allowScreenShare) sources.push('screen_share', 'screen_share_audio');
  return {
    canPublish: true,
    canSubscribe: true,
    canPublishData: meeting.allowChat,
    canPublishSources: sources,
    canUpdateOwnMetadata: false,
  };
}

const refuse = (code: CareMeetErrorCode, reason: string): Refusal => ({ outcome: 'refuse', code, reason });

/**
 * Decides a join: a pure function of the meeting, the registration, the session (the proven
 * identity) and the time. It stores nothing and calls nothing; the caller acts on the decision.
 *
 * @example
 * ```ts
 * const d = decideJoin({ meeting, participant, session, now: new Date() });
 * if (d.outcome === 'refuse') throw new CareMeetError(d.code, d.reason);
 * ```
 */
export function decideJoin(ctx: JoinContext): JoinDecision {
  const { meeting, participant, session, now } = ctx;
  const policy = ctx.policy ?? DEFAULT_ADMISSION_POLICY;
  if (session.meetingId !== meeting.id || participant.meetingId !== meeting.id || session.participantId !== participant.id) {
    return refuse('FORBIDDEN', 'the session does not belong to this meeting and registration');
  }
  if (session.expiresAt.getTime() <= now.getTime()) return refuse('UNAUTHENTICATED', 'the session has expired');
  const state = meetingState(meeting, now, policy);
  if (state === 'ended') return refuse('MEETING_ENDED', 'the meeting has ended');
  if (participant.removedAt !== null) return refuse('REMOVED', 'the meeting leader removed this participant');
  if (state === 'scheduled') {
    // The minutes are read by the elements (docs/http-api.md), so their text follows the policy.
    const minutes = Math.round(policy.openBeforeStartMs / 60_000);
    return refuse('TOO_EARLY', `the meeting is not open yet: it opens ${minutes} minute${minutes === 1 ? '' : 's'} before it starts`);
  }
  if (participant.identityKind === 'guest') {
    if (session.identityKey !== null) return refuse('IDENTITY_MISMATCH', 'a guest registration takes no proven identity');
    if (participant.admittedAt === null) {
      return { outcome: 'lobby', room: meeting.lobbyRoomName, grants: grantsFor('lobby', meeting) };
    }
  } else if (participant.identityKey === null || session.identityKey !== participant.identityKey) {
    return refuse('IDENTITY_MISMATCH', 'the proven identity does not match the registration');
  }
  return { outcome: 'admit', room: meeting.roomName, grants: grantsFor(participant.role, meeting) };
}

/** What the chair may do: to a registration, to someone connected who is not on the list, or to the meeting. */
export type ChairAction = 'admit' | 'remove' | 'remove-stranger' | 'end' | 'roster';

/**
 * Decides whether `actor` may take a chair action on `target` (none for `end` and `roster`).
 * Only the meeting's chair may; nobody may act on an ended meeting except read its roster; the chair
 * cannot remove themselves (they end the meeting instead).
 */
export function decideChairAction(
  action: ChairAction,
  ctx: {
    meeting: Meeting;
    actor: Participant | 'organizer';
    target?: Participant | null;
    /** For `remove-stranger`: the connection not on the list, as the store knows it. */
    stranger?: Stranger | null;
    now: Date;
    policy?: AdmissionPolicy;
  },
): Refusal | { outcome: 'allow' } {
  const { meeting, actor, target } = ctx;
  if (actor !== 'organizer' && (actor.meetingId !== meeting.id || actor.role !== 'chair' || actor.removedAt !== null)) {
    return refuse('FORBIDDEN', 'only the meeting leader may do this');
  }
  if (action === 'roster' || action === 'end') return { outcome: 'allow' };
  if (meetingState(meeting, ctx.now, ctx.policy) === 'ended') return refuse('MEETING_ENDED', 'the meeting has ended');
  if (action === 'remove-stranger') {
    return ctx.stranger && ctx.stranger.meetingId === meeting.id ? { outcome: 'allow' } : refuse('NOT_FOUND', 'nobody by that id is connected to this meeting');
  }
  if (!target || target.meetingId !== meeting.id) return refuse('NOT_FOUND', 'no such participant in this meeting');
  if (action === 'remove' && target.role === 'chair') {
    return refuse('FORBIDDEN', 'the meeting leader cannot be removed; end the meeting instead');
  }
  return { outcome: 'allow' };
}

/**
 * Decides whether `actor` may record the individual's consent (`give`, with how it was given) or
 * its withdrawal, and as whom. The individual records her own (`self`); the chair or the organizer
 * records consent given to staff (`verbal`, `written`); the same people may `read` it (with the list
 * it is asked for), also after the end. Nobody may record after the meeting has ended; a meeting
 * without an individual has no consent to record, and only consent in force can be withdrawn.
 */
export function decideConsent(
  action: 'give' | 'withdraw' | 'read',
  ctx: {
    meeting: Meeting;
    actor: Participant | 'organizer';
    /** For `give`: how the consent was given. */
    how?: ConsentHow;
    /** The meeting's registrations. */
    participants: readonly Participant[];
    current: ConsentRecord | null;
    now: Date;
    policy?: AdmissionPolicy;
  },
): Refusal | { outcome: 'allow'; by: ConsentBy } {
  const { meeting, actor } = ctx;
  let by: ConsentBy;
  if (actor === 'organizer') by = 'organizer';
  else if (actor.meetingId !== meeting.id || actor.removedAt !== null)
    return refuse('FORBIDDEN', 'only the individual or the meeting leader may record consent');
  else if (actor.role === 'chair') by = 'chair';
  else if (actor.role === 'individual') by = 'individual';
  else return refuse('FORBIDDEN', 'only the individual or the meeting leader may record consent');
  if (action === 'read') return { outcome: 'allow', by };
  if (meetingState(meeting, ctx.now, ctx.policy) === 'ended') return refuse('MEETING_ENDED', 'the meeting has ended');
  if (!ctx.participants.some((p) => p.role === 'individual' && p.removedAt === null)) {
    return refuse('CONFLICT', 'nobody is registered as the individual, so there is no consent to record');
  }
  if (action === 'withdraw') {
    return ctx.current?.state === 'given' ? { outcome: 'allow', by } : refuse('CONFLICT', 'no consent is in force to withdraw');
  }
  if (by === 'individual' ? ctx.how !== 'self' : ctx.how === 'self') {
    return refuse(
      'FORBIDDEN',
      by === 'individual' ? 'the individual records her own consent as "self"' : 'consent given to staff is recorded as "verbal" or "written"',
    );
  }
  return { outcome: 'allow', by };
}
