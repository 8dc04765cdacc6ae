import { test } from 'node:test';
import assert from 'node:assert/strict';

import { CareMeetError } from '../errors.js';
import {
  checkPersonnummer,
  compareCalendarDates,
  isRealDate,
  isSamordningsnummer,
  luhnValid,
  maskPersonnummer,
  normalizePersonnummer,
  utcCalendarDate,
} from './personnummer.js';

/** Every test judges ages and "the future" from this moment. */
const NOW = new Date('2026-03-01T12:00:00Z');

/**
 * Skatteverket's own recipe for the check digit, written independently of `luhnValid`: multiply
 * the nine digits alternately by 2 and 1 from the left, add the digits of the products, and
 * subtract the last digit of the sum from 10 (10 becomes 0).
 */
function skatteverketCheckDigit(nineDigits: string): number {
  let sum = 0;
  [...nineDigits].forEach((ch, i) => {
    const product = Number(ch) * (i % 2 === 0 ? 2 : 1);
    sum += Math.floor(product / 10) + (product % 10);
  });
  return (10 - (sum % 10)) % 10;
}

/** Every Luhn-valid canonical number the tests below use, each checked by the recipe above. */
const VALID_FIXTURES = [
  '191212121212', // Skatteverket's test number 19121212-1212
  '201701272393', // 2017-01-27
  '191212721219', // samordningsnummer, day 72 = 12th
  '191212611212', // samordningsnummer, day 61 = 1st
  '191212911216', // samordningsnummer, day 91 = 31st (31 December exists)
  '191212921215', // day 92 (= 32nd): Luhn-valid, date not real
  '191212001216', // day 00: Luhn-valid, date not real
  '191213121211', // month 13: Luhn-valid, date not real
  '200002291235', // 29 Feb 2000 (leap: divisible by 400)
  '190002291235', // 29 Feb 1900 (not leap: divisible by 100)
  '202402291237', // 29 Feb 2024 (leap)
  '202302291238', // 29 Feb 2023 (not leap)
  '191202301238', // 30 Feb
  '202601011238', // 2026-01-01
  '192601011238', // 1926-01-01
  '192612241238', // 1926-12-24
  '202612241238', // 2026-12-24 (after NOW)
  '192701011237', // 1927-01-01
  '182701011237', // 1827-01-01
  '202603011236', // 2026-03-01 (= NOW's date)
  '202603021235', // 2026-03-02 (the day after NOW)
  '189912311231', // 1899-12-31
  '179912311231', // 1799-12-31 (before Skatteverket's centuries)
];

test("every fixture has the check digit Skatteverket's recipe gives, and luhnValid agrees", () => {
  for (const pnr of VALID_FIXTURES) {
    const lastTen = pnr.slice(2);
    assert.equal(Number(lastTen[9]), skatteverketCheckDigit(lastTen.slice(0, 9)), pnr);
    assert.equal(luhnValid(lastTen), true, pnr);
  }
});

test('luhnValid: hand-checked examples, wrong digits, non-digits and too-short input', () => {
  // By hand: 121212121 weighted 2,1,2,1,... gives nine products of 2, sum 18, check 10 - 8 = 2.
  assert.equal(luhnValid('1212121212'), true);
  assert.equal(luhnValid('79927398713'), true); // the classic Luhn example (Wikipedia)
  assert.equal(luhnValid('79927398710'), false);
  assert.equal(luhnValid('1212121213'), false);
  assert.equal(luhnValid('1701272394'), false); // 201701272394 is NOT a valid test number
  assert.equal(luhnValid(''), false);
  assert.equal(luhnValid('0'), false);
  assert.equal(luhnValid('12121212-12'), false);
  assert.equal(luhnValid('１２１２１２１２１２'), false); // full-width digits are not digits here
  assert.throws(() => luhnValid(1212121212 as unknown as string), TypeError);
});

