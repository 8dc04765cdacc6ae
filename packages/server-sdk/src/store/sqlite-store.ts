import Database from 'better-sqlite3';
import type { AuditEntry, ConsentRecord, Evaluation, Invitation, Meeting, NewAuditEntry, Participant, Session } from '../model.js';
import { constantTimeEqual } from '../crypto.js';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.js';
import {
  date,
  str,
  toAuditEntry,
  toConsent,
  toEvaluation,
  toInvitation,
  toMeeting,
  toMeetingKey,
  toParticipant,
  toPendingLogin,
  toRoomToDelete,
  toSession,
  toStranger,
  type Row,
} from './rows.js';
import type {
  ConnectionChange,
  KeyRotation,
  MeetingStore,
  PendingLogin,
  RateLimitCount,
  Redemption,
  RoomToDelete,
  SealedMeetingKey,
  SessionContext,
  SmsCodeAttempt,
  SmsCodeAttemptResult,
  SmsCodeIssue,
  SmsCodeIssueResult,
  Stranger,
  WebhookClaim,
  WebhookClaimResult,
} from './meeting-store.js';
import { WEBHOOK_EVENTS_KEPT_MS, WEBHOOK_PRUNE_EVERY_MS } from './meeting-store.js';

/**
 * The version of the schema below, kept in the file's header (SQLite's `user_version`). A file
 * without one (0) was made before versions were kept: its tables are version 1's. Raise it with
 * any change that `CREATE … IF NOT EXISTS` cannot make to an existing file (a new column, a
 * changed constraint), or whose rules an older care-meet would not follow (version 3's leases: an
 * older process would do the background work without taking them), and add the step that brings a
 * file from the version before up to it (for version 3, the new tables in `SCHEMA` are the step;
 * for version 4, `meeting_keys` and `upgradeToVersion4`'s new column: an older care-meet would
 * book meetings without a key and hand out no key at a join).
 */
export const SCHEMA_VERSION = 4;

/**
 * A database written by a newer care-meet than this one: opening it is refused and nothing in it is
 * changed. Both stores throw it (`filename` is then the SQLite file, or the PostgreSQL database and
 * schema).
 */
