// Rows of the stores' tables as the model's objects. SQLite and PostgreSQL name their columns alike
// and differ only in how values come back: a time is milliseconds in SQLite and a Date from
// PostgreSQL's timestamptz, a flag 0/1 or a boolean, JSON text or an already parsed json column.
// The readers below take either.
import type {
  AuditEntry,
  ConsentBy,
  ConsentHow,
  ConsentRecord,
  DialIn,
  Evaluation,
  IdentityKind,
  Invitation,
  Meeting,
  Participant,
  Role,
  Session,
  SessionMethod,
} from '../model.js';
import type { OidcMethod, PendingLogin, RoomToDelete, SealedMeetingKey, Stranger } from './meeting-store.js';

export type Row = Record<string, unknown>;

export const date = (v: unknown): Date => (v instanceof Date ? v : new Date(Number(v)));
export const maybeDate = (v: unknown): Date | null => (v === null || v === undefined ? null : date(v));
export const str = (v: unknown): string => String(v);
export const maybeStr = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const flag = (v: unknown): boolean => v === 1 || v === true;
/** A JSON column: text (SQLite) or parsed already (PostgreSQL's json). */
export const fromJson = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

export function toMeeting(r: Row): Meeting {
  return {
    id: str(r.id),
    title: str(r.title),
    startsAt: date(r.starts_at),
    endsAt: date(r.ends_at),
    allowScreenShare: flag(r.allow_screen_share),
    allowChat: flag(r.allow_chat),
    e2ee: flag(r.e2ee),
    roomName: str(r.room_name),
    lobbyRoomName: str(r.lobby_room_name),
    dialIn: r.dial_in ? fromJson<DialIn>(r.dial_in) : null,
    createdAt: date(r.created_at),
    endedAt: maybeDate(r.ended_at),
    endedBy: maybeStr(r.ended_by),
  };
}

export function toParticipant(r: Row): Participant {
  return {
    id: str(r.id),
    meetingId: str(r.meeting_id),
    name: str(r.name),
    role: str(r.role) as Role,
    identityKind: str(r.identity_kind) as IdentityKind,
    identityKey: maybeStr(r.identity_key),
    masked: str(r.masked),
    phone: maybeStr(r.phone),
    email: maybeStr(r.email),
    admittedAt: maybeDate(r.admitted_at),
    removedAt: maybeDate(r.removed_at),
    connectedAt: maybeDate(r.connected_at),
    disconnectedAt: maybeDate(r.disconnected_at),
    firstConnectedAt: maybeDate(r.first_connected_at),
    inLobby: flag(r.in_lobby),
    typedName: maybeStr(r.typed_name),
    createdAt: date(r.created_at),
  };
}

export function toSession(r: Row): Session {
  return {
    tokenHash: str(r.token_hash),
    meetingId: str(r.meeting_id),
    participantId: str(r.participant_id),
    method: str(r.method) as SessionMethod,
    identityKey: maybeStr(r.identity_key),
    createdAt: date(r.created_at),
    expiresAt: date(r.expires_at),
  };
}

export function toInvitation(r: Row): Invitation {
  return {
    participantId: str(r.participant_id),
    meetingId: str(r.meeting_id),
    secretHash: str(r.secret_hash),
    expiresAt: date(r.expires_at),
    usedAt: maybeDate(r.used_at),
  };
}

export function toRoomToDelete(r: Row): RoomToDelete {
  return { roomName: str(r.room_name), meetingId: str(r.meeting_id), request: Number(r.request), since: date(r.since) };
}

export function toStranger(r: Row): Stranger {
  return { meetingId: str(r.meeting_id), identity: str(r.identity), name: str(r.name), connectedAt: date(r.connected_at) };
}

export function toConsent(r: Row): ConsentRecord {
  return {
    meetingId: str(r.meeting_id),
    state: str(r.state) as ConsentRecord['state'],
    at: date(r.at),
    by: str(r.by_role) as ConsentBy,
    actor: str(r.actor),
    how: r.how === null ? null : (str(r.how) as ConsentHow),
    participantIds: fromJson<string[]>(r.participant_ids),
  };
}

export function toPendingLogin(r: Row): PendingLogin {
  return {
    stateHash: str(r.state_hash),
    invitationHash: str(r.invitation_hash),
    method: str(r.method) as OidcMethod,
    returnTo: str(r.return_to),
    display: str(r.display) === 'popup' ? 'popup' : 'redirect',
    nonce: str(r.nonce),
    codeVerifier: str(r.code_verifier),
    bindingHash: maybeStr(r.binding_hash),
    createdAt: date(r.created_at),
    expiresAt: date(r.expires_at),
  };
}

export function toAuditEntry(r: Row): AuditEntry {
  return {
    seq: Number(r.seq),
    meetingId: str(r.meeting_id),
    at: date(r.at),
    action: str(r.action),
    actor: str(r.actor),
    participantId: maybeStr(r.participant_id),
    outcome: str(r.outcome) as AuditEntry['outcome'],
    code: maybeStr(r.code),
    details: fromJson<AuditEntry['details']>(r.details),
  };
}

export function toEvaluation(r: Row): Evaluation {
  return {
    meetingId: str(r.meeting_id),
    participantId: str(r.participant_id),
    answers: fromJson<Evaluation['answers']>(r.answers),
    submittedAt: date(r.submitted_at),
  };
}

export function toMeetingKey(r: Row): SealedMeetingKey {
  return {
    meetingId: str(r.meeting_id),
    keyIndex: Number(r.key_index),
    sealed: str(r.sealed),
    createdAt: date(r.created_at),
  };
}
