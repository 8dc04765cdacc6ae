import type { AdmissionPolicy } from '../admission/decide.js';
import { parseKeyEncryptionKey } from '../e2ee/meeting-keys.js';
import { MESSAGE_LANGUAGES, type MessageLanguage, type MessageSender } from '../identity/messages.js';
import { checkIdentityProviders, checkReturnOrigins, type IdentityProviders } from '../identity/oidc.js';
import { checkVerifyMethods } from '../identity/verify-methods.js';
import { MAX_TOKEN_TTL_SECONDS } from '../livekit/mint-token.js';
import type { RoomControl, RoomLimits } from '../livekit/room-control.js';
import { checkRoomDeletionRetry, type RoomDeletionRetry } from '../livekit/room-deletions.js';
import type { Logger } from '../logger.js';
import type { VerifyMethod } from '../model.js';
import type { MeetingStore } from '../store/meeting-store.js';
import type { EvaluationQuestion } from './evaluation.js';

export interface CareMeetOptions {
  store: MeetingStore;
  livekit: {
    /** The LiveKit server's URL as this backend reaches it (`ws://` or `http://`). */
    url: string;
    apiKey: string;
    apiSecret: string;
    /** The URL browsers connect to, when it differs from `url`. */
    publicUrl?: string;
  };
  /** The bearer key of the organizer routes (the EHR, the host's backend). At least 32 characters. */
  organizerKey: string;
  /**
   * Key of the HMAC that registered and proven identities are stored and compared as. Default: one
   * generated on first start and kept in the store (fine for one embedded database; set it
   * explicitly when the store is shared).
   */
  identitySecret?: string;
  /** Builds the link sent in an invitation. The secret goes in the fragment, so it reaches no server log. */
  inviteUrl?: (inviteToken: string) => string;
  admission?: Partial<AdmissionPolicy>;
  /** Lifetime of minted LiveKit tokens, at most 120 s. Default 60. */
  tokenTtlSeconds?: number;
  /** Lifetime of a participant session. Default: until the meeting closes. */
  sessionTtlMs?: number;
  roomLimits?: RoomLimits;
  /** Extra places above the registered count in the LiveKit room cap (a chair's second device). Default 2. */
  roomHeadroom?: number;
  /** Dial-in number shown with each meeting's numeric ID and PIN. No dial-in when unset. */
  dialInNumber?: string;
  evaluationQuestions?: EvaluationQuestion[];
  /**
   * The identity providers of the `bankid`, `siths` and `mitid` verify methods (OIDC). A method
   * without one cannot be used to redeem an invitation. See docs/identity.md.
   */
  identityProviders?: IdentityProviders;
  /**
   * Origins (`https://portal.example`) the identity-provider callback may send the browser back to.
   * `returnTo` must be on one of them. Default: none, so OIDC logins are refused until it is set.
   */
  allowedReturnOrigins?: string[];
  /**
   * Binds each identity-provider login to the browser that started it, with a short-lived
   * `__Secure-` cookie (HttpOnly, SameSite=Lax), so a callback link opened elsewhere gets nothing.
   * Default true. Turn it off only when the routes are on another site than the page that calls
   * them and the browser would not keep the cookie.
   */
  bindLoginToBrowser?: boolean;
  /**
   * Sends guests their invitations (SMS or e-mail) at booking, and SMS one-time codes. Without it
   * nothing is sent and `POST /invites/{token}/code` answers `SEND_FAILED`. Needs an `inviteUrl`
   * that gives absolute links.
   */
  messages?: MessageSender;
  /**
   * Language of the messages to a person registered without a `language` of their own (and of an
   * SMS code asked for without one): `sv` (default), `da`, `nb`, `fi` or `en`.
   */
  messageLanguage?: MessageLanguage;
  /** Time zone the messages state times in. Default Europe/Stockholm (Copenhagen for `da`, Oslo for `nb`, Helsinki for `fi`). */
  messageTimeZone?: string;
  /**
   * The verify methods this deployment serves (an identity provider for `bankid`, `siths`, `mitid`;
   * an SMS sender for `sms-code`; e-mail for `name`; or the host vouching with `POST /sessions`).
   * When given, a booking or registration whose holder would need another method is refused with
   * `VERIFY_METHOD_NOT_CONFIGURED` and nothing is stored. Default: not checked.
   */
  verifyMethods?: readonly VerifyMethod[];
  /**
   * End-to-end encryption of the meetings' media and chat. `keyEncryptionKey`: 32 random bytes in
   * base64 (standard or url-safe; `openssl rand -base64 32`), under which each meeting's own key is
   * stored sealed (AES-256-GCM). With it, meetings are booked end-to-end encrypted unless the
   * booking says `e2ee: false`; without it, a booking that asks for `e2ee: true` is refused with
   * `E2EE_NOT_CONFIGURED`. Keep it apart from the database's backups: with both, the keys can be read.
   */
  e2ee?: { keyEncryptionKey: string };
  /** Replaces LiveKit room control (tests of failure paths). */
  roomControl?: RoomControl;
  /**
   * Rooms of an ended meeting that LiveKit did not delete when asked (it was down or hung) are
   * deleted in the background until it has: first retry after `firstRetryMs`, the wait doubling up
   * to `maxRetryMs`, each try given up after `attemptTimeoutMs` (`end`'s own try too). What is left
   * to delete is in the store, so a restart carries on. Defaults 1 s, 60 s, 10 s.
   */
  roomDeletionRetry?: RoomDeletionRetry;
  clock?: () => Date;
  logger?: Logger;
}

