import { WebhookReceiver, type WebhookEvent } from 'livekit-server-sdk';
import {
  DEFAULT_ADMISSION_POLICY,
  decideChairAction,
  decideConsent,
  decideJoin,
  grantsFor,
  meetingState,
  type AdmissionPolicy,
  type ChairAction,
} from './admission/decide.js';
import { constantTimeEqual, hashSecret, identityKey, randomDigits, randomId } from './crypto.js';
import { CareMeetError, type CareMeetErrorCode } from './errors.js';
import { MeetingEventBus, type MeetingEvent } from './events.js';
import { MeetingKeySealer, keyringIndex, newMeetingKey, parseKeyEncryptionKey } from './e2ee/meeting-keys.js';
import { MAX_TOKEN_TTL_SECONDS, mintToken } from './livekit/mint-token.js';
import { LiveKitRoomControl, type RoomControl, type RoomLimits } from './livekit/room-control.js';
import { RoomDeletions, checkRoomDeletionRetry, type RoomDeletionRetry } from './livekit/room-deletions.js';
import { silentLogger, type Logger } from './logger.js';
import {
  MESSAGE_LANGUAGES,
  defaultMessageTimeZone,
  invitationMessage,
  maskPhone,
  type MessageLanguage,
  type MessageSender,
} from './identity/messages.js';
import type { OidcCallbackOutcome } from './identity/oidc-callback-page.js';
import {
  OidcLogins,
  checkIdentityProviders,
  checkReturnOrigins,
  isOidcMethod,
  parseOidcStart,
  type IdentityProviders,
} from './identity/oidc.js';
import { SmsCodeService, parseSubmittedCode, type UsableInvitation } from './identity/sms.js';
import { checkVerifyMethods, refuseUnservedMethods } from './identity/verify-methods.js';
import {
  verifyMethodFor,
  type AuditEntry,
  type ConsentBy,
  type ConsentHow,
  type ConsentRecord,
  type Evaluation,
  type Invitation,
  type Meeting,
  type MeetingState,
  type NewAuditEntry,
  type Participant,
  type ProvenIdentity,
  type Role,
  type Session,
  type SessionMethod,
  type VerifyMethod,
} from './model.js';
import { namespacedIdentity, parseBookMeeting, parseConsent, parseParticipant, type BookMeetingInput, type ParticipantInput } from './schemas.js';
import type { MeetingStore, Redemption, RoomToDelete, SealedMeetingKey, Stranger } from './store/meeting-store.js';
import { maskCpr, maskFodselsnummer, maskHenkilotunnus, maskHsaId, maskPersonnummer, validatePersonName } from '@care-meet/protocol/validation';

/** A question of the evaluation form offered when a meeting has ended. */
export interface EvaluationQuestion {
  id: string;
  kind: 'scale' | 'yes-no' | 'text';
  /**
   * The question in each language the host serves, at least one. A reader gets hers, else the
   * nearest one given (a Dane Norwegian, then Swedish, then English), else the first given.
   */
  text: { sv?: string; da?: string; nb?: string; fi?: string; en?: string };
}

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

/** A registration as the organizer and the chair see it: the identity masked. */
export interface ParticipantView {
  id: string;
  name: string;
  role: Role;
  identity: { kind: Participant['identityKind']; masked: string };
  verify: VerifyMethod;
}

export interface InviteView {
  token: string;
  url: string;
  expiresAt: string;
  /** How the invitation was sent to a guest at booking (with `messages` configured), or `failed`. */
  delivery?: 'sms' | 'email' | 'failed';
}

export interface MeetingView {
  id: string;
  title: string;
  state: MeetingState;
  startsAt: string;
  endsAt: string;
  allowScreenShare: boolean;
  allowChat: boolean;
  /** End-to-end encrypted: the admitted join answer carries the key (`e2ee`). */
  e2ee: boolean;
  dialIn?: { number: string; meetingNumber: string; pin: string };
  endedAt?: string;
}

export interface RosterEntry extends ParticipantView {
  /** The name an e-mail guest typed, to compare with who the chair sees. */
  typedName?: string;
  status: 'connected' | 'lobby' | 'absent' | 'left' | 'removed';
  connectedAt: string | null;
  /** Not connected five minutes after the start: call them. */
  noShow: boolean;
  /** The number to call, given for no-shows only. */
  phone?: string;
}

export interface Roster {
  meeting: MeetingView;
  counts: { registered: number; connected: number; lobby: number; strangers: number };
  participants: RosterEntry[];
  lobby: string[];
  /** People connected to the room who are not on the list. */
  strangers: Array<{ identity: string; name: string; connectedAt: string }>;
  /** The individual's consent to the meeting and to who takes part. */
  consent: ConsentView;
}

/**
 * `GET /meetings/{id}` for someone on the list who is not the chair, with their own session: the
 * meeting, and where they stand. `evaluation`: `open` (they took part and may answer once the
 * meeting has ended), `submitted` (answered already), `none` (they never took part: nothing to answer).
 */
export interface OwnStanding {
  meeting: MeetingView;
  self: { id: string; role: Role; removed: boolean; evaluation: 'open' | 'submitted' | 'none' };
}

/**
 * The individual's consent as the chair sees it. `none`: nobody is registered as the individual;
 * `missing`: never recorded; `given`; `withdrawn`.
 */
export interface ConsentView {
  state: 'none' | 'missing' | 'given' | 'withdrawn';
  /** When it was given or withdrawn. */
  at: string | null;
  by: ConsentBy | null;
  how: ConsentHow | null;
  /** Consent given: people on the list now (not removed) whom it does not cover, registered after it. */
  notCovered: string[];
}

export type JoinResult =
  | {
      status: 'admitted';
      livekitUrl: string;
      token: string;
      participantId: string;
      role: Role;
      name: string;
      meeting: MeetingView;
      /** For the chair only: a subscribe-only token for the lobby room. */
      lobbyToken?: string;
      /**
       * The meeting's end-to-end encryption key, when it has E2EE: base64url of 32 raw bytes, and
       * its index in livekit-client's keyring (the rotation count mod 16). Only ever here.
       */
      e2ee?: { key: string; keyIndex: number };
    }
  | { status: 'lobby'; livekitUrl: string; token: string; participantId: string; name: string };

export interface SessionGrant {
  session: string;
  participantId: string;
  expiresAt: string;
}

/** Who is calling: the organizer key, or a participant's session. */
export type Caller = { kind: 'organizer' } | { kind: 'session'; session: Session };

/** What an audit entry says: `recordAudit`'s parameters, all given. */
type AuditArgs = Required<Parameters<CareMeet['recordAudit']>>;

const NO_SHOW_AFTER_MS = 5 * 60_000;
const ROOM_ENSURED_FOR_MS = 15_000;
const RECONCILE_EVERY_MS = 30_000;
/**
 * How long a webhook delivery holds its event while acting on it. A delivery whose process died
 * leaves a claim that lapses after this. LiveKit's webhook client (go-retryablehttp) retries a
 * failed delivery, by default 4 times, 1 to 8 s apart: a restart within that still acts on it.
 */
const WEBHOOK_CLAIM_MS = 10_000;
const MAX_ANSWER_BYTES = 2000;

function iso(d: Date): string {
  return d.toISOString();
}

/**
 * The server side of care-meet: books meetings, decides who joins, mints LiveKit tokens with
 * exactly the rights each person may have, controls rooms, takes LiveKit webhooks and keeps the
 * audit log. Every HTTP route is a thin layer over a method here, so a host can also call these
 * directly from its own backend.
 *
 * @example
 * ```ts
 * const careMeet = await CareMeet.create({
 *   store: new SqliteMeetingStore({ filename: 'care-meet.db' }),
 *   livekit: { url: 'ws://127.0.0.1:7880', apiKey: 'devkey', apiSecret: 'secret' },
 *   organizerKey: process.env.CARE_MEET_ORGANIZER_KEY!,
 * });
 * const booked = await careMeet.bookMeeting({ title: 'SIP-möte', startsAt, endsAt, participants });
 * ```
 */
export class CareMeet {
  readonly store: MeetingStore;
  /** Meeting events to the open streams: of every instance on the store when it is shared (PostgreSQL). */
  readonly events: MeetingEventBus;
  /** This instance's name on the store's leases. */
  readonly #instanceId = randomId('ci_', 16);
  #closing: Promise<void> | null = null;
  /**
   * One set per reconciliation under way: the participants whose connection or lobby state a
   * webhook changed since it started reading LiveKit's lists (a change its lists may not show).
   */
  readonly #changedDuringReconcile = new Set<Set<string>>();
  readonly #options: CareMeetOptions;
  readonly #identitySecret: string;
  readonly #rooms: RoomControl;
  readonly #webhooks: WebhookReceiver;
  readonly #policy: AdmissionPolicy;
  readonly #tokenTtl: number;
  readonly #clock: () => Date;
  readonly #log: Logger;
  /** Rooms known to exist on LiveKit until `until`; `pending` is a CreateRoom every join in flight shares. */
  readonly #roomEnsured = new Map<string, { until: number; pending: Promise<void> | null }>();
  /** Meetings this instance has ended: checked again after a room was created, to close a race. */
  readonly #endedHere = new Set<string>();
  readonly #reconciledAt = new Map<string, number>();
  /** Deletes ended meetings' rooms, retrying in the background until LiveKit has. */
  readonly #roomDeletions: RoomDeletions;
  /** Webhook events this instance is acting on: a second delivery of one waits for the first's outcome. */
  readonly #webhooksInFlight = new Map<string, Promise<unknown>>();
  readonly #oidc: OidcLogins;
  readonly #sms: SmsCodeService;
  readonly #returnOrigins: string[];
  readonly #messageLanguage: MessageLanguage;
  readonly #messageTimeZone: string;
  /** Seals and opens the meetings' E2EE keys; null when the deployment has no key (no E2EE). */
  readonly #meetingKeys: MeetingKeySealer | null;

