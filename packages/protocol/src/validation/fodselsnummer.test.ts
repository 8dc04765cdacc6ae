import { test } from 'node:test';
import assert from 'node:assert/strict';

import { CareMeetError } from '../errors.js';
import { checkFodselsnummer, isDNummer, maskFodselsnummer, normalizeFodselsnummer } from './fodselsnummer.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const IN_2032 = new Date('2032-01-01T00:00:00Z');

/** The two check digits, computed here independently of the module (Skatteetaten's formulas). */
function checkDigits(nine: string): string | null {
  const w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
  const w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const k1 = (11 - ([...nine].reduce((s, c, i) => s + Number(c) * (w1[i] ?? 0), 0) % 11)) % 11;
  if (k1 === 10) return null;
  const ten = `${nine}${k1}`;
  const k2 = (11 - ([...ten].reduce((s, c, i) => s + Number(c) * (w2[i] ?? 0), 0) % 11)) % 11;
  return k2 === 10 ? null : `${k1}${k2}`;
}

/** A valid number for the nine digits, or a failed assertion when none exists. */
function withCheckDigits(nine: string): string {
  const k = checkDigits(nine);
  assert.ok(k !== null, `${nine} has no valid check digits`);
  return `${nine}${k}`;
}

function assertRefused(input: string, problem: string, now: Date = NOW): void {
  assert.deepEqual(checkFodselsnummer(input, now), { ok: false, problem }, input);
  assert.throws(
    () => normalizeFodselsnummer(input, now),
    (error: unknown) => {
      assert.ok(error instanceof CareMeetError);
      assert.equal(error.code, 'INVALID_FNR');
      const digits = input.replace(/[^0-9]/g, '');
      const text = `${error.message} ${JSON.stringify(error)}`;
      if (digits.length >= 5) assert.ok(!text.includes(digits) && !text.includes(digits.slice(-5)), 'the error never holds the number');
      return true;
    },
  );
}

test("Skatteetaten's published example and synthetic numbers are accepted, canonical 11 digits", () => {
  const valid: Array<[string, string, boolean]> = [
    // Skatteetaten's example in "Nytt fødselsnummer fra 2032" (born 30.10.1982, individual 999).
    ['30108299920', '30108299920', false],
    ['301082 99920', '30108299920', false],
    ['301082-99920', '30108299920', false],
    ['  30108299920\n', '30108299920', false],
    // Its D-nummer twin: first digit + 4.
    ['70108299914', '70108299914', true],
    // Each century series (check digits computed by the test's own formula).
    [withCheckDigits('010190000'), withCheckDigits('010190000'), false], // 000-499: 1900s
    [withCheckDigits('150575997'), withCheckDigits('150575997'), false], // 900-999 with 40-99: 1900s
    [withCheckDigits('230304998'), withCheckDigits('230304998'), false], // 500-999 with 00-39: 2000s
    [withCheckDigits('120310996'), withCheckDigits('120310996'), false], // 2010
    [withCheckDigits('010160703'), withCheckDigits('010160703'), false], // 500-749 with 54-99: 1860
  ];
  for (const [input, canonical, dNummer] of valid) {
    assert.deepEqual(checkFodselsnummer(input, NOW), { ok: true, fnr: canonical, dNummer }, input);
    assert.equal(normalizeFodselsnummer(input, NOW), canonical);
  }
  assert.equal(normalizeFodselsnummer(withCheckDigits('290200510'), NOW), withCheckDigits('290200510'), '29 Feb 2000 (500-999 with 00: 2000)');
});

test('refuses wrong shapes, never normalising odd characters away', () => {
  for (const input of [
    '',
    '3010829992',
    '301082999200',
    '3010829992O',
    '３０１０８２９９９２０',
    '301082\u200b99920',
    '3010 8299920',
    '301082--99920',
    '301082+99920',
  ]) {
    assertRefused(input, 'form');
  }
});

test('refuses an individual number never issued for that year', () => {
  // 750-899 only with years 00-39; 500-749 with 40-53 was never used.
  assertRefused(withCheckDigits('010150800'), 'individual-number');
  assertRefused(withCheckDigits('010145600'), 'individual-number');
});

test('refuses a date that does not exist in its century, or lies in the future', () => {
  assertRefused(withCheckDigits('290200012'), 'no-real-date'); // 29 February 1900
  assertRefused(withCheckDigits('320190000'), 'no-real-date');
  assertRefused(withCheckDigits('011390000'), 'no-real-date');
  assertRefused(withCheckDigits('720190000'), 'no-real-date'); // D-nummer day 32
  assertRefused(withCheckDigits('014190000'), 'no-real-date'); // H-nummer (month + 40)
  assertRefused(withCheckDigits('018190000'), 'no-real-date'); // Tenor synthetic (month + 80)
  assertRefused(withCheckDigits('810190000'), 'no-real-date'); // FH-nummer (first digit 8)
  assertRefused(withCheckDigits('010330500'), 'future'); // 1 March 2030, today 2026
});

test('refuses any wrong check digit', () => {
  const good = '30108299920';
  for (let pos = 9; pos <= 10; pos++) {
    for (let d = 0; d <= 9; d++) {
      const candidate = good.slice(0, pos) + d + good.slice(pos + 1);
      if (candidate === good) continue;
      assert.equal(checkFodselsnummer(candidate, NOW).ok, false, candidate);
    }
  }
  assertRefused('30108299921', 'check-digits');
  assertRefused('30108299930', 'check-digits');
});

test('the 2032 rule: a K1 leaving 1-3 is refused before 2032 and accepted from then on', () => {
  // Skatteetaten's example of a second number issued in 2032 for 30.10.1982 (rest 1).
  assertRefused('30108299939', 'check-digits', NOW);
  assertRefused('30108299939', 'check-digits', new Date('2031-12-31T23:59:59Z'));
  assert.deepEqual(checkFodselsnummer('30108299939', IN_2032), { ok: true, fnr: '30108299939', dNummer: false });
  // K2 is unchanged by the reform.
  assert.equal(checkFodselsnummer('30108299938', IN_2032).ok, false);
  // From 2032 the individual number no longer tells the century: 800 with year 82 is fine then.
  const nine = '301082800';
  const k = checkDigits(nine);
  assert.ok(k);
  assertRefused(`${nine}${k}`, 'individual-number', NOW);
  assert.equal(checkFodselsnummer(`${nine}${k}`, IN_2032).ok, true);
  // But the date must still be real in the 1900s or 2000s and not in the future.
  assert.equal(checkFodselsnummer(withCheckDigits('320182800'), IN_2032).ok, false);
});

test('isDNummer and the mask, which keeps only the two-digit year', () => {
  assert.equal(isDNummer('70108299914'), true);
  assert.equal(isDNummer('30108299920'), false);
  assert.throws(() => isDNummer('301082 99920'), TypeError);
  assert.equal(maskFodselsnummer('30108299920'), '****82 *****');
  assert.equal(maskFodselsnummer('301082-99920'), '****82 *****');
  assert.equal(maskFodselsnummer('nonsense'), '****** *****');
  assert.equal(maskFodselsnummer(undefined as unknown as string), '****** *****');
});

test('bad arguments are TypeErrors', () => {
  assert.throws(() => normalizeFodselsnummer(30108299920 as unknown as string), TypeError);
  assert.throws(() => checkFodselsnummer('30108299920', new Date('x')), TypeError);
});
