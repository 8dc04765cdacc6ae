/**
 * Norwegian fødselsnummer and D-nummer. Pure and platform-neutral: the browser elements import this
 * module too (the chat scan), so no `node:*` imports here.
 *
 * The number is `DDMMYYIIIKK`: the date of birth, a three-digit individual number, two check
 * digits. A D-nummer (given to people who are not resident) adds 4 to the first digit, so its day
 * reads 41 to 71. Until 2032 the individual number, together with the two-digit year, gives the
 * century (Skatteetaten's allocation series, as KITH 1001 tabulates them):
 *
 * | individual number | year  | born      |
 * | ----------------- | ----- | --------- |
 * | 000-499           | 00-99 | 1900-1999 |
 * | 500-749           | 54-99 | 1854-1899 |
 * | 500-999           | 00-39 | 2000-2039 |
 * | 900-999           | 40-99 | 1940-1999 |
 *
 * Any other pairing (e.g. 750-899 with year 40-99) has never been issued and is refused.
 *
 * Check digits: with weights 3,7,6,1,8,9,4,5,2 over the first nine digits plus 1 × K1, the sum is
 * 0 modulo 11; with weights 5,4,3,2,7,6,5,4,3,2 over the first ten plus 1 × K2, likewise.
 *
 * The 2032 change: numbers issued from 1 January 2032 may have a K1 for which that first sum leaves
 * 0, 1, 2 or 3 modulo 11 (K2 is unchanged), and their individual number no longer tells the century.
 * Source: Skatteetaten, "Nytt fødselsnummer fra 2032", in the Folkeregisteret API documentation
 * (github.com/Skatteetaten/folkeregisteret-api-dokumentasjon, src/om-tjenestene/nyttfnr2032.md).
 * Such numbers cannot exist before that day, so the relaxed rule applies only when `now` is on or
 * after 2032-01-01 (UTC); before it, only the current rule is accepted, which keeps out of bookings
 * today the typos the relaxed rule would let through (it takes four remainders instead of one).
 *
 * H-nummer (month plus 40), FH-nummer (first digit 8 or 9) and the synthetic test numbers of
 * Skatteetaten's Tenor (month plus 80) are not identities BankID proves: their "dates" are not real
 * and they are refused as such.
 */
import { CareMeetError } from '../errors.js';
import { compareCalendarDates, isRealDate, utcCalendarDate } from './personnummer.js';
import { trimAsciiWhitespace } from './text.js';

/** `DDMMYY`, an optional space or `-`, `IIIKK`: ASCII digits only. */
const FNR_FORM = /^([0-9]{6})[ -]?([0-9]{5})$/;
const CANONICAL_FNR = /^[0-9]{11}$/;
const K1_WEIGHTS = [3, 7, 6, 1, 8, 9, 4, 5, 2, 1] as const;
const K2_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1] as const;
/** D-nummer add this to the day of birth. */
const D_NUMMER_DAY_OFFSET = 40;
/** From this moment numbers issued under the 2032 rules may exist (Skatteetaten, see the header). */
const RULES_2032_FROM = Date.UTC(2032, 0, 1);

/**
 * Why {@link checkFodselsnummer} refused a number: one code per refusal of
 * {@link normalizeFodselsnummer}, which turns it into an `INVALID_FNR` error.
 */
export type FodselsnummerProblem = 'form' | 'individual-number' | 'no-real-date' | 'future' | 'check-digits';

/** What {@link checkFodselsnummer} decides: the canonical 11 digits, or why not. */
export type FodselsnummerCheck = { ok: true; fnr: string; dNummer: boolean } | { ok: false; problem: FodselsnummerProblem };

/** The message of each refusal. It never contains the value. */
const FNR_REFUSALS: Readonly<Record<FodselsnummerProblem, string>> = {
  form: 'Fødselsnummer or D-nummer must be 11 ASCII digits, DDMMYYIIIKK (a space or - after the date is allowed).',
  'individual-number': 'Fødselsnummer or D-nummer: its individual number was never issued for that birth year.',
  'no-real-date': 'Fødselsnummer or D-nummer does not contain a real date of birth.',
  future: 'Fødselsnummer or D-nummer has a date of birth in the future.',
  'check-digits': 'Fødselsnummer or D-nummer check digits do not match.',
};

/** The weighted sum of the first `weights.length` digits, modulo 11. */
function mod11(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (digits.charCodeAt(i) - 0x30) * (weights[i] ?? 0);
  return sum % 11;
}

/** The birth year the individual number and two-digit year give under the pre-2032 series, or null. */
function centuryYear(yy: number, individual: number): number | null {
  if (individual <= 499) return 1900 + yy;
  if (individual <= 749 && yy >= 54) return 1800 + yy;
  if (yy <= 39) return 2000 + yy;
  if (individual >= 900) return 1900 + yy;
  return null;
}

