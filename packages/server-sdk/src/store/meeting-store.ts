import type { MeetingEventFanOut } from '../events.js';
import type { Logger } from '../logger.js';
import type { AuditEntry, ConsentRecord, Evaluation, Invitation, Meeting, NewAuditEntry, Participant, Session } from '../model.js';

/**
 * What redeeming an invitation brings with it, written in the same transaction as the redemption:
 * the new session, the name the guest typed (if any) and the audit entries. A crash can then leave
 * an invitation unused, or used with its session, never used without one.
 */
export interface Redemption {
  session: Session;
  /** The name an e-mail or SMS guest typed, shown to the chair beside the registered one; null to keep it. */
  typedName: string | null;
  audit: NewAuditEntry[];
}

/**
 * One delivery of a LiveKit webhook taking its event id for itself while it acts. `claim` is a
 * random token of this delivery; the claim lapses at `until`, so an event whose claimant died
 * (a crash, a killed process) is acted on by a later delivery.
 */
export interface WebhookClaim {
  eventId: string;
  claim: string;
  at: Date;
  until: Date;
}

/**
 * `claimed`: this delivery acts on the event; `handled`: an earlier delivery acted on it (a retry or
 * a replay: nothing to do); `busy`: another delivery holds a claim that has not lapsed.
 */
export type WebhookClaimResult = 'claimed' | 'handled' | 'busy';

/**
 * A LiveKit room of an ended meeting that must be deleted and is not known to be gone yet.
 * `request` grows with each new request to delete it (the end, the room showing life again).
 */
export interface RoomToDelete {
  roomName: string;
  meetingId: string;
  request: number;
  /** When it was first asked to be deleted and not deleted since. */
  since: Date;
}

/** A rate-limit key's attempts in its current window (`countRateLimitHit`). */
export interface RateLimitCount {
  count: number;
  /** When the window ends: the next attempt after it counts from 1. */
  resetAt: Date;
}

/** Someone connected to a meeting's room who is not a registration of that meeting. */
export interface Stranger {
  meetingId: string;
  identity: string;
  name: string;
  connectedAt: Date;
}

/** Live connection state of one registration, as LiveKit's webhooks report it. */
export interface ConnectionChange {
  participantId: string;
  connected: boolean;
  at: Date;
}

/** How a person proves who they are through an identity provider. */
export type OidcMethod = 'bankid' | 'siths' | 'mitid' | 'bankid-no' | 'suomifi';

/**
 * An identity-provider login under way: what the callback needs, kept server-side (never in the
 * browser) until the callback takes it, once. The state is stored as its SHA-256; the nonce and the
 * PKCE verifier must be kept as they are to be checked and sent.
 */
export interface PendingLogin {
  stateHash: string;
  /** The invitation being redeemed, by its hash (the secret itself is never stored). */
  invitationHash: string;
  method: OidcMethod;
  /** Where the browser goes afterwards: an absolute URL of an allowed origin, without fragment. */
  returnTo: string;
  display: 'redirect' | 'popup';
  nonce: string;
  codeVerifier: string;
  /** SHA-256 of the browser-binding cookie's value, or null when logins are not bound to a browser. */
  bindingHash: string | null;
  createdAt: Date;
  expiresAt: Date;
}

/** A new SMS code for an invitation, with the sending limits to check in the same transaction. */
export interface SmsCodeIssue {
  invitationHash: string;
  /** HMAC of the code: the code itself is never stored. */
  codeHash: string;
  at: Date;
  expiresAt: Date;
  /** At most `maxPerWindow` codes per invitation within any `windowMs`, and `maxTotal` ever. */
  windowMs: number;
  maxPerWindow: number;
  maxTotal: number;
}

export type SmsCodeIssueResult = { issued: true } | { issued: false; reason: 'window'; retryAt: Date } | { issued: false; reason: 'total' };

/** One try of an SMS code. */
export interface SmsCodeAttempt {
  invitationHash: string;
  codeHash: string;
  at: Date;
  /** Tries allowed per code; the try after the last is refused even with the right code. */
  maxTries: number;
  /** Stored with the redemption, in its transaction, when the code is right. */
  redemption?: Redemption;
}

