import { test } from 'node:test';
import assert from 'node:assert/strict';

import { CareMeetError } from '../errors.js';
import { checkCpr, cprBirthDate, cprMod11Valid, maskCpr, normalizeCpr } from './cpr.js';

const NOW = new Date('2026-03-01T12:00:00Z');

/** The modulus-11 sum, written out independently of `cprMod11Valid`. */
function mod11Sum(cpr10: string): number {
  const weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
  return [...cpr10].reduce((sum, ch, i) => sum + Number(ch) * (weights[i] ?? 0), 0);
}

/**
 * Asserts `input` is refused with INVALID_CPR and that the error does not contain it, and that
 * `checkCpr` (the same rules without the error) refuses it too.
 */
function assertRefused(input: string, now: Date = NOW, messagePart?: RegExp): void {
  assert.equal(checkCpr(input, now).ok, false, 'checkCpr refuses it too');
  assert.throws(
    () => normalizeCpr(input, now),
    (error: unknown) => {
      assert.ok(error instanceof CareMeetError, 'a CareMeetError');
      assert.equal(error.code, 'INVALID_CPR');
      const text = `${error.message} ${JSON.stringify(error)}`;
      const digits = input.replace(/[^0-9]/g, '');
      if (digits.length >= 4) {
        assert.ok(!text.includes(digits), 'the error must not contain the digits');
        assert.ok(!text.includes(digits.slice(-4)), 'nor the serial');
      }
      if (input.trim()) assert.ok(!text.includes(input.trim()), 'nor the input');
      if (messagePart) assert.match(error.message, messagePart);
      return true;
    },
  );
}

test('accepts DDMMYY-SSSS and DDMMYYSSSS and returns 10 ASCII digits', () => {
  assert.equal(normalizeCpr('070761-4285', NOW), '0707614285');
  assert.equal(normalizeCpr('0707614285', NOW), '0707614285');
  assert.equal(normalizeCpr('  010170-1234\n', NOW), '0101701234');
  assert.equal(normalizeCpr('070761-4285'), '0707614285'); // default now
});

test('a modulus-11 failure alone is not a reason to refuse (rule 14)', () => {
  assert.notEqual(mod11Sum('0101701234') % 11, 0, 'the fixture really fails modulus 11');
  assert.equal(cprMod11Valid('0101701234'), false);
  assert.equal(normalizeCpr('010170-1234', NOW), '0101701234');
  assert.equal(normalizeCpr('0101701234', NOW), '0101701234');
  assert.equal(mod11Sum('0707614285') % 11, 0, 'and this one passes it');
  assert.equal(cprMod11Valid('0707614285'), true);
  assert.equal(cprMod11Valid('070761-4285'), true);
  assert.equal(cprMod11Valid('1502600059'), true);
  assert.equal(mod11Sum('1502600059') % 11, 0);
  assert.equal(cprMod11Valid('07076142'), false);
});

test('century from the seventh digit: 0-3 are the 1900s', () => {
  assert.deepEqual(cprBirthDate('0101050000'), { year: 1905, month: 1, day: 1 });
  assert.deepEqual(cprBirthDate('0101053000'), { year: 1905, month: 1, day: 1 });
  assert.deepEqual(cprBirthDate('311299-2000'), { year: 1999, month: 12, day: 31 });
});

test('century from the seventh digit: 4 and 9 are the 2000s for 00-36, else the 1900s', () => {
  assert.deepEqual(cprBirthDate('0101204000'), { year: 2020, month: 1, day: 1 });
  assert.deepEqual(cprBirthDate('0101364000'), { year: 2036, month: 1, day: 1 });
  assert.deepEqual(cprBirthDate('0101374000'), { year: 1937, month: 1, day: 1 });
  assert.deepEqual(cprBirthDate('0101259000'), { year: 2025, month: 1, day: 1 });
  assert.deepEqual(cprBirthDate('0101369000'), { year: 2036, month: 1, day: 1 });
  assert.deepEqual(cprBirthDate('0101999000'), { year: 1999, month: 1, day: 1 });
});

