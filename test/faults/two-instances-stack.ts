// Two care-meet-server instances on one PostgreSQL database, as a deployment behind a load balancer
// runs them, all on 127.0.0.1: a database of the test's own in the cluster scripts/postgres.sh made
// (CARE_MEET_TEST_POSTGRES_URL), one LiveKit test double, the test IdP (BankID), an SMS gateway,
// and a small round-robin HTTP proxy in front that appends the address it took each request from
// to X-Forwarded-For (as nginx's `$proxy_add_x_forwarded_for` does) and stops sending to an
// instance whose port refuses connections. LiveKit's webhooks go through a router the test steers:
// to the proxy (one instance takes each), or the same delivery to both instances at once.
//
//   test process                                      child processes
//    round-robin proxy ──┬── http ──>  instance A  ──┐
//    (x-served-by: A|B)  └── http ──>  instance B  ──┴── one PostgreSQL database
//    LiveKit double <── Twirp ── both;  double ── webhooks ──> router ──> proxy (or A and B)
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo, Socket } from 'node:net';
import { startTestIdp, type TestIdp } from '@care-meet/test-idp';
import { freePort } from '../free-port.js';
import { startLiveKitDouble, type LiveKitDouble } from '../livekit-double/livekit-double.js';
import { API_KEY, API_SECRET, E2EE_KEY, ORGANIZER_KEY, serverBinary } from './care-meet-process.js';
import { startSmsGateway, type SmsGateway } from './sms-gateway.js';

/** The variable scripts/postgres.sh sets to its throwaway cluster's URL. */
const POSTGRES_URL_VARIABLE = 'CARE_MEET_TEST_POSTGRES_URL';

/**
 * Why this suite cannot run here, or null when it can. The same rule as the server SDK's store
 * tests (`test-support/store-engines.ts`): without the cluster the suite is skipped and says why,
 * except in CI (`CI=true`), where `requirePostgresUrl` makes it fail.
 */
export function postgresMissing(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env[POSTGRES_URL_VARIABLE]) return null;
  return (
    `PostgreSQL is missing: ${POSTGRES_URL_VARIABLE} is not set, so two instances cannot share a database. ` +
    'Run through `bash scripts/postgres.sh run -- COMMAND` (Debian: apt-get install postgresql), as `bash scripts/quickstart.sh test` does.'
  );
}

/** `test()` options: skipped with the reason outside CI, run (and failing) in CI. */
export function postgresTestOptions(): { skip?: string } {
  const missing = postgresMissing();
  return missing !== null && process.env.CI !== 'true' ? { skip: missing } : {};
}

/** The cluster's URL; throws why it is missing. */
export function requirePostgresUrl(): string {
  const missing = postgresMissing();
  if (missing !== null) throw new Error(missing);
  return process.env[POSTGRES_URL_VARIABLE] as string;
}

// node-postgres as the server SDK has it (the test package does not depend on it).
interface PgClient {
  connect(): Promise<void>;
  query(text: string, values?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
  end(): Promise<void>;
}
type PgClientConstructor = new (o: { connectionString: string }) => PgClient;
function pgClient(connectionString: string): PgClient {
  const sdk = createRequire(import.meta.url).resolve('@care-meet/server-sdk');
  const { Client } = createRequire(sdk)('pg') as { Client: PgClientConstructor };
  return new Client({ connectionString });
}

/** A database of its own in the test cluster, dropped again by `drop()`. */
export interface TestDatabase {
  url: string;
  sql(text: string, ...values: unknown[]): Promise<Array<Record<string, unknown>>>;
  drop(): Promise<void>;
}

export async function createTestDatabase(clusterUrl: string): Promise<TestDatabase> {
  const name = `two_instances_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = pgClient(clusterUrl);
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  let client: PgClient | null = null;
  return {
    url: url.toString(),
    async sql(text, ...values) {
      if (!client) {
        client = pgClient(url.toString());
        await client.connect();
      }
      return (await client.query(text, values)).rows;
    },
    async drop() {
      await client?.end().catch(() => {});
      const a = pgClient(clusterUrl);
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}

export const IDP_CLIENT_SECRET = 'two-instances-client-secret-0123456789';

export interface Instance {
  readonly name: 'A' | 'B';
  /** `http://127.0.0.1:<port>`: the instance itself, past the proxy. */
  readonly url: string;
  readonly running: boolean;
  /** SIGKILL: no shutdown code runs. Resolves once the process is gone. */
  kill9(): Promise<void>;
  /** Starts it again on the same port and database. */
  start(): Promise<void>;
  stop(): Promise<void>;
  log(): string;
}

const START_BOUND_MS = 20_000;
const LOG_KEEP = 32_000;

function instance(name: 'A' | 'B', port: number, env: Record<string, string>): Instance {
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let log = '';
  const gone = async (signal: NodeJS.Signals) => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    c.kill(signal);
    const late = setTimeout(() => c.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(late);
  };
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    get running() {
      return child !== null && child.exitCode === null && child.signalCode === null;
    },
    async start() {
      const bin = serverBinary();
      // The source through tsx (CARE_MEET_FAULTS_SERVER=…/src/bin/care-meet-server.ts), or a build.
      const args = bin.endsWith('.ts') ? ['--import', 'tsx', bin] : [bin];
      const c = spawn(process.execPath, args, { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
      child = c;
      exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
      c.stderr?.on('data', (d: Buffer) => {
        log = (log + d.toString()).slice(-LOG_KEEP);
      });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          c.kill('SIGKILL');
          reject(new Error(`instance ${name} did not start within ${START_BOUND_MS} ms:\n${log}`));
        }, START_BOUND_MS);
        const onData = () => {
          if (/listening on http:\/\//.test(log)) {
            clearTimeout(timer);
            c.stderr?.off('data', onData);
            resolve();
          }
        };
        c.stderr?.on('data', onData);
        c.once('exit', (code, signal) => {
          clearTimeout(timer);
          reject(new Error(`instance ${name} exited (${code ?? signal}) before listening:\n${log}`));
        });
      });
    },
    kill9: () => gone('SIGKILL'),
    stop: () => gone('SIGTERM'),
    log: () => log,
  };
}

