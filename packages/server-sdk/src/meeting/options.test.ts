import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SqliteMeetingStore } from '../store/sqlite-store.js';
import { API_KEY, API_SECRET, E2EE_KEY, ORGANIZER_KEY } from '../test-support/harness.js';
import { checkCareMeetOptions, type CareMeetOptions } from './options.js';

test("CareMeet.create's options: each wrong one is a TypeError that names it", () => {
  const store = new SqliteMeetingStore({ filename: ':memory:' });
  const good: CareMeetOptions = { store, livekit: { url: 'ws://127.0.0.1:7880', apiKey: API_KEY, apiSecret: API_SECRET }, organizerKey: ORGANIZER_KEY };
  checkCareMeetOptions(good);
  checkCareMeetOptions({ ...good, e2ee: { keyEncryptionKey: E2EE_KEY }, tokenTtlSeconds: 120, messageLanguage: 'fi', messageTimeZone: 'Europe/Helsinki' });
  const wrong: Array<[Partial<CareMeetOptions> | Record<string, unknown>, RegExp]> = [
    [{ organizerKey: 'short' }, /organizerKey/],
    [{ livekit: { url: '', apiKey: 'k', apiSecret: 's' } }, /livekit/],
    [{ tokenTtlSeconds: 5 }, /tokenTtlSeconds/],
    [{ tokenTtlSeconds: 121 }, /tokenTtlSeconds/],
    [{ messageLanguage: 'de' }, /messageLanguage/],
    [{ messageTimeZone: 'Mars/Olympus' }, /messageTimeZone/],
    [{ e2ee: { keyEncryptionKey: 'too-short' } }, /keyEncryptionKey/],
    [{ evaluationQuestions: [{ id: 'q', kind: 'scale', text: {} }] }, /evaluation question q/],
    [{ messages: { sms: async () => {}, email: async () => {} } }, /inviteUrl/],
    [{ messages: { sms: async () => {}, email: async () => {} }, inviteUrl: (t: string) => `/join#${t}` }, /absolute/],
  ];
  for (const [change, message] of wrong) {
    assert.throws(
      () => checkCareMeetOptions({ ...good, ...change } as CareMeetOptions),
      (e: unknown) => e instanceof TypeError && message.test(e.message),
      String(message),
    );
  }
  assert.throws(() => checkCareMeetOptions(undefined as unknown as CareMeetOptions), TypeError);
  store.close();
});
