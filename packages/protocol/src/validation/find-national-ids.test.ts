import { test } from 'node:test';
import assert from 'node:assert/strict';

import { cprMod11Valid } from './cpr.js';
import { type NationalIdMatch, findNationalIds } from './find-national-ids.js';
import { luhnValid } from './personnummer.js';

const NOW = new Date('2026-03-01T12:00:00Z');

/** The matches as `[kind, matched text]`, which reads better in a failing assertion. */
function found(text: string, now: Date = NOW): Array<[NationalIdMatch['kind'], string]> {
  return findNationalIds(text, now).map((m) => [m.kind, text.slice(m.start, m.end)]);
}

test('fixtures: which are Luhn- and modulus-11-valid (the cases below depend on it)', () => {
  assert.equal(luhnValid('1212121212'), true); // 19121212-1212
  assert.equal(luhnValid('1212721219'), true); // 19121272-1219, samordningsnummer
  assert.equal(luhnValid('0101701234'), false); // CPR 010170-1234 is not also a personnummer
  assert.equal(cprMod11Valid('0101701234'), false);
  assert.equal(luhnValid('1502600059'), false); // CPR 150260-0059: modulus 11 only
  assert.equal(cprMod11Valid('1502600059'), true);
  assert.equal(luhnValid('1502600000'), false); // CPR 150260-0000: neither
  assert.equal(cprMod11Valid('1502600000'), false);
  assert.equal(luhnValid('0707614285'), true); // valid both ways
  assert.equal(cprMod11Valid('0707614285'), true);
  assert.equal(luhnValid('1912121213'.slice(0, 10)), false);
});

test('finds a personnummer in a sentence, with exact offsets', () => {
  const text = 'Mitt nummer är 19121212-1212, ring 070-123 45 67';
  assert.deepEqual(findNationalIds(text, NOW), [{ kind: 'pnr', start: 15, end: 28 }]);
  assert.equal(text.slice(15, 28), '19121212-1212');
});

test('finds every personnummer form: 12 or 10 digits, with -, +, a space or nothing', () => {
  for (const pnr of [
    '19121212-1212',
    '191212121212',
    '19121212 1212',
    '19121212+1212', // refused by normalizePersonnummer, but plainly a personnummer
    '121212-1212',
    '121212+1212',
    '121212 1212',
    '1212121212',
  ]) {
    assert.deepEqual(found(`Hej! ${pnr}.`), [['pnr', pnr]], pnr);
    assert.deepEqual(found(pnr), [['pnr', pnr]], `${pnr} alone`);
  }
});

test('a 10-digit personnummer counts whichever separator the writer chose', () => {
  // 261224-1238 would be a 2026 birth still to come; with either separator it is 1926.
  assert.deepEqual(found('261224-1238'), [['pnr', '261224-1238']]);
  assert.deepEqual(found('261224+1238'), [['pnr', '261224+1238']]);
  // 000229 exists only as 2000 (a "-" reading), not 1900 (the "+" reading).
  assert.deepEqual(found('000229-1235'), [['pnr', '000229-1235']]);
  assert.deepEqual(found('0002291235'), [['pnr', '0002291235']]);
  assert.deepEqual(found('000229+1235'), [['pnr', '000229+1235']]);
});

test('finds samordningsnummer', () => {
  assert.deepEqual(found('ID: 19121272-1219'), [['samordningsnummer', '19121272-1219']]);
  assert.deepEqual(found('ID: 121272-1219'), [['samordningsnummer', '121272-1219']]);
  assert.deepEqual(found('ID: 191212721219'), [['samordningsnummer', '191212721219']]);
});

test('checksum and date are verified', () => {
  assert.deepEqual(found('19121212-1213'), []); // wrong check digit
  assert.deepEqual(found('191212121213'), []);
  assert.deepEqual(found('19120230-1238'), []); // Luhn-valid, 30 February
  assert.deepEqual(found('880230-1237'), []); // Luhn-valid, 30 Feb; not a CPR date either
  assert.deepEqual(found('19121292-1215'), []); // Luhn-valid, day 92
  assert.deepEqual(found('19000229-1235'), []); // Luhn-valid, 1900 not leap
  assert.deepEqual(found('20000229-1235'), [['pnr', '20000229-1235']]);
});

