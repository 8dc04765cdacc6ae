import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NODE_FAST_PATH, createCareMeetHandler, type NodeFastPath } from './handler.js';
import { toNodeListener } from './node-adapter.js';
import { HSA, ORGANIZER_KEY, createHarness, sipMeeting } from '../test-support/harness.js';

async function serve(h: Awaited<ReturnType<typeof createHarness>>) {
  const server = createServer(toNodeListener(createCareMeetHandler(h.careMeet, { heartbeatMs: 60_000 })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

test('over node:http: JSON answers keep their headers, and a client leaving an event stream ends its subscription', async () => {
  const h = await createHarness();
  const s = await serve(h);
  try {
    const booked = await fetch(`${s.url}/meetings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ORGANIZER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(sipMeeting()),
    });
    assert.equal(booked.status, 201);
    assert.equal(booked.headers.get('cache-control'), 'no-store');
    assert.match(booked.headers.get('content-type') ?? '', /application\/json/);
    const meetingId = ((await booked.json()) as { meeting: { id: string } }).meeting.id;
    const vouched = await fetch(`${s.url}/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ORGANIZER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ meetingId, identity: { kind: 'hsa', hsaId: HSA.anna }, method: 'siths' }),
    });
    const chair = ((await vouched.json()) as { session: string }).session;
    // An empty POST body is fine where the route takes none.
    const join = await fetch(`${s.url}/join`, { method: 'POST', headers: { authorization: `Bearer ${chair}` } });
    assert.equal(join.status, 200);
    const abort = new AbortController();
    const stream = await fetch(`${s.url}/meetings/${meetingId}/events`, { headers: { authorization: `Bearer ${chair}` }, signal: abort.signal });
    assert.equal(stream.status, 200);
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    while (!text.includes('event: roster')) text += new TextDecoder().decode((await reader.read()).value);
    assert.equal(h.careMeet.events.listenerCount(meetingId), 1);
    abort.abort();
    const deadline = Date.now() + 3000;
    while (h.careMeet.events.listenerCount(meetingId) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(h.careMeet.events.listenerCount(meetingId), 0, 'the subscription ended with the connection');
  } finally {
    await s.close();
    await h.close();
  }
});

test("a bodiless POST takes the handler's fast path with content-length 0 (as browsers send it) or none; one with a body does not", async () => {
  const seen: string[] = [];
  const handle = Object.assign(
    async () => {
      seen.push('fetch');
      return new Response('{"via":"fetch"}', { status: 200, headers: { 'content-type': 'application/json' } });
    },
    {
      [NODE_FAST_PATH]: ((method: string, pathname: string) => {
        if (method !== 'POST' || pathname !== '/api/join') return null;
        seen.push('fast');
        return Promise.resolve({ status: 200, body: '{"via":"fast"}' });
      }) satisfies NodeFastPath,
    },
  );
  const server = createServer(toNodeListener(handle));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const post = (headers: Record<string, string>, body?: string) =>
    new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/join', headers }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  try {
    assert.equal(await post({ 'content-length': '0' }), '{"via":"fast"}');
    // Node's client sends no length for a bodiless request when told so explicitly:
    const noLength = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/join' });
    noLength.removeHeader('content-length');
    noLength.useChunkedEncodingByDefault = false;
    const answer = new Promise<string>((resolve) =>
      noLength.on('response', (res) => {
        let t = '';
        res.on('data', (c: Buffer) => (t += c));
        res.on('end', () => resolve(t));
      }),
    );
    noLength.end();
    assert.equal(await answer, '{"via":"fast"}');
    assert.equal(await post({ 'content-length': '2' }, '{}'), '{"via":"fetch"}');
    assert.deepEqual(seen, ['fast', 'fast', 'fetch']);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
