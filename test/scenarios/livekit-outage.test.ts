// Issue 14 against the LiveKit Twirp test double: LiveKit refuses or hangs, then comes back. The
// double stands behind a TCP proxy that can refuse connections or take requests and never answer;
// care-meet's server reaches LiveKit only through it (its webhooks come straight from the double).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createTcpServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, silentLogger, type RunningServer } from '@care-meet/server-sdk';
import { freePort } from '../free-port.js';
import { doubleTarget, ORGANIZER_KEY, type LiveKitTarget, type Stack } from './support.js';
import { bookOpenMeeting, vouch } from './scenarios.js';

type Mode = 'pass' | 'refuse' | 'hang';

/** A TCP proxy in front of LiveKit: `pass` forwards, `refuse` resets every connection, `hang` takes them and never answers. */
async function startProxy(target: string) {
  const { hostname, port } = new URL(target.replace(/^ws/, 'http'));
  const sockets = new Set<Socket>();
  let mode: Mode = 'pass';
  const server: Server = createTcpServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    if (mode === 'refuse') return void client.resetAndDestroy();
    if (mode === 'hang') return; // read and never answered
    const upstream = connect(Number(port), hostname);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    set(next: Mode) {
      mode = next;
      // Connections kept alive from before would still reach LiveKit: cut them.
      for (const s of sockets) s.destroy();
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const RETRY = { firstRetryMs: 50, maxRetryMs: 200, attemptTimeoutMs: 400 };

describe('care-meet while LiveKit is down or hangs (test double behind a proxy)', () => {
  let target: LiveKitTarget;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let port: number;
  let dir: string;
  let running: RunningServer | null = null;

  /** care-meet's server on the fixed port the double posts its webhooks to, over the database in `dir`. */
  async function startCareMeet(): Promise<Stack> {
    running = await createServer(
      {
        careMeet: {
          databaseFile: join(dir, 'care-meet.db'),
          livekit: { url: proxy.url, apiKey: target.apiKey, apiSecret: target.apiSecret },
          organizerKey: ORGANIZER_KEY,
          roomDeletionRetry: RETRY,
        },
        basePath: '/api',
        host: '127.0.0.1',
        port,
        trustProxy: false,
      },
      { logger: silentLogger },
    );
    const server = running;
    return {
      target,
      careMeet: server,
      async call(method, path, o = {}) {
        const headers: Record<string, string> = { ...o.headers };
        if (o.token) headers.authorization = `Bearer ${o.token}`;
        const body = o.body === undefined ? undefined : JSON.stringify(o.body);
        if (body !== undefined) headers['content-type'] = 'application/json';
        const res = await fetch(`${server.url}/api${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
        const text = await res.text();
        return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
      },
      async close() {
        await stopCareMeet();
      },
    };
  }

  async function stopCareMeet() {
    const server = running;
    running = null;
    server?.careMeet.close();
    await server?.close();
  }

  before(async () => {
    port = await freePort();
    target = await doubleTarget(`http://127.0.0.1:${port}/api/livekit/webhook`);
    proxy = await startProxy(target.double!.url);
  });
  after(async () => {
    await stopCareMeet();
    await proxy.close();
    await target.close();
  });

  /** A meeting booked and open, its chair joined and connected: both rooms exist on LiveKit. */
  async function meetingInProgress(stack: Stack) {
    const b = await bookOpenMeeting(stack);
    const chair = await vouch(stack, b.meetingId, { kind: 'hsa', hsaId: 'SE2321000016-A1B2' }, 'siths');
    const j = await stack.call('POST', '/join', { token: chair });
    assert.equal(j.status, 200, JSON.stringify(j.json));
    assert.ok((await target.double!.join(j.json.token)).ok);
    await target.double!.flushWebhooks();
    const room = JSON.parse(Buffer.from(j.json.token.split('.')[1], 'base64url').toString()).video.room as string;
    const lobby = JSON.parse(Buffer.from(j.json.lobbyToken.split('.')[1], 'base64url').toString()).video.room as string;
    return { b, chair, rooms: [room, lobby] };
  }

  /** Runs `fn` over a database of its own; LiveKit is reachable again and care-meet stopped afterwards. */
  async function withFreshDatabase(fn: () => Promise<void>): Promise<void> {
    dir = mkdtempSync(join(tmpdir(), 'care-meet-outage-'));
    try {
      await fn();
    } finally {
      proxy.set('pass');
      await stopCareMeet();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  async function gone(rooms: string[], ms = 5000): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (rooms.some((r) => target.double!.room(r))) {
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 25));
    }
    return true;
  }

  for (const outage of ['refuse', 'hang'] as const) {
    test(`an end while LiveKit ${outage === 'refuse' ? 'refuses connections' : 'hangs'} answers 503 at once, keeps everyone out, and the rooms go once LiveKit is back`, () =>
      withFreshDatabase(async () => {
        const stack = await startCareMeet();
        const { b, chair, rooms } = await meetingInProgress(stack);
        proxy.set(outage);
        const started = Date.now();
        const end = await stack.call('POST', `/meetings/${b.meetingId}/end`, { token: chair });
        assert.equal(end.status, 503, JSON.stringify(end.json));
        assert.equal(end.json.error.code, 'LIVEKIT_UNAVAILABLE');
        assert.ok(Date.now() - started < 3000, `answered after ${Date.now() - started} ms`);
        const rejoin = await stack.call('POST', '/join', { token: chair });
        assert.equal(rejoin.status, 410);
        await new Promise((r) => setTimeout(r, 300));
        assert.ok(
          rooms.every((r) => target.double!.room(r)),
          'LiveKit never heard of the end',
        );
        proxy.set('pass');
        assert.ok(await gone(rooms), 'both rooms deleted once LiveKit is back, without anyone ending again');
        assert.ok(
          target.double!.disconnects.some((d) => d.room === rooms[0] && d.reason === 'ROOM_DELETED'),
          'the chair was disconnected',
        );
        // Each deletion is audited just after LiveKit confirmed it.
        let retried = 0;
        for (let i = 0; i < 40 && retried < 2; i++) {
          const audit = await stack.call('GET', `/meetings/${b.meetingId}/audit`, { token: ORGANIZER_KEY });
          retried = audit.json.entries.filter(
            (e: { action: string; details: { retried?: boolean } }) => e.action === 'room.deleted' && e.details.retried,
          ).length;
          if (retried < 2) await new Promise((r) => setTimeout(r, 25));
        }
        assert.equal(retried, 2, 'both deletions audited');
      }));
  }

  test('an end stored while LiveKit was down is finished by the server started next on the same database', () =>
    withFreshDatabase(async () => {
      let stack = await startCareMeet();
      const { b, chair, rooms } = await meetingInProgress(stack);
      proxy.set('refuse');
      assert.equal((await stack.call('POST', `/meetings/${b.meetingId}/end`, { token: chair })).status, 503);
      await stopCareMeet();
      proxy.set('pass');
      await new Promise((r) => setTimeout(r, 300));
      assert.ok(
        rooms.every((r) => target.double!.room(r)),
        'the rooms outlived the server',
      );
      stack = await startCareMeet();
      assert.ok(await gone(rooms), 'the next server deleted them');
      assert.equal((await stack.call('POST', '/join', { token: chair })).status, 410);
    }));

  test('an egress_started answered 503 while LiveKit was down is stopped when LiveKit delivers it again', () =>
    withFreshDatabase(async () => {
      const stack = await startCareMeet();
      const d = target.double!;
      const { b, rooms } = await meetingInProgress(stack);
      proxy.set('refuse');
      const { egress, webhookStatus } = await d.startEgress(rooms[0]!);
      assert.equal(webhookStatus, 503);
      proxy.set('pass');
      // What LiveKit's webhook client does with a 503: the same delivery again.
      const delivery = d.webhooks.findLast((w) => w.event === 'egress_started' && w.body.includes(egress.egressId))!;
      assert.equal(await d.sendRawWebhook(delivery.body, delivery.authorization), 200);
      assert.ok(d.egresses().find((e) => e.egressId === egress.egressId)?.stoppedViaApi, 'StopEgress reached LiveKit');
      const audit = await stack.call('GET', `/meetings/${b.meetingId}/audit`, { token: ORGANIZER_KEY });
      assert.ok(audit.json.entries.some((e: { action: string }) => e.action === 'egress.stopped'));
    }));
});