test('a 12-digit personnummer dated after now is not one', () => {
  assert.deepEqual(found('20261224-1238'), []);
  assert.deepEqual(found('20261224-1238', new Date('2027-01-01T00:00:00Z')), [['pnr', '20261224-1238']]);
});

test('CPR with a hyphen counts on its date alone, even when modulus 11 fails (rule 14)', () => {
  assert.deepEqual(found('CPR 010170-1234 tak'), [['cpr', '010170-1234']]);
  assert.deepEqual(found('150260-0000'), [['cpr', '150260-0000']]);
  assert.deepEqual(found('150260-0059'), [['cpr', '150260-0059']]);
});

test('CPR without a hyphen counts only when modulus 11 also passes', () => {
  assert.deepEqual(found('nr 1502600059'), [['cpr', '1502600059']]);
  assert.deepEqual(found('nr 1502600000'), []); // valid date, modulus 11 fails: any 10-digit number
  assert.deepEqual(found('nr 0101701234'), []);
  assert.deepEqual(found('nr 150260 0059'), [['cpr', '150260 0059']]);
  assert.deepEqual(found('nr 150260 0000'), []);
  assert.deepEqual(found('nr 150260+0059'), []); // + is no CPR separator
});

test('CPR dates are checked: impossible dates and future births are not CPRs', () => {
  assert.deepEqual(found('320170-1234'), []);
  assert.deepEqual(found('300270-1234'), []);
  assert.deepEqual(found('290200-1000'), []); // 1900 not leap
  assert.deepEqual(found('290200-4000'), [['cpr', '290200-4000']]); // 2000
  assert.deepEqual(found('010136-4000'), []); // 2036
  assert.deepEqual(found('010136-4000', new Date('2036-06-01T00:00:00Z')), [['cpr', '010136-4000']]);
});

test('a number valid both ways is reported once, as the Swedish kind', () => {
  // 0707614285 is a modulus-11-valid CPR and a Luhn-valid samordningsnummer (2007-07-01).
  assert.deepEqual(found('0707614285'), [['samordningsnummer', '0707614285']]);
  assert.deepEqual(found('070761-4285'), [['samordningsnummer', '070761-4285']]);
});

test('ordinary numbers are not flagged', () => {
  for (const text of [
    'Ring mig på 070-123 45 67',
    'Ring mig på +46 70 123 45 67',
    'Ring mig på +46701234567',
    'Ring mig på 0046701234567',
    'Ring mig på 08-123 456 78',
    'Mötet är 2026-12-01 kl 14:00',
    'Mötet är 2026-03-01T14:00:00Z',
    'Order 123456789',
    'Order 12345678901234567890',
    'Kod 123456',
    'Beløb 1.234.567,89 kr',
    'IBAN SE45 5000 0000 0583 9825 7466',
    '',
    'Inga siffror alls',
    'Ring meg på +47 912 34 567 eller 22 12 34 56',
    'Soita +358 40 123 4567 tai 040 123 4567',
    'Org.nr. 987 654 321, Y-tunnus 1234567-8',
    'Kontonummer 1234.56.78903',
  ]) {
    assert.deepEqual(found(text), [], text);
  }
});

test('a longer run of digits never yields a hit from its middle', () => {
  // Each of these contains a valid personnummer or CPR as a slice.
  for (const text of [
    '9191212121212', // 13 digits holding 191212121212
    '1912121212129',
    '19121212121212', // 14 digits, holding 1212121212 too
    '919121212-1212', // 9 digits before the hyphen, holding 19121212-1212 and 121212-1212
    '19121212-12129',
    '1121212-1212', // 7 digits before the hyphen, holding 121212-1212
    '121212-12120',
    '11502600059', // 11 digits holding the CPR 1502600059
    '0150260-0000',
    '1234567890191212121212',
  ]) {
    assert.deepEqual(found(text), [], text);
  }
});

