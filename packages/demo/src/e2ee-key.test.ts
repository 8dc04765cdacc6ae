// The demo books meetings end-to-end encrypted, as the product does: with CARE_MEET_E2EE_KEY when
// set, else a deployment key it makes once in its data folder (mode 0600) and reuses, so a meeting
// booked before a restart still opens after it (its key is sealed under that deployment key);
// CARE_MEET_E2EE=off books them without (as the sidecar does; bench/media.bench.mjs uses it).
// Starts the demo itself (src/main.ts through tsx) without a media server, on 127.0.0.1.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const main = join(dirname(fileURLToPath(import.meta.url)), 'main.ts');
const data = mkdtempSync(join(tmpdir(), 'care-meet-demo-e2ee-'));
const organizerKey = 'demo-e2ee-test-organizer-key-0123456789';
after(() => rmSync(data, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function startDemo(env: Record<string, string> = {}): Promise<{ url: string; out: () => string; stop: () => Promise<void> }> {
  const port = await freePort();
  // A LiveKit URL nothing listens on: the demo runs without media (its start says so).
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', main], {
    env: { ...process.env, ...env, PORT: String(port), CARE_MEET_DEMO_DATA: data, LIVEKIT_URL: 'ws://127.0.0.1:1', CARE_MEET_ORGANIZER_KEY: organizerKey },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', () => {});
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo did not start within 30 s: ${out}`)), 30_000);
    const check = setInterval(() => {
      if (!/^\s*data: /m.test(out)) return;
      clearInterval(check);
      clearTimeout(timer);
      resolve();
    }, 50);
    child.once('exit', (code) => reject(new Error(`the demo exited ${code}: ${out}`)));
  });
  child.removeAllListeners('exit');
  return {
    url: `http://127.0.0.1:${port}`,
    out: () => out,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function post(url: string, bearer: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: await res.json().catch(() => null) };
}

const individual = { kind: 'pnr', pnr: '19121212-1212' };

/** Books the meeting leader and the individual into a meeting under way; answers the booking's answer. */
async function book(url: string): Promise<{ status: number; json: any }> {
  const now = Date.now();
  const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', '+00:00');
  return post(`${url}/api/meetings`, organizerKey, {
    title: 'Samordnad individuell plan',
    startsAt: iso(now - 5 * 60_000),
    endsAt: iso(now + 60 * 60_000),
    participants: [
      { name: 'Anna Samordnare', role: 'chair', identity: { kind: 'hsa', hsaId: 'SE2321000016-A1B2' } },
      { name: 'Esther Exempel', role: 'individual', identity: individual },
    ],
  });
}

/** The individual's meeting key from an admitted join answer (a session the host vouches for). */
async function meetingKeyOf(url: string, meetingId: string): Promise<{ key: string; keyIndex: number }> {
  const vouched = await post(`${url}/api/sessions`, organizerKey, { meetingId, identity: individual, method: 'bankid' });
  assert.equal(vouched.status, 201, JSON.stringify(vouched.json));
  const joined = await post(`${url}/api/join`, vouched.json.session);
  assert.equal(joined.status, 200, JSON.stringify(joined.json));
  assert.equal(joined.json.status, 'admitted');
  assert.ok(joined.json.e2ee, 'the admitted answer carries the meeting key');
  return joined.json.e2ee;
}

test(
  'the demo makes its E2EE deployment key once (mode 0600), books encrypted meetings, and opens them again after a restart',
  { timeout: 120_000 },
  async () => {
    const first = await startDemo();
    const keyFile = join(data, 'e2ee-key');
    let meetingId = '';
    let keyBefore: { key: string; keyIndex: number };
    const deploymentKey = readFileSync(keyFile, 'utf8');
    try {
      assert.match(first.out(), new RegExp(`end-to-end encryption: on for new meetings \\(key: ${keyFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`));
      assert.equal(statSync(keyFile).mode & 0o777, 0o600, 'readable by its owner only');
      assert.equal(Buffer.from(deploymentKey.trim(), 'base64').length, 32);
      const booked = await book(first.url);
      assert.equal(booked.status, 201, JSON.stringify(booked.json));
      assert.equal(booked.json.meeting.e2ee, true, 'encrypted by default');
      meetingId = booked.json.meeting.id;
      keyBefore = await meetingKeyOf(first.url, meetingId);
    } finally {
      await first.stop();
    }
    const second = await startDemo();
    try {
      assert.equal(readFileSync(keyFile, 'utf8'), deploymentKey, 'the same deployment key after the restart');
      assert.deepEqual(await meetingKeyOf(second.url, meetingId), keyBefore, 'the meeting booked before the restart opens, with its key');
    } finally {
      await second.stop();
    }
  },
);

test('CARE_MEET_E2EE_KEY, when set, is the deployment key (the start-up line says so)', { timeout: 60_000 }, async () => {
  const demo = await startDemo({ CARE_MEET_E2EE_KEY: Buffer.alloc(32, 7).toString('base64') });
  try {
    assert.match(demo.out(), /end-to-end encryption: on for new meetings \(key: CARE_MEET_E2EE_KEY\)/);
  } finally {
    await demo.stop();
  }
});

test('CARE_MEET_E2EE=off: the start-up line says so and meetings are booked without end-to-end encryption', { timeout: 60_000 }, async () => {
  const demo = await startDemo({ CARE_MEET_E2EE: 'off' });
  try {
    assert.match(demo.out(), /end-to-end encryption: off \(CARE_MEET_E2EE=off\)/);
    const booked = await book(demo.url);
    assert.equal(booked.status, 201, JSON.stringify(booked.json));
    assert.equal(booked.json.meeting.e2ee, false, 'not encrypted');
    const vouched = await post(`${demo.url}/api/sessions`, organizerKey, { meetingId: booked.json.meeting.id, identity: individual, method: 'bankid' });
    const joined = await post(`${demo.url}/api/join`, vouched.json.session);
    assert.equal(joined.json.status, 'admitted', JSON.stringify(joined.json));
    assert.equal(joined.json.e2ee, undefined, 'no meeting key in the join answer');
  } finally {
    await demo.stop();
  }
});
