import { meetingState } from '../admission/decide.js';
import { constantTimeEqual, hashSecret } from '../crypto.js';
import { CareMeetError } from '../errors.js';
import type { MessageLanguage } from '../identity/messages.js';
import type { OidcCallbackOutcome } from '../identity/oidc-callback-page.js';
import { OidcLogins, checkIdentityProviders, checkReturnOrigins, isOidcMethod, parseOidcStart } from '../identity/oidc.js';
import { SmsCodeService, parseSubmittedCode, type UsableInvitation } from '../identity/sms.js';
import { verifyMethodFor, type MeetingState, type ProvenIdentity, type Role, type SessionMethod, type VerifyMethod } from '../model.js';
import { validatePersonName } from '@care-meet/protocol/validation';
import type { MeetingContext } from './context.js';
import { identityKeyOf, type SessionGrant, type Sessions } from './sessions.js';

/**
 * Invitations redeemed into sessions, by the three ways a holder proves who they are: a typed name
 * (e-mail guests), an SMS code (phone guests), a login at an identity provider (OIDC: `bankid`,
 * `siths`, `mitid`).
 */
export class Invitations {
  readonly #ctx: MeetingContext;
  readonly #sessions: Sessions;
  readonly #oidc: OidcLogins;
  readonly #sms: SmsCodeService;
  readonly #returnOrigins: string[];

