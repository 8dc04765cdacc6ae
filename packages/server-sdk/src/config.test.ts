import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnv, createServer } from './config.js';
import { silentLogger } from './logger.js';

const BASE = {
  CARE_MEET_ORGANIZER_KEY: 'config-test-organizer-key-0123456789abcdef',
  CARE_MEET_DB: ':memory:',
  PORT: '0',
  LIVEKIT_URL: 'ws://127.0.0.1:9',
  CARE_MEET_E2EE_KEY: 'WlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlo=',
};

test('CARE_MEET_TRUST_PROXY is how many appending proxies stand in front: unset or 0 is none, 1 is one nginx', () => {
  assert.equal(configFromEnv(BASE).trustProxy, 0);
  for (const [value, hops] of [
    ['', 0],
    ['0', 0],
    ['1', 1],
    ['2', 2],
    ['10', 10],
  ] as const) {
    assert.equal(configFromEnv({ ...BASE, CARE_MEET_TRUST_PROXY: value }).trustProxy, hops, value);
  }
});

test('a malformed CARE_MEET_TRUST_PROXY is refused at start, naming the variable', () => {
  for (const value of ['true', 'yes', 'on', '-1', '1.5', ' 1', '1 ', '01', '11', '8080', '10.0.0.1', '0x1']) {
    assert.throws(
      () => configFromEnv({ ...BASE, CARE_MEET_TRUST_PROXY: value }),
      (e: Error) => {
        assert.ok(e instanceof TypeError, value);
        assert.match(e.message, /^CARE_MEET_TRUST_PROXY must be how many proxies/, value);
        return true;
      },
    );
  }
});

test('createServer with CARE_MEET_TRUST_PROXY=1 counts the right-most X-Forwarded-For entry for the rate limits', async () => {
  const running = await createServer(configFromEnv({ ...BASE, CARE_MEET_TRUST_PROXY: '1' }), { logger: silentLogger });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const answer = await fetch(`${running.url}/api/invites/guess${i}${'x'.repeat(40)}`, { headers: { 'x-forwarded-for': `10.9.${i}.1, 198.51.100.7` } });
      await answer.arrayBuffer();
      statuses.push(answer.status);
    }
    assert.equal(statuses[30], 429, statuses.join(' '));
    assert.ok(statuses.slice(0, 30).every((s) => s !== 429));
  } finally {
    await running.close();
  }
});

test('CARE_MEET_LEASE_SECONDS sets how long an instance holds the room deletions; anything but 2-300 whole seconds is refused', () => {
  assert.equal(configFromEnv(BASE).careMeet.roomDeletionRetry, undefined, 'unset: the default (30 s)');
  assert.deepEqual(configFromEnv({ ...BASE, CARE_MEET_LEASE_SECONDS: '2' }).careMeet.roomDeletionRetry, { leaseMs: 2000 });
  assert.deepEqual(configFromEnv({ ...BASE, CARE_MEET_LEASE_SECONDS: '300' }).careMeet.roomDeletionRetry, { leaseMs: 300_000 });
  for (const bad of ['', '1', '301', '2.5', '-5', '30s', 'abc']) {
    assert.throws(() => configFromEnv({ ...BASE, CARE_MEET_LEASE_SECONDS: bad }), /CARE_MEET_LEASE_SECONDS/, bad);
  }
});

test('a start that fails halfway closes what it opened: the port taken, or an option refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'care-meet-start-'));
  const taken = createNetServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', () => resolve()));
  try {
    const file = join(dir, 'care-meet.db');
    const port = String((taken.address() as AddressInfo).port);
    const held = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout' || r === 'TCPServerWrap').length;
    const before = held();
    await assert.rejects(createServer(configFromEnv({ ...BASE, CARE_MEET_DB: file, PORT: port, HOST: '127.0.0.1' }), { logger: silentLogger }), /EADDRINUSE/);
    // SQLite removes the write-ahead log when its last connection closes: the store was closed.
    assert.equal(existsSync(`${file}-wal`), false, 'the store is closed');
    assert.ok(existsSync(file), 'the database was opened (and migrated) before the failure');
    const config = configFromEnv({ ...BASE, CARE_MEET_DB: join(dir, 'second.db') });
    config.careMeet.organizerKey = 'short';
    await assert.rejects(createServer(config, { logger: silentLogger }), TypeError);
    assert.equal(existsSync(join(dir, 'second.db-wal')), false, 'the store is closed after a refused option');
    assert.ok(held() <= before, `no timer or listening socket left behind: ${held()} against ${before} before`);
  } finally {
    await new Promise<void>((resolve) => taken.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  }
});
