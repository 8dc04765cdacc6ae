/**
 * Finnish henkilötunnus (personal identity code). Pure and platform-neutral: the browser elements
 * import this module too (the chat scan), so no `node:*` imports here.
 *
 * The code is `DDMMYYCZZZQ`: the date of birth, the century sign `C`, the individual number `ZZZ`
 * and the check character `Q`.
 * - Century sign: `+` the 1800s; `-` the 1900s; `A` the 2000s. Since 1 January 2023 (Government
 *   Decree of 8 July 2022, DVV's "henkilötunnuksen välimerkkiuudistus") also `Y X W V U` for the
 *   1900s and `B C D E F` for the 2000s, handed out once a date's older signs run out. The sign is
 *   part of the identity since then: `010190-999K` and `010190Y999K` are two people, so the
 *   canonical form keeps it.
 * - Individual number: 002-899 for permanent codes; 900-999 for temporary ones (given e.g. by a
 *   hospital before the Population Information System has the person) and used by the test
 *   environments, Suomi.fi's included. Both are accepted: a temporary code is still a person's
 *   identifier (the chat guard must catch it), and a booking for one simply never matches a
 *   Suomi.fi login, which proves permanent codes only. 000 and 001 are never issued.
 * - Check character: the nine digits `DDMMYYZZZ` as one number, modulo 31, indexing
 *   `0123456789ABCDEFHJKLMNPRSTUVWXY` (no G, I, O, Q, Z).
 */
import { CareMeetError } from '../errors.js';
import { compareCalendarDates, isRealDate, utcCalendarDate } from './personnummer.js';
import { trimAsciiWhitespace } from './text.js';

/** `DDMMYY`, a century sign, `ZZZ`, the check character; letters in either case. */
const HETU_FORM = /^([0-9]{6})([-+A-FU-Y])([0-9]{3})([0-9A-Y])$/i;
const CANONICAL_HETU = /^[0-9]{6}[-+A-FU-Y][0-9]{3}[0-9A-FHJ-NPR-Y]$/;
const CHECK_CHARACTERS = '0123456789ABCDEFHJKLMNPRSTUVWXY';

/** The century each sign stands for. */
const CENTURY_OF_SIGN: Readonly<Record<string, number>> = {
  '+': 1800,
  '-': 1900,
  Y: 1900,
  X: 1900,
  W: 1900,
  V: 1900,
  U: 1900,
  A: 2000,
  B: 2000,
  C: 2000,
  D: 2000,
  E: 2000,
  F: 2000,
};

/**
 * Why {@link checkHenkilotunnus} refused a code: one code per refusal of
 * {@link normalizeHenkilotunnus}, which turns it into an `INVALID_HETU` error.
 */
export type HenkilotunnusProblem = 'form' | 'individual-number' | 'no-real-date' | 'future' | 'check-character';

/** What {@link checkHenkilotunnus} decides: the canonical code (upper case), or why not. */
export type HenkilotunnusCheck = { ok: true; hetu: string; temporary: boolean } | { ok: false; problem: HenkilotunnusProblem };

/** The message of each refusal. It never contains the value. */
const HETU_REFUSALS: Readonly<Record<HenkilotunnusProblem, string>> = {
  form: 'Henkilötunnus must be DDMMYYCZZZQ: a date, a century sign (+, -, A-F or U-Y), three digits and a check character.',
  'individual-number': 'Henkilötunnus: individual numbers 000 and 001 are never issued.',
  'no-real-date': 'Henkilötunnus does not contain a real date of birth.',
  future: 'Henkilötunnus has a date of birth in the future.',
  'check-character': 'Henkilötunnus check character does not match.',
};

/** The check character of the nine digits `DDMMYYZZZ`. */
function checkCharacter(nineDigits: string): string {
  return CHECK_CHARACTERS.charAt(Number(nineDigits) % 31);
}

