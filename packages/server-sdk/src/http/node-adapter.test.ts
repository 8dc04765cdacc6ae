import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCareMeetHandler } from './handler.js';
import { toNodeListener } from './node-adapter.js';
import { HSA, ORGANIZER_KEY, createHarness, sipMeeting } from '../test-support/harness.js';

async function serve(h: Awaited<ReturnType<typeof createHarness>>) {
  const server = createServer(toNodeListener(createCareMeetHandler(h.careMeet, { heartbeatMs: 60_000 })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  return { url, close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
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
