import { test } from 'node:test';
import assert from 'node:assert/strict';

import { CareMeetError } from '../errors.js';
import { MAX_HSA_ID_LENGTH, maskHsaId, validateHsaId } from './hsa-id.js';

/** Asserts `input` is refused with INVALID_HSA_ID and that the error does not contain it. */
function assertRefused(input: string): void {
  assert.throws(
    () => validateHsaId(input),
    (error: unknown) => {
      assert.ok(error instanceof CareMeetError, 'a CareMeetError');
      assert.equal(error.code, 'INVALID_HSA_ID');
      assert.equal(error.status, 400);
      const text = `${error.message} ${JSON.stringify(error)}`;
      const core = input.trim();
      if (core.length > 0) assert.ok(!text.includes(core), 'the error must not contain the value');
      const serial = /-([A-Za-z0-9]+)/.exec(core)?.[1];
      if (serial && serial.length >= 4) assert.ok(!text.includes(serial), 'nor its suffix');
      if (/[0-9]{10}/.test(core)) assert.ok(!text.includes(/[0-9]{10}/.exec(core)?.[0] ?? '#'), 'nor its org number');
      return true;
    },
  );
}

test('accepts SE, an organisation number, a hyphen and letters/digits, unchanged', () => {
  assert.equal(validateHsaId('SE2321000016-A1B2'), 'SE2321000016-A1B2');
  assert.equal(validateHsaId('SE2321000016-1234'), 'SE2321000016-1234');
  assert.equal(validateHsaId('SE2321000016-X'), 'SE2321000016-X');
  // Lower case is allowed after the hyphen and kept as it is: ids compare byte for byte.
  assert.equal(validateHsaId('SE2321000016-a1b2'), 'SE2321000016-a1b2');
  assert.equal(validateHsaId('SE2321000016-AbCd'), 'SE2321000016-AbCd');
});

test('31 characters pass, 32 do not', () => {
  const at31 = `SE2321000016-${'A'.repeat(18)}`;
  assert.equal(at31.length, 31);
  assert.equal(MAX_HSA_ID_LENGTH, 31);
  assert.equal(validateHsaId(at31), at31);
  const at32 = `${at31}B`;
  assert.equal(at32.length, 32);
  assertRefused(at32);
  assertRefused(`SE2321000016-${'1'.repeat(200)}`);
});

test('exact case: lowercase or mixed-case prefix refused, never upper-cased', () => {
  assertRefused('se2321000016-A1B2');
  assertRefused('Se2321000016-A1B2');
  assertRefused('sE2321000016-A1B2');
});

test('refuses a missing or doubled hyphen, a wrong organisation number, an empty suffix', () => {
  assertRefused('SE2321000016A1B2');
  assertRefused('SE2321000016--A1B2');
  assertRefused('SE2321000016_A1B2');
  assertRefused('SE2321000016-');
  assertRefused('SE232100001-A1B2'); // 9 digits
  assertRefused('SE23210000161-A1B2'); // 11 digits
  assertRefused('SEX321000016-A1B2');
  assertRefused('2321000016-A1B2');
  assertRefused('SE2321000016-A1B2-C3');
  assertRefused('');
});

test('refuses anything but ASCII letters and digits inside', () => {
  assertRefused('SE2321000016-A1 B2');
  assertRefused('SE2321000016-ÅÄÖ1');
  assertRefused('SE2321000016-A1B2\u200b');
  assertRefused('SE2321000016\u200b-A1B2');
  assertRefused('\u202eSE2321000016-A1B2');
  assertRefused('SE2321000016-A1B2\u0000');
  assertRefused('SE２３２１００００１６-A1B2'); // full-width digits
  assertRefused('SE2321000016-Ａ1B2'); // full-width letter
  assertRefused('ＳＥ2321000016-A1B2');
});

test('trims ASCII whitespace around only', () => {
  assert.equal(validateHsaId('  SE2321000016-A1B2\n'), 'SE2321000016-A1B2');
  assertRefused('\u00a0SE2321000016-A1B2');
  assertRefused('SE2321000016-A1B2\ufeff');
});

test('bad arguments are a TypeError', () => {
  assert.throws(() => validateHsaId(undefined as unknown as string), TypeError);
});

test('maskHsaId shows only the last four characters and never throws', () => {
  assert.equal(maskHsaId('SE2321000016-A1B2'), '****A1B2');
  assert.equal(maskHsaId('SE2321000016-XYZ9876'), '****9876');
  assert.ok(!maskHsaId('SE2321000016-A1B2').includes('2321000016'));
  assert.equal(maskHsaId('not an hsa id'), '****');
  assert.equal(maskHsaId('191212121212'), '****');
  assert.equal(maskHsaId(null as unknown as string), '****');
});
