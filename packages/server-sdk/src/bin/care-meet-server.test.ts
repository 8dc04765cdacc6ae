import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startSidecar } from '../test-support/sidecar-process.js';

const start = startSidecar;

test('care-meet-server serves the API from environment variables, with the body limit on the socket', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'care-meet-bin-'));
  const s = start({
    CARE_MEET_ORGANIZER_KEY: 'bin-test-organizer-key-0123456789abcdef',
    CARE_MEET_DB: join(dir, 'db.sqlite'),
    PORT: '0',
    LIVEKIT_URL: 'ws://127.0.0.1:9',
    CARE_MEET_E2EE_KEY: 'WlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlo=',
  });
  try {
    const url = await s.listening;
    const health = await fetch(`${url}/api/health`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { ok: true, livekitUrl: 'ws://127.0.0.1:9' });
    assert.equal(health.headers.get('referrer-policy'), 'no-referrer');
    const big = await fetch(`${url}/api/meetings`, {
      method: 'POST',
      headers: { authorization: 'Bearer bin-test-organizer-key-0123456789abcdef', 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'x'.repeat(200_000) }),
    });
    assert.equal(big.status, 413);
    assert.equal(((await big.json()) as { error: { code: string } }).error.code, 'PAYLOAD_TOO_LARGE');
    const unauth = await fetch(`${url}/api/meetings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(unauth.status, 401);
  } finally {
    s.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});

test('care-meet-server refuses to start without an organizer key, and says which variable', async () => {
  const s = start({ CARE_MEET_ORGANIZER_KEY: '', PORT: '0', CARE_MEET_DB: ':memory:' });
  await assert.rejects(s.listening, (e: Error & { code?: number }) => {
    assert.equal(e.code, 1);
    assert.match(e.message, /CARE_MEET_ORGANIZER_KEY/);
    return true;
  });
});

test('care-meet-server refuses a database file from a newer care-meet, says so, and leaves it alone', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'care-meet-bin-'));
  const file = join(dir, 'db.sqlite');
  const db = new Database(file);
  db.pragma('user_version = 999');
  db.exec('CREATE TABLE kept (x)');
  db.close();
  try {
    const s = start({
      CARE_MEET_ORGANIZER_KEY: 'bin-test-organizer-key-0123456789abcdef',
      CARE_MEET_DB: file,
      PORT: '0',
      LIVEKIT_URL: 'ws://127.0.0.1:9',
      CARE_MEET_E2EE_KEY: 'WlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlo=',
    });
    await assert.rejects(s.listening, (e: Error & { code?: number }) => {
      assert.equal(e.code, 1);
      assert.match(e.message, /written by a newer care-meet \(schema 999/);
      return true;
    });
    const after = new Database(file, { readonly: true });
    assert.equal(after.pragma('user_version', { simple: true }), 999);
    assert.deepEqual(after.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all(), [{ name: 'kept' }]);
    after.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
