/**
 * Finds personnummer, samordningsnummer, CPR numbers, fødselsnummer, D-nummer and henkilötunnus in
 * free text, for the chat blocker (rule 19). Pure and platform-neutral: the browser elements import this module, so no `node:*`
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
 * - Fødselsnummer and D-nummer: 11 digits in a row, or 6 and 5 with a space or `-` between. Both
 *   check digits, the date and the century its individual number gives must hold (the rules of
 *   `checkFodselsnummer`, including the 2032 ones once `now` is in 2032): two check digits leave
 *   about one 11-digit number in 1,600 with a real date standing, so no separator is needed as a
 *   sign.
 * - Henkilötunnus: 6 digits, a century sign (`+`, `-`, `A`-`F`, `U`-`Y`, either case), 3 digits and a
 *   check character that must match (the rules of `checkHenkilotunnus`). A digit right after it
 *   ends the candidate, as for the others.
 * - When a candidate is more than one (a Luhn-valid personnummer whose first six digits also read as
 *   a CPR date, or a `DDMMYY-ZZZQ` that is a henkilötunnus and a CPR number), it is reported once: as
 *   the Swedish kind first, then as a henkilötunnus (its check character is a stronger sign than a
 *   hyphenated CPR's date alone), then as a CPR number.
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
import { checkFodselsnummer } from './fodselsnummer.js';
import { checkHenkilotunnus } from './henkilotunnus.js';
import { checkPersonnummer, isSamordningsnummer } from './personnummer.js';

/** What {@link findNationalIds} found: `dnummer` is a Norwegian D-nummer, `fnr` a fødselsnummer. */
export type NationalIdKind = 'pnr' | 'samordningsnummer' | 'cpr' | 'fnr' | 'dnummer' | 'hetu';

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

/**
 * What a character is to the scan: a digit `0`-`9`, a separator (`-`, `+`, space), a Latin letter
 * (upper-cased: a henkilötunnus has them), or anything else (`.`).
 */
type ScanChar = string;
const FULLWIDTH_LETTER = /^[\uFF21-\uFF3A\uFF41-\uFF5A]$/u;

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
    if (codePoint >= 0x30 && codePoint <= 0x39) return char;
    if (/^[A-Za-z]$/.test(char)) return char.toUpperCase();
    return char === '-' || char === '+' || char === ' ' ? char : '.';
  }
  if (DECIMAL_DIGIT.test(char)) return String(decimalValue(codePoint));
  if (FULLWIDTH_LETTER.test(char)) return char.normalize('NFKC').toUpperCase();
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
  for (let i = 0; i < text.length;) {
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

/** The kind of a fødselsnummer or D-nummer, or undefined when the rules refuse it. */
function norwegianKind(value: string, now: Date): NationalIdKind | undefined {
  const result = checkFodselsnummer(value, now);
  if (!result.ok) return undefined;
  return result.dNummer ? 'dnummer' : 'fnr';
}

/** True when the rules accept `value` as a henkilötunnus. */
function validHenkilotunnus(value: string, now: Date): boolean {
  return checkHenkilotunnus(value, now).ok;
}

/** A henkilötunnus century sign, as the scan has it (letters upper-cased). */
function isCenturySign(char: ScanChar | undefined): boolean {
  return char !== undefined && char.length === 1 && '+-ABCDEFUVWXY'.includes(char);
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
  if ((separator === '-' || separator === '+') && validHenkilotunnus(`${date}${separator}${serial}`, now)) return 'hetu';
  if (separator === '+') return undefined;
  const cpr = validCpr(`${date}${serial}`, now);
  if (cpr === undefined) return undefined;
  return separator === '-' || cprMod11Valid(cpr) ? 'cpr' : undefined;
}

/**
 * Scans free text (a chat message) for Swedish personnummer and samordningsnummer, Danish CPR
 * numbers, Norwegian fødselsnummer and D-nummer and Finnish henkilötunnus, checksum- and
 * date-verified, and returns where each one is, in order. The rules for
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
    } else if (runLength === 11) {
      const kind = norwegianKind(digitsBetween(i, runEnd), now);
      if (kind) found = { kind, last: runEnd - 1 };
    } else if ((runLength === 8 || runLength === 6) && ['-', '+', ' '].includes(chars[runEnd] ?? '')) {
      const separator = chars[runEnd] ?? '';
      const serialStart = runEnd + 1;
      let serialEnd = serialStart;
      while (isDigit(chars[serialEnd])) serialEnd++;
      const serialLength = serialEnd - serialStart;
      let kind: NationalIdKind | undefined;
      let last = serialEnd - 1;
      if (serialLength === 4) {
        kind = classify(digitsBetween(i, runEnd), separator, digitsBetween(serialStart, serialEnd), now);
      } else if (runLength === 6 && serialLength === 5 && separator !== '+') {
        kind = norwegianKind(`${digitsBetween(i, runEnd)}${separator}${digitsBetween(serialStart, serialEnd)}`, now);
      } else if (runLength === 6 && serialLength === 3 && separator !== ' ' && !isDigit(chars[serialEnd + 1])) {
        // A henkilötunnus whose check character is a letter: `131052-308T`.
        const hetu = `${digitsBetween(i, runEnd)}${separator}${digitsBetween(serialStart, serialEnd)}${chars[serialEnd] ?? ''}`;
        if (validHenkilotunnus(hetu, now)) {
          kind = 'hetu';
          last = serialEnd;
        }
      }
      if (kind) {
        found = { kind, last };
        next = last + 1;
      }
    } else if (runLength === 6 && isCenturySign(chars[runEnd])) {
      // A henkilötunnus with a letter for its century sign: `010105A904W`, `010594Y9032`.
      const signAt = runEnd;
      let serialEnd = signAt + 1;
      while (isDigit(chars[serialEnd]) && serialEnd - signAt <= 4) serialEnd++;
      const digits = serialEnd - signAt - 1;
      // Three digits and a letter, or four digits (the last one the check character), then no digit.
      const checkAt = digits === 3 ? serialEnd : signAt + 4;
      if ((digits === 3 || digits === 4) && !isDigit(chars[checkAt + 1])) {
        const hetu = `${digitsBetween(i, runEnd)}${chars[signAt] ?? ''}${digitsBetween(signAt + 1, signAt + 4)}${chars[checkAt] ?? ''}`;
        if (validHenkilotunnus(hetu, now)) {
          found = { kind: 'hetu', last: checkAt };
          next = checkAt + 1;
        }
      }
    }

    if (found) matches.push({ kind: found.kind, start: from[i] ?? 0, end: to[found.last] ?? 0 });
    i = next;
  }
  return matches;
}
