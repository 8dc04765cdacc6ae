/**
 * Validation of free-text fields (names, phone numbers, e-mail addresses) and the shared check for
 * odd Unicode. Pure and platform-neutral: the browser elements import this module too, so no
 * `node:*` imports here.
 */
import { CareMeetError } from '../errors.js';

/**
 * Characters that have no business in a form field or a meeting title, as one class:
 * - `Cc`: C0/C1 controls, including NUL, tab and newline;
 * - `Cf`: format characters, a superset of the bidi embeddings, overrides, isolates and marks
 *   (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), the zero-width characters
 *   (U+200B–U+200D, U+2060) and the BOM (U+FEFF), plus soft hyphens and invisible operators, which
 *   can hide or reorder text just as well;
 * - `Cs`: lone surrogates, which a JS string can hold but UTF-8 cannot encode;
 * - `Co`, `Cn`: private use and unassigned code points (what they look like is anyone's guess);
 * - `Zl`, `Zp`: U+2028 and U+2029, line breaks in disguise;
 * - decimal digits other than ASCII 0-9 (full-width, Arabic-Indic, ...): rule 18 treats them as
 *   odd, since they let a personnummer slip past checks that only know ASCII digits.
 */
const ODD_UNICODE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]|(?![0-9])\p{Nd}/u;

/**
 * Names refuse, beyond {@link ODD_UNICODE}, every default-ignorable code point: the Hangul fillers
 * (U+115F, U+1160, U+3164, U+FFA0) are letters that render as nothing, and a name made of them
 * would pass the "has a letter" test while showing as blank in the roster.
 */
const NAME_IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;

const LETTER = /\p{L}/u;

/** Longest name accepted, in UTF-8 bytes (after NFC and trimming). */
export const MAX_PERSON_NAME_BYTES = 200;

/** Longest e-mail address accepted, in bytes (RFC 5321's path limit less the angle brackets). */
export const MAX_EMAIL_BYTES = 254;

/** The most UTF-8 bytes a free-text evaluation answer may hold (`POST /meetings/{id}/evaluation`). */
export const MAX_EVALUATION_ANSWER_BYTES = 2000;

/**
 * A free-text evaluation answer as a form sends it: the invisible format characters a paste can
 * bring along (soft hyphens, zero-width spaces, a BOM, bidi marks; Unicode's Cf) taken out, since
 * the person cannot see them to remove them and the server refuses them; trimmed; and cut to
 * {@link MAX_EVALUATION_ANSWER_BYTES} at a character boundary. Other odd characters stay, and the
 * server refuses them with `BAD_REQUEST`.
 *
 * @example
 * ```ts
 * evaluationAnswerText('  Bra\u00ADmöte\u200B ');  // 'Bramöte'
 * ```
 */
export function evaluationAnswerText(value: string): string {
  const text = value.replace(/\p{Cf}/gu, '').trim();
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    bytes += utf8CharLength(ch);
    if (bytes > MAX_EVALUATION_ANSWER_BYTES) break;
    end += ch.length;
  }
  return text.slice(0, end).trim();
}

