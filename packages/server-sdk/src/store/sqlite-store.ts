import Database from 'better-sqlite3';
import type { AuditEntry, ConsentBy, ConsentHow, ConsentRecord, DialIn, Evaluation, Invitation, Meeting, NewAuditEntry, Participant, Role, IdentityKind, Session, SessionMethod } from '../model.js';
import { constantTimeEqual } from '../crypto.js';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.js';
import type {
  ConnectionChange,
  MeetingStore,
  OidcMethod,
  PendingLogin,
  SmsCodeAttempt,
  SmsCodeAttemptResult,
  SmsCodeIssue,
  SmsCodeIssueResult,
  Stranger,
} from './meeting-store.js';

/**
 * The version of the schema below, kept in the file's header (SQLite's `user_version`). A file
 * without one (0) was made before versions were kept: its tables are this version's. Raise it with
 * any change that `CREATE … IF NOT EXISTS` cannot make to an existing file (a new column, a
 * changed constraint), and add the step that brings a file from the version before up to it.
 */
export const SCHEMA_VERSION = 1;

/** A file written by a newer care-meet than this one: opening it is refused and nothing in it is changed. */
export class StoreSchemaError extends Error {
  override readonly name = 'StoreSchemaError';
  readonly code = 'STORE_SCHEMA_NEWER' as const;
  constructor(
    readonly filename: string,
    readonly found: number,
  ) {
    super(
      `SqliteMeetingStore: ${filename} was written by a newer care-meet (schema ${found}; this one knows up to ${SCHEMA_VERSION}). ` +
        `Run that version, or restore a backup made before it; the file was not changed.`,
    );
  }
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meetings (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  allow_screen_share INTEGER NOT NULL,
  allow_chat INTEGER NOT NULL,
  room_name TEXT NOT NULL UNIQUE,
  lobby_room_name TEXT NOT NULL UNIQUE,
  dial_in TEXT,
  meeting_number TEXT UNIQUE,
  created_at INTEGER NOT NULL,
  ended_at INTEGER,
  ended_by TEXT
);
CREATE TABLE IF NOT EXISTS participants (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  identity_kind TEXT NOT NULL,
  identity_key TEXT,
  masked TEXT NOT NULL,
  phone TEXT,
  email TEXT,
  admitted_at INTEGER,
  removed_at INTEGER,
  connected_at INTEGER,
  disconnected_at INTEGER,
  first_connected_at INTEGER,
  in_lobby INTEGER NOT NULL DEFAULT 0,
  typed_name TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS participants_meeting ON participants(meeting_id);
CREATE UNIQUE INDEX IF NOT EXISTS participants_identity ON participants(meeting_id, identity_key) WHERE identity_key IS NOT NULL;
CREATE TABLE IF NOT EXISTS invitations (
  participant_id TEXT PRIMARY KEY REFERENCES participants(id),
  meeting_id TEXT NOT NULL,
  secret_hash TEXT NOT NULL UNIQUE,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE TABLE IF NOT EXISTS sessions (
  token_hash TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  method TEXT NOT NULL,
  identity_key TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS strangers (
  meeting_id TEXT NOT NULL,
  identity TEXT NOT NULL,
  name TEXT NOT NULL,
  connected_at INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, identity)
);
-- Identities not on the list that the chair removed: disconnected again whenever they come back.
CREATE TABLE IF NOT EXISTS removed_strangers (
  meeting_id TEXT NOT NULL,
  identity TEXT NOT NULL,
  removed_at INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, identity)
);
-- The individual's consent to the meeting and its list: appended, never changed; the latest row is in force.
CREATE TABLE IF NOT EXISTS consents (
  seq INTEGER PRIMARY KEY,
  meeting_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  state TEXT NOT NULL,
  by_role TEXT NOT NULL,
  actor TEXT NOT NULL,
  how TEXT,
  participant_ids TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS consents_meeting ON consents(meeting_id, seq);
CREATE TRIGGER IF NOT EXISTS consents_no_update BEFORE UPDATE ON consents
  BEGIN SELECT RAISE(ABORT, 'consent history is append-only'); END;
CREATE TRIGGER IF NOT EXISTS consents_no_delete BEFORE DELETE ON consents
  BEGIN SELECT RAISE(ABORT, 'consent history is append-only'); END;
CREATE TABLE IF NOT EXISTS audit (
  -- No AUTOINCREMENT: rows are never deleted (the trigger below), so rowids never repeat, and the
  -- extra page AUTOINCREMENT writes per insert is saved.
  seq INTEGER PRIMARY KEY,
  meeting_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  action TEXT NOT NULL,
  actor TEXT NOT NULL,
  participant_id TEXT,
  outcome TEXT NOT NULL,
  code TEXT,
  details TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_meeting ON audit(meeting_id, seq);
-- The audit log is append-only, enforced by the database itself, not only by the code above it.
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TABLE IF NOT EXISTS webhook_events (
  id TEXT PRIMARY KEY,
  received_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS evaluations (
  meeting_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  answers TEXT NOT NULL,
  submitted_at INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, participant_id)
);
CREATE TABLE IF NOT EXISTS settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS pending_logins (
  state_hash TEXT PRIMARY KEY,
  invitation_hash TEXT NOT NULL,
  method TEXT NOT NULL,
  return_to TEXT NOT NULL,
  display TEXT NOT NULL,
  nonce TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  binding_hash TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS pending_logins_expiry ON pending_logins(expires_at);
CREATE TABLE IF NOT EXISTS sms_codes (
  invitation_hash TEXT PRIMARY KEY,
  code_hash TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  tries INTEGER NOT NULL,
  used_at INTEGER,
  sends_total INTEGER NOT NULL,
  recent_sends TEXT NOT NULL
);
`;

/** Pending logins this long past their expiry are forgotten (until then a late callback hears "expired"). */
const FORGET_PENDING_LOGINS_AFTER_MS = 3600_000;

type Row = Record<string, unknown>;

const date = (v: unknown): Date => new Date(Number(v));
const maybeDate = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(Number(v)));
const ms = (d: Date | null): number | null => (d === null ? null : d.getTime());
const str = (v: unknown): string => String(v);
const maybeStr = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toMeeting(r: Row): Meeting {
  return {
    id: str(r.id),
    title: str(r.title),
    startsAt: date(r.starts_at),
    endsAt: date(r.ends_at),
    allowScreenShare: r.allow_screen_share === 1,
    allowChat: r.allow_chat === 1,
    roomName: str(r.room_name),
    lobbyRoomName: str(r.lobby_room_name),
    dialIn: r.dial_in ? (JSON.parse(str(r.dial_in)) as DialIn) : null,
    createdAt: date(r.created_at),
    endedAt: maybeDate(r.ended_at),
    endedBy: maybeStr(r.ended_by),
  };
}

function toParticipant(r: Row): Participant {
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
    inLobby: r.in_lobby === 1,
    typedName: maybeStr(r.typed_name),
    createdAt: date(r.created_at),
  };
}

function toSession(r: Row): Session {
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

/** A session with its meeting and registration in one read (the join's hot path). */
const CONTEXT_SQL = `SELECT
    s.token_hash AS s__token_hash,
    s.meeting_id AS s__meeting_id,
    s.participant_id AS s__participant_id,
    s.method AS s__method,
    s.identity_key AS s__identity_key,
    s.created_at AS s__created_at,
    s.expires_at AS s__expires_at,
    m.id AS m__id,
    m.title AS m__title,
    m.starts_at AS m__starts_at,
    m.ends_at AS m__ends_at,
    m.allow_screen_share AS m__allow_screen_share,
    m.allow_chat AS m__allow_chat,
    m.room_name AS m__room_name,
    m.lobby_room_name AS m__lobby_room_name,
    m.dial_in AS m__dial_in,
    m.meeting_number AS m__meeting_number,
    m.created_at AS m__created_at,
    m.ended_at AS m__ended_at,
    m.ended_by AS m__ended_by,
    p.id AS p__id,
    p.meeting_id AS p__meeting_id,
    p.name AS p__name,
    p.role AS p__role,
    p.identity_kind AS p__identity_kind,
    p.identity_key AS p__identity_key,
    p.masked AS p__masked,
    p.phone AS p__phone,
    p.email AS p__email,
    p.admitted_at AS p__admitted_at,
    p.removed_at AS p__removed_at,
    p.connected_at AS p__connected_at,
    p.disconnected_at AS p__disconnected_at,
    p.first_connected_at AS p__first_connected_at,
    p.in_lobby AS p__in_lobby,
    p.typed_name AS p__typed_name,
    p.created_at AS p__created_at
  FROM sessions s
  JOIN meetings m ON m.id = s.meeting_id
  JOIN participants p ON p.id = s.participant_id
  WHERE s.token_hash = ?`;

const AUDIT_INSERT_SQL =
  'INSERT INTO audit (meeting_id, at, action, actor, participant_id, outcome, code, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';

/** An audit entry waiting for its event-loop turn's commit. */
interface PendingAudit {
  row: unknown[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

interface ContextReader {
  stmt: Database.Statement;
  /** Per column of the answer: the table it comes from and its own column name. */
  tables: ('s' | 'm' | 'p')[];
  keys: string[];
}

function contextReader(db: Database.Database): ContextReader {
  const stmt = db.prepare(CONTEXT_SQL).raw(true);
  const names = stmt.columns().map((c) => c.name);
  return { stmt, tables: names.map((n) => n[0] as 's' | 'm' | 'p'), keys: names.map((n) => n.slice(3)) };
}

function toInvitation(r: Row): Invitation {
  return {
    participantId: str(r.participant_id),
    meetingId: str(r.meeting_id),
    secretHash: str(r.secret_hash),
    expiresAt: date(r.expires_at),
    usedAt: maybeDate(r.used_at),
  };
}

/**
 * The embedded `MeetingStore`: one SQLite file (or `:memory:`), WAL with `synchronous=NORMAL`,
 * which survives a process crash without losing committed transactions.
 *
 * @example
 * ```ts
 * const store = new SqliteMeetingStore({ filename: './care-meet.db' });
 * ```
 */
export class SqliteMeetingStore implements MeetingStore {
  readonly #db: Database.Database;
  readonly #stmts: Map<string, Database.Statement>;

  constructor(options: {
    filename: string;
    /** Run WAL checkpoints in a worker thread (default for files), not inside requests. */
    checkpointInBackground?: boolean;
    /** The background checkpoints' interval and WAL size limit (tests shorten them). */
    checkpoint?: { intervalMs?: number; restartAboveFrames?: number };
  }) {
    if (typeof options?.filename !== 'string' || options.filename === '') {
      throw new TypeError('SqliteMeetingStore: filename must be a path or ":memory:"');
    }
    this.#db = new Database(options.filename);
    const found = this.#db.pragma('user_version', { simple: true }) as number;
    if (found > SCHEMA_VERSION) {
      this.#db.close();
      throw new StoreSchemaError(options.filename, found);
    }
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    this.#db.pragma('foreign_keys = ON');
    this.#db.pragma('busy_timeout = 5000');
    // When the WAL starts over, a file a burst made larger than this is cut back to it.
    this.#db.pragma('journal_size_limit = 67108864');
    // The tables and the version they are at, together or not at all.
    this.#db.transaction(() => {
      this.#db.exec(SCHEMA);
      this.#db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }).immediate();
    this.#stmts = new Map();
    if (options.filename !== ':memory:' && options.checkpointInBackground !== false) {
      // Checkpoints fsync: moved to a worker thread so that they never stall a request.
      this.#checkpointer = startWalCheckpointer(this.#db, options.filename, options.checkpoint);
    }
  }

  #checkpointer: WalCheckpointer | null = null;

  /** How many background checkpoints have run (for operators' metrics and tests). */
  get backgroundCheckpoints(): number {
    return this.#checkpointer?.runs ?? 0;
  }

  /** How many times a WAL grown over its limit was made to start over (for metrics and tests). */
  get walRestarts(): number {
    return this.#checkpointer?.restarts ?? 0;
  }

  #stmt(sql: string): Database.Statement {
    let s = this.#stmts.get(sql);
    if (!s) {
      s = this.#db.prepare(sql);
      this.#stmts.set(sql, s);
    }
    return s;
  }

  #insertParticipant(p: Participant): void {
    this.#stmt(
      `INSERT INTO participants (id, meeting_id, name, role, identity_kind, identity_key, masked, phone, email,
        admitted_at, removed_at, connected_at, disconnected_at, first_connected_at, in_lobby, typed_name, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      p.id, p.meetingId, p.name, p.role, p.identityKind, p.identityKey, p.masked, p.phone, p.email,
      ms(p.admittedAt), ms(p.removedAt), ms(p.connectedAt), ms(p.disconnectedAt), ms(p.firstConnectedAt),
      p.inLobby ? 1 : 0, p.typedName, ms(p.createdAt),
    );
  }

  #insertInvitation(i: Invitation): void {
    this.#stmt(
      'INSERT INTO invitations (participant_id, meeting_id, secret_hash, expires_at, used_at) VALUES (?, ?, ?, ?, ?)',
    ).run(i.participantId, i.meetingId, i.secretHash, ms(i.expiresAt), ms(i.usedAt));
  }

  async createMeeting(meeting: Meeting, participants: Participant[], invitations: Invitation[], consent?: ConsentRecord): Promise<void> {
    this.#db.transaction(() => {
      this.#stmt(
        `INSERT INTO meetings (id, title, starts_at, ends_at, allow_screen_share, allow_chat, room_name, lobby_room_name,
          dial_in, meeting_number, created_at, ended_at, ended_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        meeting.id, meeting.title, ms(meeting.startsAt), ms(meeting.endsAt), meeting.allowScreenShare ? 1 : 0,
        meeting.allowChat ? 1 : 0, meeting.roomName, meeting.lobbyRoomName,
        meeting.dialIn ? JSON.stringify(meeting.dialIn) : null, meeting.dialIn?.meetingNumber ?? null,
        ms(meeting.createdAt), ms(meeting.endedAt), meeting.endedBy,
      );
      for (const p of participants) this.#insertParticipant(p);
      for (const i of invitations) this.#insertInvitation(i);
      if (consent) this.#insertConsent(consent);
    })();
  }

  async addParticipant(participant: Participant, invitation: Invitation): Promise<void> {
    this.#db.transaction(() => {
      this.#insertParticipant(participant);
      this.#insertInvitation(invitation);
    })();
  }

  async getMeeting(id: string): Promise<Meeting | null> {
    const r = this.#stmt('SELECT * FROM meetings WHERE id = ?').get(id) as Row | undefined;
    return r ? toMeeting(r) : null;
  }

  async getMeetingByRoomName(roomName: string): Promise<Meeting | null> {
    const r = this.#stmt('SELECT * FROM meetings WHERE room_name = ? OR lobby_room_name = ?').get(roomName, roomName) as
      | Row
      | undefined;
    return r ? toMeeting(r) : null;
  }

  async meetingNumberTaken(meetingNumber: string): Promise<boolean> {
    return this.#stmt('SELECT 1 FROM meetings WHERE meeting_number = ?').get(meetingNumber) !== undefined;
  }

  async endMeeting(id: string, at: Date, by: string): Promise<boolean> {
    return this.#db.transaction((): boolean => {
      const info = this.#stmt('UPDATE meetings SET ended_at = ?, ended_by = ? WHERE id = ? AND ended_at IS NULL').run(ms(at), by, id);
      // The LiveKit identities of people not on the list (a SIP caller's holds a phone number) are
      // needed only while the meeting runs: once it has ended, nobody gets in again anyway.
      this.#stmt('DELETE FROM strangers WHERE meeting_id = ?').run(id);
      this.#stmt('DELETE FROM removed_strangers WHERE meeting_id = ?').run(id);
      return info.changes === 1;
    }).immediate();
  }

  async listParticipants(meetingId: string): Promise<Participant[]> {
    return (this.#stmt('SELECT * FROM participants WHERE meeting_id = ? ORDER BY created_at, rowid').all(meetingId) as Row[]).map(
      toParticipant,
    );
  }

  async getParticipant(id: string): Promise<Participant | null> {
    const r = this.#stmt('SELECT * FROM participants WHERE id = ?').get(id) as Row | undefined;
    return r ? toParticipant(r) : null;
  }

  async setAdmitted(participantId: string, at: Date): Promise<void> {
    this.#stmt('UPDATE participants SET admitted_at = ?, removed_at = NULL WHERE id = ?').run(ms(at), participantId);
  }

  async setRemoved(participantId: string, at: Date): Promise<void> {
    this.#stmt('UPDATE participants SET removed_at = ?, admitted_at = NULL WHERE id = ?').run(ms(at), participantId);
  }

  async setConnection(change: ConnectionChange): Promise<void> {
    const at = ms(change.at);
    if (change.connected) {
      this.#stmt(
        `UPDATE participants SET connected_at = ?, disconnected_at = NULL,
           first_connected_at = COALESCE(first_connected_at, ?) WHERE id = ?`,
      ).run(at, at, change.participantId);
    } else {
      this.#stmt('UPDATE participants SET connected_at = NULL, disconnected_at = ? WHERE id = ?').run(at, change.participantId);
    }
  }

  async setTypedName(participantId: string, name: string): Promise<void> {
    this.#stmt('UPDATE participants SET typed_name = ? WHERE id = ?').run(name, participantId);
  }

  async setWaiting(participantId: string, waiting: boolean): Promise<void> {
    this.#stmt('UPDATE participants SET in_lobby = ? WHERE id = ?').run(waiting ? 1 : 0, participantId);
  }

  async addStranger(s: Stranger): Promise<void> {
    this.#stmt('INSERT OR REPLACE INTO strangers (meeting_id, identity, name, connected_at) VALUES (?, ?, ?, ?)').run(
      s.meetingId, s.identity, s.name, ms(s.connectedAt),
    );
  }

  async removeStranger(meetingId: string, identity: string): Promise<void> {
    this.#stmt('DELETE FROM strangers WHERE meeting_id = ? AND identity = ?').run(meetingId, identity);
  }

  async listStrangers(meetingId: string): Promise<Stranger[]> {
    return (this.#stmt('SELECT * FROM strangers WHERE meeting_id = ? ORDER BY connected_at').all(meetingId) as Row[]).map(
      (r) => ({ meetingId: str(r.meeting_id), identity: str(r.identity), name: str(r.name), connectedAt: date(r.connected_at) }),
    );
  }

  async addRemovedStranger(meetingId: string, identity: string, at: Date): Promise<void> {
    this.#stmt('INSERT OR IGNORE INTO removed_strangers (meeting_id, identity, removed_at) VALUES (?, ?, ?)').run(meetingId, identity, ms(at));
  }

  async strangerRemovedAt(meetingId: string, identity: string): Promise<Date | null> {
    const r = this.#stmt('SELECT removed_at FROM removed_strangers WHERE meeting_id = ? AND identity = ?').get(meetingId, identity) as Row | undefined;
    return r ? date(r.removed_at) : null;
  }

  #insertConsent(c: ConsentRecord): void {
    this.#stmt(
      'INSERT INTO consents (meeting_id, at, state, by_role, actor, how, participant_ids) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(c.meetingId, ms(c.at), c.state, c.by, c.actor, c.how, JSON.stringify(c.participantIds));
  }

  async addConsent(record: ConsentRecord): Promise<boolean> {
    return this.#db.transaction((): boolean => {
      if (record.state === 'given') {
        const current = this.#stmt('SELECT id FROM participants WHERE meeting_id = ? AND removed_at IS NULL').all(record.meetingId) as Row[];
        const shown = new Set(record.participantIds);
        if (current.length !== shown.size || !current.every((r) => shown.has(str(r.id)))) return false;
      }
      this.#insertConsent(record);
      return true;
    }).immediate();
  }

  async currentConsent(meetingId: string): Promise<ConsentRecord | null> {
    const r = this.#stmt('SELECT * FROM consents WHERE meeting_id = ? ORDER BY seq DESC LIMIT 1').get(meetingId) as Row | undefined;
    if (!r) return null;
    return {
      meetingId: str(r.meeting_id),
      state: str(r.state) as ConsentRecord['state'],
      at: date(r.at),
      by: str(r.by_role) as ConsentBy,
      actor: str(r.actor),
      how: r.how === null ? null : (str(r.how) as ConsentHow),
      participantIds: JSON.parse(str(r.participant_ids)) as string[],
    };
  }

  async forgetStrangersOfMeetingsOver(endedBefore: Date): Promise<void> {
    const over = 'SELECT id FROM meetings WHERE ended_at IS NOT NULL OR ends_at < ?';
    this.#db.transaction(() => {
      this.#stmt(`DELETE FROM strangers WHERE meeting_id IN (${over})`).run(ms(endedBefore));
      this.#stmt(`DELETE FROM removed_strangers WHERE meeting_id IN (${over})`).run(ms(endedBefore));
    })();
  }

  async getInvitationByHash(secretHash: string): Promise<Invitation | null> {
    const r = this.#stmt('SELECT * FROM invitations WHERE secret_hash = ?').get(secretHash) as Row | undefined;
    return r ? toInvitation(r) : null;
  }

  async getInvitationForParticipant(participantId: string): Promise<Invitation | null> {
    const r = this.#stmt('SELECT * FROM invitations WHERE participant_id = ?').get(participantId) as Row | undefined;
    return r ? toInvitation(r) : null;
  }

  async replaceInvitation(i: Invitation): Promise<void> {
    this.#stmt(
      `INSERT INTO invitations (participant_id, meeting_id, secret_hash, expires_at, used_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(participant_id) DO UPDATE SET secret_hash = excluded.secret_hash, expires_at = excluded.expires_at,
         used_at = excluded.used_at`,
    ).run(i.participantId, i.meetingId, i.secretHash, ms(i.expiresAt), ms(i.usedAt));
  }

  async redeemInvitation(secretHash: string, at: Date): Promise<boolean> {
    const info = this.#stmt(
      'UPDATE invitations SET used_at = ? WHERE secret_hash = ? AND used_at IS NULL AND expires_at > ?',
    ).run(ms(at), secretHash, ms(at));
    return info.changes === 1;
  }

  async savePendingLogin(l: PendingLogin): Promise<void> {
    this.#db.transaction(() => {
      this.#stmt('DELETE FROM pending_logins WHERE expires_at < ?').run(l.createdAt.getTime() - FORGET_PENDING_LOGINS_AFTER_MS);
      this.#stmt(
        `INSERT INTO pending_logins (state_hash, invitation_hash, method, return_to, display, nonce, code_verifier, binding_hash,
          created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        l.stateHash, l.invitationHash, l.method, l.returnTo, l.display, l.nonce, l.codeVerifier, l.bindingHash,
        ms(l.createdAt), ms(l.expiresAt),
      );
    })();
  }