export interface RoundRobinProxy {
  /** `http://127.0.0.1:<port>`: what the clients, the IdP's redirects and the invitation links use. */
  readonly url: string;
  /** Requests each instance answered, by name. */
  readonly served: Record<string, number>;
  /** Instances the proxy found refusing connections (it tries the next one and leaves them out for a while). */
  readonly noticedDown: string[];
  close(): Promise<void>;
}

/** How long the proxy leaves an instance out after it refused a connection. */
const DOWN_FOR_MS = 2000;

/**
 * The load balancer: each request to the next instance in turn. A connection an instance refuses
 * (its process is gone: nothing was sent) is tried on the next one; an instance that refused is left
 * out for `DOWN_FOR_MS`. A request cut off after it was sent is not sent again (it may have acted):
 * the client gets 502. Answers carry `x-served-by` (the instance's name), for the test.
 */
export async function startRoundRobinProxy(instances: Instance[]): Promise<RoundRobinProxy> {
  let next = 0;
  const downUntil = new Map<string, number>();
  const served: Record<string, number> = {};
  const noticedDown: string[] = [];
  const sockets = new Set<Socket>();

  const pick = (tried: Set<string>): Instance | null => {
    for (let i = 0; i < instances.length; i++) {
      const candidate = instances[(next + i) % instances.length] as Instance;
      if (tried.has(candidate.name) || (downUntil.get(candidate.name) ?? 0) > Date.now()) continue;
      next = (next + i + 1) % instances.length;
      return candidate;
    }
    // Every instance is out: try the ones not tried in this request anyway.
    return instances.find((c) => !tried.has(c.name)) ?? null;
  };

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer, tried: Set<string>): void => {
    const target = pick(tried);
    if (!target) {
      res.writeHead(502, { 'content-type': 'application/json' }).end('{"error":{"code":"BAD_GATEWAY","message":"no instance answers"}}');
      return;
    }
    tried.add(target.name);
    const peer = req.socket.remoteAddress ?? '';
    const xff = req.headers['x-forwarded-for'];
    const headers = { ...req.headers, 'x-forwarded-for': xff ? `${Array.isArray(xff) ? xff.join(',') : xff}, ${peer}` : peer };
    const upstream = new URL(target.url);
    const out = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent: false }, (answer) => {
      served[target.name] = (served[target.name] ?? 0) + 1;
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-served-by': target.name });
      answer.pipe(res);
      answer.on('error', () => res.destroy());
      // An instance that dies under an open stream (SSE) ends the client's stream with it.
      answer.on('aborted', () => res.destroy());
    });
    out.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNREFUSED' && !res.headersSent) {
        downUntil.set(target.name, Date.now() + DOWN_FOR_MS);
        noticedDown.push(target.name);
        forward(req, res, body, tried);
        return;
      }
      if (!res.headersSent)
        res.writeHead(502, { 'content-type': 'application/json' }).end('{"error":{"code":"BAD_GATEWAY","message":"the instance did not answer"}}');
      else res.destroy();
    });
    res.on('close', () => out.destroy());
    out.end(body);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => forward(req, res, Buffer.concat(chunks), new Set()));
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    noticedDown,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type WebhookRoute = 'proxy' | 'both';

/** Where the double's webhooks go: through the proxy, or each delivery to both instances at once. */
export interface WebhookRouter {
  readonly url: string;
  route: WebhookRoute;
  /** With `both`: each delivery's event and each instance's answer to it, in order. */
  readonly both: Array<{ event: string; A: number; B: number }>;
  close(): Promise<void>;
}

