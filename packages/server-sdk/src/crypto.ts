import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A random opaque id from the CSPRNG: `prefix` + base64url of `bytes` random bytes.
 * 16 bytes give 128 bits, the floor for room names and secrets (SECURITY.md rules 8 and 16).
 */
export function randomId(prefix: string, bytes = 16): string {
  if (bytes < 16) throw new TypeError('randomId: at least 16 bytes (128 bits)');
  return prefix + randomBytes(bytes).toString('base64url');
}

/** A random string of decimal digits, each drawn without modulo bias. */
export function randomDigits(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 250 && out.length < length) out += String(byte % 10);
    }
  }
  return out;
}

/** SHA-256 of a high-entropy secret (an invitation or session token), hex. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * The keyed hash a registered or proven identity is stored and matched as. It is namespaced by
 * source (`pnr:`, `hsa:`, `cpr:`, `fnr:`, `hetu:`) so that equal digit strings from different sources never match.
 * Keyed (HMAC) because a personnummer has too little entropy for a plain hash to protect it.
 */
export function identityKey(secret: Uint8Array | string, namespaced: string): string {
  return createHmac('sha256', secret).update(namespaced, 'utf8').digest('base64url');
}

/** Compares two strings in time independent of where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}
