import { CareMeetError } from '../errors.js';

/** The default request body limit: enough for a meeting with 50 participants. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/**
 * Reads a request body as UTF-8 text, refusing more than `limit` bytes while it streams in
 * (a lying or missing Content-Length cannot get past it).
 */
export async function readBodyText(request: Request, limit: number): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch (cause) {
    throw new CareMeetError('BAD_REQUEST', 'the body is not valid UTF-8', { cause });
  }
}

function tooLarge(limit: number): CareMeetError {
  return new CareMeetError('PAYLOAD_TOO_LARGE', `the body is larger than ${limit} bytes`);
}

/**
 * Parses a JSON request body. Refuses a wrong media type, a body over `limit`, malformed JSON and
 * any `__proto__`, `constructor` or `prototype` key at any depth.
 */
export async function readJsonBody(request: Request, limit = DEFAULT_BODY_LIMIT): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new CareMeetError('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
  }
  const text = await readBodyText(request, limit);
  return parseJsonStrict(text);
}

/** `JSON.parse` that refuses prototype-polluting keys anywhere in the document. */
export function parseJsonStrict(text: string): unknown {
  try {
    return JSON.parse(text, (key, value: unknown) => {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw new ForbiddenKey();
      return value;
    });
  } catch (e) {
    if (e instanceof ForbiddenKey) throw new CareMeetError('BAD_REQUEST', 'the body has a forbidden key');
    throw new CareMeetError('BAD_REQUEST', 'the body is not valid JSON');
  }
}

class ForbiddenKey extends Error {}
