/**
 * Swedish personnummer and samordningsnummer (rule 12), plus the Luhn and calendar helpers the
 * other identity validators share. Pure and platform-neutral: the browser elements import this
 * module too, so no `node:*` imports here.
 */
import { CareMeetError } from '../errors.js';
import { trimAsciiWhitespace } from './text.js';

/** Samordningsnummer add this to the day of birth (so days 61 to 91 stand for 1 to 31). */
const SAMORDNINGSNUMMER_DAY_OFFSET = 60;

/** Skatteverket stores centuries 18, 19 and 20 only; an earlier year is not a personnummer. */
const EARLIEST_BIRTH_YEAR = 1800;

const TWELVE_DIGITS = /^[0-9]{12}$/;
/** `YYYYMMDD`, an optional `-` or `+`, `NNNN`: ASCII digits only. */
const LONG_FORM = /^([0-9]{8})([-+]?)([0-9]{4})$/;
/** `YYMMDD`, an optional `-` or `+`, `NNNN`: ASCII digits only. */
const SHORT_FORM = /^([0-9]{6})([-+]?)([0-9]{4})$/;

/** A calendar date; months and days count from 1. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/**
 * True when `digits` is a string of at least two ASCII digits whose last is the Luhn
 * (modulus 10, weights 2 and 1 from the right) check digit of the others. Personnummer,
 * samordningsnummer and Swedish organisation numbers use it over their last ten digits.
 *
 * @example
 * ```ts
 * luhnValid('1212121212'); // true  (19121212-1212)
 * luhnValid('1212121213'); // false
 * ```
 */