/**
 * Validates a Finnish henkilötunnus and returns its canonical form: 11 characters, letters in
 * upper case, `DDMMYYCZZZQ`.
 *
 * Accepted: that shape with ASCII whitespace around and letters in either case; anything else
 * (inner spaces, non-ASCII digits or letters, zero-width or bidi characters) is refused. The date
 * must exist in the century its sign gives and not be after `now`; the individual number must not
 * be 000 or 001; the check character must match. Refusals are `INVALID_HETU`; the message never
 * contains the value.
 *
 * @param now the moment to judge "in the future" by (compared as a UTC date).
 * @example
 * ```ts
 * normalizeHenkilotunnus('131052-308t'); // '131052-308T' (DVV's example code)
 * normalizeHenkilotunnus('131052-308U'); // throws CareMeetError INVALID_HETU (check character)
 * ```
 */
export function normalizeHenkilotunnus(input: string, now: Date = new Date()): string {
  if (typeof input !== 'string') throw new TypeError('normalizeHenkilotunnus expects a string');
  const result = checkHenkilotunnus(input, now);
  if (!result.ok) throw new CareMeetError('INVALID_HETU', HETU_REFUSALS[result.problem]);
  return result.hetu;
}

/**
 * The rules of {@link normalizeHenkilotunnus}, without an error: the canonical code (and whether
 * its individual number is a temporary one, 900-999), or which rule refused it. For callers that
 * only want to know, such as the chat scan. Throws `TypeError` for a non-string or an invalid `now`.
 *
 * @param now the moment to judge "in the future" by (compared as a UTC date).
 * @example
 * ```ts
 * checkHenkilotunnus('131052-308T'); // { ok: true, hetu: '131052-308T', temporary: false }
 * checkHenkilotunnus('010594Y9032'); // { ok: true, hetu: '010594Y9032', temporary: true }
 * checkHenkilotunnus('310252-308T'); // { ok: false, problem: 'no-real-date' }
 * ```
 */
export function checkHenkilotunnus(input: string, now: Date = new Date()): HenkilotunnusCheck {
  if (typeof input !== 'string') throw new TypeError('checkHenkilotunnus expects a string');
  const today = utcCalendarDate(now);
  const match = HETU_FORM.exec(trimAsciiWhitespace(input));
  if (!match) return { ok: false, problem: 'form' };
  const [, ddmmyy = '', signRaw = '', individual = '', checkRaw = ''] = match;
  const sign = signRaw.toUpperCase();
  const year = (CENTURY_OF_SIGN[sign] ?? 0) + Number(ddmmyy.slice(4, 6));
  const month = Number(ddmmyy.slice(2, 4));
  const day = Number(ddmmyy.slice(0, 2));
  if (Number(individual) < 2) return { ok: false, problem: 'individual-number' };
  if (!isRealDate(year, month, day)) return { ok: false, problem: 'no-real-date' };
  if (compareCalendarDates({ year, month, day }, today) > 0) return { ok: false, problem: 'future' };
  const check = checkRaw.toUpperCase();
  if (checkCharacter(ddmmyy + individual) !== check) return { ok: false, problem: 'check-character' };
  return { ok: true, hetu: `${ddmmyy}${sign}${individual}${check}`, temporary: Number(individual) >= 900 };
}

/**
 * Masks a henkilötunnus for display and logs, keeping at most the birth year (two digits and the
 * century sign): `131052-308T` becomes `****52-****`. It never throws, so it is safe in a logging
 * path: anything else comes back fully masked (`***********`).
 *
 * @example
 * ```ts
 * maskHenkilotunnus('131052-308T'); // '****52-****'
 * maskHenkilotunnus('010105A904W'); // '****05A****'
 * ```
 */
export function maskHenkilotunnus(hetu: string): string {
  if (typeof hetu === 'string' && CANONICAL_HETU.test(hetu)) return `****${hetu.slice(4, 7)}****`;
  return '***********';
}
