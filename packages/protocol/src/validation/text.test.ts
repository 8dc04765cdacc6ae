import { test } from 'node:test';
import assert from 'node:assert/strict';

import { CareMeetError, type CareMeetErrorCode } from '../errors.js';
import {
  MAX_EMAIL_BYTES,
  MAX_EVALUATION_ANSWER_BYTES,
  MAX_PERSON_NAME_BYTES,
  assertNoOddUnicode,
  evaluationAnswerText,
  hasOddUnicode,
  normalizeEmail,
  normalizePhone,
  trimAsciiWhitespace,
  utf8Length,
  validatePersonName,
} from './text.js';

/**
 * Asserts `run` throws a CareMeetError with `code` (and `field`, when given) whose message and
 * serialised form do not contain `value`.
 */
function assertRefused(run: () => unknown, code: CareMeetErrorCode, value: unknown, field?: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof CareMeetError, 'a CareMeetError');
    assert.equal(error.code, code);
    assert.equal(error.status, 400);
    if (field !== undefined) assert.equal(error.field, field);
    if (typeof value === 'string') {
      const text = `${error.message} ${JSON.stringify(error)}`;
      const core = value.trim();
      // Short values ("a", "+") can appear in any sentence; longer ones must not appear at all.
      if (core.length >= 4) assert.ok(!text.includes(core), 'the error must not contain the value');
      const digits = value.replace(/[^0-9]/g, '');
      if (digits.length >= 6) assert.ok(!text.includes(digits), 'nor its digits');
    }
    return true;
  });
}

/** Every character the odd-Unicode rules name, with what it is. */
const ODD_CHARACTERS: Array<[string, string]> = [
  ['\u0000', 'NUL'],
  ['\u0007', 'BEL'],
  ['\t', 'tab'],
  ['\n', 'line feed'],
  ['\u007f', 'DEL'],
  ['\u0085', 'next line (C1)'],
  ['\u202a', 'LRE'],
  ['\u202b', 'RLE'],
  ['\u202c', 'PDF'],
  ['\u202d', 'LRO'],
  ['\u202e', 'RLO'],
  ['\u2066', 'LRI'],
  ['\u2067', 'RLI'],
  ['\u2068', 'FSI'],
  ['\u2069', 'PDI'],
  ['\u200e', 'LRM'],
  ['\u200f', 'RLM'],
  ['\u061c', 'ALM'],
  ['\u200b', 'zero-width space'],
  ['\u200c', 'ZWNJ'],
  ['\u200d', 'ZWJ'],
  ['\u2060', 'word joiner'],
  ['\ufeff', 'BOM'],
  ['\u00ad', 'soft hyphen'],
  ['\u2028', 'line separator'],
  ['\u2029', 'paragraph separator'],
  ['\ue000', 'private use'],
  ['\udb80\udc00', 'supplementary private use (U+F0000)'],
  ['\u0378', 'unassigned'],
  ['\ufdd0', 'noncharacter'],
  ['\ud800', 'lone high surrogate'],
  ['\udc00', 'lone low surrogate'],
  ['\uff11', 'full-width digit one'],
  ['\u0661', 'Arabic-Indic digit one'],
];

test('utf8Length counts the bytes TextEncoder writes: ASCII, Nordic letters, CJK, emoji, lone surrogates', () => {
  const encoder = new TextEncoder();
  for (const text of ['', 'Anna', 'Åsa Ødegård Ääkkönen', '山田太郎', '👩‍⚕️ Eva', 'a\uD800b', '\uDC00', '\uD83D\uDE00\uD83D', 'x'.repeat(300)]) {
    assert.equal(utf8Length(text), encoder.encode(text).length, JSON.stringify(text));
  }
});

