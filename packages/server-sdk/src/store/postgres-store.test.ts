// What only the PostgreSQL store has: its schema version table and the refusal of a newer one,
// instances creating the tables at once, `CARE_MEET_DB=postgres://…` choosing it, and two
// care-meet-server processes on one database. What every store must do is in
// meeting-store.contract.test.ts. Needs a server (bash scripts/postgres.sh run -- …): skipped with
// the reason without one, failing in CI.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { isPostgresUrl, openMeetingStore } from './open-store.js';
import { POSTGRES_MIGRATIONS, POSTGRES_SCHEMA_VERSION } from './postgres-schema.js';
import { PostgresMeetingStore } from './postgres-store.js';
import { SqliteMeetingStore, StoreSchemaError } from './sqlite-store.js';
import { freshSchemaName, openPostgresTestDatabase, postgresTestOptions, requirePostgresUrl } from '../test-support/store-engines.js';
import { startSidecar } from '../test-support/sidecar-process.js';
import type { Meeting } from '../model.js';

const meeting: Meeting = {
  id: 'm_pg',
  title: 't',
  startsAt: new Date('2026-12-01T09:00:00Z'),
  endsAt: new Date('2026-12-01T10:00:00Z'),
  allowScreenShare: false,
  allowChat: false,
  e2ee: false,
  roomName: 'r_pg',
  lobbyRoomName: 'l_pg',
  dialIn: null,
  createdAt: new Date('2026-11-01T00:00:00Z'),
  endedAt: null,
  endedBy: null,
};

/** SQL as the cluster's owner, outside any test schema. */
async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: requirePostgresUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** What a schema holds: its tables, and the version row. */
async function contents(schema: string): Promise<{ tables: string[]; version: number | null }> {
  return admin(async (c) => {
    const tables = (await c.query('SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename', [schema])).rows.map((r) => r.tablename as string);
    const version = tables.includes('care_meet_schema') ? Number((await c.query(`SELECT version FROM ${schema}.care_meet_schema`)).rows[0]?.version) : null;
    return { tables, version };
  });
}

/** Skipped with the reason outside CI when there is no PostgreSQL; run (and failing) in CI. */
const needsPostgres = postgresTestOptions();

const dropSchema = (schema: string) => admin((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));

test('openMeetingStore: a postgres:// URL is PostgreSQL, anything else an SQLite file', async () => {
  assert.equal(isPostgresUrl('postgres://u@127.0.0.1/db'), true);
  assert.equal(isPostgresUrl('postgresql://u@127.0.0.1/db'), true);
  assert.equal(isPostgresUrl('./care-meet.db'), false);
  assert.equal(isPostgresUrl(':memory:'), false);
  const sqlite = await openMeetingStore(':memory:');
  assert.ok(sqlite instanceof SqliteMeetingStore);
  await sqlite.close();
  await assert.rejects(openMeetingStore(''), TypeError);
  await assert.rejects(PostgresMeetingStore.open({ connectionString: './care-meet.db' }), TypeError);
  await assert.rejects(PostgresMeetingStore.open({ connectionString: 'postgres://127.0.0.1/x', schema: 'a; DROP TABLE audit' }), TypeError);
});

test('a PostgreSQL server that does not answer fails the open, with the reason, and leaves nothing running', async () => {
  // Port 9 on loopback: nothing listens there.
  await assert.rejects(PostgresMeetingStore.open({ connectionString: 'postgres://care_meet:x@127.0.0.1:9/care_meet' }), /ECONNREFUSED/);
});