function post(url: string, body: Buffer, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { method: 'POST', headers: { ...headers, 'content-length': String(body.length) }, agent: false, timeout: 15_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

async function startWebhookRouter(proxy: () => string, instances: () => [Instance, Instance]): Promise<WebhookRouter> {
  const both: WebhookRouter['both'] = [];
  let route: WebhookRoute = 'proxy';
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const headers: Record<string, string> = { 'content-type': String(req.headers['content-type'] ?? 'application/webhook+json') };
      if (req.headers.authorization) headers.authorization = req.headers.authorization;
      const path = req.url ?? '/api/livekit/webhook';
      let status: number;
      if (route === 'both') {
        const [a, b] = instances();
        const [sa, sb] = await Promise.all([post(a.url + path, body, headers), post(b.url + path, body, headers)]);
        let event = '';
        try {
          event = String((JSON.parse(body.toString('utf8')) as { event?: unknown }).event ?? '');
        } catch {
          // Not JSON: the instances answer it as they see fit.
        }
        both.push({ event, A: sa, B: sb });
        status = sa === 200 || sb === 200 ? 200 : Math.max(sa, sb);
      } else {
        status = await post(proxy() + path, body, headers);
      }
      res.writeHead(status || 502).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get route() {
      return route;
    },
    set route(r: WebhookRoute) {
      route = r;
    },
    both,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface TwoInstances {
  readonly database: TestDatabase;
  readonly double: LiveKitDouble;
  readonly sms: SmsGateway;
  readonly idp: TestIdp;
  readonly a: Instance;
  readonly b: Instance;
  readonly proxy: RoundRobinProxy;
  readonly webhooks: WebhookRouter;
  /** The origin the browser sees (the proxy's); the IdP sends it back to `${origin}/api/oidc/callback`. */
  readonly origin: string;
  close(): Promise<void>;
}

/** Starts the whole stack, both instances at once on a fresh database. */
export async function startTwoInstances(): Promise<TwoInstances> {
  const database = await createTestDatabase(requirePostgresUrl());
  const closers: Array<() => Promise<void>> = [() => database.drop()];
  const closeAll = async () => {
    for (const c of closers.reverse()) await c().catch(() => {});
  };
  try {
    const [portA, portB] = [await freePort(), await freePort()];
    // The proxy's address is needed in the instances' configuration before it exists: a placeholder
    // instance list, filled in below.
    const list: Instance[] = [];
    const proxy = await startRoundRobinProxy(list);
    closers.push(() => proxy.close());
    const origin = proxy.url;
    const sms = await startSmsGateway();
    closers.push(() => sms.close());
    const callback = `${origin}/api/oidc/callback`;
    const idp = await startTestIdp({ clients: [{ clientId: 'care-meet', clientSecret: IDP_CLIENT_SECRET, redirectUris: [callback] }] });
    closers.push(() => idp.close());
    const router = await startWebhookRouter(
      () => proxy.url,
      () => list as [Instance, Instance],
    );
    closers.push(() => router.close());
    const double = await startLiveKitDouble({ apiKey: API_KEY, apiSecret: API_SECRET, webhookUrl: `${router.url}/api/livekit/webhook`, autoCreate: false });
    closers.push(() => double.close());
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      CARE_MEET_ORGANIZER_KEY: ORGANIZER_KEY,
      // Both instances keep the meetings' keys under the same deployment key, as they must.
      CARE_MEET_E2EE_KEY: E2EE_KEY,
      CARE_MEET_DB: database.url,
      HOST: '127.0.0.1',
      LIVEKIT_URL: double.wsUrl,
      LIVEKIT_API_KEY: API_KEY,
      LIVEKIT_API_SECRET: API_SECRET,
      // One proxy that appends stands in front: the client address is the right-most entry.
      CARE_MEET_TRUST_PROXY: '1',
      // The chair is a clinician the portal has logged in with SITHS and vouches for; the individual
      // proves herself with BankID at the identity provider; the phone guest with a code by SMS.
      CARE_MEET_HOST_VOUCHES: 'siths',
      CARE_MEET_OIDC_BANKID_ISSUER: idp.issuer,
      CARE_MEET_OIDC_BANKID_CLIENT_ID: 'care-meet',
      CARE_MEET_OIDC_BANKID_CLIENT_SECRET: IDP_CLIENT_SECRET,
      CARE_MEET_OIDC_BANKID_REDIRECT_URI: callback,
      CARE_MEET_OIDC_BANKID_ALLOW_INSECURE_REQUESTS: 'true',
      CARE_MEET_ALLOWED_RETURN_ORIGINS: origin,
      CARE_MEET_SMS_URL: sms.url,
      CARE_MEET_INVITE_URL: `${origin}/join`,
    };
    const a = instance('A', portA, env);
    const b = instance('B', portB, env);
    list.push(a, b);
    closers.push(
      () => a.stop(),
      () => b.stop(),
    );
    // Both at once, as a deployment's instances start: the schema and the identity secret are
    // settled between them through the database.
    await Promise.all([a.start(), b.start()]);
    return { database, double, sms, idp, a, b, proxy, webhooks: router, origin, close: closeAll };
  } catch (e) {
    await closeAll();
    throw e;
  }
}
