/**
 * HSA-ids, the Swedish healthcare directory's identifiers for staff (rule 13). Pure and
 * platform-neutral: the browser elements import this module too, so no `node:*` imports here.
 */
import { CareMeetError } from '../errors.js';
import { trimAsciiWhitespace } from './text.js';

/** Longest HSA-id accepted, in characters (all ASCII). */
export const MAX_HSA_ID_LENGTH = 31;

/** `SE`, a 10-digit organisation number, `-`, then ASCII letters and digits. Case is kept. */
const HSA_ID = /^SE[0-9]{10}-[A-Za-z0-9]+$/;

/**
 * Validates an HSA-id and returns it unchanged: `SE`, a 10-digit organisation number, `-`, then
 * one or more ASCII letters and digits, at most 31 characters. Case is exact: `se…` is refused, and
 * nothing is upper- or lower-cased, because rule 11 compares the id byte for byte. ASCII whitespace
 * around the id is trimmed (it cannot make two ids equal); anything inside is kept and judged.
 * The organisation number's own check digit is not verified. Refusals are `INVALID_HSA_ID`,
 * never echoing the value.
 *
 * @example
 * ```ts
 * validateHsaId('SE2321000016-A1B2'); // 'SE2321000016-A1B2'
 * validateHsaId('se2321000016-A1B2'); // throws CareMeetError INVALID_HSA_ID
 * ```
 */
export function validateHsaId(input: string): string {
  if (typeof input !== 'string') throw new TypeError('validateHsaId expects a string');
  const value = trimAsciiWhitespace(input);
  if (value.length > MAX_HSA_ID_LENGTH) {
    throw new CareMeetError('INVALID_HSA_ID', `HSA-id must be at most ${MAX_HSA_ID_LENGTH} characters.`);
  }
  if (!HSA_ID.test(value)) {
    throw new CareMeetError('INVALID_HSA_ID', 'HSA-id must be SE, a 10-digit organisation number, a hyphen, then ASCII letters and digits.');
  }
  return value;
}

/**
 * Masks an HSA-id for display and logs, showing only its last four characters:
 * `SE2321000016-A1B2` becomes `****A1B2`. It never throws, so it is safe in a logging path; a value
 * that is not a valid HSA-id comes back as `****` alone.
 *
 * @example
 * ```ts
 * maskHsaId('SE2321000016-A1B2'); // '****A1B2'
 * ```
 */
export function maskHsaId(hsa: string): string {
  if (typeof hsa === 'string' && hsa.length <= MAX_HSA_ID_LENGTH && HSA_ID.test(hsa)) {
    return `****${hsa.slice(-4)}`;
  }
  return '****';
}
