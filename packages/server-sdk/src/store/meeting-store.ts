import type { AuditEntry, ConsentRecord, Evaluation, Invitation, Meeting, NewAuditEntry, Participant, Session } from '../model.js';

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
export type OidcMethod = 'bankid' | 'siths' | 'mitid';

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

export type SmsCodeIssueResult =
  | { issued: true }
  | { issued: false; reason: 'window'; retryAt: Date }
  | { issued: false; reason: 'total' };

/** One try of an SMS code. */
export interface SmsCodeAttempt {
  invitationHash: string;
  codeHash: string;
  at: Date;
  /** Tries allowed per code; the try after the last is refused even with the right code. */
  maxTries: number;
}

export type SmsCodeAttemptResult =
  /** The code was right: the code is used up and the invitation redeemed, in one transaction. */
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
 * Where care-meet keeps its state. Everything the rules depend on goes through this interface, so
 * an implementation on PostgreSQL (several backend instances) can replace the embedded SQLite one
 * without touching the rules. Every method is atomic on its own; the ones that decide a race
 * (`endMeeting`, `redeemInvitation`, `recordWebhookEvent`, `saveEvaluation`) answer whether this
 * call won it.
 */
export interface MeetingStore {
  /** Stores a meeting with its registrations and invitations (and consent given before booking), all or nothing. */
  createMeeting(meeting: Meeting, participants: Participant[], invitations: Invitation[], consent?: ConsentRecord): Promise<void>;
  addParticipant(participant: Participant, invitation: Invitation): Promise<void>;
  getMeeting(id: string): Promise<Meeting | null>;
  /** The meeting whose main or lobby room has this LiveKit name. */
  getMeetingByRoomName(roomName: string): Promise<Meeting | null>;
  meetingNumberTaken(meetingNumber: string): Promise<boolean>;
  /**
   * Marks the meeting ended; true only for the call that ended it. In the same step, forgets the
   * identities of people connected who were not on the list, flagged or removed (personal data,
   * needed only while the meeting runs).
   */
  endMeeting(id: string, at: Date, by: string): Promise<boolean>;

  listParticipants(meetingId: string): Promise<Participant[]>;
  getParticipant(id: string): Promise<Participant | null>;
  /** Admits a registration (clears an earlier removal). */
  setAdmitted(participantId: string, at: Date): Promise<void>;
  /** Removes a registration: later joins are refused until it is admitted again. */
  setRemoved(participantId: string, at: Date): Promise<void>;
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
  /** Marks the invitation used; true only for the one call that redeemed it. */
  redeemInvitation(secretHash: string, at: Date): Promise<boolean>;

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

  createSession(session: Session): Promise<void>;
  getSession(tokenHash: string): Promise<Session | null>;
  /** A session with its meeting and registration, in one read: the hot path of every join. */
  getSessionContext(tokenHash: string): Promise<{ session: Session; meeting: Meeting; participant: Participant } | null>;

  /**
   * Appends to the audit log; resolves once the entry is committed (an implementation may commit
   * several callers' entries in one transaction). There is no method to change or delete an entry.
   */
  appendAudit(entry: NewAuditEntry): Promise<void>;
  listAudit(meetingId: string): Promise<AuditEntry[]>;

  /** Remembers a webhook event id; false when it was seen before (a retry or a replay). */
  recordWebhookEvent(eventId: string, at: Date): Promise<boolean>;

  /** Stores one participant's evaluation; false when they already answered. */
  saveEvaluation(evaluation: Evaluation): Promise<boolean>;
  listEvaluations(meetingId: string): Promise<Evaluation[]>;

  getSetting(key: string): Promise<string | null>;
  /** Sets a setting unless it is already set; answers the value in force. */
  initSetting(key: string, value: string): Promise<string>;

  close(): Promise<void>;
}
