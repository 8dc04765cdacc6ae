// The meetings' end-to-end encryption keys at rest: a fresh random key per meeting (and per
// rotation), kept in the store only sealed under the deployment's key-encryption key.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Bytes of a meeting key and of the deployment's key-encryption key (AES-256). */
export const MEETING_KEY_BYTES = 32;
/** livekit-client's default keyring size: a key index as the elements see it is the rotation count mod this. */
export const KEYRING_SIZE = 16;

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The first bytes of every sealed key: the format, so that a later one can be told apart. */
const FORMAT = 'v1';

/**
 * A stored meeting key that cannot be opened: the deployment key is not the one it was sealed
 * under, or the stored bytes (or the meeting and index they belong to) were changed.
 */
export class MeetingKeyError extends Error {
  override readonly name = 'MeetingKeyError';
  readonly code = 'E2EE_KEY_UNREADABLE' as const;
}

/**
 * Reads a key-encryption key: 32 bytes in base64 (standard or url-safe, padded or not). Anything
 * else is a `TypeError` that says what is wrong (and never echoes the value).
 *
 * @example
 * ```ts
 * const kek = parseKeyEncryptionKey(process.env.CARE_MEET_E2EE_KEY!); // `openssl rand -base64 32`
 * ```
 */
export function parseKeyEncryptionKey(value: unknown, what = 'e2ee.keyEncryptionKey'): Buffer {
  if (typeof value !== 'string') throw new TypeError(`${what} must be a string: 32 random bytes in base64`);
  const text = value.trim();
  if (!/^(?:[A-Za-z0-9+/]{43}=?|[A-Za-z0-9_-]{43}=?)$/.test(text)) {
    throw new TypeError(
      `${what} must be 32 random bytes in base64 (43 or 44 characters, e.g. from \`openssl rand -base64 32\`); this one is ${text.length} characters`,
    );
  }
  const bytes = Buffer.from(text.replace(/=$/, ''), text.includes('-') || text.includes('_') ? 'base64url' : 'base64');
  if (bytes.length !== MEETING_KEY_BYTES) throw new TypeError(`${what} must be 32 bytes; it decodes to ${bytes.length}`);
  return bytes;
}

/** A fresh meeting key: 32 bytes from the CSPRNG. */
export function newMeetingKey(): Buffer {
  return randomBytes(MEETING_KEY_BYTES);
}

/** What a sealed key is bound to: opening it as another meeting's, or at another index, fails. */
function additionalData(meetingId: string, keyIndex: number): Buffer {
  return Buffer.from(`care-meet meeting key ${FORMAT}\0${meetingId}\0${keyIndex}`, 'utf8');
}

/**
 * Seals and opens meeting keys under the deployment's key-encryption key: AES-256-GCM, a random
 * 12-byte IV per sealed key, the meeting id and the key index as additional data. A sealed key is
 * text (`v1.` + base64url of IV, ciphertext and tag), the same on both store engines.
 *
 * @example
 * ```ts
 * const keys = new MeetingKeySealer(process.env.CARE_MEET_E2EE_KEY!);
 * const sealed = keys.seal('m_abc', 0, newMeetingKey());
 * const key = keys.open('m_abc', 0, sealed); // 32 bytes
 * ```
 */
export class MeetingKeySealer {
  readonly #kek: Buffer;

  constructor(keyEncryptionKey: string) {
    this.#kek = parseKeyEncryptionKey(keyEncryptionKey);
  }

  seal(meetingId: string, keyIndex: number, key: Uint8Array): string {
    if (key.length !== MEETING_KEY_BYTES) throw new TypeError(`MeetingKeySealer.seal: a meeting key is ${MEETING_KEY_BYTES} bytes`);
    if (!Number.isSafeInteger(keyIndex) || keyIndex < 0) throw new TypeError('MeetingKeySealer.seal: keyIndex must be a whole number from 0');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#kek, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(additionalData(meetingId, keyIndex));
    const body = Buffer.concat([cipher.update(key), cipher.final()]);
    return `${FORMAT}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
  }

  /** The 32 key bytes, or `MeetingKeyError` when this deployment key, meeting or index is not the one it was sealed for. */
  open(meetingId: string, keyIndex: number, sealed: string): Buffer {
    const where = `the meeting key of ${meetingId} (index ${keyIndex})`;
    if (typeof sealed !== 'string' || !sealed.startsWith(`${FORMAT}.`)) throw new MeetingKeyError(`${where} is not in a format this care-meet knows`);
    const bytes = Buffer.from(sealed.slice(FORMAT.length + 1), 'base64url');
    if (bytes.length !== IV_BYTES + MEETING_KEY_BYTES + TAG_BYTES) throw new MeetingKeyError(`${where} is damaged (wrong length)`);
    const decipher = createDecipheriv('aes-256-gcm', this.#kek, bytes.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(meetingId, keyIndex));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
    } catch (e) {
      throw new MeetingKeyError(
        `${where} cannot be opened: the deployment's E2EE key (CARE_MEET_E2EE_KEY) is not the one it was sealed under, or the stored key was changed`,
        { cause: e },
      );
    }
  }
}

/** The key index the elements use for the store's `keyIndex`: the rotation count mod livekit-client's keyring size. */
export function keyringIndex(keyIndex: number): number {
  return keyIndex % KEYRING_SIZE;
}