export type SmsCodeAttemptResult =
  /** The code was right: the code is used up and the invitation redeemed (with `redemption`), in one transaction. */
  | { outcome: 'redeemed' }
  | { outcome: 'wrong'; triesLeft: number }
  /** No code was ever sent for this invitation. */
  | { outcome: 'none' }
  | { outcome: 'expired' }
  /** The code's tries are spent. */
  | { outcome: 'locked' }
  /** The invitation (or this code) was used already, or the invitation expired. */
  | { outcome: 'invite-used' };

/**
 * A meeting's end-to-end encryption key as stored: sealed under the deployment's key
 * (`MeetingKeySealer`), never in the clear. The meeting's current key is its highest `keyIndex`.
 */
export interface SealedMeetingKey {
  meetingId: string;
  /** 0 for the key made at booking, one more with each rotation. */
  keyIndex: number;
  sealed: string;
  createdAt: Date;
}

/** A meeting's next key, made inside the transaction of the removal that calls for it. */
export interface KeyRotation {
  /**
   * Called inside the transaction with the new key's index (the current highest + 1, which is part
   * of what the key is sealed to): the sealed key and the audit entries that document the rotation.
   */
  next(keyIndex: number): { sealed: string; audit: NewAuditEntry[] };
}

/**
 * How long a webhook event's id is kept to recognise a second delivery: a day. LiveKit signs each
 * delivery with a token valid for 5 minutes (`SetValidFor(5 * time.Minute)` in livekit/protocol's
 * `webhook/url_notifier.go`), and the signature check refuses it after that, so an older id can
 * never arrive again as a valid delivery; without pruning, the table grows by every event forever.
 */
export const WEBHOOK_EVENTS_KEPT_MS = 24 * 3600_000;
/** How often a store prunes old webhook events, at most (during a claim). */
export const WEBHOOK_PRUNE_EVERY_MS = 3600_000;

/** What `getSessionContext` reads for a join: the session, its meeting and registration, and the key. */
export interface SessionContext {
  session: Session;
  meeting: Meeting;
  participant: Participant;
  /**
   * The meeting's current E2EE key, read in the same statement with the check that the
   * registration is not removed; null for a meeting without E2EE, a removed registration, or none stored.
   */
  meetingKey: SealedMeetingKey | null;
}
/**
 * Where care-meet keeps its state. Everything the rules depend on goes through this interface, so
 * an implementation on PostgreSQL (several backend instances) can replace the embedded SQLite one
 * without touching the rules. Every method is atomic on its own, the audit entries passed to it
 * included (a crash leaves the change with its entries, or neither); the ones that decide a race
 * (`endMeeting`, `redeemInvitation`, `claimWebhookEvent`, `saveEvaluation`) answer whether this
 * call won it.
 */
export interface MeetingStore {
  /**
   * Stores a meeting with its registrations and invitations (and consent given before booking) and
   * the audit entries of the booking, all or nothing.
   */
  createMeeting(
    meeting: Meeting,
    participants: Participant[],
    invitations: Invitation[],
    consent?: ConsentRecord,
    audit?: NewAuditEntry[],
    /** An end-to-end encrypted meeting's first key (index 0), stored in the same transaction. */
    firstKey?: SealedMeetingKey,
  ): Promise<void>;
  /** Stores a registration, its invitation and the audit entries saying so, all or nothing. */
  addParticipant(participant: Participant, invitation: Invitation, audit?: NewAuditEntry[]): Promise<void>;
  getMeeting(id: string): Promise<Meeting | null>;
  /** The meeting whose main or lobby room has this LiveKit name. */
  getMeetingByRoomName(roomName: string): Promise<Meeting | null>;
  meetingNumberTaken(meetingNumber: string): Promise<boolean>;
  /**
   * Marks the meeting ended; true only for the call that ended it, which also appends `audit`. In the
   * same step, asks for both its LiveKit rooms to be deleted (`listRoomsToDelete`; every call asks
   * again), and forgets the identities of people connected who were not on the list, flagged or
   * removed (personal data, needed only while the meeting runs), and the meeting's E2EE keys.
   */
  endMeeting(id: string, at: Date, by: string, audit?: NewAuditEntry): Promise<boolean>;

