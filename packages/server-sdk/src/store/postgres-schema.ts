// The PostgreSQL store's tables, the steps that bring a database from one schema version to the
// next, and `migrate`, which takes them when a store opens. The tables mirror SQLite's
// (sqlite-store.ts) column for column, in PostgreSQL's own types: times are `timestamptz`, flags
// `boolean`, JSON `json` (kept as written, parsed on read).
import type { Pool } from 'pg';
import { StoreSchemaError } from './sqlite-store.js';

/**
 * The newest schema version of the PostgreSQL store, kept in the one row of `care_meet_schema`.
 * Raise it with any change to the tables, and append the step that brings version N-1 to N to
 * `POSTGRES_MIGRATIONS`. (PostgreSQL's versions count on their own: its version 1 holds everything
 * SQLite's version 2 does.)
 */
export const POSTGRES_SCHEMA_VERSION = 3;

/**
 * Advisory-lock classes (the first key of `pg_advisory_xact_lock(int, int)`), so that care-meet's
 * locks never meet another program's on a shared database. (Background work is held by rows in
 * `leases`, not by session advisory locks: a lease lapses on a clock both engines share, and a pooled
 * connection that held a session lock would hand it to whichever request got the connection next.)
 */
export const ADVISORY_LOCK = {
  /** Held while a store creates or upgrades the tables: instances starting at once take turns. */
  migrate: [0x636d0001, 0],
  /** Per invitation (second key: 32 bits of its hash): sending SMS codes counts one send at a time. */
  smsSendsClass: 0x636d0002,
} as const;

/** Version 0 to 1: every table, the append-only triggers, the version row. */
const VERSION_1 = `
CREATE TABLE meetings (
  id text PRIMARY KEY,
  title text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  allow_screen_share boolean NOT NULL,
  allow_chat boolean NOT NULL,
  room_name text NOT NULL UNIQUE,
  lobby_room_name text NOT NULL UNIQUE,
  dial_in json,
  meeting_number text UNIQUE,
  created_at timestamptz NOT NULL,
  ended_at timestamptz,
  ended_by text
);
CREATE TABLE participants (
  id text PRIMARY KEY,
  -- The order registrations were stored in (SQLite's rowid), after created_at.
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  meeting_id text NOT NULL REFERENCES meetings(id),
  name text NOT NULL,
  role text NOT NULL,
  identity_kind text NOT NULL,
  identity_key text,
  masked text NOT NULL,
  phone text,
  email text,
  admitted_at timestamptz,
  removed_at timestamptz,
  connected_at timestamptz,
  disconnected_at timestamptz,
  first_connected_at timestamptz,
  in_lobby boolean NOT NULL DEFAULT false,
  typed_name text,
  created_at timestamptz NOT NULL
);
CREATE INDEX participants_meeting ON participants (meeting_id);
CREATE UNIQUE INDEX participants_identity ON participants (meeting_id, identity_key) WHERE identity_key IS NOT NULL;
CREATE TABLE invitations (
  participant_id text PRIMARY KEY REFERENCES participants(id),
  meeting_id text NOT NULL,
  secret_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  meeting_id text NOT NULL,
  participant_id text NOT NULL,
  method text NOT NULL,
  identity_key text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE TABLE strangers (
  meeting_id text NOT NULL,
  identity text NOT NULL,
  name text NOT NULL,
  connected_at timestamptz NOT NULL,
  PRIMARY KEY (meeting_id, identity)
);
-- Identities not on the list that the chair removed: disconnected again whenever they come back.
CREATE TABLE removed_strangers (
  meeting_id text NOT NULL,
  identity text NOT NULL,
  removed_at timestamptz NOT NULL,
  PRIMARY KEY (meeting_id, identity)
);

-- Refuses any change to a table it guards: the audit log and the consent history are append-only
-- in the database itself, whoever sends the SQL (TRUNCATE included, which skips row triggers).
CREATE FUNCTION care_meet_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_ARGV[0] USING ERRCODE = 'insufficient_privilege';
END
$fn$;

-- The individual's consent to the meeting and its list: appended, never changed; the latest row is in force.
CREATE TABLE consents (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id text NOT NULL,
  at timestamptz NOT NULL,
  state text NOT NULL,
  by_role text NOT NULL,
  actor text NOT NULL,
  how text,
  participant_ids json NOT NULL
);
CREATE INDEX consents_meeting ON consents (meeting_id, seq);
CREATE TRIGGER consents_append_only BEFORE UPDATE OR DELETE ON consents
  FOR EACH ROW EXECUTE FUNCTION care_meet_append_only('consent history');
CREATE TRIGGER consents_no_truncate BEFORE TRUNCATE ON consents
  FOR EACH STATEMENT EXECUTE FUNCTION care_meet_append_only('consent history');

CREATE TABLE audit (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id text NOT NULL,
  at timestamptz NOT NULL,
  action text NOT NULL,
  actor text NOT NULL,
  participant_id text,
  outcome text NOT NULL,
  code text,
  details json NOT NULL
);
CREATE INDEX audit_meeting ON audit (meeting_id, seq);
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION care_meet_append_only('audit log');
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION care_meet_append_only('audit log');

CREATE TABLE webhook_events (
  id text PRIMARY KEY,
  received_at timestamptz NOT NULL,
  -- When a delivery of the event was acted on; NULL until then, so a retry of a failed one acts.
  handled_at timestamptz,
  -- The acting delivery's random token, and when its claim lapses (its process may have died).
  claim text,
  claimed_until timestamptz NOT NULL DEFAULT 'epoch'
);
-- LiveKit rooms of ended meetings not known to be gone yet: deleted in the background until they
-- are, also after a restart. request grows with each new request (the end, the room reappearing).
CREATE TABLE rooms_to_delete (
  room_name text PRIMARY KEY,
  meeting_id text NOT NULL,
  request integer NOT NULL,
  since timestamptz NOT NULL
);
CREATE INDEX rooms_to_delete_meeting ON rooms_to_delete (meeting_id);
CREATE TABLE evaluations (
  meeting_id text NOT NULL,
  participant_id text NOT NULL,
  answers json NOT NULL,
  submitted_at timestamptz NOT NULL,
  PRIMARY KEY (meeting_id, participant_id)
);
CREATE TABLE settings (
  key text PRIMARY KEY,
  value text NOT NULL
);
CREATE TABLE pending_logins (
  state_hash text PRIMARY KEY,
  invitation_hash text NOT NULL,
  method text NOT NULL,
  return_to text NOT NULL,
  display text NOT NULL,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  binding_hash text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX pending_logins_expiry ON pending_logins (expires_at);
CREATE TABLE sms_codes (
  invitation_hash text PRIMARY KEY,
  code_hash text NOT NULL,
  expires_at timestamptz NOT NULL,
  tries integer NOT NULL,
  used_at timestamptz,
  sends_total integer NOT NULL,
  -- When the recent codes were sent (milliseconds since 1970), for the per-window limit.
  recent_sends json NOT NULL
);

CREATE TABLE care_meet_schema (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  version integer NOT NULL
);
`;