test('century from the seventh digit: 5-8 are the 2000s for 00-57, else the 1800s', () => {
  assert.deepEqual(cprBirthDate('0101205000'), { year: 2020, month: 1, day: 1 });
  assert.deepEqual(cprBirthDate('0101575000'), { year: 2057, month: 1, day: 1 });
  assert.deepEqual(cprBirthDate('0101585000'), { year: 1858, month: 1, day: 1 });
  assert.deepEqual(cprBirthDate('0101998000'), { year: 1899, month: 1, day: 1 });
  assert.deepEqual(cprBirthDate('0101106000'), { year: 2010, month: 1, day: 1 });
  assert.deepEqual(cprBirthDate('0101907000'), { year: 1890, month: 1, day: 1 });
});

test('a century digit that puts the birth after now does not fit', () => {
  assertRefused('010136-4000', NOW, /future/); // 2036
  assertRefused('010136-9000', NOW, /future/); // 2036
  assertRefused('010157-5000', NOW, /future/); // 2057
  assertRefused('020326-4000', NOW, /future/); // tomorrow
  assert.equal(normalizeCpr('010326-4000', NOW), '0103264000'); // today
  assert.equal(normalizeCpr('010136-4000', new Date('2036-01-01T00:00:00Z')), '0101364000');
  assert.equal(normalizeCpr('010136-3000', NOW), '0101363000'); // digit 3: 1936
});

test('the date must exist in its century, leap years included', () => {
  assert.equal(normalizeCpr('290200-4000', NOW), '2902004000'); // 2000: leap
  assert.equal(normalizeCpr('290200-5000', NOW), '2902005000'); // 2000: leap
  assertRefused('290200-1000', NOW, /real date/); // 1900: not leap
  assert.equal(normalizeCpr('290296-5000', new Date('2100-01-01T00:00:00Z')), '2902965000'); // 2096
  assert.equal(normalizeCpr('290296-1000', NOW), '2902961000'); // 1996: leap
  assertRefused('290297-1000', NOW, /real date/); // 1997
  assertRefused('300270-1234', NOW, /real date/);
  assertRefused('320170-1234', NOW, /real date/);
  assertRefused('000170-1234', NOW, /real date/);
  assertRefused('311170-1234', NOW, /real date/); // 31 November
  assertRefused('011370-1234', NOW, /real date/);
  assertRefused('010070-1234', NOW, /real date/);
  assert.throws(
    () => cprBirthDate('300270-1234'),
    (e: unknown) => e instanceof CareMeetError && e.code === 'INVALID_CPR',
  );
});

test('refuses other shapes and characters', () => {
  assertRefused('070761 4285');
  assertRefused('070761+4285');
  assertRefused('070761--4285');
  assertRefused('07076-14285');
  assertRefused('07076142850');
  assertRefused('070761428');
  assertRefused('19070761-4285');
  assertRefused('');
  assertRefused('０７０７６１-４２８５'); // full-width
  assertRefused('070761\u200b-4285');
  assertRefused('\u202e070761-4285');
  assertRefused('070761-4285\u0000');
  assertRefused('07O761-4285'); // letter O
});

test('checkCpr: the same decisions as normalizeCpr, as a value, one problem per refusal', () => {
  for (const input of ['070761-4285', '0707614285', '0101701234', ' 070761-4285 ']) {
    assert.deepEqual(checkCpr(input, NOW), { ok: true, cpr: normalizeCpr(input, NOW) });
  }
  assert.deepEqual(checkCpr('070761 4285', NOW), { ok: false, problem: 'form' });
  assert.deepEqual(checkCpr('300270-1234', NOW), { ok: false, problem: 'no-real-date' });
  assert.deepEqual(checkCpr('010130-4000', NOW), { ok: false, problem: 'future' }); // 2030
  assert.throws(() => checkCpr(707614285 as unknown as string, NOW), TypeError);
  assert.throws(() => checkCpr('070761-4285', new Date(Number.NaN)), TypeError);
});

test('bad arguments are a TypeError', () => {
  assert.throws(() => normalizeCpr(707614285 as unknown as string, NOW), TypeError);
  assert.throws(() => normalizeCpr('070761-4285', new Date(Number.NaN)), TypeError);
  assert.throws(() => cprBirthDate(undefined as unknown as string), TypeError);
});

test('maskCpr keeps only the two-digit birth year and never throws', () => {
  assert.equal(maskCpr('0707614285'), '****61-****');
  assert.equal(maskCpr('070761-4285'), '****61-****');
  assert.equal(maskCpr('0101701234'), '****70-****');
  assert.equal(maskCpr('junk'), '******-****');
  assert.equal(maskCpr('191212121212'), '******-****');
  assert.equal(maskCpr(42 as unknown as string), '******-****');
});
