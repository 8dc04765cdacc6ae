/**
 * End-to-end encryption of a meeting's media and data channel (issue #19): the key provider that
 * takes the meeting key care-meet's server hands out in the join answer, and the livekit-client
 * `Room` made with it. Loaded by `defaultMediaRoomFactory` (media-room.ts) with a dynamic import,
 * and only for a meeting that has E2EE: neither this module nor the worker is on any other path.
 */
import { BaseKeyProvider, createKeyMaterialFromBuffer, Room } from './livekit-room.js';

import { ROOM_OPTIONS, type E2EEKey, type EncryptedRoom, type LiveRoom } from './media-room.js';

/** livekit-client's default keyring size: a key index is 0..15 (the server sends the rotation count mod 16). */
export const KEYRING_SIZE = 16;

/**
 * The 32 raw bytes of a meeting key from its base64url (or standard base64) text, as the join
 * answer's `e2ee.key` carries it. A key of any other length is a `TypeError`: a truncated key would
 * still encrypt, with a key nobody else has.
 *
 * @example
 * decodeMeetingKey(answer.e2ee.key).length; // 32
 */
export function decodeMeetingKey(key: string): Uint8Array<ArrayBuffer> {
  if (typeof key !== 'string' || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(key)) throw new TypeError('the meeting key is not base64');
  const bare = key.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  let text: string;
  try {
    text = atob(bare.padEnd(Math.ceil(bare.length / 4) * 4, '='));
  } catch {
    throw new TypeError('the meeting key is not base64');
  }
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  if (bytes.length !== 32) throw new TypeError(`the meeting key is ${bytes.length} bytes, not 32`);
  return bytes;
}

/**
 * One meeting's keys for livekit-client: the key the server hands out, set at the index it says.
 * `ExternalE2EEKeyProvider.setKey` always sets index 0, so after a rotation a participant still on
 * the old key could not tell old frames from new; here each rotation has its own slot in the
 * keyring, and the newest one set is the one this page encrypts with.
 *
 * Like `ExternalE2EEKeyProvider`: one key shared by everyone (`sharedKey`), no ratcheting on a
 * decryption failure (a frame that does not decrypt is dropped, the key stays as the server said).
 * The bytes become key material with HKDF, as livekit-client does for an `ArrayBuffer` key.
 *
 * @example
 * const keys = new MeetingKeyProvider();
 * await keys.setMeetingKey({ key: answer.e2ee.key, keyIndex: answer.e2ee.keyIndex });
 */
export class MeetingKeyProvider extends BaseKeyProvider {
  constructor() {
    super({ sharedKey: true, ratchetWindowSize: 0, failureTolerance: -1, keyringSize: KEYRING_SIZE });
  }

  /** Sets `key` at `keyIndex` and makes it the one this page encrypts with. */
  async setMeetingKey({ key, keyIndex }: E2EEKey): Promise<void> {
    if (!Number.isInteger(keyIndex) || keyIndex < 0 || keyIndex >= KEYRING_SIZE) throw new TypeError(`the key index ${keyIndex} is not 0..${KEYRING_SIZE - 1}`);
    const material = await createKeyMaterialFromBuffer(decodeMeetingKey(key).buffer);
    this.onSetEncryptionKey(material, undefined, keyIndex);
  }
}

/**
 * livekit-client's E2EE worker. The literal `new URL('livekit-client/e2ee-worker', import.meta.url)`
 * is what the repository's rollup.config.mjs rewrites to the worker file it writes beside the
 * chunks (dist/browser/chunks/); a host bundling the package itself does the same with its own
 * bundler (Vite and webpack 5 understand this form).
 */
function makeWorker(): Worker {
  return new Worker(new URL('livekit-client/e2ee-worker', import.meta.url), { type: 'module' });
}

/**
 * The parts of an encrypted room that need no key: the key provider, the worker (its script is
 * fetched and started now) and the livekit-client `Room` made with both. Made ahead while a guest
 * waits in the lobby of an encrypted meeting (`prepareEncryptedMediaRoom` in media-room.ts), so
 * that after Let in `makeEncryptedRoom` only sets the key: starting the worker on a busy page is
 * time between Let in and the first picture. Nothing connects, and nothing can be sent, without a key.
 *
 * @example
 * const ahead = prepareEncryptedRoom();
 * const { room } = await makeEncryptedRoom(answer.e2ee, undefined, ahead);
 */
export interface PreparedEncryptedRoom {
  readonly keyProvider: MeetingKeyProvider;
  readonly worker: Worker;
  readonly room: Room;
}

/** Makes a `PreparedEncryptedRoom` (see there). One that goes unused (a guest turned away) only holds an idle worker until the page goes. */
export function prepareEncryptedRoom(worker: () => Worker = makeWorker): PreparedEncryptedRoom {
  const keyProvider = new MeetingKeyProvider();
  const started = worker();
  try {
    const room = new Room({ ...ROOM_OPTIONS, encryption: { keyProvider, worker: started } });
    return { keyProvider, worker: started, room };
  } catch (error) {
    started.terminate();
    throw error;
  }
}

/**
 * A livekit-client `Room` that encrypts everything it sends (camera, microphone, screen, and, with
 * the `encryption` option, the data channel the chat uses) with the meeting key, and decrypts what
 * it receives. As livekit-client's guide orders it: the room with its key provider and worker, the
 * key, then `setE2EEEnabled(true)`, all before `connect`, so nothing leaves unencrypted. With
 * `prepared` (made ahead by `prepareEncryptedRoom`), the room and worker are that one's.
 *
 * @example
 * const { room, setKey, close } = await makeEncryptedRoom(answer.e2ee);
 */
export async function makeEncryptedRoom(key: E2EEKey, worker: () => Worker = makeWorker, prepared?: PreparedEncryptedRoom): Promise<EncryptedRoom> {
  const { keyProvider, worker: started, room } = prepared ?? prepareEncryptedRoom(worker);
  try {
    await keyProvider.setMeetingKey(key);
    await room.setE2EEEnabled(true);
    return {
      // livekit-client's Room has this shape; its typed emitter's generic `on`/`off` are what TypeScript cannot match to ours.
      room: room as unknown as LiveRoom,
      setKey: (next) => keyProvider.setMeetingKey(next),
      close: () => started.terminate(),
    };
  } catch (error) {
    started.terminate();
    throw error;
  }
}