/**
 * Version 1 to 2: what several instances share besides the meetings. Rate-limit counts per key and
 * window (every instance counts into the same row), and leases of background work (one instance
 * does it; another takes over once its lease lapses). Both are forgotten once over.
 */
const VERSION_2 = `
CREATE TABLE rate_limits (
  key text PRIMARY KEY,
  -- The key's current window: from its first attempt, windowMs long; the attempt after starts anew.
  window_start timestamptz NOT NULL,
  window_end timestamptz NOT NULL,
  count integer NOT NULL
);
CREATE INDEX rate_limits_end ON rate_limits (window_end);
CREATE TABLE leases (
  name text PRIMARY KEY,
  holder text NOT NULL,
  until timestamptz NOT NULL
);
CREATE INDEX leases_until ON leases (until);
`;

/**
 * Version 2 to 3: end-to-end encryption. Meetings say whether they have it (those booked before do
 * not), and their keys are kept sealed under the deployment's key (AES-256-GCM, the meeting id and
 * the index as additional data); the highest index is the current key.
 */
const VERSION_3 = `
ALTER TABLE meetings ADD COLUMN e2ee boolean NOT NULL DEFAULT false;
CREATE TABLE meeting_keys (
  meeting_id text NOT NULL REFERENCES meetings(id),
  key_index integer NOT NULL,
  sealed text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (meeting_id, key_index)
);
`;

/** `POSTGRES_MIGRATIONS[n]` brings a schema at version n to version n + 1, inside the opening transaction. */
export const POSTGRES_MIGRATIONS: readonly string[] = [VERSION_1, VERSION_2, VERSION_3];

/** `"name"`, for a schema name in SQL and in `search_path`. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Brings the tables to `POSTGRES_SCHEMA_VERSION` in one transaction, under an advisory lock so
 * that instances starting at once take turns. A newer version is refused before anything is written.
 */
export async function migrate(pool: Pool, schema?: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...ADVISORY_LOCK.migrate]);
    const { rows } = await client.query<{ table: string | null; db: string }>(
      "SELECT to_regclass('care_meet_schema')::text AS table, current_database() AS db",
    );
    const where = `database ${rows[0]!.db}${schema ? `, schema ${schema}` : ''}`;
    let found = 0;
    if (rows[0]!.table !== null) {
      found = Number((await client.query<{ version: number }>('SELECT version FROM care_meet_schema')).rows[0]?.version ?? 0);
    }
    if (found > POSTGRES_SCHEMA_VERSION) {
      await client.query('ROLLBACK');
      throw new StoreSchemaError(where, found, POSTGRES_SCHEMA_VERSION, 'PostgresMeetingStore');
    }
    if (found < POSTGRES_SCHEMA_VERSION) {
      if (schema && found === 0) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
      for (let version = found; version < POSTGRES_SCHEMA_VERSION; version++) await client.query(POSTGRES_MIGRATIONS[version]!);
      await client.query('INSERT INTO care_meet_schema (version) VALUES ($1) ON CONFLICT (only_row) DO UPDATE SET version = excluded.version', [
        POSTGRES_SCHEMA_VERSION,
      ]);
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}
