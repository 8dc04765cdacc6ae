import { expect } from '@open-wc/testing';
import { deriveKeys, ExternalE2EEKeyProvider, KeyProviderEvent, type KeyInfo } from 'livekit-client';

import { e2eeKey } from '../test-support/fake-meeting-api.js';
import { decodeMeetingKey, makeEncryptedRoom, MeetingKeyProvider, prepareEncryptedRoom } from './e2ee.js';
import { e2eeSupported } from './e2ee-support.js';

/** A stand-in for the E2EE worker: records what livekit-client posts to it. */
class RecordingWorker extends EventTarget {
  readonly posted: Array<{ kind: string; data?: Record<string, unknown> }> = [];
  terminated = false;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  postMessage(message: { kind: string; data?: Record<string, unknown> }): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  kinds(): string[] {
    return this.posted.map((m) => m.kind);
  }
}

const RAW = new Uint8Array(32).map((_, i) => i * 7 + 1);
const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** Encrypts with one key material and decrypts with another, both derived as livekit-client's worker does. */
async function sameKey(a: CryptoKey, b: CryptoKey): Promise<boolean> {
  const options = { sharedKey: true, ratchetSalt: 'LKFrameEncryptionKey', ratchetWindowSize: 0, failureTolerance: -1, keyringSize: 16, keySize: 128 as const };
  const [{ encryptionKey: ka }, { encryptionKey: kb }] = await Promise.all([deriveKeys(a, options), deriveKeys(b, options)]);
  const iv = new Uint8Array(12);
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, ka, new TextEncoder().encode('frame'));
  try {
    return new TextDecoder().decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, kb, sealed)) === 'frame';
  } catch {
    return false;
  }
}

describe('E2EE: the meeting key', () => {
  it('reads the 32 raw bytes from base64url and from standard base64', () => {
    expect([...decodeMeetingKey(base64url(RAW))]).to.deep.equal([...RAW]);
    expect([...decodeMeetingKey(btoa(String.fromCharCode(...RAW)))]).to.deep.equal([...RAW]);
  });

  it('refuses a key of another length, or not base64, with a TypeError', () => {
    expect(() => decodeMeetingKey(base64url(RAW.slice(0, 16)))).to.throw(TypeError, /16 bytes, not 32/);
    expect(() => decodeMeetingKey(base64url(new Uint8Array(33)))).to.throw(TypeError, /33 bytes, not 32/);
    expect(() => decodeMeetingKey('not a key!')).to.throw(TypeError, /not base64/);
    expect(() => decodeMeetingKey('')).to.throw(TypeError, /not base64/);
  });

  it('sets the key at the index the server says and makes it the current one (ExternalE2EEKeyProvider always uses 0)', async () => {
    const provider = new MeetingKeyProvider();
    const set: Array<{ info: KeyInfo; current: boolean | undefined }> = [];
    provider.on(KeyProviderEvent.SetKey, (info, current) => set.push({ info, current }));
    await provider.setMeetingKey({ key: base64url(RAW), keyIndex: 3 });
    expect(set).to.have.length(1);
    expect(set[0]!.info).to.include({ keyIndex: 3, participantIdentity: undefined });
    expect(set[0]!.current).to.equal(true);
    expect(provider.getLatestManuallySetKeyIndex()).to.equal(3);
    expect(provider.getOptions()).to.include({ sharedKey: true, ratchetWindowSize: 0, failureTolerance: -1, keyringSize: 16 });
    // HKDF from the raw bytes, as livekit-client does for an ArrayBuffer key: the same key as its own provider's.
    expect(set[0]!.info.key.algorithm.name).to.equal('HKDF');
    const external = new ExternalE2EEKeyProvider();
    let theirs: CryptoKey | undefined;
    external.on(KeyProviderEvent.SetKey, (info) => (theirs = info.key));
    await external.setKey(RAW.slice().buffer);
    expect(await sameKey(set[0]!.info.key, theirs!)).to.equal(true);
    // and another key's material is not.
    await provider.setMeetingKey(e2eeKey(4));
    expect(await sameKey(set[1]!.info.key, theirs!)).to.equal(false);
  });

  it('refuses a key index outside livekit-client’s keyring (0..15), setting nothing', async () => {
    const provider = new MeetingKeyProvider();
    for (const keyIndex of [16, -1, 1.5]) {
      let error: unknown;
      await provider.setMeetingKey({ key: base64url(RAW), keyIndex }).catch((e: unknown) => (error = e));
      expect(error, String(keyIndex)).to.be.instanceOf(TypeError);
    }
    expect(provider.getKeys()).to.have.length(0);
  });
});

describe('E2EE: the encrypted room', () => {
  it('is what this Chromium can do', () => {
    expect(e2eeSupported()).to.equal(true);
  });

  it('hands the worker the key at its index before anything connects, a rotated key as the current one, and stops the worker on close', async () => {
    const worker = new RecordingWorker();
    const made = await makeEncryptedRoom(e2eeKey(0), () => worker as unknown as Worker);
    expect(worker.kinds()[0]).to.equal('init');
    const first = worker.posted.find((m) => m.kind === 'setKey');
    expect(first?.data).to.include({ keyIndex: 0, updateCurrentKeyIndex: true, participantIdentity: undefined });
    // Everything this page will publish is marked for encryption (GCM) before it connects.
    expect((made.room.localParticipant as unknown as { isE2EEEnabled: boolean }).isE2EEEnabled).to.equal(true);
    await made.setKey(e2eeKey(1));
    const setKeys = worker.posted.filter((m) => m.kind === 'setKey');
    expect(setKeys.map((m) => m.data?.keyIndex)).to.deep.equal([0, 1]);
    expect(setKeys[1]!.data).to.include({ updateCurrentKeyIndex: true });
    expect(worker.terminated).to.equal(false);
    made.close();
    expect(worker.terminated).to.equal(true);
  });

  it('made ahead (a guest in the lobby): the worker starts at once, nothing is marked for encryption until the key comes, then the same room and worker take it', async () => {
    const ahead = new RecordingWorker();
    const prepared = prepareEncryptedRoom(() => ahead as unknown as Worker);
    expect(ahead.kinds()[0]).to.equal('init');
    expect(ahead.posted.some((m) => m.kind === 'setKey')).to.equal(false);
    expect((prepared.room.localParticipant as unknown as { isE2EEEnabled: boolean }).isE2EEEnabled).to.equal(false);
    let othersMade = 0;
    const made = await makeEncryptedRoom(
      e2eeKey(2),
      () => {
        othersMade++;
        return new RecordingWorker() as unknown as Worker;
      },
      prepared,
    );
    expect(othersMade, 'no second worker').to.equal(0);
    expect(made.room).to.equal(prepared.room as unknown);
    expect(ahead.posted.find((m) => m.kind === 'setKey')?.data).to.include({ keyIndex: 2, updateCurrentKeyIndex: true });
    expect((made.room.localParticipant as unknown as { isE2EEEnabled: boolean }).isE2EEEnabled).to.equal(true);
    made.close();
    expect(ahead.terminated).to.equal(true);
  });

  it('stops the worker when the key is refused, and makes no room', async () => {
    const worker = new RecordingWorker();
    let error: unknown;
    await makeEncryptedRoom({ key: 'short', keyIndex: 0 }, () => worker as unknown as Worker).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(TypeError);
    expect(worker.terminated).to.equal(true);
  });
});