/**
 * The length of `text` in UTF-8 bytes, counted without `TextEncoder` (this package assumes neither
 * a browser's nor Node's globals). A lone surrogate counts 3, as `TextEncoder` writes it (U+FFFD).
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const ch of text) bytes += utf8CharLength(ch);
  return bytes;
}

/** The UTF-8 bytes of one character as `for…of` yields it (a code point, or a lone surrogate: 3). */
function utf8CharLength(ch: string): number {
  const c = ch.codePointAt(0) as number;
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

function isAsciiWhitespace(code: number): boolean {
  // HTML's "ASCII whitespace" plus VT: TAB, LF, VT, FF, CR, SPACE.
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/**
 * Removes leading and trailing ASCII whitespace (tab, LF, VT, FF, CR, space) and nothing else.
 * Unlike `String.prototype.trim` it leaves U+FEFF, U+00A0 and U+2028 in place, so that the checks
 * after it refuse them instead of them vanishing silently. Written as a loop: a regex like `\s+$`
 * takes quadratic time on a long run of spaces followed by a non-space.
 *
 * @example
 * ```ts
 * trimAsciiWhitespace('  19121212-1212\n'); // '19121212-1212'
 * trimAsciiWhitespace('\u200b1912');         // '\u200b1912' (left for the caller to refuse)
 * ```
 */
export function trimAsciiWhitespace(value: string): string {
  if (typeof value !== 'string') throw new TypeError('trimAsciiWhitespace expects a string');
  let start = 0;
  let end = value.length;
  while (start < end && isAsciiWhitespace(value.charCodeAt(start))) start++;
  while (end > start && isAsciiWhitespace(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

const SPACE_SEPARATOR = /\p{Zs}/u;

/** Trims ASCII whitespace and space separators (U+00A0, U+3000, ...) at both ends. */
function trimSpaces(value: string): string {
  const isSpace = (ch: string): boolean => isAsciiWhitespace(ch.charCodeAt(0)) || SPACE_SEPARATOR.test(ch);
  let start = 0;
  let end = value.length;
  // Every Zs code point is in the BMP, so one UTF-16 unit at a time is enough.
  while (start < end && isSpace(value.charAt(start))) start++;
  while (end > start && isSpace(value.charAt(end - 1))) end--;
  return value.slice(start, end);
}

/**
 * Whether `value` holds a character {@link assertNoOddUnicode} refuses. A field of several lines
 * (an evaluation's comment) asks it of the text with its line breaks and tabs taken out, so that
 * the rule is the same everywhere but for those.
 *
 * @example
 * ```ts
 * hasOddUnicode('Bra möte');        // false
 * hasOddUnicode('Br\u200Ba möte');  // true: a zero-width space
 * ```
 */
export function hasOddUnicode(value: string): boolean {
  return ODD_UNICODE.test(value);
}

/**
 * Throws `BAD_REQUEST` when `value` holds a control character, a format character (bidi
 * overrides, embeddings, isolates and marks, zero-width characters, the BOM), a lone surrogate, a
 * private-use or unassigned code point, a line or paragraph separator, or a decimal digit other
 * than ASCII 0-9. The HTTP layer runs it on free-text fields such as meeting titles; the name,
 * phone and e-mail validators run it too. Newlines and tabs count as control characters: the
 * fields it guards are single-line. The error names `field`, never the value.
 *
 * @example
 * ```ts
 * assertNoOddUnicode('Återbesök hud', 'title');      // passes
 * assertNoOddUnicode('evil\u202Etxt.exe', 'title');  // throws CareMeetError BAD_REQUEST, field 'title'
 * ```
 */
export function assertNoOddUnicode(value: string, field: string): void {
  if (typeof value !== 'string') throw new TypeError('assertNoOddUnicode expects a string value');
  if (typeof field !== 'string') throw new TypeError('assertNoOddUnicode expects a field name');
  if (hasOddUnicode(value)) {
    throw new CareMeetError(
      'BAD_REQUEST',
      `${field} contains characters that are not allowed (control, format, bidi, zero-width, ` +
        'private-use or unassigned characters, line separators, or non-ASCII digits).',
      { field },
    );
  }
}

/** Code units a name may have before NFC; generous, since NFC can shrink decomposed text ~3x. */
const MAX_PERSON_NAME_UNITS = MAX_PERSON_NAME_BYTES * 5;

/**
 * Validates a person's display name and returns it NFC-normalised and trimmed (ASCII whitespace
 * and Unicode space separators at both ends). It must be a string of 1 to 200 UTF-8 bytes with at
 * least one letter, and free of the characters {@link assertNoOddUnicode} refuses and of
 * default-ignorable code points (Hangul fillers, variation selectors). Inner text is never altered
 * beyond NFC. Refusals are `INVALID_NAME` carrying `field`, never the value.
 *
 * @param field where the name sits in the request, for the error (default `name`).
 * @example
 * ```ts
 * validatePersonName('  Åsa Öberg-Ärlig '); // 'Åsa Öberg-Ärlig'
 * validatePersonName('Zoë\u200bD', 'participants[0].name'); // throws INVALID_NAME
 * ```
 */
export function validatePersonName(input: unknown, field = 'name'): string {
  const refuse = (why: string): CareMeetError => new CareMeetError('INVALID_NAME', `Name ${why}.`, { field });
  if (typeof input !== 'string') throw refuse('must be a string');
  const trimmed = trimSpaces(input);
  if (trimmed.length > MAX_PERSON_NAME_UNITS) {
    throw refuse(`must be at most ${MAX_PERSON_NAME_BYTES} bytes in UTF-8`);
  }
  if (hasOddUnicode(trimmed) || NAME_IGNORABLE.test(trimmed)) {
    throw refuse('contains characters that are not allowed (control, bidi, zero-width, invisible or unassigned)');
  }
  // NFC cannot produce any of the refused characters, nor leading or trailing spaces.
  const name = trimmed.normalize('NFC');
  const bytes = utf8Length(name);
  if (bytes === 0) throw refuse('must not be empty');
  if (bytes > MAX_PERSON_NAME_BYTES) throw refuse(`must be at most ${MAX_PERSON_NAME_BYTES} bytes in UTF-8`);
  if (!LETTER.test(name)) throw refuse('must contain at least one letter');
  return name;
}

/** Longest phone input looked at; 15 digits with separators between every one fit well within. */
const MAX_PHONE_INPUT = 40;
/** `+` (optional), then digit groups separated by runs of spaces or hyphens. ASCII only. */
const PHONE_SHAPE = /^\+?[0-9]+(?:[ -]+[0-9]+)*$/;

/**
 * Normalises a phone number to E.164 (`+` and 8 to 15 digits, the first not 0). Accepts the
 * international form (`+46 70-123 45 67`, `+4512345678`) and the Swedish national form with one
 * leading 0 (`070-123 45 67`, turned into `+46701234567`). Spaces and hyphens may separate digit
 * groups; anything else (letters, parentheses, dots, non-ASCII digits or spaces) is refused. A
 * number with neither `+` nor a single leading 0 is refused rather than guessed at, and so is the
 * `00` international prefix. Refusals are `INVALID_PHONE`, never echoing the value.
 *
 * @param field where the number sits in the request, for the error (default `phone`).
 * @example
 * ```ts
 * normalizePhone('+46 70-123 45 67'); // '+46701234567'
 * normalizePhone('0701234567');       // '+46701234567'
 * normalizePhone('+4512345678');      // '+4512345678'
 * ```
 */
export function normalizePhone(input: unknown, field = 'phone'): string {
  const refuse = (why: string): CareMeetError => new CareMeetError('INVALID_PHONE', `Phone number ${why}.`, { field });
  if (typeof input !== 'string') throw refuse('must be a string');
  const trimmed = trimAsciiWhitespace(input);
  if (trimmed.length > MAX_PHONE_INPUT || !PHONE_SHAPE.test(trimmed)) {
    throw refuse('must be digits with optional spaces or hyphens, starting with + and a country code or with 0');
  }
  const digits = trimmed.replace(/[ -]/g, '');
  let international: string;
  if (digits.startsWith('+')) {
    international = digits.slice(1);
  } else if (digits.startsWith('0') && !digits.startsWith('00')) {
    international = `46${digits.slice(1)}`;
  } else {
    throw refuse('must start with + and a country code, or be a Swedish number starting with a single 0');
  }
  if (international.length < 8 || international.length > 15 || international.startsWith('0')) {
    throw refuse('must have 8 to 15 digits after the country prefix +, the first not 0');
  }
  return `+${international}`;
}

/** RFC 5322 `atext`: the characters of an unquoted local-part word. */
const LOCAL_WORD = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const TOP_LEVEL_LABEL = /^[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

/**
 * Normalises an e-mail address: trims ASCII whitespace, lower-cases the domain only (local parts
 * may be case-sensitive) and returns it. Pragmatic, ASCII-only rules: at most 254 bytes; exactly
 * one `@`; a local part of at most 64 dot-separated words of RFC 5322 `atext` (no quoted strings,
 * no leading, trailing or double dots); a domain of at least two labels of letters, digits and
 * inner hyphens, each at most 63 characters, the last starting with a letter. International
 * domains must be given in their `xn--` form. Refusals are `INVALID_EMAIL`, never echoing the value.
 *
 * @param field where the address sits in the request, for the error (default `email`).
 * @example
 * ```ts
 * normalizeEmail(' Anna.Berg@Region.Example.SE '); // 'Anna.Berg@region.example.se'
 * ```
 */
export function normalizeEmail(input: unknown, field = 'email'): string {
  const refuse = (why: string): CareMeetError => new CareMeetError('INVALID_EMAIL', `E-mail address ${why}.`, { field });
  if (typeof input !== 'string') throw refuse('must be a string');
  const trimmed = trimAsciiWhitespace(input);
  if (trimmed.length === 0) throw refuse('must not be empty');
  if (hasOddUnicode(trimmed)) throw refuse('contains control, bidi or zero-width characters');
  if (!/^[\x21-\x7e]*$/.test(trimmed)) throw refuse('must be printable ASCII (use the xn-- form for international domains)');
  if (utf8Length(trimmed) > MAX_EMAIL_BYTES) throw refuse(`must be at most ${MAX_EMAIL_BYTES} bytes`);
  const at = trimmed.indexOf('@');
  if (at < 0 || at !== trimmed.lastIndexOf('@')) throw refuse('must contain exactly one @');
  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1);
  if (local.length === 0 || local.length > 64 || !local.split('.').every((word) => LOCAL_WORD.test(word))) {
    throw refuse('has a local part that is not accepted');
  }
  const labels = domain.split('.');
  const last = labels[labels.length - 1] ?? '';
  if (labels.length < 2 || !labels.every((label) => label.length <= 63 && DOMAIN_LABEL.test(label)) || !TOP_LEVEL_LABEL.test(last)) {
    throw refuse('has a domain that is not accepted');
  }
  return `${local}@${domain.toLowerCase()}`;
}
