/**
 * Finds personnummer, samordningsnummer and CPR numbers in free text, for the chat blocker
 * (rule 19). Pure and platform-neutral: the browser elements import this module, so no `node:*`
 * imports here.
 *
 * What counts as a hit, and why:
 * - A candidate is a whole digit run: 12 or 10 digits, or 8 or 6 digits, one separator (`-`, `+`
 *   or a space) and 4 digits. A digit directly before or after ends the candidate, so a longer run
 *   (an order number, a 13-digit reference) never yields a hit from a slice of its middle.
 * - Personnummer and samordningsnummer: the date must exist and the last ten digits must pass
 *   Luhn, checked by `checkPersonnummer` (the rules of `normalizePersonnummer`). A 12-digit one
 *   must also not be dated after `now`. A 10-digit one counts when it is valid with either `-` or
 *   `+`, whatever the writer used: people get the separator wrong, and the blocker would rather
 *   stop one message too many.
 * - CPR: the date must exist in the century its seventh digit gives and not be after `now`.
 *   Modulus 11 is no validity test since 2007 (rule 14), so `DDMMYY-SSSS` with the hyphen counts on
 *   its date alone. Without the hyphen (10 digits in a row, or a space) it counts only when it also
 *   passes modulus 11: about 3 % of all 10-digit numbers have a CPR-shaped date, so the date alone
 *   would flag phone and order numbers all day, while the hyphenated shape is itself a strong sign.
 *   The price: a post-2007 CPR written without the hyphen and failing modulus 11 is not caught.
 * - When a candidate is both (a Luhn-valid personnummer whose first six digits also read as a
 *   CPR date), it is reported once, as the Swedish kind.
 * - Ordinary numbers with the usual grouping (`070-123 45 67`, `+46 70 123 45 67`, `2026-12-01`)
 *   have no run of the right shape and are never hits. A Swedish mobile number written as ten bare
 *   digits (`07XXXXXXXX`) does read as a personnummer of someone born in 2007 and is flagged when
 *   its last digit happens to pass Luhn (one in ten): no scan can tell those apart.
 * - Digits of any script (full-width, Arabic-Indic, ...) count as their ASCII value; other dashes
 *   (`‐`, `–`, `−`, `－`), pluses (`＋`) and spaces (U+00A0, U+3000) count as `-`, `+` and space;
 *   invisible characters (zero-width, bidi controls, soft hyphens) are skipped, so none of these
 *   smuggle a number past the scan.
 */
import { checkCpr, cprMod11Valid } from './cpr.js';
import { checkPersonnummer, isSamordningsnummer } from './personnummer.js';

/** What {@link findNationalIds} found. */
export type NationalIdKind = 'pnr' | 'samordningsnummer' | 'cpr';

/**
 * One number found in the text: `text.slice(start, end)` is it, in UTF-16 code units as JS strings
 * index them, from its first digit to its last (including any invisible characters in between).
 */
export interface NationalIdMatch {
  kind: NationalIdKind;
  start: number;
  end: number;
}

const DECIMAL_DIGIT = /^\p{Nd}$/u;
const INVISIBLE = /^[\p{Cf}\p{Default_Ignorable_Code_Point}]$/u;
const DASH = /^[\p{Pd}\u2212]$/u;
const PLUS = new Set(['+', '\uFF0B', '\uFE62', '\u207A', '\u208A']);
const SPACE = /^\p{Zs}$/u;

/** What a character is to the scan: a digit, a separator, or anything else (`.`). */
type ScanChar = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '-' | '+' | ' ' | '.';

const digitValues = new Map<number, number>();

/**
 * The value of a decimal digit of any script. Unicode assigns decimal digits only in contiguous
 * runs of ten, 0 to 9 (adjacent runs, as in the mathematical digits, line up the same way), so the
 * value is the distance from the start of the run, modulo 10.
 */
function decimalValue(codePoint: number): number {
  const known = digitValues.get(codePoint);
  if (known !== undefined) return known;
  let first = codePoint;
  while (first > 0 && DECIMAL_DIGIT.test(String.fromCodePoint(first - 1))) first--;
  const value = (codePoint - first) % 10;
  digitValues.set(codePoint, value);
  return value;
}

function scanCharFor(char: string, codePoint: number): ScanChar | undefined {
  if (codePoint < 0x80) {
    if (codePoint >= 0x30 && codePoint <= 0x39) return char as ScanChar;
    return char === '-' || char === '+' || char === ' ' ? char : '.';
  }
  if (DECIMAL_DIGIT.test(char)) return String(decimalValue(codePoint)) as ScanChar;
  if (INVISIBLE.test(char)) return undefined;
  if (DASH.test(char)) return '-';
  if (PLUS.has(char)) return '+';
  if (SPACE.test(char)) return ' ';
  return '.';
}