/**
 * Validates a Norwegian fødselsnummer or D-nummer and returns its canonical form, 11 ASCII digits.
 *
 * Accepted: `DDMMYYIIIKK`, or `DDMMYY IIIKK` / `DDMMYY-IIIKK`, with ASCII whitespace allowed around;
 * any other character (non-ASCII digits, zero-width or bidi characters) is refused. The date (a
 * D-nummer's day minus 40) must exist in the century the individual number gives and must not be
 * after `now`; both check digits must match. From 2032 the relaxed rules of the module header also
 * apply. Refusals are `INVALID_FNR`; the message never contains the value.
 *
 * @param now the moment to judge "in the future" and the 2032 rules by; tests pass a fixed one.
 * @example
 * ```ts
 * normalizeFodselsnummer('301082 99920'); // '30108299920' (Skatteetaten's own example number)
 * normalizeFodselsnummer('30108299921');  // throws CareMeetError INVALID_FNR (check digits)
 * ```
 */
export function normalizeFodselsnummer(input: string, now: Date = new Date()): string {
  if (typeof input !== 'string') throw new TypeError('normalizeFodselsnummer expects a string');
  const result = checkFodselsnummer(input, now);
  if (!result.ok) throw new CareMeetError('INVALID_FNR', FNR_REFUSALS[result.problem]);
  return result.fnr;
}

/**
 * The rules of {@link normalizeFodselsnummer}, without an error: the canonical 11 digits (and
 * whether it is a D-nummer), or which rule refused the number. For callers that only want to know,
 * such as the chat scan. Throws `TypeError` for a non-string or an invalid `now`.
 *
 * @param now the moment to judge "in the future" and the 2032 rules by.
 * @example
 * ```ts
 * checkFodselsnummer('30108299920'); // { ok: true, fnr: '30108299920', dNummer: false }
 * checkFodselsnummer('70108299914'); // { ok: true, fnr: '70108299914', dNummer: true }
 * checkFodselsnummer('30108299921'); // { ok: false, problem: 'check-digits' }
 * ```
 */
export function checkFodselsnummer(input: string, now: Date = new Date()): FodselsnummerCheck {
  if (typeof input !== 'string') throw new TypeError('checkFodselsnummer expects a string');
  const today = utcCalendarDate(now);
  const match = FNR_FORM.exec(trimAsciiWhitespace(input));
  if (!match) return { ok: false, problem: 'form' };
  const digits = (match[1] ?? '') + (match[2] ?? '');
  const dNummer = digits.charCodeAt(0) - 0x30 >= 4;
  const day = Number(digits.slice(0, 2)) - (dNummer ? D_NUMMER_DAY_OFFSET : 0);
  const month = Number(digits.slice(2, 4));
  const yy = Number(digits.slice(4, 6));
  const k1Rest = mod11(digits, K1_WEIGHTS);
  const k2Ok = mod11(digits, K2_WEIGHTS) === 0;

  const strict = ((): FodselsnummerProblem | null => {
    const year = centuryYear(yy, Number(digits.slice(6, 9)));
    if (year === null) return 'individual-number';
    if (!isRealDate(year, month, day)) return 'no-real-date';
    if (compareCalendarDates({ year, month, day }, today) > 0) return 'future';
    return k1Rest === 0 && k2Ok ? null : 'check-digits';
  })();
  if (strict === null) return { ok: true, fnr: digits, dNummer };

  if (now.getTime() >= RULES_2032_FROM && k1Rest <= 3 && k2Ok) {
    // Issued under the 2032 rules: the century is no longer in the number, so the date must be
    // real, and not in the future, in one of the centuries of people alive to be given one.
    const born = [1900 + yy, 2000 + yy].some((year) => isRealDate(year, month, day) && compareCalendarDates({ year, month, day }, today) <= 0);
    if (born) return { ok: true, fnr: digits, dNummer };
  }
  return { ok: false, problem: strict };
}

/**
 * True when a canonical fødselsnummer (from {@link normalizeFodselsnummer}) is a D-nummer: its
 * first digit is 4 or more. Throws `TypeError` for anything but 11 ASCII digits.
 *
 * @example
 * ```ts
 * isDNummer('70108299914'); // true
 * isDNummer('30108299920'); // false
 * ```
 */
export function isDNummer(fnr: string): boolean {
  if (typeof fnr !== 'string' || !CANONICAL_FNR.test(fnr)) throw new TypeError('isDNummer expects a canonical 11-digit fødselsnummer');
  return fnr.charCodeAt(0) - 0x30 >= 4;
}

/**
 * Masks a fødselsnummer or D-nummer for display and logs, keeping at most the two-digit birth year:
 * `30108299920` becomes `****82 *****`. It never throws, so it is safe in a logging path: anything
 * else comes back fully masked (`****** *****`).
 *
 * @example
 * ```ts
 * maskFodselsnummer('30108299920'); // '****82 *****'
 * ```
 */
export function maskFodselsnummer(fnr: string): string {
  if (typeof fnr === 'string' && (CANONICAL_FNR.test(fnr) || /^[0-9]{6}[ -][0-9]{5}$/.test(fnr))) return `****${fnr.slice(4, 6)} *****`;
  return '****** *****';
}