export function luhnValid(digits: string): boolean {
  if (typeof digits !== 'string') throw new TypeError('luhnValid expects a string of digits');
  if (digits.length < 2 || !/^[0-9]+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 0x30;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * True when year, month and day name a day of the (proleptic) Gregorian calendar: month 1 to 12,
 * day 1 to the month's length, 29 February only in leap years.
 *
 * @example
 * ```ts
 * isRealDate(2000, 2, 29); // true
 * isRealDate(1900, 2, 29); // false
 * ```
 */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const lengths = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= (lengths[month - 1] ?? 0);
}

/**
 * Today's date in UTC for `now`; throws `TypeError` for an invalid Date. Birth dates are compared
 * with it: the hour or two's difference from Swedish or Danish time only matters for someone born
 * within those hours, who has no number yet.
 *
 * @example
 * ```ts
 * utcCalendarDate(new Date('2026-03-01T23:30:00Z')); // { year: 2026, month: 3, day: 1 }
 * ```
 */
export function utcCalendarDate(now: Date): CalendarDate {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError('now must be a valid Date');
  return { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() };
}

/**
 * Negative, zero or positive as `a` is before, on or after `b`.
 *
 * @example
 * ```ts
 * compareCalendarDates({ year: 1912, month: 12, day: 12 }, { year: 2026, month: 3, day: 1 }) < 0; // true
 * ```
 */
export function compareCalendarDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * Why {@link checkPersonnummer} refused a number: one code per refusal of
 * {@link normalizePersonnummer}, which turns it into an `INVALID_PERSONNUMMER` error.
 */
export type PersonnummerProblem = 'form' | 'plus-in-long-form' | 'no-real-date' | 'before-1800' | 'future' | 'check-digit';

/**
 * What {@link checkPersonnummer} decides: the canonical 12 digits, or why not.
 */
export type PersonnummerCheck = { ok: true; pnr: string } | { ok: false; problem: PersonnummerProblem };

/** The message of each refusal. It says why and never contains the value. */
const PERSONNUMMER_REFUSALS: Readonly<Record<PersonnummerProblem, string>> = {
  form: 'Personnummer must be YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD-NNNN, YYMMDDNNNN or YYMMDD+NNNN, in ASCII digits.',
  'plus-in-long-form': "Personnummer: the '+' separator belongs only in the 10-digit form (YYMMDD+NNNN).",
  'no-real-date': 'Personnummer does not contain a real date of birth.',
  'before-1800': 'Personnummer has a date of birth before 1800.',
  future: 'Personnummer has a date of birth in the future.',
  'check-digit': 'Personnummer check digit does not match.',
};

/**
 * Validates a personnummer or samordningsnummer and returns its canonical form: 12 ASCII digits,
 * `YYYYMMDDNNNN`.
 *
 * Accepted: `YYYYMMDD-NNNN`, `YYYYMMDDNNNN`, `YYMMDD-NNNN`, `YYMMDDNNNN`, `YYMMDD+NNNN`, with
 * ASCII whitespace allowed around (not inside). Any other character (full-width or Arabic-Indic
 * digits, zero-width characters, bidi marks, inner spaces, NUL) is refused, never normalised away.
 * The date must exist (a samordningsnummer's day is 61 to 91, standing for 1 to 31), must not be
 * after `now` or before 1800, and the last ten digits must pass Luhn.
 *
 * The 10-digit form's century follows from `now` (compared as UTC dates):
 * - `-` or no separator: the person is under 100 years old today, so the latest birth date
 *   on or before today;
 * - `+`: the person turns 100 this calendar year or is older, so the latest birth year at least 100
 *   years before this year. This is Skatteverket's rule (the `-` becomes `+` in the year the
 *   person turns 100, FOL 18 §). In that year, before the birthday, both separators therefore
 *   name the same person.
 *
 * `+` is refused in the 12-digit form. Refusals are `INVALID_PERSONNUMMER`; the message says why
 * and never contains the value.
 *
 * @param now the moment to judge age and "in the future" by; tests pass a fixed one.
 * @example
 * ```ts
 * const now = new Date('2026-03-01T12:00:00Z');
 * normalizePersonnummer('19121212-1212', now); // '191212121212'
 * normalizePersonnummer('121212+1212', now);   // '191212121212'
 * normalizePersonnummer('121212-1212', now);   // '201212121212'
 * normalizePersonnummer('19121212-1213', now); // throws CareMeetError INVALID_PERSONNUMMER
 * ```
 */
export function normalizePersonnummer(input: string, now: Date = new Date()): string {
  if (typeof input !== 'string') throw new TypeError('normalizePersonnummer expects a string');
  const result = checkPersonnummer(input, now);
  if (!result.ok) throw new CareMeetError('INVALID_PERSONNUMMER', PERSONNUMMER_REFUSALS[result.problem]);
  return result.pnr;
}

/**
 * The rules of {@link normalizePersonnummer}, without an error: the canonical 12 digits, or which
 * rule refused the number. For callers that only want to know, such as the chat scan
 * (`findNationalIds`), which then carries neither the error class nor the messages into a browser.
 * Throws `TypeError` for a non-string or an invalid `now`, as `normalizePersonnummer` does.
 *
 * @param now the moment to judge age and "in the future" by; tests pass a fixed one.
 * @example
 * ```ts
 * const now = new Date('2026-03-01T12:00:00Z');
 * checkPersonnummer('19121212-1212', now); // { ok: true, pnr: '191212121212' }
 * checkPersonnummer('19121212-1213', now); // { ok: false, problem: 'check-digit' }
 * ```
 */
export function checkPersonnummer(input: string, now: Date = new Date()): PersonnummerCheck {
  if (typeof input !== 'string') throw new TypeError('checkPersonnummer expects a string');
  const today = utcCalendarDate(now);
  const value = trimAsciiWhitespace(input);
  const refused = (problem: PersonnummerProblem): PersonnummerCheck => ({ ok: false, problem });

  let year: number;
  let datePart: string; // MMDD
  let serial: string; // NNNN
  const long = LONG_FORM.exec(value);
  const short = long ? null : SHORT_FORM.exec(value);
  if (long) {
    const [, yyyymmdd = '', separator, nnnn = ''] = long;
    if (separator === '+') return refused('plus-in-long-form');
    year = Number(yyyymmdd.slice(0, 4));
    datePart = yyyymmdd.slice(4);
    serial = nnnn;
  } else if (short) {
    const [, yymmdd = '', separator, nnnn = ''] = short;
    const month = Number(yymmdd.slice(2, 4));
    const day = realDay(Number(yymmdd.slice(4, 6)));
    // The latest year on or before this one that ends in YY.
    const latest = today.year - ((((today.year - Number(yymmdd.slice(0, 2))) % 100) + 100) % 100);
    if (separator === '+') year = latest - 100;
    else year = compareCalendarDates({ year: latest, month, day }, today) > 0 ? latest - 100 : latest;
    datePart = yymmdd.slice(2);
    serial = nnnn;
  } else {
    return refused('form');
  }

  const month = Number(datePart.slice(0, 2));
  const day = realDay(Number(datePart.slice(2, 4)));
  if (!isRealDate(year, month, day)) return refused('no-real-date');
  if (year < EARLIEST_BIRTH_YEAR) return refused('before-1800');
  if (compareCalendarDates({ year, month, day }, today) > 0) return refused('future');
  const canonical = `${String(year).padStart(4, '0')}${datePart}${serial}`;
  if (!luhnValid(canonical.slice(2))) return refused('check-digit');
  return { ok: true, pnr: canonical };
}

/** The day of the month a personnummer's day field stands for (samordningsnummer: minus 60). */
function realDay(dayField: number): number {
  return dayField > SAMORDNINGSNUMMER_DAY_OFFSET ? dayField - SAMORDNINGSNUMMER_DAY_OFFSET : dayField;
}

/**
 * True when a canonical 12-digit number (from {@link normalizePersonnummer}) is a
 * samordningsnummer, i.e. its day field is 61 or more. Throws `TypeError` for anything but 12 ASCII
 * digits.
 *
 * @example
 * ```ts
 * isSamordningsnummer('191212721219'); // true
 * isSamordningsnummer('191212121212'); // false
 * ```
 */
export function isSamordningsnummer(pnr12: string): boolean {
  if (typeof pnr12 !== 'string' || !TWELVE_DIGITS.test(pnr12)) {
    throw new TypeError('isSamordningsnummer expects a canonical 12-digit personnummer');
  }
  return Number(pnr12.slice(6, 8)) > SAMORDNINGSNUMMER_DAY_OFFSET;
}

/**
 * Masks a personnummer for display and logs, keeping at most the birth year:
 * `191212121212` (or `19121212-1212`) becomes `1912****-****`. It never throws, so it is safe in a
 * logging path: anything that is not one of those two shapes comes back fully masked
 * (`********-****`), with nothing of the input in it.
 *
 * @example
 * ```ts
 * maskPersonnummer('191212121212'); // '1912****-****'
 * ```
 */
export function maskPersonnummer(pnr12: string): string {
  if (typeof pnr12 === 'string' && (TWELVE_DIGITS.test(pnr12) || /^[0-9]{8}-[0-9]{4}$/.test(pnr12))) {
    return `${pnr12.slice(0, 4)}****-****`;
  }
  return '********-****';
}
