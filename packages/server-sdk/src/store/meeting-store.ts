import type { AuditEntry, Evaluation, Invitation, Meeting, NewAuditEntry, Participant, Session } from '../model.js';

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

/**
 * Where care-meet keeps its state. Everything the rules depend on goes through this interface, so
 * an implementation on PostgreSQL (several backend instances) can replace the embedded SQLite one
 * without touching the rules. Every method is atomic on its own; the ones that decide a race
 * (`endMeeting`, `redeemInvitation`, `recordWebhookEvent`, `saveEvaluation`) answer whether this
 * call won it.
 */
export interface MeetingStore {
  /** Stores a meeting with its registrations and invitations, all or nothing. */
  createMeeting(meeting: Meeting, participants: Participant[], invitations: Invitation[]): Promise<void>;
  addParticipant(participant: Participant, invitation: Invitation): Promise<void>;
  getMeeting(id: string): Promise<Meeting | null>;
  /** The meeting whose main or lobby room has this LiveKit name. */
  getMeetingByRoomName(roomName: string): Promise<Meeting | null>;
  meetingNumberTaken(meetingNumber: string): Promise<boolean>;
  /** Marks the meeting ended; true only for the call that ended it. */
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

  getInvitationByHash(secretHash: string): Promise<Invitation | null>;
  getInvitationForParticipant(participantId: string): Promise<Invitation | null>;
  replaceInvitation(invitation: Invitation): Promise<void>;
  /** Marks the invitation used; true only for the one call that redeemed it. */
  redeemInvitation(secretHash: string, at: Date): Promise<boolean>;

  createSession(session: Session): Promise<void>;
  getSession(tokenHash: string): Promise<Session | null>;

  /** Appends to the audit log. There is no method to change or delete an entry. */
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
