/**
 * Danish CPR numbers (rule 14). Pure and platform-neutral: the browser elements import this module
 * too, so no `node:*` imports here.
 */
import { CareMeetError } from '../errors.js';
import { type CalendarDate, compareCalendarDates, isRealDate, utcCalendarDate } from './personnummer.js';
import { trimAsciiWhitespace } from './text.js';

/** `DDMMYY`, an optional `-`, `SSSS`: ASCII digits only. */
const CPR_FORM = /^([0-9]{6})-?([0-9]{4})$/;
const CANONICAL_CPR = /^[0-9]{10}$/;
const MOD11_WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1] as const;

/**
 * Why {@link checkCpr} refused a number: one code per refusal of {@link normalizeCpr} (and of
 * {@link cprBirthDate}: `form` and `no-real-date`), which turn it into an `INVALID_CPR` error.
 */
export type CprProblem = 'form' | 'no-real-date' | 'future';

/** What {@link checkCpr} decides: the canonical 10 digits, or why not. */
export type CprCheck = { ok: true; cpr: string } | { ok: false; problem: CprProblem };

/** The message of each refusal. It never contains the value. */
const CPR_REFUSALS: Readonly<Record<CprProblem, string>> = {
  form: 'CPR number must be DDMMYY-SSSS or DDMMYYSSSS, in ASCII digits.',
  'no-real-date': 'CPR number does not contain a real date of birth.',
  future: 'CPR number has a date of birth in the future.',
};

function refuse(problem: CprProblem): CareMeetError {
  return new CareMeetError('INVALID_CPR', CPR_REFUSALS[problem]);
}

/**
 * The birth year a CPR number stands for: its two-digit year, with the century read from the
 * seventh digit (the first of the serial) as the CPR office defines it:
 * 0-3: 1900s; 4 and 9: 00-36 in the 2000s, 37-99 in the 1900s; 5-8: 00-57 in the 2000s, 58-99
 * in the 1800s.
 */
function cprYear(yy: number, seventhDigit: number): number {
  if (seventhDigit <= 3) return 1900 + yy;
  if (seventhDigit === 4 || seventhDigit === 9) return (yy <= 36 ? 2000 : 1900) + yy;
  return (yy <= 57 ? 2000 : 1800) + yy;
}

/**
 * Parses `DDMMYY-SSSS` or `DDMMYYSSSS` (already trimmed) into digits and a checked birth date, or
 * the problem that refuses it.
 */
function parseCpr(value: string): { digits: string; birth: CalendarDate } | CprProblem {
  const match = CPR_FORM.exec(value);
  if (!match) return 'form';
  const [, ddmmyy = '', serial = ''] = match;
  const day = Number(ddmmyy.slice(0, 2));
  const month = Number(ddmmyy.slice(2, 4));
  const year = cprYear(Number(ddmmyy.slice(4, 6)), Number(serial.charAt(0)));
  if (!isRealDate(year, month, day)) return 'no-real-date';
  return { digits: ddmmyy + serial, birth: { year, month, day } };
}

/**
 * Validates a Danish CPR number and returns its canonical form, 10 ASCII digits `DDMMYYSSSS`.
 *
 * Accepted: `DDMMYY-SSSS` or `DDMMYYSSSS`, with ASCII whitespace allowed around; any other
 * character (non-ASCII digits, zero-width or bidi characters, inner spaces) is refused. The date
 * must exist in the century the seventh digit gives (see {@link cprBirthDate}) and must not be after
 * `now` (a century digit that puts the birth in the future does not fit). The modulus-11 check is
 * deliberately not applied: numbers issued since 2007 may fail it (rule 14). Refusals are
 * `INVALID_CPR`; the message never contains the value.
 *
 * @param now the moment to judge "in the future" by (compared as a UTC date).
 * @example
 * ```ts
 * normalizeCpr('070761-4285'); // '0707614285'
 * normalizeCpr('0101701234');  // '0101701234' (fails modulus 11, accepted all the same)
 * normalizeCpr('300270-1234'); // throws CareMeetError INVALID_CPR (30 February)
 * ```
 */
