// The invitation routes' rate limits (rule 8), counted in the store so that every instance on it
// counts into the same windows: one more instance is not one more chance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SqliteMeetingStore } from '../store/sqlite-store.js';
import { twoInstancesOnOneFile } from '../test-support/two-instances.js';
import { createCareMeetHandler } from './handler.js';
import { RateLimiter } from './rate-limit.js';

test("in memory: a key's window starts at its first attempt; the oldest keys go first when full", async () => {
  const limiter = new RateLimiter({ limit: 2, windowMs: 1000, maxKeys: 2 });
  assert.equal(await limiter.take('a', 0), true);
  assert.equal(await limiter.take('a', 10), true);
  assert.equal(await limiter.take('a', 999), false);
  assert.equal(await limiter.take('a', 1000), true, 'a new window');
  assert.equal(await limiter.take('b', 1000), true);
  assert.equal(await limiter.take('c', 1000), true, 'a third key pushes the oldest out');
  assert.throws(() => new RateLimiter({ limit: 0, windowMs: 1000 }), TypeError);
  const store = new SqliteMeetingStore({ filename: ':memory:' });
  assert.throws(() => new RateLimiter({ limit: 1, windowMs: 1000, store }), /name/);
  await store.close();
});

test('with a store, a key found over its limit is refused from memory until its window ends: a flood is not a flood of writes', async () => {
  const store = new SqliteMeetingStore({ filename: ':memory:' });
  let writes = 0;
  const counting = {
    countRateLimitHit: (...args: Parameters<SqliteMeetingStore['countRateLimitHit']>) => (writes++, store.countRateLimitHit(...args)),
    forgetExpired: (now: Date) => store.forgetExpired(now),
  };
  const limiter = new RateLimiter({ limit: 3, windowMs: 1000, store: counting, name: 'flood' });
  const t0 = 1_000_000;
  const results = [];
  for (let i = 0; i < 50; i++) results.push(await limiter.take('198.51.100.2', t0 + i));
  assert.equal(results.filter(Boolean).length, 3);
  assert.equal(writes, 4, 'three allowed and the one that found the limit');
  assert.equal(await limiter.take('198.51.100.2', t0 + 1000), true, 'the window ended');
  await store.close();
});

test('rule 8 across instances: two servers on one store share the per-address limit of the invitation routes', async () => {
  const { a, b, close } = await twoInstancesOnOneFile();
  try {
    const handlers = [createCareMeetHandler(a), createCareMeetHandler(b)];
    const statuses: number[] = [];
    // 30 per minute per address: 15 guesses on each instance are all answered (404), the 31st is refused.
    for (let i = 0; i < 31; i++) {
      const handle = handlers[i % 2]!;
      const response = await handle(new Request(`http://portal.test/api/invites/guess${i}${'x'.repeat(30)}`), { clientAddress: '203.0.113.50' });
      statuses.push(response.status);
    }
    assert.deepEqual(
      statuses.slice(0, 30).filter((s) => s === 429),
      [],
      'the first 30 are answered',
    );
    assert.equal(statuses[30], 429, 'the 31st, on either instance, is refused');
    const other = await handlers[1]!(new Request(`http://portal.test/api/invites/guess-other${'x'.repeat(30)}`), { clientAddress: '203.0.113.51' });
    assert.notEqual(other.status, 429, 'another address counts on its own');
  } finally {
    await close();
  }
});