test('finds numbers written in full-width or other digits, with offsets in the original', () => {
  const fullWidth = 'ID：１９１２１２１２－１２１２。';
  assert.deepEqual(found(fullWidth), [['pnr', '１９１２１２１２－１２１２']]);
  assert.deepEqual(found('１２１２１２１２１２'), [['pnr', '１２１２１２１２１２']]);
  assert.deepEqual(found('０１０１７０－１２３４'), [['cpr', '０１０１７０－１２３４']]);
  assert.deepEqual(found('١٩١٢١٢١٢١٢١٢'), [['pnr', '١٩١٢١٢١٢١٢١٢']]); // Arabic-Indic
  assert.deepEqual(found('۱۹۱۲۱۲۱۲-۱۲۱۲'), [['pnr', '۱۹۱۲۱۲۱۲-۱۲۱۲']]); // Extended Arabic-Indic
  // Mathematical bold digits are outside the BMP: two code units each, offsets still right.
  const bold = 'x 𝟏𝟗𝟏𝟐𝟏𝟐𝟏𝟐-𝟏𝟐𝟏𝟐 y';
  assert.deepEqual(found(bold), [['pnr', '𝟏𝟗𝟏𝟐𝟏𝟐𝟏𝟐-𝟏𝟐𝟏𝟐']]);
  assert.deepEqual(findNationalIds(bold, NOW), [{ kind: 'pnr', start: 2, end: 2 + 24 + 1 }]);
  // Full-width digits still respect digit boundaries.
  assert.deepEqual(found('９１９１２１２１２１２１２'), []);
});

test('other dashes and spaces count as separators', () => {
  assert.deepEqual(found('19121212–1212'), [['pnr', '19121212–1212']]); // en dash
  assert.deepEqual(found('121212‑1212'), [['pnr', '121212‑1212']]); // non-breaking hyphen
  assert.deepEqual(found('121212−1212'), [['pnr', '121212−1212']]); // minus sign
  assert.deepEqual(found('19121212\u00a01212'), [['pnr', '19121212\u00a01212']]);
  assert.deepEqual(found('121212＋1212'), [['pnr', '121212＋1212']]);
});

test('invisible characters inside do not hide a number', () => {
  for (const text of ['19121212\u200b-1212', '1912\u200d1212\u200c1212', '191212\u2060121212', '\u202e19121212-1212\u202c', '1912121\u00ad21212']) {
    const matches = findNationalIds(text, NOW);
    assert.equal(matches.length, 1, JSON.stringify(text));
    assert.equal(matches[0]?.kind, 'pnr');
    const slice = text.slice(matches[0]?.start, matches[0]?.end);
    assert.equal(slice.replace(/[^0-9]/g, '').slice(-10), '1212121212', JSON.stringify(text));
  }
});

test('finds several numbers in one message, in order', () => {
  const text = 'Mamma 19121212-1212 och pappa 121272-1219, dansk 010170-1234; tel 070-123 45 67.';
  assert.deepEqual(found(text), [
    ['pnr', '19121212-1212'],
    ['samordningsnummer', '121272-1219'],
    ['cpr', '010170-1234'],
  ]);
  assert.deepEqual(found('191212121212,191212121212'), [
    ['pnr', '191212121212'],
    ['pnr', '191212121212'],
  ]);
});

test('letters right next to a number do not hide it', () => {
  assert.deepEqual(found('pnr:191212121212abc'), [['pnr', '191212121212']]);
  assert.deepEqual(found('CPR010170-1234X'), [['cpr', '010170-1234']]);
});