export function normalizeCpr(input: string, now: Date = new Date()): string {
  if (typeof input !== 'string') throw new TypeError('normalizeCpr expects a string');
  const result = checkCpr(input, now);
  if (!result.ok) throw refuse(result.problem);
  return result.cpr;
}

/**
 * The rules of {@link normalizeCpr}, without an error: the canonical 10 digits, or which rule
 * refused the number. For callers that only want to know, such as the chat scan
 * (`findNationalIds`), which then carries neither the error class nor the messages into a browser.
 * Throws `TypeError` for a non-string or an invalid `now`, as `normalizeCpr` does.
 *
 * @param now the moment to judge "in the future" by (compared as a UTC date).
 * @example
 * ```ts
 * checkCpr('070761-4285'); // { ok: true, cpr: '0707614285' }
 * checkCpr('300270-1234'); // { ok: false, problem: 'no-real-date' } (30 February)
 * ```
 */
export function checkCpr(input: string, now: Date = new Date()): CprCheck {
  if (typeof input !== 'string') throw new TypeError('checkCpr expects a string');
  const today = utcCalendarDate(now);
  const parsed = parseCpr(trimAsciiWhitespace(input));
  if (typeof parsed === 'string') return { ok: false, problem: parsed };
  if (compareCalendarDates(parsed.birth, today) > 0) return { ok: false, problem: 'future' };
  return { ok: true, cpr: parsed.digits };
}

/**
 * The birth date a CPR number (canonical or `DDMMYY-SSSS`) encodes, with the century from its
 * seventh digit: 0-3 the 1900s; 4 and 9 the 2000s for years 00-36, else the 1900s; 5-8 the 2000s
 * for years 00-57, else the 1800s. Throws `INVALID_CPR` when the date does not exist. It does not
 * judge whether the date is in the future; {@link normalizeCpr} does.
 *
 * @example
 * ```ts
 * cprBirthDate('0101204000'); // { year: 2020, month: 1, day: 1 }
 * cprBirthDate('0101585000'); // { year: 1858, month: 1, day: 1 }
 * ```
 */
export function cprBirthDate(cpr: string): { year: number; month: number; day: number } {
  if (typeof cpr !== 'string') throw new TypeError('cprBirthDate expects a string');
  const parsed = parseCpr(trimAsciiWhitespace(cpr));
  if (typeof parsed === 'string') throw refuse(parsed);
  return parsed.birth;
}

/**
 * True when a CPR number (canonical or `DDMMYY-SSSS`) passes the old modulus-11 check (weights
 * 4,3,2,7,6,5,4,3,2,1). Not a validity test since 2007; `findNationalIds` uses it to tell a
 * CPR written without a separator from any other 10-digit number.
 *
 * @example
 * ```ts
 * cprMod11Valid('0707614285'); // true
 * cprMod11Valid('0101701234'); // false
 * ```
 */
export function cprMod11Valid(cpr: string): boolean {
  if (typeof cpr !== 'string') throw new TypeError('cprMod11Valid expects a string');
  const match = CPR_FORM.exec(cpr);
  if (!match) return false;
  const digits = (match[1] ?? '') + (match[2] ?? '');
  let sum = 0;
  for (let i = 0; i < MOD11_WEIGHTS.length; i++) sum += (digits.charCodeAt(i) - 0x30) * (MOD11_WEIGHTS[i] ?? 0);
  return sum % 11 === 0;
}

/**
 * Masks a CPR number for display and logs, keeping at most the two-digit birth year:
 * `0707614285` (or `070761-4285`) becomes `****61-****`. It never throws, so it is safe in a
 * logging path: anything else comes back fully masked (`******-****`).
 *
 * @example
 * ```ts
 * maskCpr('0707614285'); // '****61-****'
 * ```
 */
export function maskCpr(cpr: string): string {
  if (typeof cpr === 'string' && (CANONICAL_CPR.test(cpr) || /^[0-9]{6}-[0-9]{4}$/.test(cpr))) {
    return `****${cpr.slice(4, 6)}-****`;
  }
  return '******-****';
}
