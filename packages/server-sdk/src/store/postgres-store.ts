import { createHash } from 'node:crypto';
import pg from 'pg';
import type { ClientConfig, Pool, PoolClient, PoolConfig, QueryConfig } from 'pg';
import type { MeetingEventFanOut } from '../events.js';
import type { Logger } from '../logger.js';
import type { AuditEntry, ConsentRecord, Evaluation, Invitation, Meeting, NewAuditEntry, Participant, Session } from '../model.js';
import { constantTimeEqual } from '../crypto.js';
import { ADVISORY_LOCK, migrate, quoteIdentifier } from './postgres-schema.js';
import { PostgresEventFanOut, eventChannelFor, type EventChannelTimings } from './postgres-events.js';
import {
  date,
  fromJson,
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

/** Options of `PostgresMeetingStore.open`. */
export interface PostgresMeetingStoreOptions {
  /** `postgres://user:password@host:port/database` (libpq's parameters such as `sslmode` work too). */
  connectionString: string;
  /**
   * The schema the tables live in (made if missing). Default: the connection's `search_path`,
   * normally `public`. Several care-meet deployments, or tests, can then share one database.
   */
  schema?: string;
  /** At most this many connections per instance. Default 10. */
  maxConnections?: number;
  /**
   * Anything else node-postgres' pool takes (`ssl`, timeouts; by default a connection is waited for
   * at most 10 s, and `application_name` is `care-meet`); the options above win.
   */
  pool?: Omit<PoolConfig, 'connectionString' | 'max' | 'options'>;
  /**
   * Told when an idle connection fails (the server restarted, the network dropped): the pool
   * replaces it, and the next query that fails says so to its caller. Default: written to stderr.
   */
  onConnectionError?: (error: Error) => void;
  /** How the event fan-out's LISTEN connection is kept (`openEventFanOut`); the defaults suit production. */
  events?: EventChannelTimings;
}

/** Pending logins this long past their expiry are forgotten (until then a late callback hears "expired"). */
const FORGET_PENDING_LOGINS_AFTER_MS = 3600_000;

/** A pooled connection inside a transaction, or the pool (one statement, its own transaction). */
type Queryable = Pool | PoolClient;

const json = (v: unknown): string => JSON.stringify(v);

const MEETING_COLUMNS =
  'id, title, starts_at, ends_at, allow_screen_share, allow_chat, e2ee, room_name, lobby_room_name, dial_in, meeting_number, created_at, ended_at, ended_by';
const MEETING_KEY_COLUMNS = 'meeting_id, key_index, sealed, created_at';
const PARTICIPANT_COLUMNS =
  'id, meeting_id, name, role, identity_kind, identity_key, masked, phone, email, admitted_at, removed_at, connected_at, ' +
  'disconnected_at, first_connected_at, in_lobby, typed_name, created_at';
const SESSION_COLUMNS = 'token_hash, meeting_id, participant_id, method, identity_key, created_at, expires_at';
const INVITATION_COLUMNS = 'participant_id, meeting_id, secret_hash, expires_at, used_at';
const ROOM_COLUMNS = 'room_name, meeting_id, request, since';

/** Each column of a table under its alias (`k.meeting_id, k.key_index`). */
const prefixedPlain = (alias: string, columns: string): string =>
  columns
    .split(', ')
    .map((c) => `${alias}.${c}`)
    .join(', ');

/**
 * A table's columns as one JSON object (`json_build_object('id', m.id, …)`), each time (`…_at`) as
 * milliseconds since 1970, which `date()` in rows.ts reads as it reads SQLite's. The hot path reads
 * its row this way: one column for the driver to describe and parse instead of 42, and no timestamp
 * text to parse (pg's per-column work was most of the join's cost in care-meet's process; issue 16).
 * The stored times are whole milliseconds (written from `Date`s), so nothing is rounded.
 */
const asJson = (alias: string, columns: string): string =>
  `json_build_object(${columns
    .split(', ')
    .map((c) => `'${c}', ${c.endsWith('_at') ? `(extract(epoch FROM ${alias}.${c}) * 1000)::bigint` : `${alias}.${c}`}`)
    .join(', ')})`;

/** A session with its meeting, registration and current key in one statement and one JSON column (the join's hot path). */
const CONTEXT_SQL = `SELECT json_build_object('s', ${asJson('s', SESSION_COLUMNS)}, 'm', ${asJson('m', MEETING_COLUMNS)},
    'p', ${asJson('p', PARTICIPANT_COLUMNS)}, 'k', CASE WHEN k.meeting_id IS NULL THEN NULL ELSE ${asJson('k', MEETING_KEY_COLUMNS)} END) AS context
  FROM sessions s
  JOIN meetings m ON m.id = s.meeting_id
  JOIN participants p ON p.id = s.participant_id
  LEFT JOIN meeting_keys k ON m.e2ee AND p.removed_at IS NULL AND k.meeting_id = m.id
    AND k.key_index = (SELECT MAX(key_index) FROM meeting_keys WHERE meeting_id = m.id)
  WHERE s.token_hash = $1`;

const AUDIT_INSERT_SQL = 'INSERT INTO audit (meeting_id, at, action, actor, participant_id, outcome, code, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)';
/** A turn's audit entries in one statement: one round trip and one commit, whatever their number. */
const AUDIT_INSERT_MANY_SQL = `INSERT INTO audit (meeting_id, at, action, actor, participant_id, outcome, code, details)
  SELECT e.meeting_id, e.at, e.action, e.actor, e.participant_id, e.outcome, e.code, e.details
  FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::json[])
    WITH ORDINALITY AS e(meeting_id, at, action, actor, participant_id, outcome, code, details, n)
  ORDER BY e.n`;

/** An audit entry as the row `AUDIT_INSERT_SQL` inserts. */
function auditRow(e: NewAuditEntry): unknown[] {
  return [e.meetingId, e.at, e.action, e.actor, e.participantId, e.outcome, e.code, json(e.details)];
}

/** An audit entry waiting for its turn's commit. */
interface PendingAudit {
  row: unknown[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Statements by name, so each connection parses and plans a statement once (node-postgres prepares a
 * named statement on its first use per connection). Every statement lists its columns: a prepared
 * `SELECT *` would fail once a newer instance added a column.
 */
const statementNames = new Map<string, string>();
function named(text: string, values: unknown[]): QueryConfig {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `care_meet_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
}

/** 32 bits of a key, as the second key of a per-key advisory lock. */
function lockKey(key: string): number {
  return createHash('sha256').update(key).digest().readInt32BE(0);
}

/**
 * The `MeetingStore` that several care-meet instances share: PostgreSQL through node-postgres'
 * connection pool. Every method is the same transaction as in `SqliteMeetingStore`; where SQLite's
 * single writer decides a race, a row lock does here (a conditional `UPDATE`, `INSERT … ON
 * CONFLICT`, `SELECT … FOR UPDATE`, or an advisory lock for a row that may not exist yet).
 * Opening creates or upgrades the tables under an advisory lock, so instances starting at once
 * take turns; a database written by a newer care-meet is refused (`StoreSchemaError`).
 *
 * @example
 * ```ts
 * const store = await PostgresMeetingStore.open({ connectionString: process.env.CARE_MEET_DB! });
 * const careMeet = await CareMeet.create({ store, livekit, organizerKey });
 * ```
 */
export class PostgresMeetingStore implements MeetingStore {
  readonly #pool: Pool;
  /** What a LISTEN connection connects with: the pool's own settings. */
  readonly #clientConfig: ClientConfig;
  /** The NOTIFY channel of the schema the tables are in. */
  readonly #channel: string;
  readonly #eventTimings: EventChannelTimings | undefined;
  readonly #fanOuts = new Set<PostgresEventFanOut>();
  /** Statements and transactions under way: `close` waits for them before it ends the pool. */
  readonly #inFlight = new Set<Promise<unknown>>();

  private constructor(pool: Pool, clientConfig: ClientConfig, channel: string, eventTimings: EventChannelTimings | undefined) {
    this.#pool = pool;
    this.#clientConfig = clientConfig;
    this.#channel = channel;
    this.#eventTimings = eventTimings;
  }

  /**
   * Connects, creates or upgrades the tables (one transaction), and answers the store. Throws
   * `StoreSchemaError` (nothing changed) for a database written by a newer care-meet, and a
   * `TypeError` for a missing connection string.
   */
  static async open(options: PostgresMeetingStoreOptions): Promise<PostgresMeetingStore> {
    if (typeof options?.connectionString !== 'string' || !/^postgres(ql)?:\/\//.test(options.connectionString)) {
      throw new TypeError('PostgresMeetingStore: connectionString must be a postgres:// URL');
    }
    if (options.schema !== undefined && (typeof options.schema !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(options.schema))) {
      throw new TypeError('PostgresMeetingStore: schema must be a plain identifier (letters, digits, _)');
    }
    const config: PoolConfig = {
      // A request waits at most this long for a connection (a server that does not answer), then fails.
      connectionTimeoutMillis: 10_000,
      // What an operator sees in pg_stat_activity.
      application_name: 'care-meet',
      ...options.pool,
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      ...(options.schema ? { options: `-c search_path=${quoteIdentifier(options.schema)}` } : {}),
    };
    const pool = new pg.Pool(config);
    const report = options.onConnectionError ?? ((e: Error) => process.stderr.write(`PostgresMeetingStore: idle connection failed: ${e.message}\n`));
    // Without a listener an idle connection's error (a server restart) would end the process.
    pool.on('error', (e) => report(e));
    let schema: string;
    try {
      await migrate(pool, options.schema);
      // The schema the tables are in (the option, or the connection's search_path), for its channel.
      schema = String((await pool.query<{ schema: string }>('SELECT current_schema() AS schema')).rows[0]?.schema);
    } catch (e) {
      await pool.end();
      throw e;
    }
    const { max: _max, idleTimeoutMillis: _idle, ...clientConfig } = config;
    // Its own name in pg_stat_activity, and TCP keepalive: it sits idle for hours.
    const listen: ClientConfig = { ...clientConfig, application_name: `${config.application_name ?? 'care-meet'}-events`, keepAlive: true };
    return new PostgresMeetingStore(pool, listen, eventChannelFor(schema), options.events);
  }

  /** `work`, recorded as under way until it settles. */
  #track<T>(work: Promise<T>): Promise<T> {
    this.#inFlight.add(work);
    const done = () => void this.#inFlight.delete(work);
    work.then(done, done);
    return work;
  }

  async #query(sql: string, values: unknown[] = [], on: Queryable = this.#pool): Promise<Row[]> {
    return (await this.#track(on.query(named(sql, values)))).rows as Row[];
  }

  async #run(sql: string, values: unknown[] = [], on: Queryable = this.#pool): Promise<number> {
    return (await this.#track(on.query(named(sql, values)))).rowCount ?? 0;
  }

  /**
   * Runs `fn` in one transaction on one connection (READ COMMITTED: each statement sees what was
   * committed before it; the statements that decide a race lock their rows). Rolled back if it throws.
   */
  #transaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    return this.#track(this.#inTransaction(fn));
  }

  async #inTransaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true; // the connection itself failed: the pool must not hand it out again
      }
      throw e;
    } finally {
      client.release(broken);
    }
  }

  async #insertParticipant(c: PoolClient, p: Participant): Promise<void> {
    await this.#run(
      `INSERT INTO participants (id, meeting_id, name, role, identity_kind, identity_key, masked, phone, email, admitted_at, removed_at,
         connected_at, disconnected_at, first_connected_at, in_lobby, typed_name, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [
        p.id,
        p.meetingId,
        p.name,
        p.role,
        p.identityKind,
        p.identityKey,
        p.masked,
        p.phone,
        p.email,
        p.admittedAt,
        p.removedAt,
        p.connectedAt,
        p.disconnectedAt,
        p.firstConnectedAt,
        p.inLobby,
        p.typedName,
        p.createdAt,
      ],
      c,
    );
  }

  async #insertInvitation(c: PoolClient, i: Invitation): Promise<void> {
    await this.#run(
      'INSERT INTO invitations (participant_id, meeting_id, secret_hash, expires_at, used_at) VALUES ($1, $2, $3, $4, $5)',
      [i.participantId, i.meetingId, i.secretHash, i.expiresAt, i.usedAt],
      c,
    );
  }

  /** An audit entry written inside the caller's transaction (not through the group commit). */
  async #insertAudit(c: PoolClient, e: NewAuditEntry): Promise<void> {
    await this.#run(AUDIT_INSERT_SQL, auditRow(e), c);
  }

  async #insertConsent(c: Queryable, r: ConsentRecord): Promise<void> {
    await this.#run(
      'INSERT INTO consents (meeting_id, at, state, by_role, actor, how, participant_ids) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [r.meetingId, r.at, r.state, r.by, r.actor, r.how, json(r.participantIds)],
      c,
    );
  }

  async #insertSession(c: PoolClient, s: Session): Promise<void> {
    await this.#run(
      `INSERT INTO sessions (token_hash, meeting_id, participant_id, method, identity_key, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [s.tokenHash, s.meetingId, s.participantId, s.method, s.identityKey, s.createdAt, s.expiresAt],
      c,
    );
  }

  async createMeeting(
    meeting: Meeting,
    participants: Participant[],
    invitations: Invitation[],
    consent?: ConsentRecord,
    audit: NewAuditEntry[] = [],
    firstKey?: SealedMeetingKey,
  ): Promise<void> {
    await this.#transaction(async (c) => {
      await this.#run(
        `INSERT INTO meetings (id, title, starts_at, ends_at, allow_screen_share, allow_chat, e2ee, room_name, lobby_room_name, dial_in,
           meeting_number, created_at, ended_at, ended_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          meeting.id,
          meeting.title,
          meeting.startsAt,
          meeting.endsAt,
          meeting.allowScreenShare,
          meeting.allowChat,
          meeting.e2ee,
          meeting.roomName,
          meeting.lobbyRoomName,
          meeting.dialIn ? json(meeting.dialIn) : null,
          meeting.dialIn?.meetingNumber ?? null,
          meeting.createdAt,
          meeting.endedAt,
          meeting.endedBy,
        ],
        c,
      );
      for (const p of participants) await this.#insertParticipant(c, p);
      for (const i of invitations) await this.#insertInvitation(c, i);
      if (consent) await this.#insertConsent(c, consent);
      for (const e of audit) await this.#insertAudit(c, e);
      if (firstKey) await this.#insertMeetingKey(c, firstKey);
    });
  }

  async #insertMeetingKey(c: PoolClient, k: SealedMeetingKey): Promise<void> {
    await this.#run(
      'INSERT INTO meeting_keys (meeting_id, key_index, sealed, created_at) VALUES ($1, $2, $3, $4)',
      [k.meetingId, k.keyIndex, k.sealed, k.createdAt],
      c,
    );
  }

  async currentMeetingKey(meetingId: string, participantId?: string): Promise<SealedMeetingKey | null> {
    const [r] =
      participantId === undefined
        ? await this.#query(`SELECT ${MEETING_KEY_COLUMNS} FROM meeting_keys WHERE meeting_id = $1 ORDER BY key_index DESC LIMIT 1`, [meetingId])
        : await this.#query(
            `SELECT ${prefixedPlain('k', MEETING_KEY_COLUMNS)} FROM meeting_keys k JOIN participants p ON p.meeting_id = k.meeting_id
             WHERE k.meeting_id = $1 AND p.id = $2 AND p.removed_at IS NULL ORDER BY k.key_index DESC LIMIT 1`,
            [meetingId, participantId],
          );
    return r ? toMeetingKey(r) : null;
  }

  async addParticipant(participant: Participant, invitation: Invitation, audit: NewAuditEntry[] = []): Promise<void> {
    await this.#transaction(async (c) => {
      await this.#insertParticipant(c, participant);
      await this.#insertInvitation(c, invitation);
      for (const e of audit) await this.#insertAudit(c, e);
    });
  }

  async getMeeting(id: string): Promise<Meeting | null> {
    const [r] = await this.#query(`SELECT ${MEETING_COLUMNS} FROM meetings WHERE id = $1`, [id]);
    return r ? toMeeting(r) : null;
  }

  async getMeetingByRoomName(roomName: string): Promise<Meeting | null> {
    const [r] = await this.#query(`SELECT ${MEETING_COLUMNS} FROM meetings WHERE room_name = $1 OR lobby_room_name = $1`, [roomName]);
    return r ? toMeeting(r) : null;
  }

  async meetingNumberTaken(meetingNumber: string): Promise<boolean> {
    return (await this.#query('SELECT 1 FROM meetings WHERE meeting_number = $1', [meetingNumber])).length > 0;
  }

  async endMeeting(id: string, at: Date, by: string, audit?: NewAuditEntry): Promise<boolean> {
    return this.#transaction(async (c) => {
      // The row lock decides the race: a second end waits for the first, then finds it ended.
      const won = (await this.#run('UPDATE meetings SET ended_at = $1, ended_by = $2 WHERE id = $3 AND ended_at IS NULL', [at, by, id], c)) === 1;
      if (won && audit) await this.#insertAudit(c, audit);
      const [rooms] = await this.#query('SELECT room_name, lobby_room_name FROM meetings WHERE id = $1 AND ended_at IS NOT NULL', [id], c);
      if (rooms) {
        await this.#requestRoomDeletion(c, id, str(rooms.room_name), at);
        await this.#requestRoomDeletion(c, id, str(rooms.lobby_room_name), at);
      }
      // The LiveKit identities of people not on the list (a SIP caller's holds a phone number) are
      // needed only while the meeting runs: once it has ended, nobody gets in again anyway.
      await this.#run('DELETE FROM strangers WHERE meeting_id = $1', [id], c);
      await this.#run('DELETE FROM removed_strangers WHERE meeting_id = $1', [id], c);
      // The media keys decrypt only what was said in the meeting: nobody needs them after it.
      await this.#run('DELETE FROM meeting_keys WHERE meeting_id = $1', [id], c);
      return won;
    });
  }

  async #requestRoomDeletion(c: Queryable, meetingId: string, roomName: string, at: Date): Promise<RoomToDelete> {
    const [r] = await this.#query(
      `INSERT INTO rooms_to_delete (room_name, meeting_id, request, since) VALUES ($1, $2, 1, $3)
       ON CONFLICT (room_name) DO UPDATE SET request = rooms_to_delete.request + 1 RETURNING ${ROOM_COLUMNS}`,
      [roomName, meetingId, at],
      c,
    );
    return toRoomToDelete(r!);
  }

  async requestRoomDeletion(meetingId: string, roomName: string, at: Date): Promise<RoomToDelete> {
    return this.#requestRoomDeletion(this.#pool, meetingId, roomName, at);
  }

  async listRoomsToDelete(meetingId?: string): Promise<RoomToDelete[]> {
    const rows =
      meetingId === undefined
        ? await this.#query(`SELECT ${ROOM_COLUMNS} FROM rooms_to_delete ORDER BY since, room_name`)
        : await this.#query(`SELECT ${ROOM_COLUMNS} FROM rooms_to_delete WHERE meeting_id = $1 ORDER BY since, room_name`, [meetingId]);
    return rows.map(toRoomToDelete);
  }

  async roomDeleted(room: RoomToDelete): Promise<void> {
    await this.#run('DELETE FROM rooms_to_delete WHERE room_name = $1 AND request = $2', [room.roomName, room.request]);
  }

  async listParticipants(meetingId: string): Promise<Participant[]> {
    return (await this.#query(`SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE meeting_id = $1 ORDER BY created_at, seq`, [meetingId])).map(
      toParticipant,
    );
  }

  async getParticipant(id: string): Promise<Participant | null> {
    const [r] = await this.#query(`SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE id = $1`, [id]);
    return r ? toParticipant(r) : null;
  }

  async setAdmitted(participantId: string, at: Date): Promise<void> {
    await this.#run('UPDATE participants SET admitted_at = $1, removed_at = NULL WHERE id = $2', [at, participantId]);
  }

  async setJoinedAdmitted(participantId: string, at: Date): Promise<boolean> {
    return (await this.#run('UPDATE participants SET admitted_at = COALESCE(admitted_at, $1) WHERE id = $2 AND removed_at IS NULL', [at, participantId])) > 0;
  }

  async setRemoved(participantId: string, at: Date, change: { audit?: NewAuditEntry[]; rotate?: KeyRotation } = {}): Promise<number | null> {
    return this.#transaction(async (c): Promise<number | null> => {
      await this.#run('UPDATE participants SET removed_at = $1, admitted_at = NULL WHERE id = $2', [at, participantId], c);
      for (const e of change.audit ?? []) await this.#insertAudit(c, e);
      if (!change.rotate) return null;
      // The meeting's row locked: two removals at once rotate one after the other, to n+1 and n+2.
      const [m] = await this.#query(
        'SELECT m.id, m.ended_at FROM meetings m JOIN participants p ON p.meeting_id = m.id WHERE p.id = $1 FOR UPDATE OF m',
        [participantId],
        c,
      );
      if (!m) throw new Error(`PostgresMeetingStore.setRemoved: no registration ${participantId} whose meeting's key to rotate`);
      // An ended meeting has no keys left to rotate (endMeeting deleted them), and nobody to protect.
      if (m.ended_at !== null) return null;
      const meetingId = str(m.id);
      const [top] = await this.#query('SELECT MAX(key_index) AS top FROM meeting_keys WHERE meeting_id = $1', [meetingId], c);
      const keyIndex = top?.top === null || top?.top === undefined ? 0 : Number(top.top) + 1;
      const next = change.rotate.next(keyIndex);
      await this.#insertMeetingKey(c, { meetingId, keyIndex, sealed: next.sealed, createdAt: at });
      for (const e of next.audit) await this.#insertAudit(c, e);
      return keyIndex;
    });
  }

  async setConnection(change: ConnectionChange): Promise<void> {
    if (change.connected) {
      await this.#run(
        `UPDATE participants SET connected_at = $1, disconnected_at = NULL, first_connected_at = COALESCE(first_connected_at, $1)
         WHERE id = $2`,
        [change.at, change.participantId],
      );
    } else {
      await this.#run('UPDATE participants SET connected_at = NULL, disconnected_at = $1 WHERE id = $2', [change.at, change.participantId]);
    }
  }

  async setWaiting(participantId: string, waiting: boolean): Promise<void> {
    await this.#run('UPDATE participants SET in_lobby = $1 WHERE id = $2', [waiting, participantId]);
  }

  async setTypedName(participantId: string, name: string): Promise<void> {
    await this.#run('UPDATE participants SET typed_name = $1 WHERE id = $2', [name, participantId]);
  }

  async addStranger(s: Stranger): Promise<void> {
    await this.#run(
      `INSERT INTO strangers (meeting_id, identity, name, connected_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (meeting_id, identity) DO UPDATE SET name = excluded.name, connected_at = excluded.connected_at`,
      [s.meetingId, s.identity, s.name, s.connectedAt],
    );
  }

  async removeStranger(meetingId: string, identity: string): Promise<void> {
    await this.#run('DELETE FROM strangers WHERE meeting_id = $1 AND identity = $2', [meetingId, identity]);
  }

  async listStrangers(meetingId: string): Promise<Stranger[]> {
    const rows = await this.#query('SELECT meeting_id, identity, name, connected_at FROM strangers WHERE meeting_id = $1 ORDER BY connected_at, identity', [
      meetingId,
    ]);
    return rows.map(toStranger);
  }

  async addRemovedStranger(meetingId: string, identity: string, at: Date): Promise<void> {
    await this.#run('INSERT INTO removed_strangers (meeting_id, identity, removed_at) VALUES ($1, $2, $3) ON CONFLICT (meeting_id, identity) DO NOTHING', [
      meetingId,
      identity,
      at,
    ]);
  }

  async strangerRemovedAt(meetingId: string, identity: string): Promise<Date | null> {
    const [r] = await this.#query('SELECT removed_at FROM removed_strangers WHERE meeting_id = $1 AND identity = $2', [meetingId, identity]);
    return r ? date(r.removed_at) : null;
  }

  async forgetStrangersOfMeetingsOver(endedBefore: Date): Promise<void> {
    const over = 'SELECT id FROM meetings WHERE ended_at IS NOT NULL OR ends_at < $1';
    await this.#transaction(async (c) => {
      await this.#run(`DELETE FROM strangers WHERE meeting_id IN (${over})`, [endedBefore], c);
      await this.#run(`DELETE FROM removed_strangers WHERE meeting_id IN (${over})`, [endedBefore], c);
    });
  }

  async addConsent(record: ConsentRecord): Promise<boolean> {
    return this.#transaction(async (c) => {
      if (record.state === 'given') {
        // The list must not change between the check and the insert. The meeting row's lock holds
        // back new registrations (their foreign key check waits for it); the registrations' share
        // locks hold back removals and admissions, and a locking read sees their latest version.
        await this.#query('SELECT 1 FROM meetings WHERE id = $1 FOR UPDATE', [record.meetingId], c);
        const all = await this.#query('SELECT id, removed_at FROM participants WHERE meeting_id = $1 FOR SHARE', [record.meetingId], c);
        const current = all.filter((r) => r.removed_at === null);
        const shown = new Set(record.participantIds);
        if (current.length !== shown.size || !current.every((r) => shown.has(str(r.id)))) return false;
      }
      await this.#insertConsent(c, record);
      return true;
    });
  }

  async currentConsent(meetingId: string): Promise<ConsentRecord | null> {
    const [r] = await this.#query(
      'SELECT meeting_id, state, at, by_role, actor, how, participant_ids FROM consents WHERE meeting_id = $1 ORDER BY seq DESC LIMIT 1',
      [meetingId],
    );
    return r ? toConsent(r) : null;
  }

  async getInvitationByHash(secretHash: string): Promise<Invitation | null> {
    const [r] = await this.#query(`SELECT ${INVITATION_COLUMNS} FROM invitations WHERE secret_hash = $1`, [secretHash]);
    return r ? toInvitation(r) : null;
  }

  async getInvitationForParticipant(participantId: string): Promise<Invitation | null> {
    const [r] = await this.#query(`SELECT ${INVITATION_COLUMNS} FROM invitations WHERE participant_id = $1`, [participantId]);
    return r ? toInvitation(r) : null;
  }

  async replaceInvitation(i: Invitation): Promise<void> {
    await this.#run(
      `INSERT INTO invitations (participant_id, meeting_id, secret_hash, expires_at, used_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (participant_id) DO UPDATE SET secret_hash = excluded.secret_hash, expires_at = excluded.expires_at, used_at = excluded.used_at`,
      [i.participantId, i.meetingId, i.secretHash, i.expiresAt, i.usedAt],
    );
  }

  async redeemInvitation(secretHash: string, at: Date, redemption?: Redemption): Promise<boolean> {
    return this.#transaction(async (c) => {
      const changed = await this.#run(
        'UPDATE invitations SET used_at = $1 WHERE secret_hash = $2 AND used_at IS NULL AND expires_at > $1',
        [at, secretHash],
        c,
      );
      if (changed !== 1) return false;
      if (redemption) await this.#storeRedemption(c, redemption);
      return true;
    });
  }

  /** What a redemption brings with it; inside the redemption's own transaction. */
  async #storeRedemption(c: PoolClient, r: Redemption): Promise<void> {
    await this.#insertSession(c, r.session);
    if (r.typedName !== null) await this.#run('UPDATE participants SET typed_name = $1 WHERE id = $2', [r.typedName, r.session.participantId], c);
    for (const e of r.audit) await this.#insertAudit(c, e);
  }

  async savePendingLogin(l: PendingLogin): Promise<void> {
    await this.#transaction(async (c) => {
      await this.#run('DELETE FROM pending_logins WHERE expires_at < $1', [new Date(l.createdAt.getTime() - FORGET_PENDING_LOGINS_AFTER_MS)], c);
      await this.#run(
        `INSERT INTO pending_logins (state_hash, invitation_hash, method, return_to, display, nonce, code_verifier, binding_hash, created_at,
           expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [l.stateHash, l.invitationHash, l.method, l.returnTo, l.display, l.nonce, l.codeVerifier, l.bindingHash, l.createdAt, l.expiresAt],
        c,
      );
    });
  }

  async takePendingLogin(stateHash: string): Promise<PendingLogin | null> {
    const [r] = await this.#query(
      `DELETE FROM pending_logins WHERE state_hash = $1
       RETURNING state_hash, invitation_hash, method, return_to, display, nonce, code_verifier, binding_hash, created_at, expires_at`,
      [stateHash],
    );
    return r ? toPendingLogin(r) : null;
  }

  async issueSmsCode(issue: SmsCodeIssue): Promise<SmsCodeIssueResult> {
    return this.#transaction(async (c): Promise<SmsCodeIssueResult> => {
      // The first code of an invitation has no row to lock yet: one send at a time per invitation,
      // or two at once would both count from the same total.
      await this.#query('SELECT pg_advisory_xact_lock($1, $2)', [ADVISORY_LOCK.smsSendsClass, lockKey(issue.invitationHash)], c);
      const at = issue.at.getTime();
      const [r] = await this.#query('SELECT sends_total, recent_sends FROM sms_codes WHERE invitation_hash = $1', [issue.invitationHash], c);
      const total = r ? Number(r.sends_total) : 0;
      const recent = (r ? fromJson<number[]>(r.recent_sends) : []).filter((t) => t > at - issue.windowMs);
      if (total >= issue.maxTotal) return { issued: false, reason: 'total' };
      if (recent.length >= issue.maxPerWindow) return { issued: false, reason: 'window', retryAt: new Date(Math.min(...recent) + issue.windowMs) };
      recent.push(at);
      await this.#run(
        `INSERT INTO sms_codes (invitation_hash, code_hash, expires_at, tries, used_at, sends_total, recent_sends)
         VALUES ($1, $2, $3, 0, NULL, $4, $5)
         ON CONFLICT (invitation_hash) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at,
           tries = 0, used_at = NULL, sends_total = excluded.sends_total, recent_sends = excluded.recent_sends`,
        [issue.invitationHash, issue.codeHash, issue.expiresAt, total + 1, json(recent)],
        c,
      );
      return { issued: true };
    });
  }

  async redeemInvitationWithSmsCode(attempt: SmsCodeAttempt): Promise<SmsCodeAttemptResult> {
    return this.#transaction(async (c): Promise<SmsCodeAttemptResult> => {
      // Parallel tries of one code take turns on its row: each sees the tries the one before counted.
      const [r] = await this.#query(
        'SELECT code_hash, expires_at, tries, used_at FROM sms_codes WHERE invitation_hash = $1 FOR UPDATE',
        [attempt.invitationHash],
        c,
      );
      if (!r) return { outcome: 'none' };
      if (r.used_at !== null) return { outcome: 'invite-used' };
      if (date(r.expires_at).getTime() <= attempt.at.getTime()) return { outcome: 'expired' };
      const tries = Number(r.tries);
      if (tries >= attempt.maxTries) return { outcome: 'locked' };
      if (!constantTimeEqual(str(r.code_hash), attempt.codeHash)) {
        await this.#run('UPDATE sms_codes SET tries = tries + 1 WHERE invitation_hash = $1', [attempt.invitationHash], c);
        return { outcome: 'wrong', triesLeft: attempt.maxTries - tries - 1 };
      }
      const redeemed = await this.#run(
        'UPDATE invitations SET used_at = $1 WHERE secret_hash = $2 AND used_at IS NULL AND expires_at > $1',
        [attempt.at, attempt.invitationHash],
        c,
      );
      if (redeemed !== 1) return { outcome: 'invite-used' };
      await this.#run('UPDATE sms_codes SET used_at = $1 WHERE invitation_hash = $2', [attempt.at, attempt.invitationHash], c);
      if (attempt.redemption) await this.#storeRedemption(c, attempt.redemption);
      return { outcome: 'redeemed' };
    });
  }

  async createSession(s: Session, audit: NewAuditEntry[] = []): Promise<void> {
    await this.#transaction(async (c) => {
      await this.#insertSession(c, s);
      for (const e of audit) await this.#insertAudit(c, e);
    });
  }

  async getSession(tokenHash: string): Promise<Session | null> {
    const [r] = await this.#query(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE token_hash = $1`, [tokenHash]);
    return r ? toSession(r) : null;
  }

  async getSessionContext(tokenHash: string): Promise<SessionContext | null> {
    const [r] = await this.#query(CONTEXT_SQL, [tokenHash]);
    if (!r) return null;
    // pg parses a json column itself.
    const { s, m, p, k } = r.context as { s: Row; m: Row; p: Row; k: Row | null };
    return { session: toSession(s), meeting: toMeeting(m), participant: toParticipant(p), meetingKey: k ? toMeetingKey(k) : null };
  }

  /**
   * Appends an entry, committed before the promise resolves. The entries appended while the
   * previous group is being written (or in one turn of the event loop) are written together, in
   * one statement (group commit): one round trip and one commit for many joins. Should that
   * statement fail, each entry is tried on its own, so only an entry that cannot be written is refused.
   */
  appendAudit(e: NewAuditEntry): Promise<void> {
    const row = auditRow(e);
    return new Promise<void>((resolve, reject) => {
      this.#auditQueue.push({ row, resolve, reject });
      if (this.#auditWriting === null) this.#auditFlush ??= setImmediate(() => void this.#flushAudit());
    });
  }

  #auditQueue: PendingAudit[] = [];
  #auditFlush: NodeJS.Immediate | null = null;
  /** The group being written; the next waits for it, so groups commit in the order they were appended. */
  #auditWriting: Promise<void> | null = null;

  #flushAudit(): Promise<void> {
    this.#auditFlush = null;
    const batch = this.#auditQueue;
    this.#auditQueue = [];
    if (batch.length === 0) return Promise.resolve();
    const writing = this.#writeAudit(batch).finally(() => {
      this.#auditWriting = null;
      // Whatever was appended meanwhile is the next group, written at once.
      if (this.#auditQueue.length > 0) void this.#flushAudit();
    });
    this.#auditWriting = writing;
    return writing;
  }

  async #writeAudit(batch: PendingAudit[]): Promise<void> {
    try {
      if (batch.length === 1) await this.#run(AUDIT_INSERT_SQL, batch[0]!.row);
      else
        await this.#run(
          AUDIT_INSERT_MANY_SQL,
          Array.from({ length: 8 }, (_, column) => batch.map((entry) => entry.row[column])),
        );
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // Nothing of the group was written: each entry alone, so that one bad entry fails only itself.
      for (const entry of batch) {
        try {
          await this.#run(AUDIT_INSERT_SQL, entry.row);
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
    const rows = await this.#query(
      'SELECT seq, meeting_id, at, action, actor, participant_id, outcome, code, details FROM audit WHERE meeting_id = $1 ORDER BY seq',
      [meetingId],
    );
    return rows.map(toAuditEntry);
  }

  #webhooksPrunedAt = Number.NEGATIVE_INFINITY;

  async claimWebhookEvent(c: WebhookClaim): Promise<WebhookClaimResult> {
    return this.#transaction(async (client): Promise<WebhookClaimResult> => {
      if (c.at.getTime() - this.#webhooksPrunedAt >= WEBHOOK_PRUNE_EVERY_MS) {
        await this.#run('DELETE FROM webhook_events WHERE received_at < $1', [new Date(c.at.getTime() - WEBHOOK_EVENTS_KEPT_MS)], client);
        this.#webhooksPrunedAt = c.at.getTime();
      }
      // New, or neither handled nor held by a claim that has not lapsed: this delivery's. A delivery
      // racing this one on another instance waits for the row, then sees this claim.
      const [taken] = await this.#query(
        `INSERT INTO webhook_events (id, received_at, handled_at, claim, claimed_until) VALUES ($1, $2, NULL, $3, $4)
         ON CONFLICT (id) DO UPDATE SET claim = excluded.claim, claimed_until = excluded.claimed_until
           WHERE webhook_events.handled_at IS NULL AND webhook_events.claimed_until <= $2
         RETURNING claim`,
        [c.eventId, c.at, c.claim, c.until],
        client,
      );
      if (taken) return 'claimed';
      const [r] = await this.#query('SELECT handled_at FROM webhook_events WHERE id = $1', [c.eventId], client);
      return r?.handled_at === null || r?.handled_at === undefined ? 'busy' : 'handled';
    });
  }

  async finishWebhookEvent(eventId: string, at: Date): Promise<void> {
    await this.#run("UPDATE webhook_events SET handled_at = $1, claim = NULL, claimed_until = 'epoch' WHERE id = $2 AND handled_at IS NULL", [at, eventId]);
  }

  async releaseWebhookEvent(eventId: string, claim: string): Promise<void> {
    await this.#run("UPDATE webhook_events SET claim = NULL, claimed_until = 'epoch' WHERE id = $1 AND claim = $2 AND handled_at IS NULL", [eventId, claim]);
  }

  async saveEvaluation(e: Evaluation): Promise<boolean> {
    return (
      (await this.#run(
        `INSERT INTO evaluations (meeting_id, participant_id, answers, submitted_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (meeting_id, participant_id) DO NOTHING`,
        [e.meetingId, e.participantId, json(e.answers), e.submittedAt],
      )) === 1
    );
  }

  async listEvaluations(meetingId: string): Promise<Evaluation[]> {
    const rows = await this.#query(
      'SELECT meeting_id, participant_id, answers, submitted_at FROM evaluations WHERE meeting_id = $1 ORDER BY submitted_at, participant_id',
      [meetingId],
    );
    return rows.map(toEvaluation);
  }

  async getSetting(key: string): Promise<string | null> {
    const [r] = await this.#query('SELECT value FROM settings WHERE key = $1', [key]);
    return r ? str(r.value) : null;
  }

  async initSetting(key: string, value: string): Promise<string> {
    await this.#run('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, value]);
    return (await this.getSetting(key)) ?? value;
  }

  async countRateLimitHit(key: string, now: Date, windowMs: number): Promise<RateLimitCount> {
    // The row lock of the upsert decides: parallel attempts from any instance count one after another.
    const [r] = await this.#query(
      `INSERT INTO rate_limits (key, window_start, window_end, count) VALUES ($1, $2, $3, 1)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN rate_limits.window_end <= $2 THEN 1 ELSE rate_limits.count + 1 END,
         window_start = CASE WHEN rate_limits.window_end <= $2 THEN excluded.window_start ELSE rate_limits.window_start END,
         window_end = CASE WHEN rate_limits.window_end <= $2 THEN excluded.window_end ELSE rate_limits.window_end END
       RETURNING count, window_end`,
      [key, now, new Date(now.getTime() + windowMs)],
    );
    return { count: Number(r!.count), resetAt: date(r!.window_end) };
  }

  async tryLease(name: string, holder: string, ttlMs: number, now: Date): Promise<boolean> {
    // New, or lapsed: this holder's. An instance racing this one waits for the row, then sees it taken.
    const taken = await this.#query(
      `INSERT INTO leases (name, holder, until) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until WHERE leases.until <= $4
       RETURNING holder`,
      [name, holder, new Date(now.getTime() + ttlMs), now],
    );
    return taken.length === 1;
  }

  async renewLease(name: string, holder: string, ttlMs: number, now: Date): Promise<boolean> {
    return (
      (await this.#run('UPDATE leases SET until = $1 WHERE name = $2 AND holder = $3 AND until > $4', [new Date(now.getTime() + ttlMs), name, holder, now])) ===
      1
    );
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.#run('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
  }

  async forgetExpired(now: Date): Promise<void> {
    await this.#run('DELETE FROM rate_limits WHERE window_end <= $1', [now]);
    await this.#run('DELETE FROM leases WHERE until <= $1', [now]);
  }

  /**
   * A fan-out of meeting events to every instance on this database (LISTEN/NOTIFY on a channel of
   * this schema), for a `MeetingEventBus`. Its LISTEN connection is its own, made when the bus
   * starts; closing the store closes it too.
   */
  openEventFanOut(options: { logger: Logger }): MeetingEventFanOut {
    if (this.#closed) throw new Error('PostgresMeetingStore: closed');
    const fanOut: PostgresEventFanOut = new PostgresEventFanOut({
      pool: this.#pool,
      client: this.#clientConfig,
      channel: this.#channel,
      logger: options.logger,
      ...(this.#eventTimings ? { timings: this.#eventTimings } : {}),
      onClosed: () => this.#fanOuts.delete(fanOut),
    });
    this.#fanOuts.add(fanOut);
    return fanOut;
  }

  #closed: Promise<void> | null = null;

  /**
   * Closes the event fan-outs (their LISTEN connections), waits for the statements under way, writes
   * the audit entries still waiting, then closes every connection.
   */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      await Promise.all([...this.#fanOuts].map((f) => f.close()));
      while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
      if (this.#auditFlush) clearImmediate(this.#auditFlush);
      while (this.#auditWriting || this.#auditQueue.length > 0) {
        await (this.#auditWriting ?? this.#flushAudit());
      }
      await this.#pool.end();
    })();
    return this.#closed;
  }
}