test('accepts each of the five forms and returns 12 ASCII digits', () => {
  assert.equal(normalizePersonnummer('19121212-1212', NOW), '191212121212');
  assert.equal(normalizePersonnummer('191212121212', NOW), '191212121212');
  assert.equal(normalizePersonnummer('121212+1212', NOW), '191212121212');
  assert.equal(normalizePersonnummer('121212-1212', NOW), '201212121212');
  assert.equal(normalizePersonnummer('1212121212', NOW), '201212121212');
  assert.equal(normalizePersonnummer('20170127-2393', NOW), '201701272393');
  assert.equal(normalizePersonnummer('170127-2393', NOW), '201701272393');
});

test('trims ASCII whitespace around, but not other whitespace', () => {
  assert.equal(normalizePersonnummer(' \t19121212-1212\r\n ', NOW), '191212121212');
  assertRefused('\u00a019121212-1212'); // no-break space
  assertRefused('19121212-1212\u3000'); // ideographic space
  assertRefused('\ufeff19121212-1212'); // BOM
});

test('uses the current date when now is not given', () => {
  assert.equal(normalizePersonnummer('19121212-1212'), '191212121212');
  // 1912-12-12 with "-" is under 100 only if it is 2012-12-12: true for any now from 2013 to 2111.
  assert.equal(normalizePersonnummer('121212-1212'), '201212121212');
});

/**
 * Asserts `input` is refused with INVALID_PERSONNUMMER and that nothing of it is in the error, and
 * that `checkPersonnummer` (the same rules without the error) refuses it too.
 */
function assertRefused(input: string, now: Date = NOW, messagePart?: RegExp): void {
  assert.equal(checkPersonnummer(input, now).ok, false, 'checkPersonnummer refuses it too');
  assert.throws(
    () => normalizePersonnummer(input, now),
    (error: unknown) => {
      assert.ok(error instanceof CareMeetError, 'a CareMeetError');
      assert.equal(error.code, 'INVALID_PERSONNUMMER');
      assert.equal(error.status, 400);
      const digits = input.replace(/[^0-9]/g, '');
      const text = `${error.message} ${String(error.field)} ${JSON.stringify(error)}`;
      if (digits.length >= 4) {
        assert.ok(!text.includes(digits), 'the error must not contain the digits');
        assert.ok(!text.includes(digits.slice(-10)), 'nor the last ten');
        assert.ok(!text.includes(digits.slice(-4)), 'nor the last four');
      }
      if (input.trim().length > 0) assert.ok(!text.includes(input.trim()), 'nor the input');
      if (messagePart) assert.match(error.message, messagePart);
      return true;
    },
  );
}

test('refuses a wrong check digit', () => {
  assertRefused('19121212-1213', NOW, /check digit/);
  assertRefused('191212121213', NOW, /check digit/);
  assertRefused('121212-1213', NOW, /check digit/);
  assertRefused('201701272394', NOW, /check digit/);
});

test('refuses dates that do not exist: 30 Feb, month 13, day 00, day 32', () => {
  assertRefused('19120230-1238', NOW, /real date/);
  assertRefused('120230-1238', NOW, /real date/);
  assertRefused('19121312-1211', NOW, /real date/);
  assertRefused('19121200-1216', NOW, /real date/);
  assertRefused('19121292-1215', NOW, /real date/); // samordningsnummer day 92 = 32nd
});

test('29 February only in leap years', () => {
  assert.equal(normalizePersonnummer('20000229-1235', NOW), '200002291235');
  assert.equal(normalizePersonnummer('20240229-1237', NOW), '202402291237');
  assertRefused('19000229-1235', NOW, /real date/); // 1900 is not a leap year
  assertRefused('20230229-1238', NOW, /real date/);
  // In the 10-digit form the century decides: 000229 is 2000 with "-", 1900 (not leap) with "+".
  assert.equal(normalizePersonnummer('000229-1235', NOW), '200002291235');
  assertRefused('000229+1235', NOW, /real date/);
});

