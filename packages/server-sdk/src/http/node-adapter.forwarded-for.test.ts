// Which X-Forwarded-For entry is the client: the proxies in front append, so only the entries
// they wrote can be believed, counted from the right. The left-most is whatever the client sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCareMeetHandler } from './handler.js';
import { forwardedClientAddress, toNodeListener, type NodeListenerOptions } from './node-adapter.js';
import { createHarness } from '../test-support/harness.js';

test('forwardedClientAddress takes the right-most entry the trusted hops did not write', () => {
  const peer = '10.0.0.2';
  const rows: [header: string | undefined, hops: number, expected: string | undefined][] = [
    // No trust: the header is never read.
    ['198.51.100.7', 0, peer],
    // One proxy that appends (nginx `$proxy_add_x_forwarded_for`): its entry is the right-most.
    ['198.51.100.7', 1, '198.51.100.7'],
    ['6.6.6.6, 198.51.100.7', 1, '198.51.100.7'],
    ['6.6.6.6,7.7.7.7,   198.51.100.7  ', 1, '198.51.100.7'],
    // Two proxies (a load balancer, then nginx): the second from the right.
    ['6.6.6.6, 198.51.100.7, 10.0.0.1', 2, '198.51.100.7'],
    // Fewer entries than hops: the furthest address a trusted proxy reported (the left-most).
    ['198.51.100.7, 10.0.0.1', 3, '198.51.100.7'],
    ['198.51.100.7', 2, '198.51.100.7'],
    // No header, or an empty one: the peer.
    [undefined, 1, peer],
    ['', 1, peer],
    ['  ,  ', 1, peer],
    // Garbage ends the walk: the nearest address a trusted proxy wrote, never the garbage.
    ['198.51.100.7, garbage', 1, peer],
    ['198.51.100.7, unknown', 1, peer],
    ['garbage, 10.0.0.1', 2, '10.0.0.1'],
    ['198.51.100.7,', 1, peer],
    ['198.51.100.7, 1.2.3.4.5', 1, peer],
    ['198.51.100.7, 999.1.1.1', 1, peer],
    ['198.51.100.7, <script>', 1, peer],
    // IPv6, bracketed or not, with or without a port; case and IPv4-mapped forms folded.
    ['6.6.6.6, 2001:DB8::1', 1, '2001:db8::1'],
    ['6.6.6.6, [2001:db8::1]', 1, '2001:db8::1'],
    ['6.6.6.6, [2001:db8::1]:4711', 1, '2001:db8::1'],
    ['6.6.6.6, ::ffff:198.51.100.7', 1, '198.51.100.7'],
    ['6.6.6.6, [2001:db8::1', 1, peer],
    // An IPv4 entry with a port (some load balancers write one).
    ['6.6.6.6, 198.51.100.7:51234', 1, '198.51.100.7'],
  ];
  for (const [header, hops, expected] of rows) {
    assert.equal(forwardedClientAddress(header, peer, hops), expected, `${JSON.stringify(header)} with ${hops} hop(s)`);
  }
  // The peer itself, as a dual-stack socket reports it, is folded the same way.
  assert.equal(forwardedClientAddress(undefined, '::ffff:127.0.0.1', 0), '127.0.0.1');
  assert.equal(forwardedClientAddress(undefined, undefined, 1), undefined);
  assert.throws(() => forwardedClientAddress('1.2.3.4', peer, -1), TypeError);
  assert.throws(() => forwardedClientAddress('1.2.3.4', peer, 1.5), TypeError);
});

test('toNodeListener: trustProxy is a number of hops (true is one, false none); anything else is a TypeError', () => {
  const handle = async () => new Response(null, { status: 204 });
  for (const trustProxy of [true, false, 0, 1, 2] as const) assert.equal(typeof toNodeListener(handle, { trustProxy }), 'function');
  for (const trustProxy of [-1, 1.5, Number.NaN, Infinity]) {
    assert.throws(() => toNodeListener(handle, { trustProxy } as NodeListenerOptions), TypeError, String(trustProxy));
  }
});

async function lookUps(options: NodeListenerOptions, forwardedFor: (i: number) => string, count: number): Promise<number[]> {
  const h = await createHarness();
  const server = createServer(toNodeListener(createCareMeetHandler(h.careMeet), options));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  const statuses: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      // A different invitation each time, so only the per-address limit (30 a minute) can refuse.
      const answer = await fetch(`${url}/invites/guess${i}${'x'.repeat(40)}`, { headers: { 'x-forwarded-for': forwardedFor(i) } });
      if (answer.status === 429) assert.equal(((await answer.json()) as { error: { code: string } }).error.code, 'RATE_LIMITED');
      else await answer.arrayBuffer();
      statuses.push(answer.status);
    }
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await h.close();
  }
  return statuses;
}

test('rule 8 behind an appending proxy: forged left-most X-Forwarded-For entries do not escape the per-address limit', async () => {
  // What nginx with `$proxy_add_x_forwarded_for` passes on: the client's own header, then the
  // address nginx saw. 40 look-ups from one address, each with a new forged left-most entry.
  const statuses = await lookUps({ trustProxy: 1 }, (i) => `10.${i}.0.1, 192.0.2.${i}, 198.51.100.7`, 40);
  const refused = statuses.filter((s) => s === 429).length;
  assert.equal(refused, 10, `30 a minute per address, so the last 10 of 40 are refused: ${statuses.join(' ')}`);
  assert.ok(
    statuses.slice(30).every((s) => s === 429),
    'every look-up past the 30th is refused',
  );
});

test('behind an appending proxy, the right-most entry is what the limit counts: different clients are not refused', async () => {
  const statuses = await lookUps({ trustProxy: 1 }, (i) => `198.51.100.7, 203.0.113.${i}`, 40);
  assert.equal(statuses.filter((s) => s === 429).length, 0);
});

test('without trustProxy the header is ignored and the socket address is counted', async () => {
  const statuses = await lookUps({}, (i) => `203.0.113.${i}`, 32);
  assert.deepEqual(statuses.slice(30), [429, 429]);
});

test('rule 8 over IPv6: every address of one /64 counts as one client; other /64s are other clients', async () => {
  // One subscriber holds a whole /64: 40 look-ups, each from a new address in it, are one client.
  const oneNetwork = await lookUps({ trustProxy: 1 }, (i) => `2001:db8:7:1:${(i + 1).toString(16)}::${i}`, 40);
  assert.equal(oneNetwork.filter((s) => s === 429).length, 10, `30 a minute per /64: ${oneNetwork.join(' ')}`);
  assert.ok(
    oneNetwork.slice(30).every((s) => s === 429),
    'every look-up past the 30th is refused',
  );
  const manyNetworks = await lookUps({ trustProxy: 1 }, (i) => `2001:db8:7:${(i + 1).toString(16)}::1`, 40);
  assert.equal(manyNetworks.filter((s) => s === 429).length, 0, `different /64s are different clients: ${manyNetworks.join(' ')}`);
});