  async takePendingLogin(stateHash: string): Promise<PendingLogin | null> {
    const r = this.#stmt('DELETE FROM pending_logins WHERE state_hash = ? RETURNING *').get(stateHash) as Row | undefined;
    if (!r) return null;
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

  async issueSmsCode(issue: SmsCodeIssue): Promise<SmsCodeIssueResult> {
    return this.#db.transaction((): SmsCodeIssueResult => {
      const at = issue.at.getTime();
      const r = this.#stmt('SELECT sends_total, recent_sends FROM sms_codes WHERE invitation_hash = ?').get(issue.invitationHash) as
        | Row
        | undefined;
      const total = r ? Number(r.sends_total) : 0;
      const recent = (r ? (JSON.parse(str(r.recent_sends)) as number[]) : []).filter((t) => t > at - issue.windowMs);
      if (total >= issue.maxTotal) return { issued: false, reason: 'total' };
      if (recent.length >= issue.maxPerWindow) {
        return { issued: false, reason: 'window', retryAt: new Date(Math.min(...recent) + issue.windowMs) };
      }
      recent.push(at);
      this.#stmt(
        `INSERT INTO sms_codes (invitation_hash, code_hash, expires_at, tries, used_at, sends_total, recent_sends)
         VALUES (?, ?, ?, 0, NULL, ?, ?)
         ON CONFLICT(invitation_hash) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at,
           tries = 0, used_at = NULL, sends_total = excluded.sends_total, recent_sends = excluded.recent_sends`,
      ).run(issue.invitationHash, issue.codeHash, ms(issue.expiresAt), total + 1, JSON.stringify(recent));
      return { issued: true };
    })();
  }

  async redeemInvitationWithSmsCode(attempt: SmsCodeAttempt): Promise<SmsCodeAttemptResult> {
    return this.#db.transaction((): SmsCodeAttemptResult => {
      const at = attempt.at.getTime();
      const r = this.#stmt('SELECT code_hash, expires_at, tries, used_at FROM sms_codes WHERE invitation_hash = ?').get(
        attempt.invitationHash,
      ) as Row | undefined;
      if (!r) return { outcome: 'none' };
      if (r.used_at !== null) return { outcome: 'invite-used' };
      if (Number(r.expires_at) <= at) return { outcome: 'expired' };
      const tries = Number(r.tries);
      if (tries >= attempt.maxTries) return { outcome: 'locked' };
      if (!constantTimeEqual(str(r.code_hash), attempt.codeHash)) {
        this.#stmt('UPDATE sms_codes SET tries = tries + 1 WHERE invitation_hash = ?').run(attempt.invitationHash);
        return { outcome: 'wrong', triesLeft: attempt.maxTries - tries - 1 };
      }
      const redeemed = this.#stmt(
        'UPDATE invitations SET used_at = ? WHERE secret_hash = ? AND used_at IS NULL AND expires_at > ?',
      ).run(at, attempt.invitationHash, at);
      if (redeemed.changes !== 1) return { outcome: 'invite-used' };
      this.#stmt('UPDATE sms_codes SET used_at = ? WHERE invitation_hash = ?').run(at, attempt.invitationHash);
      return { outcome: 'redeemed' };
    })();
  }

  async createSession(s: Session): Promise<void> {
    this.#stmt(
      `INSERT INTO sessions (token_hash, meeting_id, participant_id, method, identity_key, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(s.tokenHash, s.meetingId, s.participantId, s.method, s.identityKey, ms(s.createdAt), ms(s.expiresAt));
  }

  async getSession(tokenHash: string): Promise<Session | null> {
    return this.#readSession(tokenHash);
  }

  async getSessionContext(tokenHash: string): Promise<{ session: Session; meeting: Meeting; participant: Participant } | null> {
    // One read transaction for the three rows: one lock instead of three.
    return this.#readContext(tokenHash);
  }

  /**
   * The three rows of a join in one statement. The statement answers a plain array (raw mode), split
   * by each column's table prefix into three rows: cheaper than a 40-key object per join.
   */
  #readContext(tokenHash: string): { session: Session; meeting: Meeting; participant: Participant } | null {
    const ctx = (this.#context ??= contextReader(this.#db));
    const values = ctx.stmt.get(tokenHash) as unknown[] | undefined;
    if (!values) return null;
    const split: Record<'s' | 'm' | 'p', Row> = { s: {}, m: {}, p: {} };
    for (let i = 0; i < values.length; i++) split[ctx.tables[i]!][ctx.keys[i]!] = values[i];
    return { session: toSession(split.s), meeting: toMeeting(split.m), participant: toParticipant(split.p) };
  }

  #context: ContextReader | null = null;

  #readSession(tokenHash: string): Session | null {
    const r = this.#stmt('SELECT * FROM sessions WHERE token_hash = ?').get(tokenHash) as Row | undefined;
    return r ? toSession(r) : null;
  }

  /**
   * Appends an entry, committed before the promise resolves. The entries appended in one turn of
   * the event loop are committed together, in one transaction (group commit): one WAL write for
   * many joins instead of one each. Should that transaction fail, each entry is tried on its own,
   * so only an entry that cannot be written is refused.
   */
  appendAudit(e: NewAuditEntry): Promise<void> {
    // Serialised now, so an entry that cannot be is refused to its own caller at once.
    const row = [e.meetingId, ms(e.at), e.action, e.actor, e.participantId, e.outcome, e.code, JSON.stringify(e.details)];
    return new Promise<void>((resolve, reject) => {
      this.#auditQueue.push({ row, resolve, reject });
      this.#auditFlush ??= setImmediate(() => this.#flushAudit());
    });
  }

  #auditQueue: PendingAudit[] = [];
  #auditFlush: NodeJS.Immediate | null = null;
  #insertAuditBatch: ((entries: PendingAudit[]) => void) | null = null;

  #flushAudit(): void {
    const batch = this.#auditQueue;
    this.#auditQueue = [];
    this.#auditFlush = null;
    if (batch.length === 0) return;
    const insert = this.#stmt(AUDIT_INSERT_SQL);
    this.#insertAuditBatch ??= this.#db.transaction((entries: PendingAudit[]) => {
      for (const entry of entries) insert.run(entry.row);
    });
    try {
      this.#insertAuditBatch(batch);
    } catch {
      // Rolled back as a whole: write each entry alone, so that one bad entry fails only itself.
      for (const entry of batch) {
        try {
          insert.run(entry.row);
          entry.resolve();
        } catch (e) {
          entry.reject(e);
        }
      }
      return;
    }
    for (const entry of batch) entry.resolve();
  }

  async listAudit(meetingId: string): Promise<AuditEntry[]> {
    return (this.#stmt('SELECT * FROM audit WHERE meeting_id = ? ORDER BY seq').all(meetingId) as Row[]).map((r) => ({
      seq: Number(r.seq),
      meetingId: str(r.meeting_id),
      at: date(r.at),
      action: str(r.action),
      actor: str(r.actor),
      participantId: maybeStr(r.participant_id),
      outcome: str(r.outcome) as AuditEntry['outcome'],
      code: maybeStr(r.code),
      details: JSON.parse(str(r.details)) as AuditEntry['details'],
    }));
  }

  async recordWebhookEvent(eventId: string, at: Date): Promise<boolean> {
    return this.#stmt('INSERT OR IGNORE INTO webhook_events (id, received_at) VALUES (?, ?)').run(eventId, ms(at)).changes === 1;
  }

  async saveEvaluation(e: Evaluation): Promise<boolean> {
    return (
      this.#stmt(
        'INSERT OR IGNORE INTO evaluations (meeting_id, participant_id, answers, submitted_at) VALUES (?, ?, ?, ?)',
      ).run(e.meetingId, e.participantId, JSON.stringify(e.answers), ms(e.submittedAt)).changes === 1
    );
  }

  async listEvaluations(meetingId: string): Promise<Evaluation[]> {
    return (this.#stmt('SELECT * FROM evaluations WHERE meeting_id = ? ORDER BY submitted_at').all(meetingId) as Row[]).map(
      (r) => ({
        meetingId: str(r.meeting_id),
        participantId: str(r.participant_id),
        answers: JSON.parse(str(r.answers)) as Evaluation['answers'],
        submittedAt: date(r.submitted_at),
      }),
    );
  }

  async getSetting(key: string): Promise<string | null> {
    const r = this.#stmt('SELECT value FROM settings WHERE key = ?').get(key) as Row | undefined;
    return r ? str(r.value) : null;
  }

  async initSetting(key: string, value: string): Promise<string> {
    this.#stmt('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(key, value);
    return (await this.getSetting(key)) ?? value;
  }

  async close(): Promise<void> {
    if (this.#auditFlush) {
      // Entries still waiting for their turn's commit are written before the file closes.
      clearImmediate(this.#auditFlush);
      this.#flushAudit();
    }
    await this.#checkpointer?.stop();
    this.#db.close();
  }
}