  /** Asks for a room of an ended meeting to be deleted (again: it showed life). */
  requestRoomDeletion(meetingId: string, roomName: string, at: Date): Promise<RoomToDelete>;
  /**
   * The rooms asked to be deleted and not known to be gone (of one meeting, or all), oldest first:
   * what a server starting up must still delete.
   */
  listRoomsToDelete(meetingId?: string): Promise<RoomToDelete[]>;
  /** The room is gone: forgets the request, unless it was asked again since `room` was read. */
  roomDeleted(room: RoomToDelete): Promise<void>;

  listParticipants(meetingId: string): Promise<Participant[]>;
  getParticipant(id: string): Promise<Participant | null>;
  /** Admits a registration (clears an earlier removal): the meeting leader's Let in. */
  setAdmitted(participantId: string, at: Date): Promise<void>;
  /**
   * Notes that a registration admitted by its role joined the room for the first time, unless it
   * has been removed meanwhile: a removal is never undone by a join racing it. False when removed.
   */
  setJoinedAdmitted(participantId: string, at: Date): Promise<boolean>;
  /**
   * Removes a registration: later joins are refused until it is admitted again. With `audit`, the
   * entries are stored in the same transaction; with `rotate`, so is the meeting's next key (see
   * `KeyRotation`), whose index is answered (null without `rotate`, and when the meeting has
   * ended: its keys are gone with it).
   */
  setRemoved(participantId: string, at: Date, change?: { audit?: NewAuditEntry[]; rotate?: KeyRotation }): Promise<number | null>;
  /**
   * The meeting's current end-to-end encryption key (its highest index), or null when it has none.
   * With `participantId`, null too when that registration is removed: checked in the same read, so
   * a removal and the rotation stored with it are seen together or not at all.
   */
  currentMeetingKey(meetingId: string, participantId?: string): Promise<SealedMeetingKey | null>;
  /** Connection to the meeting's own room. */
  setConnection(change: ConnectionChange): Promise<void>;
  /** Whether the registration is waiting in the lobby room. */
  setWaiting(participantId: string, waiting: boolean): Promise<void>;
  setTypedName(participantId: string, name: string): Promise<void>;

  addStranger(stranger: Stranger): Promise<void>;
  removeStranger(meetingId: string, identity: string): Promise<void>;
  listStrangers(meetingId: string): Promise<Stranger[]>;
  /** Remembers that the chair removed `identity` (someone not on the list) from the meeting; the first time counts. */
  addRemovedStranger(meetingId: string, identity: string, at: Date): Promise<void>;
  /** When the chair removed `identity` (not on the list) from the meeting, or `null` if never. */
  strangerRemovedAt(meetingId: string, identity: string): Promise<Date | null>;
  /**
   * Forgets the identities of people not on the list (flagged or removed) of every meeting that
   * was ended, or whose end was before `endedBefore`: personal data needed only while a meeting runs.
   */
  forgetStrangersOfMeetingsOver(endedBefore: Date): Promise<void>;

  /**
   * Appends to the meeting's consent history. A record of consent given is stored only when the
   * meeting's registrations that are not removed are exactly `participantIds` at that moment
   * (checked and stored in one transaction); answers whether it was stored. A withdrawal is always stored.
   */
  addConsent(record: ConsentRecord): Promise<boolean>;
  /** The meeting's consent in force (its latest record), or `null` if none was ever recorded. */
  currentConsent(meetingId: string): Promise<ConsentRecord | null>;

  getInvitationByHash(secretHash: string): Promise<Invitation | null>;
  getInvitationForParticipant(participantId: string): Promise<Invitation | null>;
  replaceInvitation(invitation: Invitation): Promise<void>;
  /**
   * Marks the invitation used; true only for the one call that redeemed it, which also stores the
   * `redemption` (session, typed name, audit entries) in the same transaction.
   */
  redeemInvitation(secretHash: string, at: Date, redemption?: Redemption): Promise<boolean>;

  /** Stores an identity-provider login under way. May forget logins that expired long ago. */
  savePendingLogin(login: PendingLogin): Promise<void>;
  /**
   * Takes a pending login by its state's hash and deletes it, atomically: two callbacks with the
   * same state cannot both get it. Answers expired ones too (the caller says "expired").
   */
  takePendingLogin(stateHash: string): Promise<PendingLogin | null>;