describe('PostgresMeetingStore', () => {
  test('CARE_MEET_DB=postgres://… opens PostgresMeetingStore', needsPostgres, async () => {
    const schema = freshSchemaName();
    await admin((c) => c.query(`CREATE SCHEMA ${schema}`));
    try {
      const url = new URL(requirePostgresUrl());
      url.searchParams.set('options', `-c search_path=${schema}`);
      const store = await openMeetingStore(url.toString());
      assert.ok(store instanceof PostgresMeetingStore);
      await store.createMeeting(meeting, [], []);
      await store.close();
      assert.ok((await contents(schema)).tables.includes('meetings'));
    } finally {
      await dropSchema(schema);
    }
  });

  test('the database records its schema version; one from a newer care-meet is refused with STORE_SCHEMA_NEWER and left as it was', needsPostgres, async () => {
    const db = await openPostgresTestDatabase();
    try {
      await db.store.createMeeting(meeting, [], []);
      assert.deepEqual(await db.sql('SELECT version FROM care_meet_schema'), [{ version: POSTGRES_SCHEMA_VERSION }]);
      // Opening again changes nothing.
      const again = await db.openAnother();
      assert.equal((await again.getMeeting(meeting.id))?.title, 't');
      // As a newer care-meet would leave it: a higher version and a table this one does not know.
      await db.sql('UPDATE care_meet_schema SET version = ?', POSTGRES_SCHEMA_VERSION + 1);
      await db.sql('CREATE TABLE from_the_future (x int)');
      const before = await contents(db.schema);
      await assert.rejects(
        db.openAnother(),
        (error: unknown) =>
          error instanceof StoreSchemaError &&
          error.code === 'STORE_SCHEMA_NEWER' &&
          error.found === POSTGRES_SCHEMA_VERSION + 1 &&
          error.known === POSTGRES_SCHEMA_VERSION &&
          /^PostgresMeetingStore: database care_meet, schema t_\w+ was written by a newer care-meet/.test(error.message) &&
          !error.message.includes(requirePostgresUrl()),
      );
      assert.deepEqual(await contents(db.schema), before);
    } finally {
      await db.close();
    }
  });

  test('a version 1 database is brought to version 2 (rate limits and leases) with its data, in one step', needsPostgres, async () => {
    const schema = freshSchemaName();
    // As care-meet with schema version 1 left it.
    await admin(async (c) => {
      await c.query(`CREATE SCHEMA ${schema}`);
      await c.query(`SET search_path = ${schema}`);
      await c.query(POSTGRES_MIGRATIONS[0]!);
      await c.query('INSERT INTO care_meet_schema (version) VALUES (1)');
      await c.query(`INSERT INTO meetings (id, title, starts_at, ends_at, allow_screen_share, allow_chat, room_name, lobby_room_name, created_at)
        VALUES ('m_v1', 'v1', now(), now(), false, false, 'r_v1', 'l_v1', now())`);
    });
    try {
      assert.equal((await contents(schema)).tables.includes('leases'), false);
      const store = await PostgresMeetingStore.open({ connectionString: requirePostgresUrl(), schema });
      try {
        assert.equal((await store.getMeeting('m_v1'))?.title, 'v1');
        assert.equal(await store.tryLease('work', 'A', 1000, new Date()), true);
        assert.equal((await store.countRateLimitHit('k', new Date(), 1000)).count, 1);
      } finally {
        await store.close();
      }
      const { tables, version } = await contents(schema);
      assert.equal(version, POSTGRES_SCHEMA_VERSION);
      assert.ok(tables.includes('leases') && tables.includes('rate_limits') && tables.includes('meeting_keys'));
    } finally {
      await dropSchema(schema);
    }
  });

  test('a version 2 database is brought to version 3 (E2EE): meetings booked before are not end-to-end encrypted and have no key', needsPostgres, async () => {
    const schema = freshSchemaName();
    await admin(async (c) => {
      await c.query(`CREATE SCHEMA ${schema}`);
      await c.query(`SET search_path = ${schema}`);
      await c.query(POSTGRES_MIGRATIONS[0]!);
      await c.query(POSTGRES_MIGRATIONS[1]!);
      await c.query('INSERT INTO care_meet_schema (version) VALUES (2)');
      await c.query(`INSERT INTO meetings (id, title, starts_at, ends_at, allow_screen_share, allow_chat, room_name, lobby_room_name, created_at)
        VALUES ('m_v2', 'v2', now(), now(), false, false, 'r_v2', 'l_v2', now())`);
    });
    try {
      assert.equal((await contents(schema)).tables.includes('meeting_keys'), false);
      const store = await PostgresMeetingStore.open({ connectionString: requirePostgresUrl(), schema });
      try {
        const m = await store.getMeeting('m_v2');
        assert.equal(m?.e2ee, false);
        assert.equal(await store.currentMeetingKey('m_v2'), null);
      } finally {
        await store.close();
      }
      const { tables, version } = await contents(schema);
      assert.equal(version, 3);
      assert.ok(tables.includes('meeting_keys'));
    } finally {
      await dropSchema(schema);
    }
  });

  test(
    'a role that may only read and append to the audit log runs care-meet, and can neither change the log nor drop its triggers',
    needsPostgres,
    async () => {
      const db = await openPostgresTestDatabase(); // the tables made by their owner
      const role = `cm_app_${randomBytes(4).toString('hex')}`;
      const password = randomBytes(12).toString('hex');
      await admin((c) =>
        c.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}';
        GRANT USAGE ON SCHEMA ${db.schema} TO ${role};
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${db.schema} TO ${role};
        REVOKE UPDATE, DELETE, TRUNCATE ON ${db.schema}.audit, ${db.schema}.consents FROM ${role};`),
      );
      const url = new URL(requirePostgresUrl());
      url.username = role;
      url.password = password;
      const app = new pg.Client({ connectionString: url.toString(), options: `-c search_path=${db.schema}` });
      try {
        const store = await PostgresMeetingStore.open({ connectionString: url.toString(), schema: db.schema });
        const booked = {
          meetingId: meeting.id,
          at: meeting.createdAt,
          action: 'meeting.booked',
          actor: 'organizer',
          participantId: null,
          outcome: 'ok' as const,
          code: null,
          details: {},
        };
        await store.createMeeting(meeting, [], [], undefined, [booked]);
        await store.appendAudit({ ...booked, action: 'meeting.opened' });
        assert.equal(await store.endMeeting(meeting.id, new Date('2026-12-01T09:30:00Z'), 'organizer', { ...booked, action: 'meeting.ended' }), true);
        assert.deepEqual(
          (await store.listAudit(meeting.id)).map((e) => e.action),
          ['meeting.booked', 'meeting.opened', 'meeting.ended'],
        );
        await store.close();
        await app.connect();
        await assert.rejects(app.query("UPDATE audit SET action = 'nothing'"), /permission denied/);
        await assert.rejects(app.query('TRUNCATE audit'), /permission denied/);
        await assert.rejects(app.query('DROP TRIGGER audit_append_only ON audit'), /must be owner/);
        await assert.rejects(app.query('ALTER TABLE audit DISABLE TRIGGER ALL'), /must be owner/);
        await assert.rejects(app.query('DELETE FROM consents'), /permission denied/);
      } finally {
        await app.end().catch(() => {});
        await admin((c) => c.query(`DROP OWNED BY ${role}; DROP ROLE ${role}`));
        await db.close();
      }
    },
  );

  test('instances starting at once on an empty database take turns: the tables are made once, every instance opens', needsPostgres, async () => {
    const schema = freshSchemaName();
    const url = requirePostgresUrl();
    try {
      const stores = await Promise.all(Array.from({ length: 4 }, () => PostgresMeetingStore.open({ connectionString: url, schema, maxConnections: 2 })));
      await stores[0]!.createMeeting(meeting, [], []);
      for (const s of stores) assert.equal((await s.getMeeting(meeting.id))?.id, meeting.id);
      await Promise.all(stores.map((s) => s.close()));
      const { tables, version } = await contents(schema);
      assert.equal(version, POSTGRES_SCHEMA_VERSION);
      assert.deepEqual(tables, [
        'audit',
        'care_meet_schema',
        'consents',
        'evaluations',
        'invitations',
        'leases',
        'meeting_keys',
        'meetings',
        'participants',
        'pending_logins',
        'rate_limits',
        'removed_strangers',
        'rooms_to_delete',
        'sessions',
        'settings',
        'sms_codes',
        'strangers',
        'webhook_events',
      ]);
    } finally {
      await dropSchema(schema);
    }
  });

  test('a schema that holds other tables of the same names is refused, and nothing is changed in it', needsPostgres, async () => {
    const schema = freshSchemaName();
    await admin((c) => c.query(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.meetings (x int)`));
    try {
      await assert.rejects(PostgresMeetingStore.open({ connectionString: requirePostgresUrl(), schema }), /already exists/);
      assert.deepEqual(await contents(schema), { tables: ['meetings'], version: null });
    } finally {
      await dropSchema(schema);
    }
  });

  test('two care-meet-server processes on one database: booked on one, seen, joined and ended on the other', needsPostgres, async () => {
    const schema = freshSchemaName();
    await admin((c) => c.query(`CREATE SCHEMA ${schema}`));
    const url = new URL(requirePostgresUrl());
    url.searchParams.set('options', `-c search_path=${schema}`);
    const organizerKey = 'pg-test-organizer-key-0123456789abcdef';
    // LiveKit's room service as far as ending needs it: every Twirp call answers an empty message.
    const twirpCalls: string[] = [];
    const livekit = createHttpServer((req, res) => {
      twirpCalls.push(req.url ?? '');
      req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    });
    await new Promise<void>((resolve) => livekit.listen(0, '127.0.0.1', resolve));
    const livekitUrl = `ws://127.0.0.1:${(livekit.address() as AddressInfo).port}`;
    const env = {
      CARE_MEET_ORGANIZER_KEY: organizerKey,
      CARE_MEET_DB: url.toString(),
      PORT: '0',
      LIVEKIT_URL: livekitUrl,
      CARE_MEET_HOST_VOUCHES: 'siths',
      CARE_MEET_E2EE_KEY: 'WlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlo=',
    };
    const a = startSidecar(env);
    const b = startSidecar(env);
    try {
      const [urlA, urlB] = await Promise.all([a.listening, b.listening]);
      const api = async (base: string, method: string, path: string, body?: unknown, token = organizerKey) => {
        const r = await fetch(`${base}/api${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        return { status: r.status, json: (await r.json()) as any };
      };
      const startsAt = new Date(Date.now() + 5 * 60_000).toISOString();
      const endsAt = new Date(Date.now() + 65 * 60_000).toISOString();
      const booked = await api(urlA!, 'POST', '/meetings', {
        title: 'SIP-möte',
        startsAt,
        endsAt,
        participants: [{ name: 'Anna Samordnare', role: 'chair', identity: { kind: 'hsa', hsaId: 'SE2321000016-A1B2' } }],
      });
      assert.equal(booked.status, 201, JSON.stringify(booked.json));
      const meetingId = booked.json.meeting.id as string;
      const vouched = await api(urlB!, 'POST', '/sessions', { meetingId, identity: { kind: 'hsa', hsaId: 'SE2321000016-A1B2' }, method: 'siths' });
      assert.equal(vouched.status, 201, JSON.stringify(vouched.json));
      const seen = await api(urlA!, 'GET', `/meetings/${meetingId}`, undefined, vouched.json.session);
      assert.equal(seen.status, 200, JSON.stringify(seen.json));
      const ended = await api(urlA!, 'POST', `/meetings/${meetingId}/end`, undefined, vouched.json.session);
      assert.equal(ended.status, 200, JSON.stringify(ended.json));
      const audit = await api(urlB!, 'GET', `/meetings/${meetingId}/audit`);
      const actions = (audit.json.entries as Array<{ action: string }>).map((e) => e.action);
      assert.deepEqual(
        actions.filter((x) => x === 'meeting.booked' || x === 'meeting.ended'),
        ['meeting.booked', 'meeting.ended'],
      );
      const rows = await admin((c) => c.query(`SELECT ended_at FROM ${schema}.meetings WHERE id = $1`, [meetingId]));
      assert.notEqual(rows.rows[0]?.ended_at, null, 'ended in the shared database');
      assert.ok(
        twirpCalls.some((call) => call.endsWith('/DeleteRoom')),
        'the room was deleted',
      );
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      livekit.close();
      await dropSchema(schema);
    }
  });
});
