// The two MeetingStore implementations as the store contract tests open them: each test gets a
// database of its own (an SQLite file in a temporary folder, or a PostgreSQL schema of its own in
// the database CARE_MEET_TEST_POSTGRES_URL names), a second store on the same database (another
// instance), and SQL beside the store (an operator at the console).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { MeetingStore } from '../store/meeting-store.js';
import { PostgresMeetingStore } from '../store/postgres-store.js';
import { SqliteMeetingStore } from '../store/sqlite-store.js';

/** The variable scripts/postgres.sh sets to its throwaway cluster's URL. */
export const POSTGRES_URL_VARIABLE = 'CARE_MEET_TEST_POSTGRES_URL';

/**
 * Why the PostgreSQL tests cannot run here, or null when they can. In CI (`CI=true`) a missing
 * PostgreSQL is a failure, not a skip: the tests report it through `requirePostgresUrl`.
 */
export function postgresMissing(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env[POSTGRES_URL_VARIABLE]) return null;
  return (
    `PostgreSQL is missing: ${POSTGRES_URL_VARIABLE} is not set, so the PostgreSQL store's tests cannot run. ` +
    'Run them through `bash scripts/postgres.sh run -- COMMAND` (Debian: apt-get install postgresql), ' +
    'as `bash scripts/quickstart.sh test` does.'
  );
}

/**
 * Options for `test()`/`describe()` of something that needs PostgreSQL: skipped with the reason
 * outside CI, run (and failing at `requirePostgresUrl`) in CI.
 */
export function postgresTestOptions(): { skip?: string } {
  const missing = postgresMissing();
  return missing !== null && process.env.CI !== 'true' ? { skip: missing } : {};
}

/** The test cluster's URL; throws why it is missing (what CI reports as a failure). */
export function requirePostgresUrl(): string {
  const missing = postgresMissing();
  if (missing !== null) throw new Error(missing);
  return process.env[POSTGRES_URL_VARIABLE]!;
}

/** A schema name no other test uses. */
export function freshSchemaName(): string {
  return `t_${process.pid}_${randomBytes(6).toString('hex')}`;
}

/** One test's database, as a store contract test sees it. */
export interface TestDatabase {
  /** A store on it (opened with the test database). */
  store: MeetingStore;
  /** Another store on the same database: another process, or another instance. */
  openAnother(): Promise<MeetingStore>;
  /** SQL beside any store, on a connection of its own; rows of a SELECT (`?` placeholders). */
  sql(text: string, ...values: unknown[]): Promise<Array<Record<string, unknown>>>;
  /** Closes the store, the other stores and the SQL connection, and removes the database. */
  close(): Promise<void>;
}

export interface StoreEngine {
  name: 'SqliteMeetingStore' | 'PostgresMeetingStore';
  /** Set when the engine cannot run here (the reason is printed as the skip). */
  skip?: string;
  open(): Promise<TestDatabase>;
}

export const sqliteEngine: StoreEngine = {
  name: 'SqliteMeetingStore',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'care-meet-contract-'));
    const filename = join(dir, 'care-meet.db');
    const stores: MeetingStore[] = [];
    const openStore = () => {
      const store = new SqliteMeetingStore({ filename, checkpointInBackground: false });
      stores.push(store);
      return store;
    };
    const store = openStore();
    let raw: Database.Database | null = null;
    return {
      store,
      openAnother: async () => openStore(),
      async sql(text, ...values) {
        raw ??= new Database(filename);
        const statement = raw.prepare(text);
        if (statement.reader) return statement.all(...values) as Array<Record<string, unknown>>;
        statement.run(...values);
        return [];
      },
      async close() {
        for (const s of stores) await s.close().catch(() => {});
        raw?.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

/** `?` placeholders as PostgreSQL's `$1, $2, …`. */
const numbered = (text: string): string => {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
};

/** A store in a fresh schema of the test cluster, and SQL on that schema. */
export async function openPostgresTestDatabase(): Promise<TestDatabase & { url: string; schema: string }> {
  const url = requirePostgresUrl();
  const schema = freshSchemaName();
  const stores: MeetingStore[] = [];
  const openStore = async () => {
    const store = await PostgresMeetingStore.open({ connectionString: url, schema, maxConnections: 4 });
    stores.push(store);
    return store;
  };
  const store = await openStore();
  // One connection, made on first use (by however many callers at once).
  let raw: Promise<pg.Client> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const connect = async () => {
    const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await client.connect();
    return client;
  };
  return {
    url,
    schema,
    store,
    openAnother: openStore,
    async sql(text, ...values) {
      raw ??= connect();
      const client = await raw;
      // One statement at a time on the connection, in the order asked.
      const result = queue.then(() => client.query(numbered(text), values));
      queue = result.catch(() => {});
      return (await result).rows as Array<Record<string, unknown>>;
    },
    async close() {
      for (const s of stores) await s.close().catch(() => {});
      if (raw) await (await raw).end().catch(() => {});
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}

export const postgresEngine: StoreEngine = {
  name: 'PostgresMeetingStore',
  ...postgresTestOptions(),
  open: openPostgresTestDatabase,
};

/** Both engines: every store contract test runs once on each. */
export const STORE_ENGINES: readonly StoreEngine[] = [sqliteEngine, postgresEngine];
