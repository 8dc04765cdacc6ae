/** Who a participant is in the meeting. The chair leads, admits, removes and ends. */
export type Role = 'chair' | 'staff' | 'individual' | 'relative' | 'guest';
export const ROLES: readonly Role[] = ['chair', 'staff', 'individual', 'relative', 'guest'];

/**
 * How a participant's identity is registered and later proven: an HSA-id, a Swedish personnummer
 * or samordningsnummer, a Danish CPR number, a Norwegian fødselsnummer or D-nummer (`fnr`), a
 * Finnish henkilötunnus (`hetu`), or a guest's phone or e-mail.
 */
export type IdentityKind = 'hsa' | 'pnr' | 'cpr' | 'fnr' | 'hetu' | 'guest';
export const IDENTITY_KINDS: readonly IdentityKind[] = ['hsa', 'pnr', 'cpr', 'fnr', 'hetu', 'guest'];

/**
 * How a person proves who they are when they redeem their invitation: Swedish BankID, SITHS, MitID,
 * BankID Norway (`bankid-no`), Suomi.fi-tunnistus (`suomifi`), an SMS code, or (an e-mail guest)
 * their own name.
 */
export type VerifyMethod = 'bankid' | 'siths' | 'mitid' | 'bankid-no' | 'suomifi' | 'sms-code' | 'name';

/** How a session came to be: a host vouched for the person, or the person proved it themselves. */
export type SessionMethod = VerifyMethod | 'host';

/** A registered identity as the organizer gives it (validated and normalised at the edge). */
export type RegisteredIdentity =
  | { kind: 'hsa'; hsaId: string }
  | { kind: 'pnr'; pnr: string }
  | { kind: 'cpr'; cpr: string }
  | { kind: 'fnr'; fnr: string }
  | { kind: 'hetu'; hetu: string }
  | { kind: 'guest'; phone?: string; email?: string };

/**
 * A proven identity: what an identity provider or a vouching host says about the person,
 * already normalised. Guests prove nothing; they hold an invitation.
 */
export type ProvenIdentity =
  { kind: 'hsa'; hsaId: string } | { kind: 'pnr'; pnr: string } | { kind: 'cpr'; cpr: string } | { kind: 'fnr'; fnr: string } | { kind: 'hetu'; hetu: string };

export interface DialIn {
  number: string;
  meetingNumber: string;
  pin: string;
}

/** A meeting as stored. `roomName` and `lobbyRoomName` are random and never derived from patient data. */
export interface Meeting {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  allowScreenShare: boolean;
  allowChat: boolean;
  /** End-to-end encrypted: its media key is in `meeting_keys` (sealed), handed out in the join answer. */
  e2ee: boolean;
  roomName: string;
  lobbyRoomName: string;
  dialIn: DialIn | null;
  createdAt: Date;
  endedAt: Date | null;
  endedBy: string | null;
}

/**
 * A registration. `identityKey` is a keyed hash of the namespaced identity (`pnr:1912…`); the raw
 * personnummer, HSA-id, CPR, fødselsnummer or henkilötunnus is never stored. `masked` is what may be
 * shown: at most the birth year (two digits for CPR, fødselsnummer and henkilötunnus), the HSA-id's
 * last four, a guest's masked phone or e-mail.
 */
export interface Participant {
  id: string;
  meetingId: string;
  name: string;
  role: Role;
  identityKind: IdentityKind;
  identityKey: string | null;
  masked: string;
  phone: string | null;
  email: string | null;
  admittedAt: Date | null;
  removedAt: Date | null;
  connectedAt: Date | null;
  disconnectedAt: Date | null;
  firstConnectedAt: Date | null;
  inLobby: boolean;
  /** The name an e-mail guest typed when redeeming the invitation; the chair compares it by sight. */
  typedName: string | null;
  createdAt: Date;
}

/** Who recorded the individual's consent: she herself in the element, the chair, or the organizer (the EHR). */
export type ConsentBy = 'individual' | 'chair' | 'organizer';
/** `self`: given by the individual in the element; `verbal` or `written`: given to staff, who recorded it. */
export type ConsentHow = 'self' | 'verbal' | 'written';

/**
 * One entry of a meeting's consent history (DESIGN: the individual's consent to the meeting and to
 * its participant list is recorded before it starts). Entries are appended, never changed; the
 * latest is in force.
 */
export interface ConsentRecord {
  meetingId: string;
  state: 'given' | 'withdrawn';
  at: Date;
  by: ConsentBy;
  /** The participant id of whoever recorded it, or `organizer`. */
  actor: string;
  /** How it was given; `null` for a withdrawal. */
  how: ConsentHow | null;
  /** Given: the registrations it covers (the list the person was shown). Withdrawn: none. */
  participantIds: string[];
}

export interface Invitation {
  participantId: string;
  meetingId: string;
  secretHash: string;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface Session {
  tokenHash: string;
  meetingId: string;
  participantId: string;
  method: SessionMethod;
  /** The keyed hash of the proven identity, or null for a guest. */
  identityKey: string | null;
  createdAt: Date;
  expiresAt: Date;
}

/** One line of the append-only audit log. Never carries a token, a secret or a raw personal id. */
export interface AuditEntry {
  seq: number;
  meetingId: string;
  at: Date;
  action: string;
  actor: string;
  participantId: string | null;
  outcome: 'ok' | 'refused';
  code: string | null;
  details: Record<string, string | number | boolean | null>;
}

export type NewAuditEntry = Omit<AuditEntry, 'seq'>;

export interface Evaluation {
  meetingId: string;
  participantId: string;
  answers: Record<string, string | number | boolean>;
  submittedAt: Date;
}

/** The meeting's state as the HTTP API shows it. */
export type MeetingState = 'scheduled' | 'open' | 'ended';

/** The verify method an invitation requires, from the registered identity. */
export function verifyMethodFor(p: Pick<Participant, 'identityKind' | 'phone' | 'email'>): VerifyMethod {
  switch (p.identityKind) {
    case 'hsa':
      return 'siths';
    case 'pnr':
      return 'bankid';
    case 'cpr':
      return 'mitid';
    case 'fnr':
      return 'bankid-no';
    case 'hetu':
      return 'suomifi';
    case 'guest':
      return p.phone ? 'sms-code' : 'name';
  }
}
