import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { configFromEnv } from '../config.js';
import { e2eeSettingFrom } from '../deployment-settings.js';

const BASE = { CARE_MEET_ORGANIZER_KEY: 'e2ee-test-organizer-key-0123456789abcdef', CARE_MEET_DB: ':memory:', PORT: '0', LIVEKIT_URL: 'ws://127.0.0.1:9' };

test('the sidecar does not start without an E2EE key unless CARE_MEET_E2EE=off, and then says so', () => {
  assert.throws(
    () => configFromEnv(BASE),
    (e: Error) => e instanceof TypeError && /CARE_MEET_E2EE_KEY must be set/.test(e.message) && /CARE_MEET_E2EE=off/.test(e.message),
  );
  const off = configFromEnv({ ...BASE, CARE_MEET_E2EE: 'off' });
  assert.equal(off.careMeet.e2ee, undefined);
  assert.match(off.summary ?? '', /end-to-end encryption OFF/);
  const key = randomBytes(32).toString('base64');
  const on = configFromEnv({ ...BASE, CARE_MEET_E2EE_KEY: key });
  assert.deepEqual(on.careMeet.e2ee, { keyEncryptionKey: key });
  assert.match(on.summary ?? '', /end-to-end encrypted by default/);
  assert.equal((on.summary ?? '').includes(key), false, 'the key is not in the start-up line');
});

test('CARE_MEET_E2EE_KEY_FILE, and the refusals: wrong length, both set, off with a key, an unknown mode, a missing file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'care-meet-e2ee-settings-'));
  const key = randomBytes(32).toString('base64url');
  writeFileSync(join(dir, 'key'), `${key}\n`);
  assert.deepEqual(e2eeSettingFrom({ CARE_MEET_E2EE_KEY_FILE: join(dir, 'key') }), { keyEncryptionKey: key });
  const refused = (env: Record<string, string>, message: RegExp) =>
    assert.throws(
      () => e2eeSettingFrom(env),
      (e: Error) => e instanceof TypeError && message.test(e.message),
    );
  const short = randomBytes(16).toString('base64');
  refused({ CARE_MEET_E2EE_KEY: short }, /^CARE_MEET_E2EE_KEY must be 32 random bytes/);
  assert.throws(
    () => e2eeSettingFrom({ CARE_MEET_E2EE_KEY: short }),
    (e: Error) => !e.message.includes(short),
    'never echoes the value',
  );
  refused({ CARE_MEET_E2EE_KEY: key, CARE_MEET_E2EE_KEY_FILE: join(dir, 'key') }, /not both/);
  refused({ CARE_MEET_E2EE: 'off', CARE_MEET_E2EE_KEY: key }, /both set/);
  refused({ CARE_MEET_E2EE: 'maybe', CARE_MEET_E2EE_KEY: key }, /must be on or off/);
  refused({ CARE_MEET_E2EE_KEY_FILE: join(dir, 'missing') }, /cannot be read: ENOENT/);
  assert.equal(e2eeSettingFrom({ CARE_MEET_E2EE: 'off' }), null);
});