test('trimAsciiWhitespace trims ASCII whitespace only, and is fast on long runs', () => {
  assert.equal(trimAsciiWhitespace(' \t\n\r\f\vabc \t\n'), 'abc');
  assert.equal(trimAsciiWhitespace('a b'), 'a b');
  assert.equal(trimAsciiWhitespace('\u00a0a\u00a0'), '\u00a0a\u00a0');
  assert.equal(trimAsciiWhitespace('\ufeffa'), '\ufeffa');
  assert.equal(trimAsciiWhitespace('   '), '');
  const started = Date.now();
  assert.equal(trimAsciiWhitespace(`${' '.repeat(200_000)}x${' '.repeat(200_000)}y`).length, 200_002);
  assert.ok(Date.now() - started < 1000, 'linear, not quadratic');
  assert.throws(() => trimAsciiWhitespace(1 as unknown as string), TypeError);
});

test('names from the Nordic countries and beyond pass, NFC-normalised and trimmed', () => {
  for (const name of [
    'Åsa Öberg-Ärlig',
    "Zoë D'Angelo",
    'Søren Ægidius',
    'Nguyễn Văn An',
    'Anna-Karin O’Brien',
    'Þórunn Guðmundsdóttir',
    'Jaana Mäkelä',
    'Niillas Áilu Gaup',
    '山田 太郎',
    'محمد علي',
    'Ø',
  ]) {
    assert.equal(validatePersonName(name), name.normalize('NFC'), name);
  }
  assert.equal(validatePersonName('  Åsa Öberg \t'), 'Åsa Öberg');
  assert.equal(validatePersonName('\u00a0Søren\u3000'), 'Søren');
  // Decomposed input comes back composed.
  const decomposed = 'Zoe\u0308';
  assert.equal(decomposed.length, 4);
  assert.equal(validatePersonName(decomposed), 'Zo\u00eb');
  assert.equal(validatePersonName('A\u030asa'), '\u00c5sa');
});

test('name length is counted in UTF-8 bytes after NFC: 200 pass, 201 fail', () => {
  assert.equal(MAX_PERSON_NAME_BYTES, 200);
  const hundredAring = 'å'.repeat(100);
  assert.equal(new TextEncoder().encode(hundredAring).length, 200);
  assert.equal(validatePersonName(hundredAring), hundredAring);
  assertRefused(() => validatePersonName('å'.repeat(101)), 'INVALID_NAME', 'å'.repeat(101));
  assert.equal(validatePersonName('a'.repeat(200)), 'a'.repeat(200));
  assertRefused(() => validatePersonName('a'.repeat(201)), 'INVALID_NAME', 'a'.repeat(201));
  // 100 decomposed å (300 bytes as typed) are 200 bytes once composed, so they pass.
  assert.equal(validatePersonName('a\u030a'.repeat(100)), hundredAring);
  assertRefused(() => validatePersonName('a\u030a'.repeat(101)), 'INVALID_NAME', undefined);
  // Spaces around do not count.
  assert.equal(validatePersonName(`   ${hundredAring}   `), hundredAring);
  assertRefused(() => validatePersonName('x'.repeat(100_000)), 'INVALID_NAME', undefined);
});

test('a name must be a non-empty string with at least one letter', () => {
  for (const input of [undefined, null, 42, true, ['Anna'], { toString: () => 'Anna' }]) {
    assertRefused(() => validatePersonName(input), 'INVALID_NAME', input, 'name');
  }
  for (const input of ['', '   ', '\u00a0', '1234', "-'.", '😀', '42 😀']) {
    assertRefused(() => validatePersonName(input), 'INVALID_NAME', input);
  }
  assert.equal(validatePersonName('A 😀'), 'A 😀');
});

test('a name refuses every odd character, at the start, inside or at the end', () => {
  for (const [char, what] of ODD_CHARACTERS) {
    for (const input of [`${char}Anna Berg`, `Anna${char} Berg`, `Anna Berg${char}`]) {
      // Tab and line feed at the ends are whitespace and trimmed; inside they are refused.
      if ((char === '\t' || char === '\n') && input !== `Anna${char} Berg`) {
        assert.equal(validatePersonName(input), 'Anna Berg', what);
        continue;
      }
      assertRefused(() => validatePersonName(input, 'participants[0].name'), 'INVALID_NAME', input, 'participants[0].name');
    }
  }
});