test('samordningsnummer: day plus 60, days 61 to 91', () => {
  assert.equal(normalizePersonnummer('19121272-1219', NOW), '191212721219');
  assert.equal(normalizePersonnummer('121272+1219', NOW), '191212721219');
  assert.equal(normalizePersonnummer('19121261-1212', NOW), '191212611212');
  assert.equal(normalizePersonnummer('19121291-1216', NOW), '191212911216');
  assert.equal(isSamordningsnummer('191212721219'), true);
  assert.equal(isSamordningsnummer('191212611212'), true);
  assert.equal(isSamordningsnummer('191212121212'), false);
  assert.throws(() => isSamordningsnummer('19121272-1219'), TypeError);
  assert.throws(() => isSamordningsnummer('121272+1219'), TypeError);
});

test('10-digit century with "-": the person is under 100 at now', () => {
  assert.equal(normalizePersonnummer('260101-1238', NOW), '202601011238'); // born this year
  assert.equal(normalizePersonnummer('2601011238', NOW), '202601011238'); // no separator = "-"
  assert.equal(normalizePersonnummer('270101-1237', NOW), '192701011237'); // 99 years old
  // 24 Dec of this year has not come yet, so "-" means 1926 (still 99), not the future.
  assert.equal(normalizePersonnummer('261224-1238', NOW), '192612241238');
  assert.equal(normalizePersonnummer('260301-1236', NOW), '202603011236'); // born today
});

test('10-digit century with "+": 100 or older (Skatteverket: from the year one turns 100)', () => {
  assert.equal(normalizePersonnummer('260101+1238', NOW), '192601011238'); // turned 100 in January
  assert.equal(normalizePersonnummer('261224+1238', NOW), '192612241238'); // turns 100 this year
  assert.equal(normalizePersonnummer('270101+1237', NOW), '182701011237'); // 1927 would be 99
  assert.equal(normalizePersonnummer('991231+1231', NOW), '189912311231');
});

test('the same 10-digit number moves century as now moves', () => {
  const before = new Date('2012-12-11T12:00:00Z');
  const on = new Date('2012-12-12T12:00:00Z');
  // Before 2012-12-12, 121212-1212 can only be the 1912 person (still 99).
  assert.equal(normalizePersonnummer('121212-1212', before), '191212121212');
  assert.equal(normalizePersonnummer('121212-1212', on), '201212121212');
  assert.equal(normalizePersonnummer('121212+1212', on), '191212121212');
  // In 2011 the 1912 person is 99 and does not write "+"; "+" then means 1812.
  assert.equal(normalizePersonnummer('121212+1212', new Date('2011-06-01T00:00:00Z')), '181212121212');
});

test('"+" is refused in the 12-digit form', () => {
  assertRefused('19121212+1212', NOW, /10-digit form/);
  assertRefused('18991231+1231', NOW, /10-digit form/);
});

test('refuses a date of birth after now, or before 1800', () => {
  assertRefused('20261224-1238', NOW, /future/);
  assertRefused('202603021235', NOW, /future/); // tomorrow
  assert.equal(normalizePersonnummer('202603011236', NOW), '202603011236'); // today
  assertRefused('17991231-1231', NOW, /1800/);
  assert.equal(normalizePersonnummer('18991231-1231', NOW), '189912311231');
});

test('refuses non-ASCII digits instead of converting them', () => {
  assertRefused('１９１２１２１２－１２１２'); // full-width digits and hyphen
  assertRefused('１９１２１２１２-１２１２');
  assertRefused('19121212-１２１２');
  assertRefused('١٩١٢١٢١٢-١٢١٢'); // Arabic-Indic digits
  assertRefused('۱۹۱۲۱۲۱۲-۱۲۱۲'); // Extended Arabic-Indic (Persian) digits
});

test('refuses invisible and control characters anywhere inside', () => {
  assertRefused('19121212\u200b-1212'); // zero-width space
  assertRefused('1912\u200d1212-1212'); // zero-width joiner
  assertRefused('19121212-1212\u200b'); // not trimmed: only ASCII whitespace is
  assertRefused('\u202e19121212-1212'); // right-to-left override
  assertRefused('19121212\u200f-1212'); // right-to-left mark
  assertRefused('19121212-1212\u0000'); // NUL
  assertRefused('19121212\u0000-1212');
});