  private constructor(options: CareMeetOptions, identitySecret: string) {
    this.#options = options;
    this.store = options.store;
    this.#identitySecret = identitySecret;
    this.#rooms =
      options.roomControl ??
      new LiveKitRoomControl({
        url: options.livekit.url,
        apiKey: options.livekit.apiKey,
        apiSecret: options.livekit.apiSecret,
        ...(options.roomLimits ? { limits: options.roomLimits } : {}),
      });
    this.#webhooks = new WebhookReceiver(options.livekit.apiKey, options.livekit.apiSecret);
    this.events = new MeetingEventBus({ fanOut: options.store.openEventFanOut?.({ logger: options.logger ?? silentLogger }) });
    this.#roomDeletions = new RoomDeletions({
      holder: this.#instanceId,
      store: this.store,
      rooms: this.#rooms,
      log: options.logger ?? silentLogger,
      ...(options.roomDeletionRetry ? { retry: options.roomDeletionRetry } : {}),
      deleted: (room, tries) => this.#roomDeletedLater(room, tries),
    });
    this.#policy = { ...DEFAULT_ADMISSION_POLICY, ...options.admission };
    this.#tokenTtl = options.tokenTtlSeconds ?? 60;
    this.#clock = options.clock ?? (() => new Date());
    this.#log = options.logger ?? silentLogger;
    this.#returnOrigins = checkReturnOrigins(options.allowedReturnOrigins);
    this.#meetingKeys = options.e2ee ? new MeetingKeySealer(options.e2ee.keyEncryptionKey) : null;
    this.#messageLanguage = options.messageLanguage ?? 'sv';
    this.#messageTimeZone = options.messageTimeZone ?? defaultMessageTimeZone(this.#messageLanguage);
    this.#oidc = new OidcLogins({
      providers: checkIdentityProviders(options.identityProviders),
      store: this.store,
      now: () => this.now(),
      log: this.#log,
      bindToBrowser: options.bindLoginToBrowser ?? true,
    });
    this.#sms = new SmsCodeService({
      store: this.store,
      secret: identitySecret,
      sender: options.messages,
      lang: this.#messageLanguage,
      timeZone: this.#messageTimeZone,
      now: () => this.now(),
      log: this.#log,
      audit: (meetingId, action, participantId, outcome, code, details) =>
        this.#audit(meetingId, action, participantId, participantId, outcome, code, details),
    });
  }

  /**
   * Creates the service. Checks the options (a `TypeError` names what is wrong) and loads or makes
   * the identity key.
   */
  static async create(options: CareMeetOptions): Promise<CareMeet> {
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
    let secret = options.identitySecret;
    if (secret === undefined) secret = await options.store.initSetting('identity-secret', randomId('', 32));
    else if (secret.length < 32) throw new TypeError('CareMeet.create: identitySecret must be at least 32 characters');
    const careMeet = new CareMeet(options, secret);
    // Rooms a previous process was still deleting (LiveKit down when the meeting ended, a crash).
    try {
      // Listening to the other instances' events before serving any stream.
      await careMeet.events.start();
      await careMeet.#roomDeletions.resume();
    } catch (e) {
      await careMeet.close();
      throw e;
    }
    return careMeet;
  }

  /**
   * Stops the background work (room deletions still to retry stay in the store for the next
   * start, and their lease is given up for another instance to take at once) and closes the event
   * fan-out's connection. The store is the caller's to close, after this (closing it closes the
   * fan-out too). Resolves when done; never rejects.
   */
  close(): Promise<void> {
    this.#closing ??= Promise.all([this.#roomDeletions.close(), this.events.close().catch(() => {})]).then(() => {});
    return this.#closing;
  }

  /** The LiveKit URL browsers connect to. */
  get livekitUrl(): string {
    return this.#options.livekit.publicUrl ?? this.#options.livekit.url;
  }

  get evaluationQuestions(): EvaluationQuestion[] {
    return this.#options.evaluationQuestions ?? [];
  }

  now(): Date {
    return this.#clock();
  }

  // ---- who is calling ------------------------------------------------------------------------

  /** Checks an organizer bearer key. */
  isOrganizerKey(key: string): boolean {
    return constantTimeEqual(key, this.#options.organizerKey);
  }

  /** Resolves a session bearer token, or throws `UNAUTHENTICATED`. */
  async sessionFromToken(token: string): Promise<Session> {
    return this.#liveSession(await this.#bySessionToken(token, (hash) => this.store.getSession(hash)));
  }

  /** Looks a session token up by its hash; a token of an impossible length is not looked up at all. */
  #bySessionToken<T>(token: string, read: (hash: string) => Promise<T | null>): Promise<T | null> {
    return token.length >= 20 && token.length <= 200 ? read(hashSecret(token)) : Promise.resolve(null);
  }

  /** The session if it exists and has not expired, else `UNAUTHENTICATED`. */
  #liveSession<T extends Session>(session: T | null | undefined): T {
    if (!session || session.expiresAt.getTime() <= this.now().getTime()) {
      throw new CareMeetError('UNAUTHENTICATED', 'no valid session; prove who you are again');
    }
    return session;
  }

  // ---- booking -------------------------------------------------------------------------------

  /**
   * Books a meeting: validates everything first, then stores the meeting, its registrations and one
   * invitation each in one transaction. The LiveKit room is created when the first person joins,
   * under the random name chosen here.
   */
  async bookMeeting(input: unknown): Promise<{ meeting: MeetingView; participants: Array<ParticipantView & { invite: InviteView }> }> {
    const now = this.now();
    const parsed: BookMeetingInput = parseBookMeeting(input, now);
    const e2ee = parsed.e2ee ?? this.#meetingKeys !== null;
    if (e2ee && this.#meetingKeys === null) {
      throw new CareMeetError('E2EE_NOT_CONFIGURED', 'end-to-end encryption is not configured on this server (no E2EE key): book with e2ee: false, or ask its operator', {
        field: 'e2ee',
      });
    }
    refuseUnservedMethods(parsed.participants, this.#options.verifyMethods, (i) => `participants[${i}]`);
    const keys = new Set<string>();
    for (const [i, p] of parsed.participants.entries()) {
      const key = this.#keyOf(p);
      if (key !== null) {
        if (keys.has(key)) throw new CareMeetError('CONFLICT', 'the same person is registered twice', { field: `participants[${i}].identity` });
        keys.add(key);
      }
    }
    const meeting: Meeting = {
      id: randomId('m_'),
      title: parsed.title,
      startsAt: parsed.startsAt,
      endsAt: parsed.endsAt,
      allowScreenShare: parsed.allowScreenShare,
      allowChat: parsed.allowChat,
      e2ee,
      roomName: randomId('r_'),
      lobbyRoomName: randomId('l_'),
      dialIn: await this.#newDialIn(),
      createdAt: now,
      endedAt: null,
      endedBy: null,
    };
    const made = parsed.participants.map((p) => this.#newRegistration(meeting, p, now));
    const consent: ConsentRecord | undefined = parsed.consent
      ? { meetingId: meeting.id, state: 'given', at: now, by: 'organizer', actor: 'organizer', how: parsed.consent.how, participantIds: made.map((m) => m.participant.id) }
      : undefined;
    const audit = [
      this.#entry(meeting.id, 'meeting.booked', 'organizer', null, 'ok', null, {
        participants: made.length,
        allowScreenShare: meeting.allowScreenShare,
        allowChat: meeting.allowChat,
        e2ee,
      }),
    ];
    // The meeting's first key, sealed: stored with the meeting, in its transaction.
    const firstKey: SealedMeetingKey | undefined =
      e2ee && this.#meetingKeys ? { meetingId: meeting.id, keyIndex: 0, sealed: this.#meetingKeys.seal(meeting.id, 0, newMeetingKey()), createdAt: now } : undefined;
    if (consent) audit.push(this.#entry(meeting.id, 'consent.given', 'organizer', null, 'ok', null, { by: 'organizer', how: consent.how, covers: made.length }));
    // The meeting and the entries that document its booking: one transaction, so no crash leaves
    // a meeting without them.
    await this.store.createMeeting(meeting, made.map((m) => m.participant), made.map((m) => m.invitation), consent, audit, firstKey);
    await Promise.all(made.map((m) => this.#sendInvitation(meeting, m.participant, m.invite, m.language)));
    // Housekeeping on a route every deployment uses: meetings that ended by time, without anyone
    // ending them, keep no identities of people who were not on their list.
    await this.store.forgetStrangersOfMeetingsOver(new Date(now.getTime() - this.#policy.closeAfterEndMs));
    return {
      meeting: this.meetingView(meeting),
      participants: made.map((m) => ({ ...this.participantView(m.participant), invite: m.invite })),
    };
  }

  /** Registers one more participant in a booked meeting that has not ended. */
  async addParticipant(meetingId: string, input: unknown): Promise<ParticipantView & { invite: InviteView }> {
    const meeting = await this.#meeting(meetingId);
    const now = this.now();
    if (meetingState(meeting, now, this.#policy) === 'ended') throw new CareMeetError('MEETING_ENDED', 'the meeting has ended');
    const p = parseParticipant(input, 'body', now);
    if (p.role === 'chair') throw new CareMeetError('BAD_REQUEST', 'a meeting has exactly one chair', { field: 'body.role' });
    refuseUnservedMethods([p], this.#options.verifyMethods, () => 'body');
    const key = this.#keyOf(p);
    if (key !== null && (await this.store.listParticipants(meetingId)).some((x) => x.identityKey === key)) {
      throw new CareMeetError('CONFLICT', 'this person is already registered', { field: 'body.identity' });
    }
    const made = this.#newRegistration(meeting, p, now);
    await this.store.addParticipant(made.participant, made.invitation, [
      this.#entry(meeting.id, 'participant.registered', 'organizer', made.participant.id, 'ok', null, {
        role: p.role,
        identityKind: p.identity.kind,
      }),
    ]);
    await this.#sendInvitation(meeting, made.participant, made.invite, made.language);
    this.#publish(meeting.id, { type: 'participant-added', participantId: made.participant.id, at: iso(now) });
    return { ...this.participantView(made.participant), invite: made.invite };
  }

  #keyOf(p: ParticipantInput): string | null {
    const ns = namespacedIdentity(p.identity);
    return ns === null ? null : identityKey(this.#identitySecret, ns);
  }

  /** The keyed hash of a proven identity, as registrations are stored. */
  identityKeyOf(identity: ProvenIdentity): string {
    return identityKey(this.#identitySecret, namespacedIdentity(identity) as string);
  }

  #newRegistration(meeting: Meeting, p: ParticipantInput, now: Date) {
    const participant: Participant = {
      id: randomId('p_'),
      meetingId: meeting.id,
      name: p.name,
      role: p.role,
      identityKind: p.identity.kind,
      identityKey: this.#keyOf(p),
      masked: maskIdentity(p),
      phone: p.phone,
      email: p.email,
      admittedAt: null,
      removedAt: null,
      connectedAt: null,
      disconnectedAt: null,
      firstConnectedAt: null,
      inLobby: false,
      typedName: null,
      createdAt: now,
    };
    const secret = randomId('', 32);
    const expiresAt = this.#closesAt(meeting);
    const invitation: Invitation = {
      participantId: participant.id,
      meetingId: meeting.id,
      secretHash: hashSecret(secret),
      expiresAt,
      usedAt: null,
    };
    const invite: InviteView = { token: secret, url: this.#inviteUrl(secret), expiresAt: iso(expiresAt) };
    return { participant, invitation, invite, language: p.language };
  }

  /**
   * Sends a guest their invitation, when a sender is configured: SMS to a phone guest, e-mail to an
   * e-mail guest, in the language they were registered with (else the deployment's). The text
   * holds the start time and the link only (rule 10). A failure does not undo the booking: it is
   * audited and shown as `invite.delivery: 'failed'`.
   */
  async #sendInvitation(meeting: Meeting, participant: Participant, invite: InviteView, language: MessageLanguage | null): Promise<void> {
    const sender = this.#options.messages;
    if (!sender || participant.identityKind !== 'guest') return;
    const channel = participant.phone ? 'sms' : participant.email ? 'email' : null;
    if (channel === null) return;
    const text = invitationMessage({ startsAt: meeting.startsAt, url: invite.url, lang: language ?? this.#messageLanguage, timeZone: this.#messageTimeZone });
    try {
      if (channel === 'sms') await sender.sms(participant.phone as string, text.sms);
      else await sender.email(participant.email as string, text.subject, text.email);
      invite.delivery = channel;
      await this.#audit(meeting.id, 'invite.sent', 'server', participant.id, 'ok', null, { channel });
    } catch (e) {
      invite.delivery = 'failed';
      this.#log.warn('invitation not sent', { participantId: participant.id, channel, error: e instanceof Error ? e.name : 'unknown' });
      await this.#audit(meeting.id, 'invite.sent', 'server', participant.id, 'refused', 'SEND_FAILED', { channel });
    }
  }

  #inviteUrl(secret: string): string {
    return this.#options.inviteUrl ? this.#options.inviteUrl(secret) : `/join#invite=${secret}`;
  }

  #closesAt(meeting: Meeting): Date {
    return new Date(meeting.endsAt.getTime() + this.#policy.closeAfterEndMs);
  }

  async #newDialIn(): Promise<Meeting['dialIn']> {
    const number = this.#options.dialInNumber;
    if (!number) return null;
    for (let i = 0; i < 20; i++) {
      const meetingNumber = randomDigits(9);
      if (!(await this.store.meetingNumberTaken(meetingNumber))) return { number, meetingNumber, pin: randomDigits(6) };
    }
    throw new CareMeetError('INTERNAL', 'could not find a free meeting number');
  }

  // ---- views ---------------------------------------------------------------------------------

  meetingView(m: Meeting): MeetingView {
    const view: MeetingView = {
      id: m.id,
      title: m.title,
      state: meetingState(m, this.now(), this.#policy),
      startsAt: iso(m.startsAt),
      endsAt: iso(m.endsAt),
      allowScreenShare: m.allowScreenShare,
      allowChat: m.allowChat,
      e2ee: m.e2ee,
    };
    if (m.dialIn) view.dialIn = { ...m.dialIn };
    if (m.endedAt) view.endedAt = iso(m.endedAt);
    return view;
  }

  participantView(p: Participant): ParticipantView {
    return { id: p.id, name: p.name, role: p.role, identity: { kind: p.identityKind, masked: p.masked }, verify: verifyMethodFor(p) };
  }

  async #meeting(id: string): Promise<Meeting> {
    const m = typeof id === 'string' && id.length <= 64 ? await this.store.getMeeting(id) : null;
    if (!m) throw new CareMeetError('NOT_FOUND', 'no such meeting');
    return m;
  }

  /**
   * The meeting as the organizer or its chair sees it: the meeting, the registrations and their live
   * state. Anyone else on the list, with their own session, gets only the meeting and where they
   * stand in it (`OwnStanding`): the elements read it before the device check, so a person who
   * opens an ended meeting is told at once, and one who has sent the evaluation is not asked again.
   */
  async getMeeting(meetingId: string, caller: Caller): Promise<Roster | OwnStanding> {
    if (caller.kind === 'session') {
      const meeting = await this.#meeting(meetingId);
      const p = await this.#actor(meeting, caller);
      if (p !== 'organizer' && p.role !== 'chair') {
        // The same test as submitEvaluation's: only people who took part may answer.
        const tookPart = p.admittedAt !== null || p.firstConnectedAt !== null || p.removedAt !== null;
        const sent = tookPart && (await this.store.listEvaluations(meeting.id)).some((e) => e.participantId === p.id);
        return {
          meeting: this.meetingView(meeting),
          self: { id: p.id, role: p.role, removed: p.removedAt !== null, evaluation: !tookPart ? 'none' : sent ? 'submitted' : 'open' },
        };
      }
    }
    return this.roster(meetingId, caller);
  }

  // ---- sessions ------------------------------------------------------------------------------

  /**
   * Turns an identity the host has already proven (its own 1177 or SITHS login) into a session,
   * when it matches a registration of the meeting exactly. Otherwise `IDENTITY_MISMATCH`, audited.
   */
  async vouchSession(meetingId: string, identity: ProvenIdentity, method: SessionMethod): Promise<SessionGrant> {
    const meeting = await this.#meeting(meetingId);
    const key = this.identityKeyOf(identity);
    const participant = (await this.store.listParticipants(meeting.id)).find((p) => p.identityKey === key);
    if (!participant) {
      await this.#audit(meeting.id, 'session.vouched', 'organizer', null, 'refused', 'IDENTITY_MISMATCH', {
        identityKind: identity.kind,
        method,
      });
      throw new CareMeetError('IDENTITY_MISMATCH', 'this person is not registered for the meeting');
    }
    return this.createSession(meeting, participant, method, key, 'organizer');
  }

  /**
   * Creates a session for a registration whose identity has been proven (or, for a guest, whose
   * invitation has been redeemed). Used by the identity routes.
   */
  async createSession(
    meeting: Meeting,
    participant: Participant,
    method: SessionMethod,
    provenKey: string | null,
    actor: string,
  ): Promise<SessionGrant> {
    const made = this.#newSession(meeting, participant, method, provenKey, actor);
    await this.store.createSession(made.session, [made.audit]);
    return made.grant;
  }

  /** A session not yet stored, with its audit entry: stored on its own or with a redemption. */
  #newSession(meeting: Meeting, participant: Participant, method: SessionMethod, provenKey: string | null, actor: string) {
    const now = this.now();
    const token = randomId('s_', 32);
    const ttl = this.#options.sessionTtlMs;
    const closes = this.#closesAt(meeting).getTime();
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
    return { session, grant, audit: this.#entry(meeting.id, 'session.created', actor, participant.id, 'ok', null, { method }) };
  }

  /**
   * What redeeming `participant`'s invitation stores with it, in the same transaction: the session,
   * the typed name, the audit entries. So a crash never leaves an invitation used without its
   * session (its guest would get `INVITE_USED` for good).
   */
  #redemption(meeting: Meeting, participant: Participant, method: SessionMethod, provenKey: string | null, typedName: string | null) {
    const made = this.#newSession(meeting, participant, method, provenKey, participant.id);
    const redemption: Redemption = {
      session: made.session,
      typedName,
      audit: [this.#entry(meeting.id, 'invite.redeem', participant.id, participant.id, 'ok', null, { method }), made.audit],
    };
    return { redemption, grant: made.grant };
  }

  // ---- invitations ---------------------------------------------------------------------------

  /**
   * What an invitation is for and how its holder proves who they are. Every bad link gets the same
   * `NOT_FOUND`; expired, used and ended ones say so (only the holder of a real secret learns that).
   */
  async inspectInvitation(token: string): Promise<{
    meeting: { id: string; startsAt: string; state: MeetingState };
    participant: { id: string; name: string; role: Role };
    verify: VerifyMethod;
  }> {
    const { meeting, participant } = await this.#usableInvitation(token);
    const view = this.meetingView(meeting);
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
    const invitation = await this.store.getInvitationByHash(secretHash);
    const participant = invitation ? await this.store.getParticipant(invitation.participantId) : null;
    const meeting = invitation ? await this.store.getMeeting(invitation.meetingId) : null;
    if (!invitation || !participant || !meeting) throw new CareMeetError('NOT_FOUND', 'this invitation link is not valid');
    if (meetingState(meeting, this.now(), this.#policy) === 'ended') throw new CareMeetError('MEETING_ENDED', 'the meeting has ended');
    if (invitation.expiresAt.getTime() <= this.now().getTime()) throw new CareMeetError('INVITE_EXPIRED', 'this invitation has expired');
    if (invitation.usedAt !== null) throw new CareMeetError('INVITE_USED', 'this invitation has already been used');
    if (participant.removedAt !== null) throw new CareMeetError('REMOVED', 'the meeting leader removed this participant');
    return { invitation, meeting, participant };
  }

  /**
   * Redeems an e-mail guest's invitation with the name they type: once, atomically (two parallel
   * redemptions cannot both win). The typed name is shown to the chair beside the registered one.
   */
  async redeemInvitationWithName(token: string, typedName: unknown): Promise<SessionGrant> {
    const { invitation, meeting, participant } = await this.#usableInvitation(token);
    const method = verifyMethodFor(participant);
    if (method !== 'name') {
      throw new CareMeetError('BAD_REQUEST', `this invitation is proven by ${method}, not by a typed name`, { field: 'name' });
    }
    const name = validatePersonName(typedName, 'name');
    const { redemption, grant } = this.#redemption(meeting, participant, 'name', null, name);
    if (!(await this.store.redeemInvitation(invitation.secretHash, this.now(), redemption))) {
      await this.#audit(meeting.id, 'invite.redeem', participant.id, participant.id, 'refused', 'INVITE_USED', { method });
      throw new CareMeetError('INVITE_USED', 'this invitation has already been used');
    }
    return grant;
  }

  /**
   * Sends an SMS one-time code for a phone guest's invitation: six digits, valid ten minutes,
   * stored only as an HMAC; at most 3 codes per 10 minutes and 10 in all per invitation
   * (`RATE_LIMITED`). The SMS holds the code and the time it is valid to, nothing else, in `lang`
   * (the language the person asking reads; default the deployment's).
   */
  async sendSmsCode(token: string, lang?: MessageLanguage | null): Promise<{ to: string; expiresAt: string }> {
    const target = await this.#usableInvitation(token);
    const method = verifyMethodFor(target.participant);
    if (method !== 'sms-code') throw new CareMeetError('BAD_REQUEST', `this invitation is proven by ${method}, not by an SMS code`);
    return this.#sms.send(target, lang ?? undefined);
  }

  /**
   * Redeems a phone guest's invitation with the SMS code (and, optionally, the name they type for
   * the chair to see): once, atomically with the code check, so of parallel tries exactly one wins.
   * Wrong: `CODE_INVALID` with the tries left; expired: `CODE_EXPIRED`; tries spent: `RATE_LIMITED`.
   */
  async redeemInvitationWithCode(token: string, codeInput: unknown, typedName?: unknown): Promise<SessionGrant> {
    const code = parseSubmittedCode(codeInput);
    const name = typedName === undefined ? null : validatePersonName(typedName, 'name');
    const target = await this.#usableInvitation(token);
    const { meeting, participant } = target;
    const method = verifyMethodFor(participant);
    if (method !== 'sms-code') throw new CareMeetError('BAD_REQUEST', `this invitation is proven by ${method}, not by an SMS code`, { field: 'code' });
    const { redemption, grant } = this.#redemption(meeting, participant, 'sms-code', null, name);
    await this.#sms.redeem(target, code, redemption);
    return grant;
  }

  /**
   * Starts proving an invitation's identity at the identity provider (`bankid`, `siths`, `mitid`):
   * validates `{returnTo, display?}`, stores the state, nonce and PKCE verifier for ten minutes,
   * and answers the authorization URL to send the browser to. `binding` is the browser's binding
   * cookie when it sent one; the answer's `binding` is the cookie to set (null when not binding).
   */
  async startOidcLogin(token: string, body: unknown, binding: string | null = null): Promise<{ authorizationUrl: string; binding: string | null }> {
    const start = parseOidcStart(body, this.#returnOrigins);
    const { invitation, meeting, participant } = await this.#usableInvitation(token);
    const method = verifyMethodFor(participant);
    if (!isOidcMethod(method)) throw new CareMeetError('BAD_REQUEST', `this invitation is proven by ${method}, not through an identity provider`);
    if (!this.#oidc.isConfigured(method)) throw new CareMeetError('BAD_REQUEST', `this server has no identity provider for ${method}`);
    const started = await this.#oidc.start({ invitationHash: invitation.secretHash, method, start, binding });
    await this.#audit(meeting.id, 'oidc.start', participant.id, participant.id, 'ok', null, { method, display: start.display });
    return started;
  }

  /**
   * Finishes an identity-provider login from its callback's query: takes the pending login (once),
   * verifies the IdP's answer (rule 11), compares the proven identity with the registration, and
   * redeems the invitation into a session. Refusals are audited (never with the identity) and
   * answered as the outcome's error. `null` when the state is unknown, used or missing.
   */
  async finishOidcLogin(params: URLSearchParams, binding: string | null = null): Promise<OidcCallbackOutcome | null> {
    const login = await this.#oidc.take(params.get('state'));
    if (!login) {
      this.#log.warn('identity provider callback refused', { reason: 'unknown state' });
      return null;
    }
    const base = { returnTo: login.returnTo, display: login.display };
    const verified = await this.#oidc.verify(login, params, binding);
    if (!verified.ok) {
      const invitation = await this.store.getInvitationByHash(login.invitationHash);
      if (invitation) {
        await this.#audit(invitation.meetingId, 'oidc.login', invitation.participantId, invitation.participantId, 'refused', verified.error.code, {
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
    const { meeting, participant } = await this.#usableInvitationByHash(invitationHash);
    const key = this.identityKeyOf(identity);
    if (participant.identityKey === null || !constantTimeEqual(key, participant.identityKey)) {
      await this.#audit(meeting.id, 'invite.redeem', participant.id, participant.id, 'refused', 'IDENTITY_MISMATCH', {
        method,
        identityKind: identity.kind,
      });
      throw new CareMeetError('IDENTITY_MISMATCH', 'the person who logged in is not the one this invitation is for');
    }
    const { redemption, grant } = this.#redemption(meeting, participant, method, key, null);
    if (!(await this.store.redeemInvitation(invitationHash, this.now(), redemption))) {
      await this.#audit(meeting.id, 'invite.redeem', participant.id, participant.id, 'refused', 'INVITE_USED', { method });
      throw new CareMeetError('INVITE_USED', 'this invitation has already been used');
    }
    return grant;
  }

  // ---- joining -------------------------------------------------------------------------------

  /**
   * Decides a join for a session and acts on it: a token for the meeting's room, a token for the
   * lobby room only, or a refusal (audited, with its code).
   */
  async join(session: Session): Promise<JoinResult> {
    const meeting = await this.#meeting(session.meetingId);
    const participant = await this.store.getParticipant(session.participantId);
    if (!participant) throw new CareMeetError('UNAUTHENTICATED', 'the registration no longer exists');
    return this.#join(session, meeting, participant);
  }

  /**
   * `join` for a bearer token: the session, its meeting and its registration in one store read
   * (the hot path of every join).
   */
  async joinWithToken(token: string): Promise<JoinResult> {
    const ctx = await this.#bySessionToken(token, (hash) => this.store.getSessionContext(hash));
    return this.#join(this.#liveSession(ctx?.session), ctx!.meeting, ctx!.participant);
  }

  async #join(session: Session, meeting: Meeting, participant: Participant): Promise<JoinResult> {
    const now = this.now();
    const decision = decideJoin({ meeting, participant, session, now, policy: this.#policy });
    if (decision.outcome === 'refuse') {
      await this.#audit(meeting.id, 'join', participant.id, participant.id, 'refused', decision.code, { method: session.method });
      throw new CareMeetError(decision.code, decision.reason);
    }
    const attributes = { 'care.role': participant.role, 'care.verified': session.method };
    if (decision.outcome === 'lobby') {
      await this.#ensureRoom(meeting, decision.room);
      const token = await this.#mint(participant, decision.room, decision.grants, attributes);
      if (!participant.inLobby) await this.store.setWaiting(participant.id, true);
      await this.#audit(meeting.id, 'join', participant.id, participant.id, 'ok', null, { room: 'lobby', method: session.method });
      this.#publish(meeting.id, { type: 'lobby-waiting', participantId: participant.id, at: iso(now) });
      return { status: 'lobby', livekitUrl: this.livekitUrl, token, participantId: participant.id, name: participant.name };
    }
    // The key first, in one read with the check that the person is not removed: a removal that
    // rotated the key since the decision above is seen here with its new key, and refused.
    const e2ee = meeting.e2ee ? await this.#currentKey(meeting, participant, session) : undefined;
    await this.#ensureRoom(meeting, decision.room);
    const token = await this.#mint(participant, decision.room, decision.grants, attributes);
    // Removed since the decision above (the meeting leader's Remove racing this join): the
    // removal stands, and the token just minted is never handed out.
    if (participant.admittedAt === null && !(await this.store.setJoinedAdmitted(participant.id, now))) {
      await this.#audit(meeting.id, 'join', participant.id, participant.id, 'refused', 'REMOVED', { method: session.method });
      throw new CareMeetError('REMOVED', 'the meeting leader has removed this person from the meeting');
    }
    await this.#audit(meeting.id, 'join', participant.id, participant.id, 'ok', null, { room: 'main', method: session.method });
    const result: JoinResult = {
      status: 'admitted',
      livekitUrl: this.livekitUrl,
      token,
      participantId: participant.id,
      role: participant.role,
      name: participant.name,
      meeting: this.meetingView(meeting),
    };
    if (e2ee) result.e2ee = e2ee;
    if (participant.role === 'chair') {
      await this.#ensureRoom(meeting, meeting.lobbyRoomName);
      result.lobbyToken = await this.#mint(participant, meeting.lobbyRoomName, grantsFor('lobby-observer', meeting), attributes);
    }
    return result;
  }

  /** The meeting's current E2EE key for an admitted person's join answer (never logged, never audited). */
  async #currentKey(meeting: Meeting, participant: Participant, session: Session): Promise<{ key: string; keyIndex: number }> {
    if (this.#meetingKeys === null) {
      await this.#audit(meeting.id, 'join', participant.id, participant.id, 'refused', 'E2EE_NOT_CONFIGURED', { method: session.method });
      throw new CareMeetError('E2EE_NOT_CONFIGURED', 'this meeting is end-to-end encrypted and this server has no E2EE key configured; ask its operator');
    }
    const stored = await this.store.currentMeetingKey(meeting.id, participant.id);
    if (stored === null) {
      // Removed after the decision (or a meeting left without a key, which booking never does).
      await this.#audit(meeting.id, 'join', participant.id, participant.id, 'refused', 'REMOVED', { method: session.method });
      throw new CareMeetError('REMOVED', 'you were removed from this meeting');
    }
    const key = this.#meetingKeys.open(meeting.id, stored.keyIndex, stored.sealed);
    return { key: key.toString('base64url'), keyIndex: keyringIndex(stored.keyIndex) };
  }

  #mint(participant: Participant, room: string, grants: ReturnType<typeof grantsFor>, attributes: Record<string, string>) {
    return mintToken({
      apiKey: this.#options.livekit.apiKey,
      apiSecret: this.#options.livekit.apiSecret,
      identity: participant.id,
      name: participant.name,
      room,
      grants,
      attributes,
      ttlSeconds: this.#tokenTtl,
    });
  }

  /**
   * Creates the LiveKit room before a token for it is minted (the deployment has auto-create off).
   * CreateRoom is idempotent; a short memory spares the media server a call per join.
   */
  async #ensureRoom(meeting: Meeting, room: string): Promise<void> {
    const known = this.#roomEnsured.get(room);
    if (known?.pending) return known.pending;
    if (known && known.until > Date.now()) return;
    // One CreateRoom for everyone who joins while it is in flight, not one each.
    const entry: { until: number; pending: Promise<void> | null } = { until: 0, pending: null };
    entry.pending = (async () => {
      const registered = (await this.store.listParticipants(meeting.id)).length;
      const cap = room === meeting.lobbyRoomName ? registered + 1 : registered + (this.#options.roomHeadroom ?? 2);
      await this.#rooms.ensureRoom(room, cap);
    })();
    this.#roomEnsured.set(room, entry);
    try {
      await entry.pending;
      entry.until = Date.now() + ROOM_ENSURED_FOR_MS;
    } catch (e) {
      if (this.#roomEnsured.get(room) === entry) this.#roomEnsured.delete(room);
      throw e;
    } finally {
      entry.pending = null;
    }
    if (this.#endedHere.has(meeting.id)) {
      // The meeting ended while the room was being created: take the room down again (should
      // LiveKit fail now, the background deletions retry it).
      const request = await this.store.requestRoomDeletion(meeting.id, room, this.now());
      await this.#roomDeletions.deleteNow(request).catch(() => {});
      throw new CareMeetError('MEETING_ENDED', 'the meeting has ended');
    }
  }

  // ---- the chair's actions -------------------------------------------------------------------

  /** Who is calling about `meeting`: the organizer, or the registration behind a session of that meeting. */
  async #actor(meeting: Meeting, caller: Caller): Promise<Participant | 'organizer'> {
    if (caller.kind === 'organizer') return 'organizer';
    if (caller.session.meetingId !== meeting.id) throw new CareMeetError('FORBIDDEN', 'this session belongs to another meeting');
    const p = await this.store.getParticipant(caller.session.participantId);
    if (!p) throw new CareMeetError('UNAUTHENTICATED', 'the registration no longer exists');
    return p;
  }

  async #chairAction(action: ChairAction, meetingId: string, caller: Caller, targetId?: string, stranger?: Stranger | null) {
    const meeting = await this.#meeting(meetingId);
    const actor = await this.#actor(meeting, caller);
    const target = targetId === undefined ? undefined : await this.store.getParticipant(targetId);
    const decision = decideChairAction(action, { meeting, actor, target: target ?? null, stranger, now: this.now(), policy: this.#policy });
    const actorId = actor === 'organizer' ? 'organizer' : actor.id;
    if (decision.outcome === 'refuse') {
      if (action !== 'roster') {
        await this.#audit(meeting.id, action, actorId, target?.id ?? null, 'refused', decision.code, {});
      }
      throw new CareMeetError(decision.code, decision.reason);
    }
    return { meeting, actorId, target: target ?? null };
  }

  /**
   * The chair admits a registration: a lobby guest, or someone removed earlier. Audited. The
   * guest's lobby connection loses its rights at once; the guest then joins the meeting's room.
   */
  async admit(meetingId: string, participantId: string, caller: Caller): Promise<{ participantId: string; admittedAt: string }> {
    const { meeting, actorId, target } = await this.#chairAction('admit', meetingId, caller, participantId);
    const p = target as Participant;
    const now = this.now();
    await this.store.setAdmitted(p.id, now);
    await this.#audit(meeting.id, 'admit', actorId, p.id, 'ok', null, { fromLobby: p.inLobby });
    this.#publish(meeting.id, { type: 'admitted', participantId: p.id, at: iso(now) });
    if (p.inLobby) {
      // No longer waiting: the roster shows them as let in until they connect to the room.
      await this.store.setWaiting(p.id, false);
      // Freeze the lobby connection at once; the element reconnects to the meeting's room.
      await this.#rooms.updatePermission(meeting.lobbyRoomName, p.id, { canPublish: false, canSubscribe: false, canPublishData: false });
    }
    return { participantId: p.id, admittedAt: iso(now) };
  }

  /**
   * The chair removes a registration (or turns a lobby guest away). "Removed" is stored before the
   * media server is asked to disconnect them, so a race cannot let them back in.
   */
  async remove(meetingId: string, participantId: string, caller: Caller): Promise<{ participantId: string; removedAt: string }> {
    const registered = await this.store.getParticipant(participantId);
    if (registered?.meetingId !== meetingId) {
      // Not on this meeting's list: perhaps someone connected who should not be (the roster's strangers).
      const stranger = (await this.store.listStrangers(meetingId)).find((s) => s.identity === participantId);
      if (stranger) return this.#removeStranger(meetingId, stranger, caller);
    }
    const { meeting, actorId, target } = await this.#chairAction('remove', meetingId, caller, participantId);
    const p = target as Participant;
    const now = this.now();
    // Someone who was let in had the meeting's key: the next one is made in the removal's own
    // transaction, so no crash leaves them removed with the key they hold still current. (A guest
    // turned away from the lobby never had one.)
    const keys = this.#meetingKeys;
    const rotate =
      meeting.e2ee && p.admittedAt !== null && keys !== null
        ? {
            next: (keyIndex: number) => ({
              sealed: keys.seal(meeting.id, keyIndex, newMeetingKey()),
              audit: [this.#entry(meeting.id, 'e2ee.rotate', actorId, p.id, 'ok', null, { keyIndex: keyringIndex(keyIndex), rotation: keyIndex, reason: 'removed' })],
            }),
          }
        : undefined;
    if (meeting.e2ee && p.admittedAt !== null && keys === null) {
      this.#log.warn('e2ee: a participant of an end-to-end encrypted meeting was removed, and the key was not rotated: no E2EE key is configured', { meetingId: meeting.id });
    }
    const rotated = await this.store.setRemoved(p.id, now, {
      audit: [this.#entry(meeting.id, 'remove', actorId, p.id, 'ok', null, { fromLobby: p.inLobby })],
      ...(rotate ? { rotate } : {}),
    });
    await this.store.setWaiting(p.id, false);
    this.#publish(meeting.id, { type: 'removed', participantId: p.id, at: iso(now) });
    // After 'removed': a stream tells only those still in to fetch the new key.
    if (rotated !== null) this.#publish(meeting.id, { type: 'key-rotated', keyIndex: keyringIndex(rotated), at: iso(now) });
    // Out of both rooms now. revokeTokenTs asks LiveKit to refuse tokens minted before now, which
    // its open-source server ignores (v1.13.5): a held token still connects, and what keeps the
    // person out is the participant_joined webhook and reconciliation removing them again
    // (test/real-livekit/media-path.test.ts shows it).
    await Promise.all([
      this.#rooms.removeParticipant(meeting.roomName, p.id, now),
      this.#rooms.removeParticipant(meeting.lobbyRoomName, p.id, now),
    ]);
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
    const { meeting, actorId } = await this.#chairAction('remove-stranger', meetingId, caller, undefined, stranger);
    const now = this.now();
    await this.store.addRemovedStranger(meeting.id, stranger.identity, now);
    await Promise.all([
      this.#rooms.removeParticipant(meeting.roomName, stranger.identity, now),
      this.#rooms.removeParticipant(meeting.lobbyRoomName, stranger.identity, now),
    ]);
    await this.store.removeStranger(meeting.id, stranger.identity);
    await this.#audit(meeting.id, 'remove', actorId, null, 'ok', null, { stranger: true });
    this.#publish(meeting.id, { type: 'stranger-disconnected', identity: stranger.identity, at: iso(now) });
    return { participantId: stranger.identity, removedAt: iso(now) };
  }

  /**
   * Ends the meeting for everyone: stored first, with its audit entry and the request to delete
   * both LiveKit rooms (no token is minted for it again, ever), then the rooms are deleted, which
   * disconnects everybody. Should LiveKit not delete them within `roomDeletionRetry.attemptTimeoutMs`,
   * `LIVEKIT_UNAVAILABLE` is thrown and they are deleted in the background, retried until LiveKit
   * has, after a restart too. Ending twice is harmless.
   */
  async end(meetingId: string, caller: Caller): Promise<{ meeting: MeetingView }> {
    const { meeting, actorId } = await this.#chairAction('end', meetingId, caller);
    const now = this.now();
    this.#endedHere.add(meeting.id);
    const won = await this.store.endMeeting(meeting.id, now, actorId, this.#entry(meeting.id, 'meeting.ended', actorId, null, 'ok', null, {}));
    if (won) this.#publish(meeting.id, { type: 'ended', at: iso(now) });
    this.#roomEnsured.delete(meeting.roomName);
    this.#roomEnsured.delete(meeting.lobbyRoomName);
    await this.#roomDeletions.deleteMeetingRooms(meeting.id);
    const ended = (await this.store.getMeeting(meeting.id)) as Meeting;
    return { meeting: this.meetingView(ended) };
  }

  /** A room of an ended meeting that LiveKit had not deleted when asked is gone now: audited. */
  async #roomDeletedLater(room: RoomToDelete, tries: number): Promise<void> {
    const meeting = await this.store.getMeeting(room.meetingId);
    const which = meeting?.lobbyRoomName === room.roomName ? 'lobby' : 'main';
    await this.#audit(room.meetingId, 'room.deleted', 'server', null, 'ok', null, { reason: 'meeting ended', room: which, retried: true, tries });
  }

  // ---- roster --------------------------------------------------------------------------------

  /** Registered against connected, the lobby, no-shows and strangers, for the organizer or the chair. */
  async roster(meetingId: string, caller: Caller): Promise<Roster> {
    const { meeting } = await this.#chairAction('roster', meetingId, caller);
    await this.#maybeReconcile(meeting);
    const now = this.now();
    const participants = await this.store.listParticipants(meeting.id);
    const strangers = await this.store.listStrangers(meeting.id);
    const entries: RosterEntry[] = participants.map((p) => {
      const status: RosterEntry['status'] =
        p.removedAt !== null ? 'removed' : p.connectedAt !== null ? 'connected' : p.inLobby ? 'lobby' : p.firstConnectedAt !== null ? 'left' : 'absent';
      const noShow =
        meeting.endedAt === null &&
        status === 'absent' &&
        now.getTime() >= meeting.startsAt.getTime() + NO_SHOW_AFTER_MS;
      const entry: RosterEntry = { ...this.participantView(p), status, connectedAt: p.connectedAt ? iso(p.connectedAt) : null, noShow };
      if (noShow && p.phone) entry.phone = p.phone;
      if (p.typedName !== null) entry.typedName = p.typedName;
      return entry;
    });
    return {
      meeting: this.meetingView(meeting),
      counts: {
        registered: entries.length,
        connected: entries.filter((e) => e.status === 'connected').length,
        lobby: entries.filter((e) => e.status === 'lobby').length,
        strangers: strangers.length,
      },
      participants: entries,
      lobby: entries.filter((e) => e.status === 'lobby').map((e) => e.id),
      strangers: strangers.map((s) => ({ identity: s.identity, name: s.name, connectedAt: iso(s.connectedAt) })),
      consent: consentView(participants, await this.store.currentConsent(meeting.id)),
    };
  }

  // ---- consent -------------------------------------------------------------------------------

  /**
   * Records the individual's consent to the meeting and to its list: by herself (`how: "self"`,
   * her session) or by the chair or organizer, to whom she gave it (`verbal`, `written`).
   * `participantIds` is the list she agreed to; when the meeting's list is no longer exactly that
   * (someone added or removed meanwhile), nothing is stored and `PARTICIPANTS_CHANGED` says to show
   * it again. Audited; the chair's roster shows it. It does not stop anyone from joining.
   */
  async recordConsent(meetingId: string, input: unknown, caller: Caller): Promise<{ consent: ConsentView }> {
    const meeting = await this.#meeting(meetingId);
    const parsed = parseConsent(input);
    const { actor, by, participants } = await this.#consentDecision('give', meeting, caller, parsed.how);
    const record: ConsentRecord = { meetingId: meeting.id, state: 'given', at: this.now(), by, actor, how: parsed.how, participantIds: parsed.participantIds };
    if (!(await this.store.addConsent(record))) {
      await this.#audit(meeting.id, 'consent.given', actor, null, 'refused', 'PARTICIPANTS_CHANGED', {});
      throw new CareMeetError('PARTICIPANTS_CHANGED', 'the participant list has changed since it was shown; show it again');
    }
    await this.#audit(meeting.id, 'consent.given', actor, null, 'ok', null, { by, how: parsed.how, covers: record.participantIds.length });
    this.#publish(meeting.id, { type: 'consent', state: 'given', at: iso(record.at) });
    return { consent: consentView(participants, record) };
  }

  /**
   * What the individual is asked to consent to: the consent in force and the list (name and role of
   * everyone not removed; no identities). For her own session, the chair's, or the organizer.
   */
  async consentRequest(meetingId: string, caller: Caller): Promise<{ consent: ConsentView; participants: Array<{ id: string; name: string; role: Role }> }> {
    const meeting = await this.#meeting(meetingId);
    const { participants } = await this.#consentDecision('read', meeting, caller);
    return {
      consent: consentView(participants, await this.store.currentConsent(meeting.id)),
      participants: participants.filter((p) => p.removedAt === null).map((p) => ({ id: p.id, name: p.name, role: p.role })),
    };
  }

  /** Records that the individual withdrew her consent (her session, the chair's or the organizer's). Audited. */
  async withdrawConsent(meetingId: string, caller: Caller): Promise<{ consent: ConsentView }> {
    const meeting = await this.#meeting(meetingId);
    const { actor, by, participants } = await this.#consentDecision('withdraw', meeting, caller);
    const record: ConsentRecord = { meetingId: meeting.id, state: 'withdrawn', at: this.now(), by, actor, how: null, participantIds: [] };
    await this.store.addConsent(record);
    await this.#audit(meeting.id, 'consent.withdrawn', actor, null, 'ok', null, { by });
    this.#publish(meeting.id, { type: 'consent', state: 'withdrawn', at: iso(record.at) });
    return { consent: consentView(participants, record) };
  }

  async #consentDecision(action: 'give' | 'withdraw' | 'read', meeting: Meeting, caller: Caller, how?: ConsentHow) {
    const actor = await this.#actor(meeting, caller);
    const participants = await this.store.listParticipants(meeting.id);
    const current = await this.store.currentConsent(meeting.id);
    const decision = decideConsent(action, { meeting, actor, participants, current, now: this.now(), policy: this.#policy, ...(how ? { how } : {}) });
    const actorId = actor === 'organizer' ? 'organizer' : actor.id;
    if (decision.outcome === 'refuse') {
      if (action !== 'read') await this.#audit(meeting.id, action === 'give' ? 'consent.given' : 'consent.withdrawn', actorId, null, 'refused', decision.code, {});
      throw new CareMeetError(decision.code, decision.reason);
    }
    return { actor: actorId, by: decision.by, participants };
  }

  /** Webhooks can be dropped: now and then, compare the room with LiveKit's own list. */
  async #maybeReconcile(meeting: Meeting): Promise<void> {
    if (meeting.endedAt !== null) return;
    const last = this.#reconciledAt.get(meeting.id) ?? 0;
    if (Date.now() - last < RECONCILE_EVERY_MS) return;
    this.#reconciledAt.set(meeting.id, Date.now());
    try {
      // Once per window across instances too: the window is a lease on the meeting, left to lapse.
      if (!(await this.store.tryLease(`reconcile:${meeting.id}`, this.#instanceId, RECONCILE_EVERY_MS, new Date()))) return;
      await this.reconcile(meeting.id);
    } catch (e) {
      this.#log.warn('reconcile failed', { meetingId: meeting.id, code: (e as CareMeetError).code ?? 'INTERNAL' });
    }
  }

  /** Brings the stored connection state in line with LiveKit's participant lists. */
  async reconcile(meetingId: string): Promise<void> {
    const meeting = await this.#meeting(meetingId);
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
  #changedByWebhook(participantId: string): void {
    for (const changed of this.#changedDuringReconcile) changed.add(participantId);
  }

  async #reconcile(meeting: Meeting, changedByWebhook: ReadonlySet<string>): Promise<void> {
    const [inRoom, inLobby] = await Promise.all([
      this.#rooms.listParticipants(meeting.roomName),
      this.#rooms.listParticipants(meeting.lobbyRoomName),
    ]);
    const now = this.now();
    const registered = await this.store.listParticipants(meeting.id);
    const roomIds = new Set(inRoom.map((p) => p.identity));
    const lobbyIds = new Set(inLobby.map((p) => p.identity));
    for (const p of registered) {
      const connected = roomIds.has(p.id);
      if (p.removedAt !== null && (connected || lobbyIds.has(p.id))) {
        // Removed, yet connected (a webhook that never came): disconnect them again, wherever they are.
        if (connected) await this.#removeAgain(meeting, p.id, p.removedAt, p.id, meeting.roomName);
        if (lobbyIds.has(p.id)) await this.#removeAgain(meeting, p.id, p.removedAt, p.id, meeting.lobbyRoomName);
        continue;
      }
      if (changedByWebhook.has(p.id)) continue;
      // Changes found here are told to the event stream as a webhook's would be, so a roster follows.
      if (connected !== (p.connectedAt !== null)) {
        await this.store.setConnection({ participantId: p.id, connected, at: now });
        this.#publish(meeting.id, { type: connected ? 'participant-connected' : 'participant-disconnected', participantId: p.id, at: iso(now) });
      }
      const waiting = lobbyIds.has(p.id) && p.admittedAt === null && p.removedAt === null;
      if (waiting !== p.inLobby) {
        await this.store.setWaiting(p.id, waiting);
        this.#publish(meeting.id, { type: waiting ? 'lobby-waiting' : 'lobby-left', participantId: p.id, at: iso(now) });
      }
    }
    // Someone not on the list, in the meeting's room or its lobby: flagged (or, if the chair
    // removed them, disconnected again); one who is in neither any more is no longer flagged.
    const known = new Set(registered.map((p) => p.id));
    const flagged = new Set((await this.store.listStrangers(meeting.id)).map((s) => s.identity));
    for (const identity of flagged) if (!roomIds.has(identity) && !lobbyIds.has(identity)) await this.store.removeStranger(meeting.id, identity);
    for (const [room, present] of [[meeting.roomName, inRoom], [meeting.lobbyRoomName, inLobby]] as const) {
      for (const lp of present) {
        if (known.has(lp.identity) || flagged.has(lp.identity)) continue;
        const removedAt = await this.store.strangerRemovedAt(meeting.id, lp.identity);
        if (removedAt) await this.#removeAgain(meeting, lp.identity, removedAt, null, room);
        else {
          await this.store.addStranger({ meetingId: meeting.id, identity: lp.identity, name: lp.name, connectedAt: now });
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
  async #removeAgain(meeting: Meeting, identity: string, removedAt: Date, participantId: string | null, room: string): Promise<void> {
    await this.#audit(meeting.id, 'removed.reconnected', 'livekit', participantId, 'refused', 'REMOVED', participantId ? {} : { stranger: true });
    await this.#rooms.removeParticipant(room, identity, removedAt);
  }

  // ---- webhooks ------------------------------------------------------------------------------

  /**
   * Takes one LiveKit webhook: verifies its signature over the raw body, acts on it (attendance; an
   * ended meeting's room showing life is deleted again; a started egress is stopped) and only then
   * counts its event id as handled, so a delivery of it again changes nothing. A delivery whose
   * action failed (LiveKit unreachable: `LIVEKIT_UNAVAILABLE`, which LiveKit retries) or whose
   * process died leaves the event to the next delivery. Unsigned or mis-signed: `UNAUTHENTICATED`,
   * nothing changes.
   */
  async handleWebhook(rawBody: string, authorization: string | null): Promise<{ duplicate: boolean; event: string }> {
    if (!authorization) throw new CareMeetError('UNAUTHENTICATED', 'the webhook is not signed');
    let event;
    try {
      event = await this.#webhooks.receive(rawBody, authorization);
    } catch (cause) {
      this.#log.warn('webhook refused', { reason: 'signature' });
      throw new CareMeetError('UNAUTHENTICATED', 'the webhook signature does not verify', { cause });
    }
    if (!event.id) throw new CareMeetError('BAD_REQUEST', 'the webhook has no event id');
    const eventId = event.id;
    // A delivery of an event this instance is acting on already: the first one's outcome answers it.
    const inFlight = this.#webhooksInFlight.get(eventId);
    if (inFlight) {
      await inFlight;
      return { duplicate: true, event: event.event };
    }
    const handling = this.#handleWebhookOnce(event);
    this.#webhooksInFlight.set(eventId, handling);
    try {
      return await handling;
    } finally {
      this.#webhooksInFlight.delete(eventId);
    }
  }

  /** Claims the event in the store, acts, and marks it handled; a failure releases it for LiveKit's retry. */
  async #handleWebhookOnce(event: WebhookEvent): Promise<{ duplicate: boolean; event: string }> {
    const now = this.now();
    const claim = randomId('wh_');
    const taken = await this.store.claimWebhookEvent({ eventId: event.id, claim, at: now, until: new Date(now.getTime() + WEBHOOK_CLAIM_MS) });
    if (taken === 'handled') return { duplicate: true, event: event.event };
    if (taken === 'busy') {
      // Another process acts on it, or died doing so (its claim lapses): LiveKit retries a 503.
      throw new CareMeetError('LIVEKIT_UNAVAILABLE', 'another delivery of this event is being acted on; deliver it again later');
    }
    try {
      await this.#actOnWebhook(event, now);
    } catch (e) {
      await this.store.releaseWebhookEvent(event.id, claim).catch(() => {
        // Not released: the claim lapses by itself.
      });
      throw e;
    }
    await this.store.finishWebhookEvent(event.id, this.now());
    return { duplicate: false, event: event.event };
  }

  async #actOnWebhook(event: WebhookEvent, now: Date): Promise<void> {
    const roomName = event.room?.name ?? event.egressInfo?.roomName ?? '';
    const meeting = roomName ? await this.store.getMeetingByRoomName(roomName) : null;
    if (!meeting) return;
    const inLobbyRoom = roomName === meeting.lobbyRoomName;
    const ended = meeting.endedAt !== null;

    switch (event.event) {
      case 'room_started':
        if (ended) await this.#shutDownAgain(meeting, roomName, 'room_started');
        break;
      case 'room_finished':
        this.#roomEnsured.delete(roomName);
        break;
      case 'participant_joined': {
        const identity = event.participant?.identity ?? '';
        const name = event.participant?.name ?? '';
        if (ended) {
          await this.#shutDownAgain(meeting, roomName, 'participant_joined');
          break;
        }
        const p = await this.store.getParticipant(identity);
        if (!p || p.meetingId !== meeting.id) {
          const removedAt = await this.store.strangerRemovedAt(meeting.id, identity);
          if (removedAt) {
            await this.#removeAgain(meeting, identity, removedAt, null, roomName);
            break;
          }
          await this.store.addStranger({ meetingId: meeting.id, identity, name, connectedAt: now });
          await this.#audit(meeting.id, 'stranger.connected', 'livekit', null, 'refused', 'FORBIDDEN', { room: inLobbyRoom ? 'lobby' : 'main' });
          this.#publish(meeting.id, { type: 'stranger-connected', identity, name, at: iso(now) });
          break;
        }
        if (p.removedAt !== null) {
          await this.#removeAgain(meeting, p.id, p.removedAt, p.id, roomName);
          break;
        }
        this.#changedByWebhook(p.id);
        if (inLobbyRoom) {
          if (p.admittedAt === null) {
            await this.store.setWaiting(p.id, true);
            this.#publish(meeting.id, { type: 'lobby-waiting', participantId: p.id, at: iso(now) });
          }
        } else {
          await this.store.setConnection({ participantId: p.id, connected: true, at: now });
          await this.store.setWaiting(p.id, false);
          await this.#audit(meeting.id, 'attendance.connected', 'livekit', p.id, 'ok', null, {});
          this.#publish(meeting.id, { type: 'participant-connected', participantId: p.id, at: iso(now) });
        }
        break;
      }
      case 'participant_left':
      case 'participant_connection_aborted': {
        const identity = event.participant?.identity ?? '';
        const p = await this.store.getParticipant(identity);
        if (!p || p.meetingId !== meeting.id) {
          await this.store.removeStranger(meeting.id, identity);
          this.#publish(meeting.id, { type: 'stranger-disconnected', identity, at: iso(now) });
        } else if (inLobbyRoom) {
          this.#changedByWebhook(p.id);
          if (p.inLobby) {
            await this.store.setWaiting(p.id, false);
            this.#publish(meeting.id, { type: 'lobby-left', participantId: p.id, at: iso(now) });
          }
        } else if (p.connectedAt !== null) {
          this.#changedByWebhook(p.id);
          await this.store.setConnection({ participantId: p.id, connected: false, at: now });
          await this.#audit(meeting.id, 'attendance.disconnected', 'livekit', p.id, 'ok', null, {});
          this.#publish(meeting.id, { type: 'participant-disconnected', participantId: p.id, at: iso(now) });
        }
        break;
      }
      case 'egress_started': {
        const egressId = event.egressInfo?.egressId ?? '';
        await this.#audit(meeting.id, 'egress.started', 'livekit', null, 'refused', 'FORBIDDEN', { egressId });
        if (egressId) {
          await this.#rooms.stopEgress(egressId);
          await this.#audit(meeting.id, 'egress.stopped', 'server', null, 'ok', null, { egressId });
        }
        break;
      }
      default:
        break;
    }
  }

  /**
   * An ended meeting's room shows life: audited, and deleted again. The request to delete it is
   * stored first, so should LiveKit fail now, the background deletions retry it (this webhook
   * answers `LIVEKIT_UNAVAILABLE` and LiveKit delivers it again, too).
   */
  async #shutDownAgain(meeting: Meeting, roomName: string, seen: string): Promise<void> {
    await this.#audit(meeting.id, 'room.reappeared', 'livekit', null, 'refused', 'MEETING_ENDED', { seen, room: roomName === meeting.lobbyRoomName ? 'lobby' : 'main' });
    await this.#roomDeletions.deleteNow(await this.store.requestRoomDeletion(meeting.id, roomName, this.now()));
    await this.#audit(meeting.id, 'room.deleted', 'server', null, 'ok', null, { reason: 'meeting ended' });
  }

  // ---- after the meeting ---------------------------------------------------------------------

  /** Stores one participant's evaluation once the meeting has ended. One answer each. */
  async submitEvaluation(session: Session, meetingId: string, answersInput: unknown): Promise<{ submittedAt: string }> {
    const meeting = await this.#meeting(meetingId);
    if (session.meetingId !== meeting.id) throw new CareMeetError('FORBIDDEN', 'this session belongs to another meeting');
    const p = await this.store.getParticipant(session.participantId);
    if (!p || (p.admittedAt === null && p.firstConnectedAt === null && p.removedAt === null)) {
      throw new CareMeetError('FORBIDDEN', 'only people who took part may evaluate the meeting');
    }
    if (meetingState(meeting, this.now(), this.#policy) !== 'ended') {
      throw new CareMeetError('MEETING_NOT_ENDED', 'the evaluation opens when the meeting has ended');
    }
    const answers = this.#parseAnswers(answersInput);
    const now = this.now();
    const evaluation: Evaluation = { meetingId: meeting.id, participantId: p.id, answers, submittedAt: now };
    if (!(await this.store.saveEvaluation(evaluation))) throw new CareMeetError('CONFLICT', 'this evaluation has already been submitted');
    await this.#audit(meeting.id, 'evaluation.submitted', p.id, p.id, 'ok', null, { answers: Object.keys(answers).length });
    return { submittedAt: iso(now) };
  }

  #parseAnswers(value: unknown): Evaluation['answers'] {
    const questions = this.evaluationQuestions;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new CareMeetError('BAD_REQUEST', 'answers must be an object', { field: 'answers' });
    }
    const out: Evaluation['answers'] = {};
    for (const [key, v] of Object.entries(value)) {
      const q = questions.find((x) => x.id === key);
      const field = `answers.${key.slice(0, 40)}`;
      if (!q) throw new CareMeetError('BAD_REQUEST', 'no such question', { field });
      const ok =
        (q.kind === 'scale' && Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 5) ||
        (q.kind === 'yes-no' && typeof v === 'boolean') ||
        (q.kind === 'text' && typeof v === 'string' && Buffer.byteLength(v) <= MAX_ANSWER_BYTES && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202a-\u202e\u2066-\u2069]/.test(v));
      if (!ok) throw new CareMeetError('BAD_REQUEST', `the answer does not fit a ${q.kind} question`, { field });
      out[key] = v as string | number | boolean;
    }
    return out;
  }

  async audit(meetingId: string): Promise<AuditEntry[]> {
    await this.#meeting(meetingId);
    return this.store.listAudit(meetingId);
  }

  async evaluations(meetingId: string): Promise<Evaluation[]> {
    await this.#meeting(meetingId);
    return this.store.listEvaluations(meetingId);
  }

  // ---- helpers -------------------------------------------------------------------------------

  async #audit(...entry: AuditArgs): Promise<void> {
    await this.store.appendAudit(this.#entry(...entry));
  }

  /** An audit entry, to append on its own (`#audit`) or to store with the change it documents. */
  #entry(...[meetingId, action, actor, participantId, outcome, code, details]: AuditArgs): NewAuditEntry {
    return { meetingId, at: this.now(), action, actor, participantId, outcome, code, details };
  }

  /** Records a decision made outside this class (the identity routes) in the audit log. */
  recordAudit(
    meetingId: string,
    action: string,
    actor: string,
    participantId: string | null,
    outcome: 'ok' | 'refused',
    code: CareMeetErrorCode | null,
    details: Record<string, string | number | boolean | null> = {},
  ): Promise<void> {
    return this.#audit(meetingId, action, actor, participantId, outcome, code, details);
  }

  #publish(meetingId: string, event: MeetingEvent): void {
    this.events.publish(meetingId, event);
  }
}

function maskIdentity(p: ParticipantInput): string {
  switch (p.identity.kind) {
    case 'hsa':
      return maskHsaId(p.identity.hsaId);
    case 'pnr':
      return maskPersonnummer(p.identity.pnr);
    case 'cpr':
      return maskCpr(p.identity.cpr);
    case 'fnr':
      return maskFodselsnummer(p.identity.fnr);
    case 'hetu':
      return maskHenkilotunnus(p.identity.hetu);
    case 'guest':
      return p.phone ? maskPhone(p.phone) : maskEmail(p.email ?? '');
  }
}

function maskEmail(email: string): string {
  const at = email.indexOf('@');
  return at <= 0 ? '***' : `${email[0]}***${email.slice(at)}`;
}

/** The consent in force, as the roster shows it, given the meeting's registrations. */
function consentView(participants: readonly Participant[], record: ConsentRecord | null): ConsentView {
  if (!participants.some((p) => p.role === 'individual' && p.removedAt === null)) {
    return { state: 'none', at: null, by: null, how: null, notCovered: [] };
  }
  if (!record) return { state: 'missing', at: null, by: null, how: null, notCovered: [] };
  const covered = new Set(record.participantIds);
  return {
    state: record.state,
    at: iso(record.at),
    by: record.by,
    how: record.how,
    notCovered: record.state === 'given' ? participants.filter((p) => p.removedAt === null && !covered.has(p.id)).map((p) => p.id) : [],
  };
}
