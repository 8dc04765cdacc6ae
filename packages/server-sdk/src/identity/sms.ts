/**
 * SMS one-time codes for guests invited by phone (SECURITY.md rules 8 and 9): six digits from the
 * CSPRNG, stored only as an HMAC bound to the invitation, valid ten minutes, five tries, single
 * use, and sending limited per invitation. Checking a code and redeeming the invitation are one
 * atomic store operation, so parallel tries with the right code give exactly one session.
 */
import { createHmac } from 'node:crypto';
import { randomDigits } from '../crypto.js';
import { CareMeetError, type CareMeetErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Invitation, Meeting, Participant } from '../model.js';
import type { MeetingStore, Redemption } from '../store/meeting-store.js';
import { maskPhone, smsCodeMessage, type MessageLanguage, type MessageSender } from './messages.js';

/** The limits on SMS codes. */
export interface SmsCodePolicy {
  /** Digits per code. */
  digits: number;
  /** How long a code is valid, ms. */
  ttlMs: number;
  /** Tries per code; the try after the last is refused with `RATE_LIMITED`, even with the right code. */
  maxTries: number;
  /** At most `maxSendsPerWindow` codes per invitation within any `sendWindowMs`. */
  sendWindowMs: number;
  maxSendsPerWindow: number;
  /** At most this many codes per invitation, ever (bounds the guesses over an invitation's life). */
  maxSendsTotal: number;
}

export const SMS_CODE_POLICY: Readonly<SmsCodePolicy> = Object.freeze({
  digits: 6,
  ttlMs: 10 * 60_000,
  maxTries: 5,
  sendWindowMs: 10 * 60_000,
  maxSendsPerWindow: 3,
  maxSendsTotal: 10,
});

/** "10 minutes": how long a code is valid, as the refusal of an expired one says it. */
const validMinutes = (ttlMs: number): string => {
  const minutes = Math.max(1, Math.round(ttlMs / 60_000));
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
};

/** An invitation that has been checked as usable, with its meeting and registration. */
export interface UsableInvitation {
  invitation: Invitation;
  meeting: Meeting;
  participant: Participant;
}

type AuditFn = (
  meetingId: string,
  action: string,
  participantId: string,
  outcome: 'ok' | 'refused',
  code: CareMeetErrorCode | null,
  details: Record<string, string | number | boolean | null>,
) => Promise<void>;

export interface SmsCodeServiceOptions {
  store: MeetingStore;
  /** The identity secret; the code HMAC's key is derived from it. */
  secret: string;
  sender: MessageSender | undefined;
  lang: MessageLanguage;
  timeZone: string;
  now: () => Date;
  log: Logger;
  audit: AuditFn;
  policy?: Partial<SmsCodePolicy>;
}

/**
 * Reads the code a person typed: six ASCII digits, spaces allowed between groups (`123 456`).
 * Anything else is `BAD_REQUEST` and counts as no try.
 */
export function parseSubmittedCode(value: unknown, digits = SMS_CODE_POLICY.digits): string {
  if (typeof value !== 'string' || value.length > 32) {
    throw new CareMeetError('BAD_REQUEST', 'code must be the digits from the SMS, as a string', { field: 'code' });
  }
  const code = value.replace(/^[ \t]+|[ \t]+$/g, '').replace(/(?<=[0-9]) (?=[0-9])/g, '');
  if (!new RegExp(`^[0-9]{${digits}}$`).test(code)) {
    throw new CareMeetError('BAD_REQUEST', `the code is the ${digits} digits from the SMS`, { field: 'code' });
  }
  return code;
}

/** The SMS code part of invitation redemption. `CareMeet` owns one; the HTTP routes reach it through `CareMeet`. */
export class SmsCodeService {
  readonly #o: SmsCodeServiceOptions;
  readonly #key: Buffer;
  readonly #policy: SmsCodePolicy;

  constructor(options: SmsCodeServiceOptions) {
    this.#o = options;
    // A key of its own, so a code hash can never be confused with an identity hash.
    this.#key = createHmac('sha256', options.secret).update('care-meet/sms-code/v1').digest();
    this.#policy = { ...SMS_CODE_POLICY, ...options.policy };
  }

  get policy(): Readonly<SmsCodePolicy> {
    return this.#policy;
  }

  #hash(invitationHash: string, code: string): string {
    return createHmac('sha256', this.#key).update(`${invitationHash}:${code}`, 'utf8').digest('base64url');
  }

