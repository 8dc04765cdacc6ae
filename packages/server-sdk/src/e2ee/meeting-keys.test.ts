import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { KEYRING_SIZE, MeetingKeyError, MeetingKeySealer, keyringIndex, newMeetingKey, parseKeyEncryptionKey } from './meeting-keys.js';

const KEK = randomBytes(32);

/** Every way the key bytes could show up in text or bytes. */
function encodings(key: Buffer): string[] {
  return [key.toString('base64'), key.toString('base64url'), key.toString('hex'), key.toString('latin1')];
}

test('a sealed key does not contain the key bytes in any encoding, and opens to them again', () => {
  const keys = new MeetingKeySealer(KEK.toString('base64'));
  const key = newMeetingKey();
  assert.equal(key.length, 32);
  const sealed = keys.seal('m_one', 0, key);
  const sealedBytes = Buffer.from(sealed.slice(3), 'base64url');
  for (const e of encodings(key)) assert.equal(sealed.includes(e), false);
  assert.equal(sealedBytes.includes(key), false);
  assert.equal(sealedBytes.includes(key.subarray(0, 8)), false, 'not even a part of it');
  assert.deepEqual(keys.open('m_one', 0, sealed), key);
  // A fresh IV each time: the same key sealed twice looks different.
  assert.notEqual(keys.seal('m_one', 0, key), sealed);
});

test('a wrong deployment key, another meeting id, another index or a changed byte fails to open with a clear error', () => {
  const keys = new MeetingKeySealer(KEK.toString('base64url'));
  const key = newMeetingKey();
  const sealed = keys.seal('m_one', 3, key);
  const other = new MeetingKeySealer(randomBytes(32).toString('base64'));
  const refused = (fn: () => unknown) =>
    assert.throws(fn, (e: unknown) => e instanceof MeetingKeyError && e.code === 'E2EE_KEY_UNREADABLE' && /cannot be opened|damaged|format/.test(e.message));
  refused(() => other.open('m_one', 3, sealed));
  refused(() => keys.open('m_two', 3, sealed));
  refused(() => keys.open('m_one', 4, sealed));
  const bytes = Buffer.from(sealed.slice(3), 'base64url');
  bytes[20] = bytes[20]! ^ 1;
  refused(() => keys.open('m_one', 3, `v1.${bytes.toString('base64url')}`));
  refused(() => keys.open('m_one', 3, 'v0.abc'));
  refused(() => keys.open('m_one', 3, 'v1.abc'));
  assert.throws(() => other.open('m_one', 3, sealed), /CARE_MEET_E2EE_KEY/, 'the message names the setting to check');
  assert.deepEqual(keys.open('m_one', 3, sealed), key);
});

test('a key-encryption key must be 32 bytes of base64 (standard or url-safe); anything else is a TypeError that does not echo it', () => {
  const k = randomBytes(32);
  assert.deepEqual(parseKeyEncryptionKey(k.toString('base64')), k);
  assert.deepEqual(parseKeyEncryptionKey(k.toString('base64url')), k);
  assert.deepEqual(parseKeyEncryptionKey(`${k.toString('base64')}\n`), k);
  for (const bad of [randomBytes(16).toString('base64'), randomBytes(48).toString('base64'), k.toString('hex'), '', 'x'.repeat(44), undefined, 42]) {
    assert.throws(
      () => parseKeyEncryptionKey(bad, 'CARE_MEET_E2EE_KEY'),
      (e: unknown) => {
        assert.ok(e instanceof TypeError);
        assert.match(e.message, /^CARE_MEET_E2EE_KEY must be/);
        if (typeof bad === 'string' && bad.length > 4) assert.equal(e.message.includes(bad), false);
        return true;
      },
    );
  }
  assert.throws(() => new MeetingKeySealer('short'), TypeError);
});

test("the keyring index is the rotation count mod 16 (livekit-client's default keyring size)", () => {
  assert.equal(KEYRING_SIZE, 16);
  assert.deepEqual([0, 1, 15, 16, 17, 33].map(keyringIndex), [0, 1, 15, 0, 1, 1]);
});
