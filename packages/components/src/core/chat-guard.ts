import { findNationalIds, type NationalIdKind } from '@care-meet/protocol/validation';

export type { NationalIdKind } from '@care-meet/protocol/validation';

/** The data-message topic care-meet's chat travels on; other topics are not chat. */
export const CHAT_TOPIC = 'care-meet.chat';

/** Longest message, in UTF-16 code units: a chat line, not a letter. */
export const CHAT_MAX_LENGTH = 1000;

/**
 * Whether a chat message may be sent, and if not, why:
 * - `empty`: nothing but white space.
 * - `too-long`: over {@link CHAT_MAX_LENGTH}.
 * - `national-id`: it holds a personnummer, samordningsnummer, CPR number, fødselsnummer, D-nummer or
 *   henkilötunnus (date- and checksum-verified); `kinds` says which, for the person's explanation.
 */
export type ChatVerdict =
  { ok: true; text: string } | { ok: false; reason: 'empty' | 'too-long' } | { ok: false; reason: 'national-id'; kinds: NationalIdKind[] };

/**
 * Decides whether a chat message may leave this browser (design rule 6). The server cannot see
 * data messages (they go peer to media server to peer), so this is where the rule is kept; every
 * receiving browser masks what a modified client might still send (`maskNationalIds`).
 *
 * @param now the moment ages are judged by (a personnummer dated in the future is no hit); tests pass one.
 * @example
 * checkChatMessage('Esthers nummer är 19121212-1212'); // { ok: false, reason: 'national-id', kinds: ['pnr'] }
 * checkChatMessage('Vi ses kl 10');                   // { ok: true, text: 'Vi ses kl 10' }
 */
export function checkChatMessage(input: string, now: Date = new Date()): ChatVerdict {
  const text = input.trim();
  if (!text) return { ok: false, reason: 'empty' };
  if (text.length > CHAT_MAX_LENGTH) return { ok: false, reason: 'too-long' };
  const found = findNationalIds(text, now);
  if (found.length) return { ok: false, reason: 'national-id', kinds: [...new Set(found.map((match) => match.kind))] };
  return { ok: true, text };
}

/**
 * Replaces every national identity number `findNationalIds` finds in `text` with `mask`, for
 * messages received from others (a browser without the guard could still send one).
 *
 * @example
 * maskNationalIds('ring 19121212-1212'); // 'ring ••••'
 */
export function maskNationalIds(text: string, mask = '••••', now: Date = new Date()): string {
  const found = findNationalIds(text, now);
  let out = '';
  let from = 0;
  for (const { start, end } of found) {
    out += text.slice(from, start) + mask;
    from = end;
  }
  return out + text.slice(from);
}

/** What travels in a chat data message: versioned, so a later format can be told apart. */
interface ChatWire {
  v: 1;
  id: string;
  text: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A chat message as data-message bytes.
 *
 * @example
 * room.localParticipant.publishData(encodeChat('m1', 'Hej'), { reliable: true, topic: CHAT_TOPIC });
 */
export function encodeChat(id: string, text: string): Uint8Array {
  const wire: ChatWire = { v: 1, id, text };
  return encoder.encode(JSON.stringify(wire));
}

/**
 * Reads a chat data message; `null` for anything malformed or oversized (it came from another
 * browser and is not trusted).
 *
 * @example
 * decodeChat(encodeChat('m1', 'Hej')); // { id: 'm1', text: 'Hej' }
 */
export function decodeChat(bytes: Uint8Array): { id: string; text: string } | null {
  if (bytes.byteLength > CHAT_MAX_LENGTH * 4 + 200) return null;
  try {
    const wire = JSON.parse(decoder.decode(bytes)) as Partial<ChatWire> | null;
    if (wire?.v !== 1 || typeof wire.id !== 'string' || typeof wire.text !== 'string') return null;
    const text = wire.text.trim();
    if (!text || text.length > CHAT_MAX_LENGTH) return null;
    return { id: wire.id.slice(0, 64), text };
  } catch {
    return null;
  }
}
