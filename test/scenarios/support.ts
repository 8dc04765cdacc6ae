// What the HTTP scenarios run against: care-meet's real server (node:http, SQLite file) in front
// of a LiveKit that is either the Twirp test double or a real server named by LIVEKIT_URL.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RoomServiceClient } from 'livekit-server-sdk';
import { createServer, silentLogger, type RunningServer } from '@care-meet/server-sdk';
import { freePort } from '../free-port.js';
import { startLiveKitDouble, type LiveKitDouble } from '../livekit-double/livekit-double.js';

export const ORGANIZER_KEY = 'scenario-organizer-key-0123456789abcdef';

export interface LiveKitTarget {
  kind: 'double' | 'real';
  url: string;
  apiKey: string;
  apiSecret: string;
  /** False when the server re-creates deleted rooms on join (LiveKit's default; `--dev` keeps it). */
  autoCreateOff: boolean;
  /** Present only for the double: everything it saw. */
  double?: LiveKitDouble;
  /** What LiveKit says to a client connecting with this token. */
  connect(token: string): Promise<{ ok: boolean; detail: string }>;
  roomNames(): Promise<string[]>;
  close(): Promise<void>;
}

export interface Stack {
  target: LiveKitTarget;
  careMeet: RunningServer;
  call(
    method: string,
    path: string,
    o?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<{
    status: number;
    headers: Headers;
    json: any;
  }>;
  close(): Promise<void>;
}

function roomClient(url: string, key: string, secret: string) {
  return new RoomServiceClient(url, key, secret);
}

/** The Twirp test double, posting its webhooks to `webhookUrl`. */
export async function doubleTarget(webhookUrl: string): Promise<LiveKitTarget> {
  const apiKey = 'APIscenarioKey';
  const apiSecret = 'scenario-secret-0123456789abcdefghijklmnop';
  const double = await startLiveKitDouble({ apiKey, apiSecret, webhookUrl, autoCreate: false });
  const rooms = roomClient(double.url, apiKey, apiSecret);
  return {
    kind: 'double',
    url: double.wsUrl,
    apiKey,
    apiSecret,
    autoCreateOff: true,
    double,
    async connect(token) {
      const r = await double.join(token);
      return r.ok ? { ok: true, detail: r.sid } : { ok: false, detail: `${r.status} ${r.reason}` };
    },
    async roomNames() {
      return (await rooms.listRooms()).map((r) => r.name);
    },
    close: () => double.close(),
  };
}

/**
 * A real LiveKit server from the environment (LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET), whose
 * webhooks go to port CARE_MEET_WEBHOOK_PORT on 127.0.0.1 (see test/run-real-livekit.mjs).
 */
export function realWebhookPort(): number {
  const port = Number(process.env.CARE_MEET_WEBHOOK_PORT);
  if (!Number.isInteger(port) || port <= 0) throw new Error('set CARE_MEET_WEBHOOK_PORT to the port the real LiveKit sends its webhooks to');
  return port;
}

/** The real server named by `env` (the process's own unless given: the two-node suite names each node). */
export function realTarget(env: NodeJS.ProcessEnv = process.env): LiveKitTarget {
  const url = env.LIVEKIT_URL;
  if (!url) throw new Error('set LIVEKIT_URL (and LIVEKIT_API_KEY, LIVEKIT_API_SECRET) to a real LiveKit server');
  const apiKey = env.LIVEKIT_API_KEY ?? 'devkey';
  const apiSecret = env.LIVEKIT_API_SECRET ?? 'secret';
  const http = url.replace(/^ws/, 'http').replace(/\/+$/, '');
  const rooms = roomClient(http, apiKey, apiSecret);
  return {
    kind: 'real',
    url,
    apiKey,
    apiSecret,
    // `livekit-server --dev` keeps room.auto_create on; a deployment following our guide turns it off.
    autoCreateOff: env.LIVEKIT_ROOM_AUTO_CREATE === 'false',
    async connect(token) {
      // LiveKit's own pre-connect check: the same validation a WebSocket join runs first.
      const res = await fetch(`${http}/rtc/validate?access_token=${encodeURIComponent(token)}`);
      return { ok: res.status === 200, detail: `${res.status} ${(await res.text()).trim()}` };
    },
    async roomNames() {
      return (await rooms.listRooms()).map((r) => r.name);
    },
    async close() {},
  };
}

/**
 * Starts care-meet's server in front of the target chosen by `make`, on `o.port` (where a real
 * LiveKit sends its webhooks) or a free port.
 */
export async function startStack(make: (webhookUrl: string) => Promise<LiveKitTarget>, o: { port?: number } = {}): Promise<Stack> {
  const port = o.port ?? (await freePort());
  const target = await make(`http://127.0.0.1:${port}/api/livekit/webhook`);
  const dir = mkdtempSync(join(tmpdir(), 'care-meet-scenario-'));
  const careMeet = await createServer(
    {
      careMeet: {
        databaseFile: join(dir, 'care-meet.db'),
        livekit: { url: target.url, apiKey: target.apiKey, apiSecret: target.apiSecret },
        organizerKey: ORGANIZER_KEY,
        inviteUrl: (t) => `http://127.0.0.1:${port}/join#invite=${t}`,
      },
      basePath: '/api',
      host: '127.0.0.1',
      port,
      trustProxy: false,
    },
    {
      logger: silentLogger,
      evaluationQuestions: [{ id: 'heard', kind: 'scale', text: { sv: 'Hörde du alla?', en: 'Could you hear everyone?' } }],
    },
  );
  return {
    target,
    careMeet,
    async call(method, path, o = {}) {
      const headers: Record<string, string> = { ...o.headers };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      let body: string | undefined = o.rawBody;
      if (body === undefined && o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(`${careMeet.url}/api${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
      const text = await res.text();
      return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
    },
    async close() {
      await careMeet.close();
      await target.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function expectError(r: { status: number; json: any }, status: number, code: string): void {
  assert.equal(r.status, status, JSON.stringify(r.json));
  assert.equal(r.json?.error?.code, code);
}
