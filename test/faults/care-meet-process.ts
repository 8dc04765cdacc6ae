// care-meet-server as an operator runs it: the built sidecar (packages/server-sdk/dist/bin) in its
// own process, configured by environment variables, on a fixed port on 127.0.0.1 and a SQLite file,
// so it can be killed with SIGKILL and started again on the same database and port. Plus an HTTP
// client that opens a fresh connection per request (no pooled socket outlives a killed server) and
// gives up after a bound.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const ORGANIZER_KEY = 'faults-organizer-key-0123456789abcdef';
/** The key the sidecar keeps the meetings' end-to-end encryption keys under (32 bytes, base64). */
export const E2EE_KEY = Buffer.alloc(32, 7).toString('base64');
export const API_KEY = 'APIfaultsKey';
export const API_SECRET = 'faults-secret-0123456789abcdefghijklmnop';

/**
 * The sidecar's entry point: `CARE_MEET_FAULTS_SERVER` when set (to run this suite against another
 * build, e.g. an older commit's), else the build output of `@care-meet/server-sdk`.
 */
export function serverBinary(): string {
  const fromEnv = process.env.CARE_MEET_FAULTS_SERVER;
  const bin = fromEnv || join(dirname(createRequire(import.meta.url).resolve('@care-meet/server-sdk')), 'bin', 'care-meet-server.js');
  if (!existsSync(bin)) throw new Error(`no ${bin}: build first (pnpm run build, or pnpm --filter @care-meet/server-sdk run build)`);
  return bin;
}

export interface ServerOptions {
  port: number;
  databaseFile: string;
  /** LIVEKIT_URL as care-meet reaches LiveKit (the fault front). */
  livekitUrl: string;
  /** CARE_MEET_SMS_URL: the gateway phone guests' invitations and codes go through. */
  smsUrl: string;
}

export interface CareMeetProcess {
  readonly url: string;
  readonly pid: number;
  /** SIGKILL, and wait until the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM (a clean stop), and wait until the process is gone; SIGKILL after 5 s. */
  stop(): Promise<void>;
  /** The last lines it wrote to stderr (its JSON log), for failure messages. */
  log(): string;
}

const START_BOUND_MS = 10_000;
const LOG_KEEP = 16_000;

/** Starts care-meet-server and resolves once it listens. */
export async function startCareMeetProcess(o: ServerOptions): Promise<CareMeetProcess> {
  const child: ChildProcess = spawn(process.execPath, [serverBinary()], {
    env: {
      PATH: process.env.PATH ?? '',
      CARE_MEET_ORGANIZER_KEY: ORGANIZER_KEY,
      // The meetings' end-to-end keys are kept under it; the same on every restart of the process.
      CARE_MEET_E2EE_KEY: E2EE_KEY,
      // A killed process's hold on the room deletions lapses after 2 s (30 s by default), so the
      // restarted one takes them over within the tests' waits.
      CARE_MEET_LEASE_SECONDS: '2',
      CARE_MEET_DB: o.databaseFile,
      HOST: '127.0.0.1',
      PORT: String(o.port),
      LIVEKIT_URL: o.livekitUrl,
      LIVEKIT_API_KEY: API_KEY,
      LIVEKIT_API_SECRET: API_SECRET,
      // One proxy in front: each simulated client brings its own address in X-Forwarded-For, so the
      // per-address limit on invitation routes counts clients, not this test (all on 127.0.0.1).
      CARE_MEET_TRUST_PROXY: '1',
      // What bookings may name: the portal (this test) vouches for BankID and SITHS logins with
      // POST /sessions; guests prove themselves with a code sent by SMS.
      CARE_MEET_HOST_VOUCHES: 'bankid,siths',
      CARE_MEET_SMS_URL: o.smsUrl,
      CARE_MEET_INVITE_URL: `http://127.0.0.1:${o.port}/join`,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    log = (log + d.toString()).slice(-LOG_KEEP);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`care-meet-server did not start within ${START_BOUND_MS} ms:\n${log}`));
    }, START_BOUND_MS);
    const onData = () => {
      if (/listening on http:\/\//.test(log)) {
        clearTimeout(timer);
        child.stderr?.off('data', onData);
        resolve();
      }
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`care-meet-server exited (${code ?? signal}) before listening:\n${log}`));
    });
  });
  const gone = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const late = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(late);
  };
  return {
    url: `http://127.0.0.1:${o.port}`,
    pid: child.pid ?? -1,
    kill9: () => gone('SIGKILL'),
    stop: () => gone('SIGTERM'),
    log: () => log,
  };
}

export interface Answer {
  status: number;
  // JSON from the server under test: each check reads the fields it needs.
  json: any;
}

/**
 * One HTTP request on its own connection. Rejects when the connection fails (a killed server) or
 * after `timeoutMs` without a complete answer.
 */
export function call(
  base: string,
  method: string,
  path: string,
  o: { token?: string; body?: unknown; forwardedFor?: string; timeoutMs?: number } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.forwardedFor) headers['x-forwarded-for'] = o.forwardedFor;
  const body = o.body === undefined ? undefined : JSON.stringify(o.body);
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  return new Promise<Answer>((resolve, reject) => {
    const req = httpRequest(`${base}/api${path}`, { method, headers, agent: false, timeout: o.timeoutMs ?? 15_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null });
        } catch {
          resolve({ status: res.statusCode ?? 0, json: text });
        }
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within ${o.timeoutMs ?? 15_000} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** `work`, or a rejection naming `what` once `ms` have passed. */
export function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** Polls `check` every 50 ms until it is true; false once `ms` have passed. */
export async function eventually(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}
