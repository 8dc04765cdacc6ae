// A body over the limit is answered 413 while the client is still sending. The client must be able
// to read that answer (no reset before it), and a client that keeps sending must not hold the socket.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { createCareMeetHandler } from './handler.js';
import { toNodeListener, type NodeListenerOptions } from './node-adapter.js';
import { ORGANIZER_KEY, createHarness } from '../test-support/harness.js';

const TEN_MB = 10 * 1024 * 1024;

async function serve(options: NodeListenerOptions = {}) {
  const h = await createHarness();
  const server: Server = createServer(toNodeListener(createCareMeetHandler(h.careMeet), options));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}/api`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await h.close();
    },
  };
}

/**
 * The uploads run in a child process: with client and server sharing one event loop the client
 * always reads the answer before the reset lands, so the fault never shows. It prints one outcome per
 * upload: the status and code read, or the error that came instead.
 */
const UPLOADER = `
const [url, authorization, buffered, streamed, slow] = process.argv.slice(1);
const size = 10 * 1024 * 1024;
const body = Buffer.alloc(size, 0x20);
function streamOf(total, chunk = 64 * 1024) {
  let sent = 0;
  const piece = new Uint8Array(chunk).fill(0x20);
  return new ReadableStream({ pull(c) { if (sent >= total) return c.close(); c.enqueue(piece.slice()); sent += chunk; } });
}
function trickleOf(total) {
  let sent = 0;
  return new ReadableStream({ async pull(c) {
    if (sent >= total) return c.close();
    await new Promise((r) => setTimeout(r, 10));
    c.enqueue(new Uint8Array(1024).fill(0x20));
    sent += 1024;
  } });
}
async function upload(kind) {
  try {
    const answer = await fetch(url, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: kind === 'buffered' ? body : kind === 'streamed' ? streamOf(size) : trickleOf(size),
      ...(kind === 'buffered' ? {} : { duplex: 'half' }),
    });
    return answer.status + ' ' + (await answer.json()).error?.code;
  } catch (e) {
    return 'failed: ' + (e.cause?.code ?? e.cause?.message ?? String(e));
  }
}
const outcomes = [];
for (let i = 0; i < Number(buffered); i++) outcomes.push('buffered ' + await upload('buffered'));
for (let i = 0; i < Number(streamed); i++) outcomes.push('streamed ' + await upload('streamed'));
// Slow ones at once: each sends 1 KiB every 10 ms, so its body outlasts the drain time.
outcomes.push(...(await Promise.all(Array.from({ length: Number(slow) }, () => upload('slow')))).map((o) => 'slow ' + o));
process.stdout.write(JSON.stringify(outcomes));
`;

function uploadFromAnotherProcess(url: string, buffered: number, streamed: number, slow = 0): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--input-type=module', '-e', UPLOADER, `${url}/meetings`, `Bearer ${ORGANIZER_KEY}`, String(buffered), String(streamed), String(slow)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as string[]) : reject(new Error(`uploader exited ${code}: ${err}`))));
  });
}

test('rule 18 on the socket: 20 buffered and 10 streamed uploads of 10 MB each read the 413 and its code', async () => {
  const s = await serve();
  try {
    const outcomes = await uploadFromAnotherProcess(s.url, 20, 10);
    const expected = [
      ...Array.from({ length: 20 }, () => 'buffered 413 PAYLOAD_TOO_LARGE'),
      ...Array.from({ length: 10 }, () => 'streamed 413 PAYLOAD_TOO_LARGE'),
    ];
    assert.deepEqual(outcomes, expected);
    // The server still answers afterwards.
    assert.equal((await fetch(`${s.url}/health`)).status, 200);
  } finally {
    await s.close();
  }
});

test('an honest client that sends slower than the drain time still reads the 413 (it came before the close)', async () => {
  const s = await serve({ drainRefusedBody: { ms: 300 } });
  try {
    assert.deepEqual(
      await uploadFromAnotherProcess(s.url, 0, 0, 5),
      Array.from({ length: 5 }, () => 'slow 413 PAYLOAD_TOO_LARGE'),
    );
  } finally {
    await s.close();
  }
});

interface Watched {
  socket: Socket;
  received: () => string;
  /** When the server ended or reset the connection (ms after `start`), once it has. */
  closed: Promise<number>;
  start: number;
}

function watch(port: number): Watched {
  const socket = connect(port, '127.0.0.1');
  const start = Date.now();
  let text = '';
  socket.on('data', (c: Buffer) => (text += c.toString('latin1')));
  const closed = new Promise<number>((resolve) => {
    socket.on('end', () => resolve(Date.now() - start));
    socket.on('close', () => resolve(Date.now() - start));
    socket.on('error', () => resolve(Date.now() - start));
  });
  return { socket, received: () => text, closed, start };
}

const head = (extra: string) =>
  `POST /api/meetings HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${ORGANIZER_KEY}\r\nContent-Type: application/json\r\n${extra}\r\n`;

test('a client that keeps sending slowly after the 413 is cut off when the drain time is up', async () => {
  const s = await serve({ drainRefusedBody: { ms: 400 } });
  const w = watch(s.port);
  const trickle = setInterval(() => {
    if (!w.socket.destroyed && w.socket.writable) w.socket.write(Buffer.alloc(1024, 0x20));
  }, 20);
  try {
    w.socket.write(head(`Content-Length: ${TEN_MB}\r\n`));
    const after = await Promise.race([w.closed, new Promise<number>((r) => setTimeout(() => r(-1), 5000))]);
    assert.match(w.received(), /^HTTP\/1\.1 413 [^]*\r\nconnection: close\r\n[^]*"code":"PAYLOAD_TOO_LARGE"/i);
    assert.ok(after >= 0, 'the server closed the connection');
    assert.ok(after >= 300 && after < 2000, `closed after the drain time (400 ms), not at once or never: ${after} ms`);
  } finally {
    clearInterval(trickle);
    w.socket.destroy();
    await s.close();
  }
});

test('a chunked body that goes past the limit slowly is also answered 413 and cut off after the drain time', async () => {
  const s = await serve({ drainRefusedBody: { ms: 400 } });
  const w = watch(s.port);
  const chunk = (n: number) => `${n.toString(16)}\r\n${' '.repeat(n)}\r\n`;
  const trickle = setInterval(() => {
    if (!w.socket.destroyed && w.socket.writable) w.socket.write(chunk(1024));
  }, 20);
  try {
    w.socket.write(head('Transfer-Encoding: chunked\r\n') + chunk(60 * 1024) + chunk(8 * 1024));
    const after = await Promise.race([w.closed, new Promise<number>((r) => setTimeout(() => r(-1), 5000))]);
    assert.match(w.received(), /^HTTP\/1\.1 413 [^]*"code":"PAYLOAD_TOO_LARGE"/);
    assert.ok(after >= 300 && after < 2000, `closed after the drain time (400 ms): ${after} ms`);
  } finally {
    clearInterval(trickle);
    w.socket.destroy();
    await s.close();
  }
});

test('a client that sends fast and without end after the 413 is cut off after the drain bytes', async () => {
  const s = await serve({ drainRefusedBody: { ms: 30_000, bytes: 2 * 1024 * 1024 } });
  const w = watch(s.port);
  const total = 1024 * 1024 * 1024;
  let sent = 0;
  const piece = Buffer.alloc(64 * 1024, 0x20);
  try {
    w.socket.write(head(`Content-Length: ${total}\r\n`));
    // Write as fast as the socket takes it, until the server closes.
    const pump = async () => {
      while (!w.socket.destroyed && w.socket.writable && sent < total) {
        sent += piece.length;
        if (!w.socket.write(piece)) await new Promise((r) => w.socket.once('drain', r).once('close', r));
      }
    };
    void pump();
    const after = await Promise.race([w.closed, new Promise<number>((r) => setTimeout(() => r(-1), 10_000))]);
    assert.ok(after >= 0, 'the server closed the connection, long before the drain time');
    assert.match(w.received(), /^HTTP\/1\.1 413 [^]*"code":"PAYLOAD_TOO_LARGE"/);
    assert.ok(sent < 64 * 1024 * 1024, `cut off near the drain bytes (2 MiB), not after ${sent} bytes`);
  } finally {
    w.socket.destroy();
    await s.close();
  }
});

test('drainRefusedBody must be positive numbers', () => {
  const handle = async () => new Response(null, { status: 204 });
  for (const drainRefusedBody of [{ ms: -1 }, { bytes: 0 }, { ms: Number.NaN }]) {
    assert.throws(() => toNodeListener(handle, { drainRefusedBody }), TypeError, JSON.stringify(drainRefusedBody));
  }
});