  constructor(ctx: MeetingContext, sessions: Sessions) {
    this.#ctx = ctx;
    this.#sessions = sessions;
    const options = ctx.options;
    this.#returnOrigins = checkReturnOrigins(options.allowedReturnOrigins);
    this.#oidc = new OidcLogins({
      providers: checkIdentityProviders(options.identityProviders),
      store: ctx.store,
      now: () => ctx.now(),
      log: ctx.log,
      bindToBrowser: options.bindLoginToBrowser ?? true,
    });
    this.#sms = new SmsCodeService({
      store: ctx.store,
      secret: ctx.identitySecret,
      sender: options.messages,
      lang: ctx.messageLanguage,
      timeZone: ctx.messageTimeZone,
      now: () => ctx.now(),
      log: ctx.log,
      audit: (meetingId, action, participantId, outcome, code, details) => ctx.audit(meetingId, action, participantId, participantId, outcome, code, details),
    });
  }

  /** See `CareMeet.inspectInvitation`. */
  async inspectInvitation(token: string): Promise<{
    meeting: { id: string; startsAt: string; state: MeetingState };
    participant: { id: string; name: string; role: Role };
    verify: VerifyMethod;
  }> {
    const { meeting, participant } = await this.#usableInvitation(token);
    const view = this.#ctx.meetingView(meeting);
    return {
      meeting: { id: view.id, startsAt: view.startsAt, state: view.state },
      participant: { id: participant.id, name: participant.name, role: participant.role },
      verify: verifyMethodFor(participant),
    };
  }

  async #usableInvitation(token: string): Promise<UsableInvitation> {
    if (typeof token !== 'string' || token.length > 100) throw new CareMeetError('NOT_FOUND', 'this invitation link is not valid');
    return this.#usableInvitationByHash(hashSecret(token));
  }

  async #usableInvitationByHash(secretHash: string): Promise<UsableInvitation> {
    const ctx = this.#ctx;
    const invitation = await ctx.store.getInvitationByHash(secretHash);
    const participant = invitation ? await ctx.store.getParticipant(invitation.participantId) : null;
    const meeting = invitation ? await ctx.store.getMeeting(invitation.meetingId) : null;
    if (!invitation || !participant || !meeting) throw new CareMeetError('NOT_FOUND', 'this invitation link is not valid');
    if (meetingState(meeting, ctx.now(), ctx.policy) === 'ended') throw new CareMeetError('MEETING_ENDED', 'the meeting has ended');
    if (invitation.expiresAt.getTime() <= ctx.now().getTime()) throw new CareMeetError('INVITE_EXPIRED', 'this invitation has expired');
    if (invitation.usedAt !== null) throw new CareMeetError('INVITE_USED', 'this invitation has already been used');
    if (participant.removedAt !== null) throw new CareMeetError('REMOVED', 'the meeting leader removed this participant');
    return { invitation, meeting, participant };
  }

  /** See `CareMeet.redeemInvitationWithName`. */
  async redeemInvitationWithName(token: string, typedName: unknown): Promise<SessionGrant> {
    const ctx = this.#ctx;
    const { invitation, meeting, participant } = await this.#usableInvitation(token);
    const method = verifyMethodFor(participant);
    if (method !== 'name') {
      throw new CareMeetError('BAD_REQUEST', `this invitation is proven by ${method}, not by a typed name`, { field: 'name' });
    }
    const name = validatePersonName(typedName, 'name');
    const { redemption, grant } = this.#sessions.redemption(meeting, participant, 'name', null, name);
    if (!(await ctx.store.redeemInvitation(invitation.secretHash, ctx.now(), redemption))) {
      await ctx.audit(meeting.id, 'invite.redeem', participant.id, participant.id, 'refused', 'INVITE_USED', { method });
      throw new CareMeetError('INVITE_USED', 'this invitation has already been used');
    }
    return grant;
  }

  /** See `CareMeet.sendSmsCode`. */
  async sendSmsCode(token: string, lang?: MessageLanguage | null): Promise<{ to: string; expiresAt: string }> {
    const target = await this.#usableInvitation(token);
    const method = verifyMethodFor(target.participant);
    if (method !== 'sms-code') throw new CareMeetError('BAD_REQUEST', `this invitation is proven by ${method}, not by an SMS code`);
    return this.#sms.send(target, lang ?? undefined);
  }

  /** See `CareMeet.redeemInvitationWithCode`. */
  async redeemInvitationWithCode(token: string, codeInput: unknown, typedName?: unknown): Promise<SessionGrant> {
    const code = parseSubmittedCode(codeInput);
    const name = typedName === undefined ? null : validatePersonName(typedName, 'name');
    const target = await this.#usableInvitation(token);
    const { meeting, participant } = target;
    const method = verifyMethodFor(participant);
    if (method !== 'sms-code') throw new CareMeetError('BAD_REQUEST', `this invitation is proven by ${method}, not by an SMS code`, { field: 'code' });
    const { redemption, grant } = this.#sessions.redemption(meeting, participant, 'sms-code', null, name);
    await this.#sms.redeem(target, code, redemption);
    return grant;
  }

  /** See `CareMeet.startOidcLogin`. */
  async startOidcLogin(token: string, body: unknown, binding: string | null = null): Promise<{ authorizationUrl: string; binding: string | null }> {
    const start = parseOidcStart(body, this.#returnOrigins);
    const { invitation, meeting, participant } = await this.#usableInvitation(token);
    const method = verifyMethodFor(participant);
    if (!isOidcMethod(method)) throw new CareMeetError('BAD_REQUEST', `this invitation is proven by ${method}, not through an identity provider`);
    if (!this.#oidc.isConfigured(method)) throw new CareMeetError('BAD_REQUEST', `this server has no identity provider for ${method}`);
    const started = await this.#oidc.start({ invitationHash: invitation.secretHash, method, start, binding });
    await this.#ctx.audit(meeting.id, 'oidc.start', participant.id, participant.id, 'ok', null, { method, display: start.display });
    return started;
  }

  /** See `CareMeet.finishOidcLogin`. */
  async finishOidcLogin(params: URLSearchParams, binding: string | null = null): Promise<OidcCallbackOutcome | null> {
    const ctx = this.#ctx;
    const login = await this.#oidc.take(params.get('state'));
    if (!login) {
      ctx.log.warn('identity provider callback refused', { reason: 'unknown state' });
      return null;
    }
    const base = { returnTo: login.returnTo, display: login.display };
    const verified = await this.#oidc.verify(login, params, binding);
    if (!verified.ok) {
      const invitation = await ctx.store.getInvitationByHash(login.invitationHash);
      if (invitation) {
        await ctx.audit(invitation.meetingId, 'oidc.login', invitation.participantId, invitation.participantId, 'refused', verified.error.code, {
          method: login.method,
          reason: verified.reason,
        });
      }
      return { ...base, result: { ok: false, error: verified.error } };
    }
    try {
      const grant = await this.#redeemWithIdentity(login.invitationHash, verified.identity, login.method);
      return { ...base, result: { ok: true, grant } };
    } catch (e) {
      if (e instanceof CareMeetError) return { ...base, result: { ok: false, error: e } };
      throw e;
    }
  }

  /** An invitation redeemed by an identity the IdP proved: only when it matches the registration exactly. */
  async #redeemWithIdentity(invitationHash: string, identity: ProvenIdentity, method: SessionMethod): Promise<SessionGrant> {
    const ctx = this.#ctx;
    const { meeting, participant } = await this.#usableInvitationByHash(invitationHash);
    const key = identityKeyOf(ctx.identitySecret, identity);
    if (participant.identityKey === null || !constantTimeEqual(key, participant.identityKey)) {
      await ctx.audit(meeting.id, 'invite.redeem', participant.id, participant.id, 'refused', 'IDENTITY_MISMATCH', {
        method,
        identityKind: identity.kind,
      });
      throw new CareMeetError('IDENTITY_MISMATCH', 'the person who logged in is not the one this invitation is for');
    }
    const { redemption, grant } = this.#sessions.redemption(meeting, participant, method, key, null);
    if (!(await ctx.store.redeemInvitation(invitationHash, ctx.now(), redemption))) {
      await ctx.audit(meeting.id, 'invite.redeem', participant.id, participant.id, 'refused', 'INVITE_USED', { method });
      throw new CareMeetError('INVITE_USED', 'this invitation has already been used');
    }
    return grant;
  }
}