  /**
   * Sends a new code to the registered phone (replacing any earlier code). Answers the masked
   * number and when the code expires. Too many codes: `RATE_LIMITED`; no sender or the gateway
   * refused: `SEND_FAILED`. `lang`: the language the person reads (default: the deployment's).
   */
  async send(target: UsableInvitation, lang?: MessageLanguage): Promise<{ to: string; expiresAt: string }> {
    const { invitation, meeting, participant } = target;
    const phone = participant.phone;
    if (!phone) throw new CareMeetError('BAD_REQUEST', 'this invitation has no phone number to send a code to');
    const sender = this.#o.sender;
    if (!sender) throw new CareMeetError('SEND_FAILED', 'this server has no SMS sender configured');
    const now = this.#o.now();
    const code = randomDigits(this.#policy.digits);
    const expiresAt = new Date(now.getTime() + this.#policy.ttlMs);
    const issued = await this.#o.store.issueSmsCode({
      invitationHash: invitation.secretHash,
      codeHash: this.#hash(invitation.secretHash, code),
      at: now,
      expiresAt,
      windowMs: this.#policy.sendWindowMs,
      maxPerWindow: this.#policy.maxSendsPerWindow,
      maxTotal: this.#policy.maxSendsTotal,
    });
    if (!issued.issued) {
      await this.#o.audit(meeting.id, 'sms-code.send', participant.id, 'refused', 'RATE_LIMITED', { reason: issued.reason });
      if (issued.reason === 'total') {
        throw new CareMeetError('RATE_LIMITED', 'no more codes can be sent for this invitation; contact the meeting leader');
      }
      const minutes = Math.max(1, Math.ceil((issued.retryAt.getTime() - now.getTime()) / 60_000));
      throw new CareMeetError('RATE_LIMITED', `too many codes sent; you can ask for a new one in ${minutes} minute${minutes === 1 ? '' : 's'}`);
    }
    try {
      await sender.sms(phone, smsCodeMessage({ code, validUntil: expiresAt, lang: lang ?? this.#o.lang, timeZone: this.#o.timeZone }));
    } catch (e) {
      this.#o.log.warn('sms code not sent', { participantId: participant.id, error: e instanceof Error ? e.name : 'unknown' });
      await this.#o.audit(meeting.id, 'sms-code.send', participant.id, 'refused', 'SEND_FAILED', {});
      throw new CareMeetError('SEND_FAILED', 'the code could not be sent; try again in a while', { cause: e });
    }
    await this.#o.audit(meeting.id, 'sms-code.send', participant.id, 'ok', null, { validMinutes: Math.round(this.#policy.ttlMs / 60_000) });
    return { to: maskPhone(phone), expiresAt: expiresAt.toISOString() };
  }

  /**
   * Checks a code (already parsed by {@link parseSubmittedCode}) and, when it is right, redeems the
   * invitation and stores `redemption` (its session and audit entries) in the same transaction.
   * Resolves when redeemed; otherwise throws `CODE_INVALID` (with the tries left), `CODE_EXPIRED`,
   * `RATE_LIMITED` (tries spent) or `INVITE_USED`. Every refusal is audited, never with the code.
   */
  async redeem(target: UsableInvitation, code: string, redemption?: Redemption): Promise<void> {
    const { invitation, meeting, participant } = target;
    const result = await this.#o.store.redeemInvitationWithSmsCode({
      invitationHash: invitation.secretHash,
      codeHash: this.#hash(invitation.secretHash, code),
      at: this.#o.now(),
      maxTries: this.#policy.maxTries,
      ...(redemption ? { redemption } : {}),
    });
    const refuse = async (errorCode: CareMeetErrorCode, message: string, details: Record<string, number | string> = {}) => {
      await this.#o.audit(meeting.id, 'sms-code.check', participant.id, 'refused', errorCode, details);
      return new CareMeetError(errorCode, message, errorCode === 'INVITE_USED' ? {} : { field: 'code' });
    };
    switch (result.outcome) {
      case 'redeemed':
        return;
      case 'wrong':
        throw await refuse(
          'CODE_INVALID',
          result.triesLeft > 0
            ? `the code is wrong; ${result.triesLeft} ${result.triesLeft === 1 ? 'try' : 'tries'} left`
            : 'the code is wrong and no tries are left; request a new code',
          { triesLeft: result.triesLeft },
        );
      case 'none':
        throw await refuse('CODE_INVALID', 'no code has been sent for this invitation; request one first', { reason: 'none' });
      case 'expired':
        // The minutes are read by the elements (docs/identity.md), so their text follows the policy.
        throw await refuse('CODE_EXPIRED', `the code has expired (a code is valid for ${validMinutes(this.#policy.ttlMs)}); request a new one`);
      case 'locked':
        throw await refuse('RATE_LIMITED', 'too many wrong codes; request a new code');
      case 'invite-used':
        throw await refuse('INVITE_USED', 'this invitation has already been used');
    }
  }
}
