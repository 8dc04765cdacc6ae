import { hashSecret, identityKey, randomId } from '../crypto.js';
import { CareMeetError } from '../errors.js';
import type { Meeting, NewAuditEntry, Participant, ProvenIdentity, Session, SessionMethod } from '../model.js';
import { namespacedIdentity } from '../schemas.js';
import type { Redemption } from '../store/meeting-store.js';
import type { MeetingContext } from './context.js';
import { iso } from './views.js';

export interface SessionGrant {
  session: string;
  participantId: string;
  expiresAt: string;
}

/** Looks a session token up by its hash; a token of an impossible length is not looked up at all. */
export function bySessionToken<T>(token: string, read: (hash: string) => Promise<T | null>): Promise<T | null> {
  return token.length >= 20 && token.length <= 200 ? read(hashSecret(token)) : Promise.resolve(null);
}

/** The session if it exists and has not expired at `now`, else `UNAUTHENTICATED`. */
export function liveSession<T extends Session>(session: T | null | undefined, now: Date): T {
  if (!session || session.expiresAt.getTime() <= now.getTime()) {
    throw new CareMeetError('UNAUTHENTICATED', 'no valid session; prove who you are again');
  }
  return session;
}

/** The keyed hash of a proven identity, as registrations are stored. */
export function identityKeyOf(identitySecret: string, identity: ProvenIdentity): string {
  return identityKey(identitySecret, namespacedIdentity(identity) as string);
}

/**
 * Sessions: a bearer token resolved, an identity the host proved turned into one, and the session
 * (with its audit entry) an invitation's redemption stores.
 */
export class Sessions {
  readonly #ctx: MeetingContext;

  constructor(ctx: MeetingContext) {
    this.#ctx = ctx;
  }

  /** See `CareMeet.sessionFromToken`. */
  async sessionFromToken(token: string): Promise<Session> {
    return liveSession(await bySessionToken(token, (hash) => this.#ctx.store.getSession(hash)), this.#ctx.now());
  }

  /** See `CareMeet.vouchSession`. */
  async vouchSession(meetingId: string, identity: ProvenIdentity, method: SessionMethod): Promise<SessionGrant> {
    const ctx = this.#ctx;
    const meeting = await ctx.meeting(meetingId);
    const key = identityKeyOf(ctx.identitySecret, identity);
    const participant = (await ctx.store.listParticipants(meeting.id)).find((p) => p.identityKey === key);
    if (!participant) {
      await ctx.audit(meeting.id, 'session.vouched', 'organizer', null, 'refused', 'IDENTITY_MISMATCH', {
        identityKind: identity.kind,
        method,
      });
      throw new CareMeetError('IDENTITY_MISMATCH', 'this person is not registered for the meeting');
    }
    return this.createSession(meeting, participant, method, key, 'organizer');
  }

  /** See `CareMeet.createSession`. */
  async createSession(meeting: Meeting, participant: Participant, method: SessionMethod, provenKey: string | null, actor: string): Promise<SessionGrant> {
    const made = this.#newSession(meeting, participant, method, provenKey, actor);
    await this.#ctx.store.createSession(made.session, [made.audit]);
    return made.grant;
  }

  /** A session not yet stored, with its audit entry: stored on its own or with a redemption. */
  #newSession(
    meeting: Meeting,
    participant: Participant,
    method: SessionMethod,
    provenKey: string | null,
    actor: string,
  ): { session: Session; grant: SessionGrant; audit: NewAuditEntry } {
    const ctx = this.#ctx;
    const now = ctx.now();
    const token = randomId('s_', 32);
    const ttl = ctx.options.sessionTtlMs;
    const closes = ctx.closesAt(meeting).getTime();
    const expiresAt = new Date(ttl === undefined ? closes : Math.min(closes, now.getTime() + ttl));
    const session: Session = {
      tokenHash: hashSecret(token),
      meetingId: meeting.id,
      participantId: participant.id,
      method,
      identityKey: provenKey,
      createdAt: now,
      expiresAt,
    };
    const grant: SessionGrant = { session: token, participantId: participant.id, expiresAt: iso(expiresAt) };
    return { session, grant, audit: ctx.entry(meeting.id, 'session.created', actor, participant.id, 'ok', null, { method }) };
  }

  /**
   * What redeeming `participant`'s invitation stores with it, in the same transaction: the session,
   * the typed name, the audit entries. So a crash never leaves an invitation used without its
   * session (its guest would get `INVITE_USED` for good).
   */
  redemption(
    meeting: Meeting,
    participant: Participant,
    method: SessionMethod,
    provenKey: string | null,
    typedName: string | null,
  ): { redemption: Redemption; grant: SessionGrant } {
    const made = this.#newSession(meeting, participant, method, provenKey, participant.id);
    const redemption: Redemption = {
      session: made.session,
      typedName,
      audit: [this.#ctx.entry(meeting.id, 'invite.redeem', participant.id, participant.id, 'ok', null, { method }), made.audit],
    };
    return { redemption, grant: made.grant };
  }
}