/** The text as scan characters, each with the span of the original it came from. */
function toScan(text: string): { chars: ScanChar[]; from: number[]; to: number[] } {
  const chars: ScanChar[] = [];
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length; ) {
    const codePoint = text.codePointAt(i) ?? 0;
    const width = codePoint > 0xffff ? 2 : 1;
    const scanChar = scanCharFor(text.slice(i, i + width), codePoint);
    if (scanChar !== undefined) {
      chars.push(scanChar);
      from.push(i);
      to.push(i + width);
    }
    i += width;
  }
  return { chars, from, to };
}

function isDigit(char: ScanChar | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

/*
 * The checks are `checkPersonnummer` and `checkCpr`: the rules of `normalizePersonnummer` and
 * `normalizeCpr` without their errors, so this module (which runs in browsers) carries neither the
 * error class nor the refusal messages.
 */

/** The canonical personnummer, or undefined when the rules refuse it. */
function validPersonnummer(value: string, now: Date): string | undefined {
  const result = checkPersonnummer(value, now);
  return result.ok ? result.pnr : undefined;
}

/** The canonical CPR number, or undefined when the rules refuse it. */
function validCpr(value: string, now: Date): string | undefined {
  const result = checkCpr(value, now);
  return result.ok ? result.cpr : undefined;
}

function swedishKind(pnr12: string): NationalIdKind {
  return isSamordningsnummer(pnr12) ? 'samordningsnummer' : 'pnr';
}

/** What the date digits, separator (`''` for none) and serial digits of a candidate are, if any. */
function classify(date: string, separator: string, serial: string, now: Date): NationalIdKind | undefined {
  if (date.length === 8) {
    // Whatever separated them, judge the 12 digits as the canonical form would be.
    const pnr = validPersonnummer(`${date}${serial}`, now);
    return pnr === undefined ? undefined : swedishKind(pnr);
  }
  const pnr = validPersonnummer(`${date}-${serial}`, now) ?? validPersonnummer(`${date}+${serial}`, now);
  if (pnr !== undefined) return swedishKind(pnr);
  if (separator === '+') return undefined;
  const cpr = validCpr(`${date}${serial}`, now);
  if (cpr === undefined) return undefined;
  return separator === '-' || cprMod11Valid(cpr) ? 'cpr' : undefined;
}

/**
 * Scans free text (a chat message) for Swedish personnummer and samordningsnummer and Danish CPR
 * numbers, checksum- and date-verified, and returns where each one is, in order. The rules for
 * what counts, and what is deliberately not flagged, are in this module's header comment.
 *
 * @param now the moment to judge ages and "in the future" by; tests pass a fixed one.
 * @example
 * ```ts
 * findNationalIds('Mitt nummer är 19121212-1212, ring 070-123 45 67');
 * // [{ kind: 'pnr', start: 15, end: 28 }]
 * ```
 */
export function findNationalIds(text: string, now: Date = new Date()): NationalIdMatch[] {
  if (typeof text !== 'string') throw new TypeError('findNationalIds expects a string');
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError('now must be a valid Date');
  const { chars, from, to } = toScan(text);
  const matches: NationalIdMatch[] = [];
  const digitsBetween = (start: number, end: number): string => chars.slice(start, end).join('');

  let i = 0;
  while (i < chars.length) {
    if (!isDigit(chars[i])) {
      i++;
      continue;
    }
    let runEnd = i;
    while (isDigit(chars[runEnd])) runEnd++;
    const runLength = runEnd - i;
    let next = runEnd;
    let found: { kind: NationalIdKind; last: number } | undefined;

    if (runLength === 12 || runLength === 10) {
      const digits = digitsBetween(i, runEnd);
      const dateLength = runLength - 4;
      const kind = classify(digits.slice(0, dateLength), '', digits.slice(dateLength), now);
      if (kind) found = { kind, last: runEnd - 1 };
    } else if ((runLength === 8 || runLength === 6) && ['-', '+', ' '].includes(chars[runEnd] ?? '')) {
      const serialStart = runEnd + 1;
      let serialEnd = serialStart;
      while (isDigit(chars[serialEnd])) serialEnd++;
      if (serialEnd - serialStart === 4) {
        const kind = classify(digitsBetween(i, runEnd), chars[runEnd] ?? '', digitsBetween(serialStart, serialEnd), now);
        if (kind) {
          found = { kind, last: serialEnd - 1 };
          next = serialEnd;
        }
      }
    }

    if (found) matches.push({ kind: found.kind, start: from[i] ?? 0, end: to[found.last] ?? 0 });
    i = next;
  }
  return matches;
}