/**
 * Checks `CareMeet.create`'s options, all but the identity secret (which may have to be read from
 * the store first): a `TypeError` names what is wrong.
 */
export function checkCareMeetOptions(options: CareMeetOptions): void {
  if (!options || typeof options !== 'object') throw new TypeError('CareMeet.create: options are required');
  if (!options.store) throw new TypeError('CareMeet.create: options.store is required');
  const lk = options.livekit;
  if (!lk?.url || !lk.apiKey || !lk.apiSecret) throw new TypeError('CareMeet.create: livekit.url, apiKey and apiSecret are required');
  if (typeof options.organizerKey !== 'string' || options.organizerKey.length < 32) {
    throw new TypeError('CareMeet.create: organizerKey must be at least 32 characters');
  }
  const ttl = options.tokenTtlSeconds ?? 60;
  if (!Number.isInteger(ttl) || ttl < 10 || ttl > MAX_TOKEN_TTL_SECONDS) {
    throw new TypeError(`CareMeet.create: tokenTtlSeconds must be 10 to ${MAX_TOKEN_TTL_SECONDS}`);
  }
  checkIdentityProviders(options.identityProviders);
  checkReturnOrigins(options.allowedReturnOrigins);
  checkRoomDeletionRetry(options.roomDeletionRetry);
  checkVerifyMethods(options.verifyMethods, 'CareMeet.create: verifyMethods');
  if (options.e2ee !== undefined) {
    if (typeof options.e2ee !== 'object' || options.e2ee === null) throw new TypeError('CareMeet.create: e2ee must be { keyEncryptionKey }');
    parseKeyEncryptionKey(options.e2ee.keyEncryptionKey, 'CareMeet.create: e2ee.keyEncryptionKey');
  }
  if (options.messageLanguage !== undefined && !MESSAGE_LANGUAGES.includes(options.messageLanguage)) {
    throw new TypeError(`CareMeet.create: messageLanguage must be one of ${MESSAGE_LANGUAGES.join(', ')}`);
  }
  for (const q of options.evaluationQuestions ?? []) {
    if (!Object.entries(q?.text ?? {}).some(([lang, text]) => MESSAGE_LANGUAGES.includes(lang as MessageLanguage) && typeof text === 'string' && text.trim())) {
      throw new TypeError(`CareMeet.create: evaluation question ${String(q?.id)} needs its text in at least one of ${MESSAGE_LANGUAGES.join(', ')}`);
    }
  }
  if (options.messageTimeZone !== undefined) {
    try {
      new Intl.DateTimeFormat('sv-SE', { timeZone: options.messageTimeZone });
    } catch {
      throw new TypeError('CareMeet.create: messageTimeZone must be an IANA time zone such as Europe/Stockholm');
    }
  }
  if (options.messages !== undefined) {
    if (typeof options.messages?.sms !== 'function' || typeof options.messages.email !== 'function') {
      throw new TypeError('CareMeet.create: messages must have sms() and email()');
    }
    let absolute = false;
    try {
      absolute = options.inviteUrl !== undefined && /^https?:$/.test(new URL(options.inviteUrl('probe')).protocol);
    } catch {
      absolute = false;
    }
    if (!absolute) throw new TypeError('CareMeet.create: with messages, inviteUrl must give absolute http(s) links');
  }
}