test('refuses other separators, inner spaces, wrong lengths and junk', () => {
  assertRefused('19121212 1212');
  assertRefused('121212 1212');
  assertRefused('19121212--1212');
  assertRefused('19121212–1212'); // en dash
  assertRefused('1912-12-12-1212');
  assertRefused('1912121212121'); // 13 digits
  assertRefused('19121212-12120'); // too long serial
  assertRefused('191212121212191212121212'); // too long
  assertRefused('1212121212121212121212121212121212121212');
  assertRefused('19121212-121'); // too short
  assertRefused('121212121'); // 9 digits
  assertRefused('');
  assertRefused('   ');
  assertRefused('19121212-12A2');
  assertRefused('T19121212-1212');
  assertRefused('+1212121212');
});

test('checkPersonnummer: the same decisions as normalizePersonnummer, as a value, one problem per refusal', () => {
  for (const input of ['19121212-1212', '191212121212', '121212-1212', '1212121212', '121212+1212', ' 19121212-1212\t']) {
    assert.deepEqual(checkPersonnummer(input, NOW), { ok: true, pnr: normalizePersonnummer(input, NOW) });
  }
  const problems = {
    form: '19121212 1212',
    'plus-in-long-form': '19121212+1212',
    'no-real-date': '19120230-1238',
    'before-1800': '17991231-1231',
    future: '20261224-1238',
    'check-digit': '19121212-1213',
  } as const;
  for (const [problem, input] of Object.entries(problems)) {
    assert.deepEqual(checkPersonnummer(input, NOW), { ok: false, problem });
  }
  assert.throws(() => checkPersonnummer(191212121212 as unknown as string, NOW), TypeError);
  assert.throws(() => checkPersonnummer('19121212-1212', new Date('nope')), TypeError);
});

test('bad arguments are a TypeError', () => {
  assert.throws(() => normalizePersonnummer(191212121212 as unknown as string, NOW), TypeError);
  assert.throws(() => normalizePersonnummer('19121212-1212', new Date('nope')), TypeError);
});

test('maskPersonnummer keeps only the birth year and never throws', () => {
  assert.equal(maskPersonnummer('191212121212'), '1912****-****');
  assert.equal(maskPersonnummer('19121212-1212'), '1912****-****');
  assert.equal(maskPersonnummer('191212721219'), '1912****-****');
  assert.equal(maskPersonnummer('121212-1212'), '********-****');
  assert.equal(maskPersonnummer('hello'), '********-****');
  assert.equal(maskPersonnummer(undefined as unknown as string), '********-****');
  assert.ok(!maskPersonnummer('191212121212').includes('1212121212'.slice(-4)));
});

test('calendar helpers', () => {
  assert.equal(isRealDate(2000, 2, 29), true);
  assert.equal(isRealDate(1900, 2, 29), false);
  assert.equal(isRealDate(2024, 2, 29), true);
  assert.equal(isRealDate(2023, 2, 29), false);
  assert.equal(isRealDate(2023, 4, 31), false);
  assert.equal(isRealDate(2023, 12, 31), true);
  assert.equal(isRealDate(2023, 0, 1), false);
  assert.equal(isRealDate(2023, 1, 0), false);
  assert.equal(isRealDate(2023, 1.5, 1), false);
  assert.deepEqual(utcCalendarDate(new Date('2026-03-01T23:30:00Z')), { year: 2026, month: 3, day: 1 });
  assert.ok(compareCalendarDates({ year: 2026, month: 3, day: 2 }, { year: 2026, month: 3, day: 1 }) > 0);
  assert.ok(compareCalendarDates({ year: 2025, month: 12, day: 31 }, { year: 2026, month: 1, day: 1 }) < 0);
  assert.equal(compareCalendarDates({ year: 2026, month: 3, day: 1 }, { year: 2026, month: 3, day: 1 }), 0);
});