export class StoreSchemaError extends Error {
  override readonly name = 'StoreSchemaError';
  readonly code = 'STORE_SCHEMA_NEWER' as const;
  constructor(
    readonly filename: string,
    readonly found: number,
    /** The newest schema version this care-meet knows. */
    readonly known: number = SCHEMA_VERSION,
    store = 'SqliteMeetingStore',
  ) {
    super(
      `${store}: ${filename} was written by a newer care-meet (schema ${found}; this one knows up to ${known}). ` +
        `Run that version, or restore a backup made before it; the ${store === 'SqliteMeetingStore' ? 'file' : 'database'} was not changed.`,
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
  e2ee INTEGER NOT NULL DEFAULT 0,
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
  received_at INTEGER NOT NULL,
  -- When a delivery of the event was acted on; NULL until then, so a retry of a failed one acts.
  handled_at INTEGER,
  -- The acting delivery's random token, and when its claim lapses (its process may have died).
  claim TEXT,
  claimed_until INTEGER NOT NULL DEFAULT 0
);
-- LiveKit rooms of ended meetings not known to be gone yet: deleted in the background until they
-- are, also after a restart. \`request\` grows with each new request (the end, the room reappearing).
CREATE TABLE IF NOT EXISTS rooms_to_delete (
  room_name TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL,
  request INTEGER NOT NULL,
  since INTEGER NOT NULL
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
-- Version 3: rate-limit counts per fixed window, and leases of background work, shared by the
-- processes on the file as by instances on PostgreSQL; forgotten once over.
CREATE TABLE IF NOT EXISTS rate_limits (
  key TEXT PRIMARY KEY,
  window_start INTEGER NOT NULL,
  window_end INTEGER NOT NULL,
  count INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS rate_limits_end ON rate_limits(window_end);
CREATE TABLE IF NOT EXISTS leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  until INTEGER NOT NULL
);
-- Version 4: the end-to-end encryption keys of meetings, each sealed under the deployment's key
-- (AES-256-GCM, the meeting id and index as additional data); the highest index is the current key.
CREATE TABLE IF NOT EXISTS meeting_keys (
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  key_index INTEGER NOT NULL,
  sealed TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, key_index)
);
`;

/** Pending logins this long past their expiry are forgotten (until then a late callback hears "expired"). */
const FORGET_PENDING_LOGINS_AFTER_MS = 3600_000;

const ms = (d: Date | null): number | null => (d === null ? null : d.getTime());

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
    m.e2ee AS m__e2ee,
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
    p.created_at AS p__created_at,
    k.meeting_id AS k__meeting_id,
    k.key_index AS k__key_index,
    k.sealed AS k__sealed,
    k.created_at AS k__created_at
  FROM sessions s
  JOIN meetings m ON m.id = s.meeting_id
  JOIN participants p ON p.id = s.participant_id
  LEFT JOIN meeting_keys k ON m.e2ee AND p.removed_at IS NULL AND k.meeting_id = m.id
    AND k.key_index = (SELECT MAX(key_index) FROM meeting_keys WHERE meeting_id = m.id)
  WHERE s.token_hash = ?`;

const AUDIT_INSERT_SQL = 'INSERT INTO audit (meeting_id, at, action, actor, participant_id, outcome, code, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';

/** An audit entry waiting for its event-loop turn's commit. */
interface PendingAudit {
  row: unknown[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

interface ContextReader {
  stmt: Database.Statement;
  /** Per column of the answer: the table it comes from and its own column name. */
  tables: ('s' | 'm' | 'p' | 'k')[];
  keys: string[];
}

function contextReader(db: Database.Database): ContextReader {
  const stmt = db.prepare(CONTEXT_SQL).raw(true);
  const names = stmt.columns().map((c) => c.name);
  return { stmt, tables: names.map((n) => n[0] as 's' | 'm' | 'p' | 'k'), keys: names.map((n) => n.slice(3)) };
}

/**
 * Version 1 to 2: a webhook event counts as handled only once acted on (version 1 stored its id
 * before acting, so a retry of a failed one changed nothing). The events a version 1 file holds
 * were acted on as far as anyone can tell: they stay handled. (`rooms_to_delete` is new and starts
 * empty: the rooms of meetings ended before are not asked for again.)
 */
function upgradeToVersion2(db: Database.Database): void {
  const columns = new Set((db.prepare('SELECT name FROM pragma_table_info(?)').all('webhook_events') as Row[]).map((r) => str(r.name)));
  if (columns.has('handled_at')) return;
  db.exec(`ALTER TABLE webhook_events ADD COLUMN handled_at INTEGER;
    ALTER TABLE webhook_events ADD COLUMN claim TEXT;
    ALTER TABLE webhook_events ADD COLUMN claimed_until INTEGER NOT NULL DEFAULT 0;
    UPDATE webhook_events SET handled_at = received_at;`);
}

/**
 * Version 3 to 4: meetings say whether they are end-to-end encrypted (those booked before are not;
 * `meeting_keys` is new and starts empty).
 */
function upgradeToVersion4(db: Database.Database): void {
  const columns = new Set((db.prepare('SELECT name FROM pragma_table_info(?)').all('meetings') as Row[]).map((r) => str(r.name)));
  if (!columns.has('e2ee')) db.exec('ALTER TABLE meetings ADD COLUMN e2ee INTEGER NOT NULL DEFAULT 0');
}

/** An audit entry as the row `AUDIT_INSERT_SQL` inserts. */
function auditRow(e: NewAuditEntry): unknown[] {
  return [e.meetingId, ms(e.at), e.action, e.actor, e.participantId, e.outcome, e.code, JSON.stringify(e.details)];
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
    this.#db
      .transaction(() => {
        this.#db.exec(SCHEMA);
        if (found < 2) upgradeToVersion2(this.#db);
        if (found < 4) upgradeToVersion4(this.#db);
        this.#db.pragma(`user_version = ${SCHEMA_VERSION}`);
      })
      .immediate();
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
      p.id,
      p.meetingId,
      p.name,
      p.role,
      p.identityKind,
      p.identityKey,
      p.masked,
      p.phone,
      p.email,
      ms(p.admittedAt),
      ms(p.removedAt),
      ms(p.connectedAt),
      ms(p.disconnectedAt),
      ms(p.firstConnectedAt),
      p.inLobby ? 1 : 0,
      p.typedName,
      ms(p.createdAt),
    );
  }

  #insertInvitation(i: Invitation): void {
    this.#stmt('INSERT INTO invitations (participant_id, meeting_id, secret_hash, expires_at, used_at) VALUES (?, ?, ?, ?, ?)').run(
      i.participantId,
      i.meetingId,
      i.secretHash,
      ms(i.expiresAt),
      ms(i.usedAt),
    );
  }

  /** An audit entry written inside the caller's transaction (not through the group commit). */
  #insertAudit(e: NewAuditEntry): void {
    this.#stmt(AUDIT_INSERT_SQL).run(auditRow(e));
  }

  async createMeeting(
    meeting: Meeting,
    participants: Participant[],
    invitations: Invitation[],
    consent?: ConsentRecord,
    audit: NewAuditEntry[] = [],
    firstKey?: SealedMeetingKey,
  ): Promise<void> {
    this.#db.transaction(() => {
      this.#stmt(
        `INSERT INTO meetings (id, title, starts_at, ends_at, allow_screen_share, allow_chat, e2ee, room_name, lobby_room_name,
          dial_in, meeting_number, created_at, ended_at, ended_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        meeting.id,
        meeting.title,
        ms(meeting.startsAt),
        ms(meeting.endsAt),
        meeting.allowScreenShare ? 1 : 0,
        meeting.allowChat ? 1 : 0,
        meeting.e2ee ? 1 : 0,
        meeting.roomName,
        meeting.lobbyRoomName,
        meeting.dialIn ? JSON.stringify(meeting.dialIn) : null,
        meeting.dialIn?.meetingNumber ?? null,
        ms(meeting.createdAt),
        ms(meeting.endedAt),
        meeting.endedBy,
      );
      for (const p of participants) this.#insertParticipant(p);
      for (const i of invitations) this.#insertInvitation(i);
      if (consent) this.#insertConsent(consent);
      for (const e of audit) this.#insertAudit(e);
      if (firstKey) this.#insertMeetingKey(firstKey);
    })();
  }

  #insertMeetingKey(k: SealedMeetingKey): void {
    this.#stmt('INSERT INTO meeting_keys (meeting_id, key_index, sealed, created_at) VALUES (?, ?, ?, ?)').run(
      k.meetingId,
      k.keyIndex,
      k.sealed,
      ms(k.createdAt),
    );
  }

  async currentMeetingKey(meetingId: string, participantId?: string): Promise<SealedMeetingKey | null> {
    const r = (
      participantId === undefined
        ? this.#stmt('SELECT * FROM meeting_keys WHERE meeting_id = ? ORDER BY key_index DESC LIMIT 1').get(meetingId)
        : this.#stmt(
            `SELECT k.* FROM meeting_keys k JOIN participants p ON p.meeting_id = k.meeting_id
             WHERE k.meeting_id = ? AND p.id = ? AND p.removed_at IS NULL ORDER BY k.key_index DESC LIMIT 1`,
          ).get(meetingId, participantId)
    ) as Row | undefined;
    return r ? toMeetingKey(r) : null;
  }

  async addParticipant(participant: Participant, invitation: Invitation, audit: NewAuditEntry[] = []): Promise<void> {
    this.#db.transaction(() => {
      this.#insertParticipant(participant);
      this.#insertInvitation(invitation);
      for (const e of audit) this.#insertAudit(e);
    })();
  }

  async getMeeting(id: string): Promise<Meeting | null> {
    const r = this.#stmt('SELECT * FROM meetings WHERE id = ?').get(id) as Row | undefined;
    return r ? toMeeting(r) : null;
  }

  async getMeetingByRoomName(roomName: string): Promise<Meeting | null> {
    const r = this.#stmt('SELECT * FROM meetings WHERE room_name = ? OR lobby_room_name = ?').get(roomName, roomName) as Row | undefined;
    return r ? toMeeting(r) : null;
  }

  async meetingNumberTaken(meetingNumber: string): Promise<boolean> {
    return this.#stmt('SELECT 1 FROM meetings WHERE meeting_number = ?').get(meetingNumber) !== undefined;
  }

  async endMeeting(id: string, at: Date, by: string, audit?: NewAuditEntry): Promise<boolean> {
    return this.#db
      .transaction((): boolean => {
        const won = this.#stmt('UPDATE meetings SET ended_at = ?, ended_by = ? WHERE id = ? AND ended_at IS NULL').run(ms(at), by, id).changes === 1;
        if (won && audit) this.#insertAudit(audit);
        const rooms = this.#stmt('SELECT room_name, lobby_room_name FROM meetings WHERE id = ? AND ended_at IS NOT NULL').get(id) as Row | undefined;
        if (rooms) {
          this.#requestRoomDeletion(id, str(rooms.room_name), at);
          this.#requestRoomDeletion(id, str(rooms.lobby_room_name), at);
        }
        // The LiveKit identities of people not on the list (a SIP caller's holds a phone number) are
        // needed only while the meeting runs: once it has ended, nobody gets in again anyway.
        this.#stmt('DELETE FROM strangers WHERE meeting_id = ?').run(id);
        this.#stmt('DELETE FROM removed_strangers WHERE meeting_id = ?').run(id);
        // The media keys decrypt only what was said in the meeting: nobody needs them after it.
        this.#stmt('DELETE FROM meeting_keys WHERE meeting_id = ?').run(id);
        return won;
      })
      .immediate();
  }

  #requestRoomDeletion(meetingId: string, roomName: string, at: Date): RoomToDelete {
    const r = this.#stmt(
      `INSERT INTO rooms_to_delete (room_name, meeting_id, request, since) VALUES (?, ?, 1, ?)
       ON CONFLICT(room_name) DO UPDATE SET request = request + 1 RETURNING *`,
    ).get(roomName, meetingId, ms(at)) as Row;
    return toRoomToDelete(r);
  }

  async requestRoomDeletion(meetingId: string, roomName: string, at: Date): Promise<RoomToDelete> {
    return this.#requestRoomDeletion(meetingId, roomName, at);
  }

  async listRoomsToDelete(meetingId?: string): Promise<RoomToDelete[]> {
    const rows = (
      meetingId === undefined
        ? this.#stmt('SELECT * FROM rooms_to_delete ORDER BY since, room_name').all()
        : this.#stmt('SELECT * FROM rooms_to_delete WHERE meeting_id = ? ORDER BY since, room_name').all(meetingId)
    ) as Row[];
    return rows.map(toRoomToDelete);
  }

  async roomDeleted(room: RoomToDelete): Promise<void> {
    this.#stmt('DELETE FROM rooms_to_delete WHERE room_name = ? AND request = ?').run(room.roomName, room.request);
  }

  async listParticipants(meetingId: string): Promise<Participant[]> {
    return (this.#stmt('SELECT * FROM participants WHERE meeting_id = ? ORDER BY created_at, rowid').all(meetingId) as Row[]).map(toParticipant);
  }

  async getParticipant(id: string): Promise<Participant | null> {
    const r = this.#stmt('SELECT * FROM participants WHERE id = ?').get(id) as Row | undefined;
    return r ? toParticipant(r) : null;
  }

  async setAdmitted(participantId: string, at: Date): Promise<void> {
    this.#stmt('UPDATE participants SET admitted_at = ?, removed_at = NULL WHERE id = ?').run(ms(at), participantId);
  }

  async setJoinedAdmitted(participantId: string, at: Date): Promise<boolean> {
    const r = this.#stmt('UPDATE participants SET admitted_at = COALESCE(admitted_at, ?) WHERE id = ? AND removed_at IS NULL').run(ms(at), participantId);
    return r.changes > 0;
  }

  async setRemoved(participantId: string, at: Date, change: { audit?: NewAuditEntry[]; rotate?: KeyRotation } = {}): Promise<number | null> {
    return this.#db
      .transaction((): number | null => {
        this.#stmt('UPDATE participants SET removed_at = ?, admitted_at = NULL WHERE id = ?').run(ms(at), participantId);
        for (const e of change.audit ?? []) this.#insertAudit(e);
        if (!change.rotate) return null;
        const meeting = this.#stmt('SELECT m.id, m.ended_at FROM meetings m JOIN participants p ON p.meeting_id = m.id WHERE p.id = ?').get(participantId) as
          Row | undefined;
        if (!meeting) throw new Error(`SqliteMeetingStore.setRemoved: no registration ${participantId} whose meeting's key to rotate`);
        // An ended meeting has no keys left to rotate (endMeeting deleted them), and nobody to protect.
        if (meeting.ended_at !== null) return null;
        const meetingId = str(meeting.id);
        const top = this.#stmt('SELECT MAX(key_index) AS top FROM meeting_keys WHERE meeting_id = ?').get(meetingId) as Row;
        const keyIndex = top.top === null ? 0 : Number(top.top) + 1;
        const next = change.rotate.next(keyIndex);
        this.#insertMeetingKey({ meetingId, keyIndex, sealed: next.sealed, createdAt: at });
        for (const e of next.audit) this.#insertAudit(e);
        return keyIndex;
      })
      .immediate();
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
      s.meetingId,
      s.identity,
      s.name,
      ms(s.connectedAt),
    );
  }

  async removeStranger(meetingId: string, identity: string): Promise<void> {
    this.#stmt('DELETE FROM strangers WHERE meeting_id = ? AND identity = ?').run(meetingId, identity);
  }

  async listStrangers(meetingId: string): Promise<Stranger[]> {
    return (this.#stmt('SELECT * FROM strangers WHERE meeting_id = ? ORDER BY connected_at').all(meetingId) as Row[]).map(toStranger);
  }

  async addRemovedStranger(meetingId: string, identity: string, at: Date): Promise<void> {
    this.#stmt('INSERT OR IGNORE INTO removed_strangers (meeting_id, identity, removed_at) VALUES (?, ?, ?)').run(meetingId, identity, ms(at));
  }

  async strangerRemovedAt(meetingId: string, identity: string): Promise<Date | null> {
    const r = this.#stmt('SELECT removed_at FROM removed_strangers WHERE meeting_id = ? AND identity = ?').get(meetingId, identity) as Row | undefined;
    return r ? date(r.removed_at) : null;
  }

  #insertConsent(c: ConsentRecord): void {
    this.#stmt('INSERT INTO consents (meeting_id, at, state, by_role, actor, how, participant_ids) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      c.meetingId,
      ms(c.at),
      c.state,
      c.by,
      c.actor,
      c.how,
      JSON.stringify(c.participantIds),
    );
  }

  async addConsent(record: ConsentRecord): Promise<boolean> {
    return this.#db
      .transaction((): boolean => {
        if (record.state === 'given') {
          const current = this.#stmt('SELECT id FROM participants WHERE meeting_id = ? AND removed_at IS NULL').all(record.meetingId) as Row[];
          const shown = new Set(record.participantIds);
          if (current.length !== shown.size || !current.every((r) => shown.has(str(r.id)))) return false;
        }
        this.#insertConsent(record);
        return true;
      })
      .immediate();
  }

  async currentConsent(meetingId: string): Promise<ConsentRecord | null> {
    const r = this.#stmt('SELECT * FROM consents WHERE meeting_id = ? ORDER BY seq DESC LIMIT 1').get(meetingId) as Row | undefined;
    return r ? toConsent(r) : null;
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

  async redeemInvitation(secretHash: string, at: Date, redemption?: Redemption): Promise<boolean> {
    return this.#db
      .transaction((): boolean => {
        const info = this.#stmt('UPDATE invitations SET used_at = ? WHERE secret_hash = ? AND used_at IS NULL AND expires_at > ?').run(
          ms(at),
          secretHash,
          ms(at),
        );
        if (info.changes !== 1) return false;
        if (redemption) this.#storeRedemption(redemption);
        return true;
      })
      .immediate();
  }

  /** What a redemption brings with it; inside the redemption's own transaction. */
  #storeRedemption(r: Redemption): void {
    this.#insertSession(r.session);
    if (r.typedName !== null) this.#stmt('UPDATE participants SET typed_name = ? WHERE id = ?').run(r.typedName, r.session.participantId);
    for (const e of r.audit) this.#insertAudit(e);
  }

  async savePendingLogin(l: PendingLogin): Promise<void> {
    this.#db.transaction(() => {
      this.#stmt('DELETE FROM pending_logins WHERE expires_at < ?').run(l.createdAt.getTime() - FORGET_PENDING_LOGINS_AFTER_MS);
      this.#stmt(
        `INSERT INTO pending_logins (state_hash, invitation_hash, method, return_to, display, nonce, code_verifier, binding_hash,
          created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(l.stateHash, l.invitationHash, l.method, l.returnTo, l.display, l.nonce, l.codeVerifier, l.bindingHash, ms(l.createdAt), ms(l.expiresAt));
    })();
  }

  async takePendingLogin(stateHash: string): Promise<PendingLogin | null> {
    const r = this.#stmt('DELETE FROM pending_logins WHERE state_hash = ? RETURNING *').get(stateHash) as Row | undefined;
    return r ? toPendingLogin(r) : null;
  }

  async issueSmsCode(issue: SmsCodeIssue): Promise<SmsCodeIssueResult> {
    return this.#db.transaction((): SmsCodeIssueResult => {
      const at = issue.at.getTime();
      const r = this.#stmt('SELECT sends_total, recent_sends FROM sms_codes WHERE invitation_hash = ?').get(issue.invitationHash) as Row | undefined;
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
      const r = this.#stmt('SELECT code_hash, expires_at, tries, used_at FROM sms_codes WHERE invitation_hash = ?').get(attempt.invitationHash) as
        Row | undefined;
      if (!r) return { outcome: 'none' };
      if (r.used_at !== null) return { outcome: 'invite-used' };
      if (Number(r.expires_at) <= at) return { outcome: 'expired' };
      const tries = Number(r.tries);
      if (tries >= attempt.maxTries) return { outcome: 'locked' };
      if (!constantTimeEqual(str(r.code_hash), attempt.codeHash)) {
        this.#stmt('UPDATE sms_codes SET tries = tries + 1 WHERE invitation_hash = ?').run(attempt.invitationHash);
        return { outcome: 'wrong', triesLeft: attempt.maxTries - tries - 1 };
      }
      const redeemed = this.#stmt('UPDATE invitations SET used_at = ? WHERE secret_hash = ? AND used_at IS NULL AND expires_at > ?').run(
        at,
        attempt.invitationHash,
        at,
      );
      if (redeemed.changes !== 1) return { outcome: 'invite-used' };
      this.#stmt('UPDATE sms_codes SET used_at = ? WHERE invitation_hash = ?').run(at, attempt.invitationHash);
      if (attempt.redemption) this.#storeRedemption(attempt.redemption);
      return { outcome: 'redeemed' };
    })();
  }

  #insertSession(s: Session): void {
    this.#stmt(
      `INSERT INTO sessions (token_hash, meeting_id, participant_id, method, identity_key, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(s.tokenHash, s.meetingId, s.participantId, s.method, s.identityKey, ms(s.createdAt), ms(s.expiresAt));
  }

  async createSession(s: Session, audit: NewAuditEntry[] = []): Promise<void> {
    this.#db.transaction(() => {
      this.#insertSession(s);
      for (const e of audit) this.#insertAudit(e);
    })();
  }

  async getSession(tokenHash: string): Promise<Session | null> {
    return this.#readSession(tokenHash);
  }

  async getSessionContext(tokenHash: string): Promise<SessionContext | null> {
    // One read transaction for the three rows: one lock instead of three.
    return this.#readContext(tokenHash);
  }

  /**
   * The three rows of a join in one statement. The statement answers a plain array (raw mode), split
   * by each column's table prefix into three rows: cheaper than a 40-key object per join.
   */
  #readContext(tokenHash: string): SessionContext | null {
    const ctx = (this.#context ??= contextReader(this.#db));
    const values = ctx.stmt.get(tokenHash) as unknown[] | undefined;
    if (!values) return null;
    const split: Record<'s' | 'm' | 'p' | 'k', Row> = { s: {}, m: {}, p: {}, k: {} };
    for (let i = 0; i < values.length; i++) split[ctx.tables[i]!][ctx.keys[i]!] = values[i];
    return {
      session: toSession(split.s),
      meeting: toMeeting(split.m),
      participant: toParticipant(split.p),
      meetingKey: split.k.sealed === null || split.k.sealed === undefined ? null : toMeetingKey(split.k),
    };
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
    const row = auditRow(e);
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
    return (this.#stmt('SELECT * FROM audit WHERE meeting_id = ? ORDER BY seq').all(meetingId) as Row[]).map(toAuditEntry);
  }

  #webhooksPrunedAt = Number.NEGATIVE_INFINITY;

  async claimWebhookEvent(c: WebhookClaim): Promise<WebhookClaimResult> {
    return this.#db
      .transaction((): WebhookClaimResult => {
        if (c.at.getTime() - this.#webhooksPrunedAt >= WEBHOOK_PRUNE_EVERY_MS) {
          this.#stmt('DELETE FROM webhook_events WHERE received_at < ?').run(c.at.getTime() - WEBHOOK_EVENTS_KEPT_MS);
          this.#webhooksPrunedAt = c.at.getTime();
        }
        // New, or neither handled nor held by a claim that has not lapsed: this delivery's.
        const taken =
          this.#stmt(
            `INSERT INTO webhook_events (id, received_at, handled_at, claim, claimed_until) VALUES (?, ?, NULL, ?, ?)
         ON CONFLICT(id) DO UPDATE SET claim = excluded.claim, claimed_until = excluded.claimed_until
           WHERE webhook_events.handled_at IS NULL AND webhook_events.claimed_until <= ?`,
          ).run(c.eventId, ms(c.at), c.claim, ms(c.until), ms(c.at)).changes === 1;
        if (taken) return 'claimed';
        const r = this.#stmt('SELECT handled_at FROM webhook_events WHERE id = ?').get(c.eventId) as Row | undefined;
        return r?.handled_at === null || r?.handled_at === undefined ? 'busy' : 'handled';
      })
      .immediate();
  }

  async finishWebhookEvent(eventId: string, at: Date): Promise<void> {
    this.#stmt('UPDATE webhook_events SET handled_at = ?, claim = NULL, claimed_until = 0 WHERE id = ? AND handled_at IS NULL').run(ms(at), eventId);
  }

  async releaseWebhookEvent(eventId: string, claim: string): Promise<void> {
    this.#stmt('UPDATE webhook_events SET claim = NULL, claimed_until = 0 WHERE id = ? AND claim = ? AND handled_at IS NULL').run(eventId, claim);
  }

  async saveEvaluation(e: Evaluation): Promise<boolean> {
    return (
      this.#stmt('INSERT OR IGNORE INTO evaluations (meeting_id, participant_id, answers, submitted_at) VALUES (?, ?, ?, ?)').run(
        e.meetingId,
        e.participantId,
        JSON.stringify(e.answers),
        ms(e.submittedAt),
      ).changes === 1
    );
  }

  async listEvaluations(meetingId: string): Promise<Evaluation[]> {
    return (this.#stmt('SELECT * FROM evaluations WHERE meeting_id = ? ORDER BY submitted_at').all(meetingId) as Row[]).map(toEvaluation);
  }

  async getSetting(key: string): Promise<string | null> {
    const r = this.#stmt('SELECT value FROM settings WHERE key = ?').get(key) as Row | undefined;
    return r ? str(r.value) : null;
  }

  async initSetting(key: string, value: string): Promise<string> {
    this.#stmt('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(key, value);
    return (await this.getSetting(key)) ?? value;
  }

  async countRateLimitHit(key: string, now: Date, windowMs: number): Promise<RateLimitCount> {
    const r = this.#stmt(
      `INSERT INTO rate_limits (key, window_start, window_end, count) VALUES (@key, @now, @end, 1)
       ON CONFLICT(key) DO UPDATE SET
         count = CASE WHEN window_end <= @now THEN 1 ELSE count + 1 END,
         window_start = CASE WHEN window_end <= @now THEN excluded.window_start ELSE window_start END,
         window_end = CASE WHEN window_end <= @now THEN excluded.window_end ELSE window_end END
       RETURNING count, window_end`,
    ).get({ key, now: now.getTime(), end: now.getTime() + windowMs }) as Row;
    return { count: Number(r.count), resetAt: date(r.window_end) };
  }

  async tryLease(name: string, holder: string, ttlMs: number, now: Date): Promise<boolean> {
    return (
      this.#stmt(
        `INSERT INTO leases (name, holder, until) VALUES (?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, until = excluded.until WHERE leases.until <= ?`,
      ).run(name, holder, now.getTime() + ttlMs, now.getTime()).changes === 1
    );
  }

  async renewLease(name: string, holder: string, ttlMs: number, now: Date): Promise<boolean> {
    return (
      this.#stmt('UPDATE leases SET until = ? WHERE name = ? AND holder = ? AND until > ?').run(now.getTime() + ttlMs, name, holder, now.getTime()).changes ===
      1
    );
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    this.#stmt('DELETE FROM leases WHERE name = ? AND holder = ?').run(name, holder);
  }

  async forgetExpired(now: Date): Promise<void> {
    this.#db.transaction(() => {
      this.#stmt('DELETE FROM rate_limits WHERE window_end <= ?').run(now.getTime());
      this.#stmt('DELETE FROM leases WHERE until <= ?').run(now.getTime());
    })();
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