test('finds a fødselsnummer or D-nummer: 11 digits, or 6 and 5 with a space or hyphen', () => {
  for (const fnr of ['30108299920', '301082 99920', '301082-99920', '301082\u00a099920', '３０１０８２９９９２０']) {
    assert.deepEqual(found(`Fnr: ${fnr}.`), [['fnr', fnr]], fnr);
  }
  assert.deepEqual(found('D-nummer 70108299914'), [['dnummer', '70108299914']]);
  assert.deepEqual(found('D-nummer 701082 99914'), [['dnummer', '701082 99914']]);
  // Both check digits must hold, and the individual number must fit the year.
  assert.deepEqual(found('30108299921'), []);
  assert.deepEqual(found('30108299930'), []);
  assert.deepEqual(found('301082+99920'), [], '+ is no Norwegian separator');
  // A longer run never yields one from its middle.
  assert.deepEqual(found('130108299920'), []);
  assert.deepEqual(found('301082999201'), []);
  // The 2032 rules count only from 2032.
  assert.deepEqual(found('30108299939'), []);
  assert.deepEqual(found('30108299939', new Date('2032-06-01T00:00:00Z')), [['fnr', '30108299939']]);
});

test('finds a henkilötunnus with any century sign, letters in either case', () => {
  for (const hetu of ['131052-308T', '131052-308t', '010105A904W', '010105a904w', '010594Y9032', '010101-999X', '131052–308T', '１３１０５２－３０８Ｔ']) {
    assert.deepEqual(found(`Hetu ${hetu}, kiitos`), [['hetu', hetu]], hetu);
    assert.deepEqual(found(hetu), [['hetu', hetu]], `${hetu} alone`);
  }
  assert.deepEqual(found('131052-308Tabc'), [['hetu', '131052-308T']], 'letters right after do not hide it');
  // The check character must match; a date that is not real or not yet is no hit.
  assert.deepEqual(found('131052-308U'), []);
  assert.deepEqual(found('010105A904X'), []);
  assert.deepEqual(found('310252-308T'), []);
  assert.deepEqual(found('010330A1239'), []);
  // A digit right after ends the candidate.
  assert.deepEqual(found('010105A904W1'), []);
  assert.deepEqual(found('010594Y90321'), []);
  assert.deepEqual(found('Order 123456A789B'), []);
});

test('a DDMMYY-ZZZQ that is a henkilötunnus and a CPR date is reported once, as a henkilötunnus', () => {
  // 010594-9032: a real 1994 CPR date (hyphen: date alone counts) and a valid henkilötunnus.
  assert.deepEqual(found('010594-9032'), [['hetu', '010594-9032']]);
  // Change the check character: the henkilötunnus fails, the CPR reading stays.
  assert.deepEqual(found('010594-9033'), [['cpr', '010594-9033']]);
});

test('all six kinds in one message, in order', () => {
  const text = 'Sv 19121212-1212, samordning 121272-1219, dk 010170-1234, no 30108299920 / 70108299914, fi 131052-308T.';
  assert.deepEqual(found(text), [
    ['pnr', '19121212-1212'],
    ['samordningsnummer', '121272-1219'],
    ['cpr', '010170-1234'],
    ['fnr', '30108299920'],
    ['dnummer', '70108299914'],
    ['hetu', '131052-308T'],
  ]);
});

test('uses the current date when now is not given, and refuses bad arguments', () => {
  assert.deepEqual(
    findNationalIds('19121212-1212').map((m) => m.kind),
    ['pnr'],
  );
  assert.throws(() => findNationalIds(undefined as unknown as string), TypeError);
  assert.throws(() => findNationalIds('x', new Date('nope')), TypeError);
});

test('a long message is scanned quickly', () => {
  const text = `${'Hej 070-123 45 67, 2026-12-01. '.repeat(2000)}19121212-1212`;
  const started = Date.now();
  const matches = findNationalIds(text, NOW);
  assert.ok(Date.now() - started < 2000);
  assert.equal(matches.length, 1);
  assert.equal(text.slice(matches[0]?.start, matches[0]?.end), '19121212-1212');
});