test('a name refuses invisible letters (Hangul fillers) and variation selectors', () => {
  assertRefused(() => validatePersonName('\u3164'), 'INVALID_NAME', undefined);
  assertRefused(() => validatePersonName('\u115f\u1160'), 'INVALID_NAME', undefined);
  assertRefused(() => validatePersonName('Anna\u3164'), 'INVALID_NAME', undefined);
  assertRefused(() => validatePersonName('Anna\ufe0f'), 'INVALID_NAME', undefined);
});

test('assertNoOddUnicode passes ordinary text and refuses each odd character with BAD_REQUEST', () => {
  assert.doesNotThrow(() => assertNoOddUnicode('Återbesök hud, 14:00 (rum 3) – Dr. Ægidius ❤️', 'title'));
  assert.doesNotThrow(() => assertNoOddUnicode('', 'title'));
  for (const [char, what] of ODD_CHARACTERS) {
    const value = `Möte${char}Berg`;
    assert.throws(
      () => assertNoOddUnicode(value, 'title'),
      (error: unknown) => error instanceof CareMeetError && error.code === 'BAD_REQUEST' && error.field === 'title' && !error.message.includes(value),
      what,
    );
  }
  assert.throws(() => assertNoOddUnicode(42 as unknown as string, 'title'), TypeError);
});

test('normalizePhone returns E.164 for international and Swedish national forms', () => {
  assert.equal(normalizePhone('+46 70-123 45 67'), '+46701234567');
  assert.equal(normalizePhone('+46701234567'), '+46701234567');
  assert.equal(normalizePhone('0701234567'), '+46701234567');
  assert.equal(normalizePhone('070-123 45 67'), '+46701234567');
  assert.equal(normalizePhone('070 - 123 45 67'), '+46701234567');
  assert.equal(normalizePhone('08-123 456 78'), '+46812345678');
  assert.equal(normalizePhone('+4512345678'), '+4512345678');
  assert.equal(normalizePhone('+45 12 34 56 78'), '+4512345678');
  assert.equal(normalizePhone('  +46701234567\n'), '+46701234567');
  assert.equal(normalizePhone('+12345678'), '+12345678'); // 8 digits
  assert.equal(normalizePhone('+123456789012345'), '+123456789012345'); // 15 digits
});

test('normalizePhone refuses anything else', () => {
  for (const input of [
    '',
    '+',
    '0',
    '01234', // +461234: too short
    '+1234567', // 7 digits
    '+1234567890123456', // 16 digits
    '+0701234567', // a country code never starts with 0
    '0046701234567', // 00 prefix: refused, not guessed
    '701234567', // no prefix at all
    '4512345678',
    '++46701234567',
    '+ 46701234567',
    '-46701234567',
    '46701234567-',
    '+46 70 ABC 45 67',
    '+46(0)701234567',
    '+46.70.123.45.67',
    '+46/701234567',
    '＋46701234567', // full-width plus
    '+46７01234567', // full-width digit
    '+٤٦701234567', // Arabic-Indic digits
    '+46\u00a0701234567', // no-break space
    '+46 70\u200b1234567',
    '\u202e+46701234567',
    '+46701234567\u0000',
    '+46\t701234567',
    `+46${' '.repeat(50)}701234567`,
  ]) {
    assertRefused(() => normalizePhone(input), 'INVALID_PHONE', input, 'phone');
  }
  for (const input of [46701234567, null, undefined, ['+46701234567']]) {
    assertRefused(() => normalizePhone(input, 'patient.phone'), 'INVALID_PHONE', input, 'patient.phone');
  }
});

test('normalizeEmail trims and lower-cases only the domain', () => {
  assert.equal(normalizeEmail(' Anna.Berg@Region.Example.SE '), 'Anna.Berg@region.example.se');
  assert.equal(normalizeEmail('a+tag@xn--rksmrgs-5wao1o.se'), 'a+tag@xn--rksmrgs-5wao1o.se');
  assert.equal(normalizeEmail("o'brien@sub.example.com"), "o'brien@sub.example.com");
  assert.equal(normalizeEmail('x@a-b.c9.dk'), 'x@a-b.c9.dk');
});

