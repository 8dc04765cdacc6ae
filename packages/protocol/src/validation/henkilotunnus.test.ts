import { test } from 'node:test';
import assert from 'node:assert/strict';

import { CareMeetError } from '../errors.js';
import { checkHenkilotunnus, maskHenkilotunnus, normalizeHenkilotunnus } from './henkilotunnus.js';

const NOW = new Date('2026-03-01T12:00:00Z');

/** The check character, computed here independently of the module. */
function checkChar(ddmmyy: string, zzz: string): string {
  return '0123456789ABCDEFHJKLMNPRSTUVWXY'[Number(`${ddmmyy}${zzz}`) % 31] ?? '?';
}

function hetu(ddmmyy: string, sign: string, zzz: string): string {
  return `${ddmmyy}${sign}${zzz}${checkChar(ddmmyy, zzz)}`;
}

function assertRefused(input: string, problem: string, now: Date = NOW): void {
  assert.deepEqual(checkHenkilotunnus(input, now), { ok: false, problem }, input);
  assert.throws(
    () => normalizeHenkilotunnus(input, now),
    (error: unknown) => {
      assert.ok(error instanceof CareMeetError);
      assert.equal(error.code, 'INVALID_HETU');
      const text = `${error.message} ${JSON.stringify(error)}`;
      if (input.trim().length >= 6) assert.ok(!text.includes(input.trim()) && !text.includes(input.trim().slice(-4)), 'the error never holds the code');
      return true;
    },
  );
}

test("DVV's example and synthetic codes with every century sign are accepted, letters upper-cased", () => {
  assert.equal(checkChar('131052', '308'), 'T', 'the independent formula agrees with the published example');
  const valid: Array<[string, string, boolean]> = [
    ['131052-308T', '131052-308T', false],
    ['131052-308t', '131052-308T', false],
    ['  131052-308T\t', '131052-308T', false],
    [hetu('010594', 'Y', '903'), hetu('010594', 'Y', '903'), true],
    [hetu('010594', 'x', '903'), hetu('010594', 'X', '903'), true],
    [hetu('010594', 'W', '903'), hetu('010594', 'W', '903'), true],
    [hetu('010594', 'V', '903'), hetu('010594', 'V', '903'), true],
    [hetu('010594', 'U', '903'), hetu('010594', 'U', '903'), true],
    [hetu('010105', 'A', '904'), hetu('010105', 'A', '904'), true],
    [hetu('010105', 'b', '904'), hetu('010105', 'B', '904'), true],
    [hetu('010105', 'C', '904'), hetu('010105', 'C', '904'), true],
    [hetu('010105', 'D', '904'), hetu('010105', 'D', '904'), true],
    [hetu('010105', 'E', '904'), hetu('010105', 'E', '904'), true],
    [hetu('010105', 'F', '904'), hetu('010105', 'F', '904'), true],
    [hetu('290200', 'A', '002'), hetu('290200', 'A', '002'), false], // 29 February 2000 and the lowest permanent number
    [hetu('311299', '-', '899'), hetu('311299', '-', '899'), false],
    [hetu('010199', '+', '999'), hetu('010199', '+', '999'), true], // 1899
  ];
  for (const [input, canonical, temporary] of valid) {
    assert.deepEqual(checkHenkilotunnus(input, NOW), { ok: true, hetu: canonical, temporary }, input);
    assert.equal(normalizeHenkilotunnus(input, NOW), canonical);
  }
  // The sign is part of the identity since 2023: same digits, two people.
  assert.notEqual(normalizeHenkilotunnus(hetu('010190', '-', '999'), NOW), normalizeHenkilotunnus(hetu('010190', 'Y', '999'), NOW));
});

test('refuses wrong shapes and signs that mean no century', () => {
  for (const input of [
    '',
    '131052308T',
    '131052-308',
    '131052-308TT',
    '131052 308T',
    '131052G308T',
    '131052Z308T',
    '131052-30８T',
    '131052\u200b-308T',
    '1310522-308T',
  ]) {
    assertRefused(input, 'form');
  }
});

test('refuses individual numbers 000 and 001', () => {
  assertRefused(hetu('131052', '-', '000'), 'individual-number');
  assertRefused(hetu('131052', '-', '001'), 'individual-number');
});

test('refuses a date that does not exist in its century, or lies in the future', () => {
  assertRefused(hetu('290200', '-', '002'), 'no-real-date'); // 29 February 1900
  assertRefused(hetu('290200', 'Y', '002'), 'no-real-date');
  assertRefused(hetu('320190', '-', '123'), 'no-real-date');
  assertRefused(hetu('011390', '-', '123'), 'no-real-date');
  assertRefused(hetu('010330', 'A', '123'), 'future'); // 2030
  assertRefused(hetu('010330', 'F', '123'), 'future');
});

test('refuses every wrong check character, including the letters the alphabet leaves out', () => {
  for (const c of '0123456789ABCDEFGHIJKLMNOPQRSTUVWXY') {
    if (c === 'T') continue;
    assertRefused(`131052-308${c}`, 'check-character');
  }
  assertRefused('131052-308Z', 'form');
});

test('the mask keeps only the two-digit year and the century sign', () => {
  assert.equal(maskHenkilotunnus('131052-308T'), '****52-****');
  assert.equal(maskHenkilotunnus(hetu('010105', 'A', '904')), '****05A****');
  assert.equal(maskHenkilotunnus('131052-308t'), '***********', 'only the canonical form is shown at all');
  assert.equal(maskHenkilotunnus(42 as unknown as string), '***********');
});

test('bad arguments are TypeErrors', () => {
  assert.throws(() => normalizeHenkilotunnus(null as unknown as string), TypeError);
  assert.throws(() => checkHenkilotunnus('131052-308T', new Date(Number.NaN)), TypeError);
});