  /**
   * Replaces the invitation's SMS code with a new one (tries start again), unless the sending
   * limits say no. Checking the limits and storing are one atomic step.
   */
  issueSmsCode(issue: SmsCodeIssue): Promise<SmsCodeIssueResult>;
  /**
   * Checks one try of an invitation's SMS code and, when it is right, uses the code up and redeems
   * the invitation, all in one transaction: of parallel tries with the right code exactly one wins.
   * A wrong try counts against the code's tries; an expired or spent code counts nothing.
   */
  redeemInvitationWithSmsCode(attempt: SmsCodeAttempt): Promise<SmsCodeAttemptResult>;

  /** Stores a session with the audit entries saying so, all or nothing. */
  createSession(session: Session, audit?: NewAuditEntry[]): Promise<void>;
  getSession(tokenHash: string): Promise<Session | null>;
  /**
   * A session with its meeting and registration, and for an end-to-end encrypted meeting its
   * current key (`currentMeetingKey(meeting, participant)`: null when the registration is removed),
   * in one read: the hot path of every join.
   */
  getSessionContext(tokenHash: string): Promise<SessionContext | null>;

  /**
   * Appends to the audit log; resolves once the entry is committed (an implementation may commit
   * several callers' entries in one transaction). There is no method to change or delete an entry.
   */
  appendAudit(entry: NewAuditEntry): Promise<void>;
  listAudit(meetingId: string): Promise<AuditEntry[]>;

  /**
   * Takes a webhook event for one delivery to act on (see `WebhookClaimResult`). An event counts as
   * handled only once `finishWebhookEvent` says so, so a delivery that failed, or whose process
   * died, leaves it to LiveKit's next delivery of the same event. At most once every
   * `WEBHOOK_PRUNE_EVERY_MS` (by the claim's `at`), the same transaction forgets the events received
   * more than `WEBHOOK_EVENTS_KEPT_MS` before it.
   */
  claimWebhookEvent(claim: WebhookClaim): Promise<WebhookClaimResult>;
  /**
   * A delivery of the event has acted on it: later deliveries are `handled`. (Whoever holds the
   * claim now: the action was done, and acting again would change nothing.)
   */
  finishWebhookEvent(eventId: string, at: Date): Promise<void>;
  /** The delivery holding `claim` failed: the next delivery of the event may act at once. */
  releaseWebhookEvent(eventId: string, claim: string): Promise<void>;

  /** Stores one participant's evaluation; false when they already answered. */
  saveEvaluation(evaluation: Evaluation): Promise<boolean>;
  listEvaluations(meetingId: string): Promise<Evaluation[]>;

  getSetting(key: string): Promise<string | null>;
  /** Sets a setting unless it is already set; answers the value in force. */
  initSetting(key: string, value: string): Promise<string>;

  /**
   * Counts one attempt against `key` and answers the count of its window, this attempt included, and
   * when the window ends, in one atomic step. A key's window starts at its first attempt and lasts
   * `windowMs`; the attempt after it ends starts a new one. Every instance on the store counts into
   * the same row, so a second instance is not a second chance. (`key` is the caller's, already
   * stripped of anything personal: `RateLimiter` stores a hash.)
   */
  countRateLimitHit(key: string, now: Date, windowMs: number): Promise<RateLimitCount>;

  /**
   * Takes the lease `name` for `holder` until `now + ttlMs`, when nobody holds it (never taken,
   * released, or lapsed). True when taken. Its holder too is refused while the lease runs: a
   * lease taken and never released is then a throttle of `ttlMs` across instances.
   */
  tryLease(name: string, holder: string, ttlMs: number, now: Date): Promise<boolean>;
  /** Extends `holder`'s lease to `now + ttlMs`; false (nothing changed) when it lapsed or is another's. */
  renewLease(name: string, holder: string, ttlMs: number, now: Date): Promise<boolean>;
  /** Gives the lease up, if `holder` holds it: another instance may take it at once. */
  releaseLease(name: string, holder: string): Promise<void>;

  /** Forgets rate-limit windows that ended and leases that lapsed by `now` (both mean nothing after). */
  forgetExpired(now: Date): Promise<void>;

  /**
   * For a store several instances share: a fan-out of meeting events between them (PostgreSQL's
   * LISTEN/NOTIFY), opened once per `MeetingEventBus`, closed with the store at the latest. A store
   * of one process (SQLite) has none: its events stay in the process.
   */
  openEventFanOut?(options: { logger: Logger }): MeetingEventFanOut;

  close(): Promise<void>;
}