test('normalizeEmail enforces 64-byte local parts, 63-byte labels and 254 bytes in all', () => {
  assert.equal(MAX_EMAIL_BYTES, 254);
  const local64 = 'l'.repeat(64);
  assert.equal(normalizeEmail(`${local64}@x.se`), `${local64}@x.se`);
  assertRefused(() => normalizeEmail(`${local64}l@x.se`), 'INVALID_EMAIL', undefined);
  const label63 = 'd'.repeat(63);
  assert.equal(normalizeEmail(`a@${label63}.se`), `a@${label63}.se`);
  assertRefused(() => normalizeEmail(`a@${label63}d.se`), 'INVALID_EMAIL', undefined);
  const domain189 = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(58)}.se`;
  const at254 = `${local64}@${domain189}`;
  assert.equal(at254.length, 254);
  assert.equal(normalizeEmail(at254), at254);
  const at255 = `${local64}@${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(59)}.se`;
  assert.equal(at255.length, 255);
  assertRefused(() => normalizeEmail(at255), 'INVALID_EMAIL', undefined);
});

test('normalizeEmail refuses anything else', () => {
  for (const input of [
    '',
    '   ',
    'anna.berg',
    'anna@@example.se',
    'anna@berg@example.se',
    '@example.se',
    'anna@',
    'anna@localhost',
    '.anna@example.se',
    'anna.@example.se',
    'an..na@example.se',
    '"anna berg"@example.se',
    'anna berg@example.se',
    'åsa@example.se',
    'anna@exämple.se',
    'anna@-example.se',
    'anna@example-.se',
    'anna@example..se',
    'anna@example.se.',
    'anna@example.123',
    'anna@[192.168.0.1]',
    'anna\u200b@example.se',
    'anna@example.se\u0000',
    '\u202eanna@example.se',
    'anna\n@example.se',
    'anna@ｅxample.se',
    'anna@example.se\u2028',
  ]) {
    assertRefused(() => normalizeEmail(input), 'INVALID_EMAIL', input, 'email');
  }
  for (const input of [null, 42, { email: 'a@b.se' }]) {
    assertRefused(() => normalizeEmail(input, 'host.email'), 'INVALID_EMAIL', input, 'host.email');
  }
});

test('evaluationAnswerText: invisible format characters out, trimmed, at most MAX_EVALUATION_ANSWER_BYTES UTF-8 bytes at a character boundary', () => {
  assert.equal(evaluationAnswerText('  Bra\u00ADmöte\u200B \uFEFF'), 'Bramöte');
  assert.equal(evaluationAnswerText('Rad ett\nRad två'), 'Rad ett\nRad två', 'line breaks stay');
  assert.equal(evaluationAnswerText('\u200B'), '');
  // 1000 × 'ö' is 2000 bytes: all of it; one more 'ö' is cut, and an emoji (4 bytes) is never halved.
  assert.equal(evaluationAnswerText('ö'.repeat(1000)), 'ö'.repeat(1000));
  assert.equal(evaluationAnswerText('ö'.repeat(1001)), 'ö'.repeat(1000));
  const emoji = evaluationAnswerText(`${'a'.repeat(1998)}😀`);
  assert.equal(emoji, 'a'.repeat(1998), 'the emoji does not fit in 2 bytes and is left out whole');
  assert.equal(utf8Length(evaluationAnswerText('😀'.repeat(600))), MAX_EVALUATION_ANSWER_BYTES);
  // What it leaves is what the server's rule accepts, when only invisible characters were odd.
  assert.equal(hasOddUnicode(evaluationAnswerText('Tack\u2066!\u2069')), false);
  assert.equal(hasOddUnicode(evaluationAnswerText('tid \uFF11\uFF12')), true, 'full-width digits are left for the server to refuse');
});
