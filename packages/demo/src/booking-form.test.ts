import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BookingFormError, parseBookingForm, parseLocalDate, readBookingForm } from './booking-form.js';
import { BOOKING_ERROR_TEXTS, bookingErrorText, placeBookingError } from './pages/booking-errors.js';
import { LANGS } from './pages/layout.js';

const form = (extra: Record<string, string>) =>
  new URLSearchParams({
    title: 'SIP-möte',
    date: '2026-12-01',
    time: '10:00',
    minutes: '60',
    'p0-name': 'Anna',
    'p0-role': 'chair',
    'p0-kind': 'hsa',
    'p0-value': 'SE2321000016-A1B2',
    ...extra,
  });

test("the booking form passes the individual's consent on only when it was given, verbally or in writing", () => {
  assert.deepEqual(parseBookingForm(form({ consent: 'verbal' })).consent, { how: 'verbal' });
  assert.deepEqual(parseBookingForm(form({ consent: 'written' })).consent, { how: 'written' });
  for (const value of ['', 'self', 'yes']) assert.equal('consent' in parseBookingForm(form({ consent: value })), false, value);
  assert.equal('consent' in parseBookingForm(form({})), false);
});

test('the date is read as the page’s language writes it, not as the browser’s locale does', () => {
  const starts = (lang: 'sv' | 'da' | 'nb' | 'fi' | 'en', date: string, time = '10:00') => parseBookingForm(form({ date, time }), lang).startsAt;
  // 1 December 2026, 10:00 in Stockholm (winter time, UTC+1), whichever way each language writes it.
  const expected = '2026-12-01T09:00:00.000Z';
  assert.equal(starts('sv', '2026-12-01'), expected);
  assert.equal(starts('da', '01.12.2026'), expected);
  assert.equal(starts('da', '1-12-2026'), expected);
  assert.equal(starts('nb', '01.12.2026'), expected);
  assert.equal(starts('fi', '1.12.2026', '10.00'), expected);
  assert.equal(starts('en', '01/12/2026'), expected);
  // ISO is read in every language; a US-style month-first date is never read as one.
  for (const lang of LANGS) assert.equal(starts(lang, '2026-12-01'), expected, lang);
  assert.throws(
    () => parseLocalDate('12/01/2026', 'sv'),
    (e: unknown) => e instanceof BookingFormError && e.problem === 'date-format',
  );
  assert.throws(
    () => parseLocalDate('13/25/2026', 'en'),
    (e: unknown) => e instanceof BookingFormError && e.problem === 'date-impossible',
  );
});

test('30 February is refused as a date that does not exist, not rolled over into March', () => {
  for (const [lang, date] of [
    ['sv', '2027-02-30'],
    ['da', '30.02.2027'],
    ['en', '30/02/2027'],
    ['fi', '29.2.2027'],
    ['nb', '31.04.2027'],
  ] as const) {
    assert.throws(
      () => parseBookingForm(form({ date }), lang),
      (e: unknown) => e instanceof BookingFormError && e.control === 'date' && e.problem === 'date-impossible',
      `${lang} ${date}`,
    );
  }
  assert.equal(parseLocalDate('29.02.2028', 'da'), '2028-02-29', 'a leap day exists');
  assert.throws(
    () => parseBookingForm(form({ time: '24:00' })),
    (e: unknown) => e instanceof BookingFormError && e.control === 'time',
  );
});

test('a server refusal names its participant by index: the form places it on the row it came from', () => {
  // Rows 0 and 2 filled, row 1 empty: participants[1] is row 2.
  const { rowOf, booking } = readBookingForm(form({ 'p2-name': 'Kurt', 'p2-role': 'guest', 'p2-kind': 'guest-phone', 'p2-value': '+46709876543' }), 'da');
  assert.deepEqual(rowOf, [0, 2]);
  assert.deepEqual(booking.participants[1], { name: 'Kurt', role: 'guest', identity: { kind: 'guest', phone: '+46709876543' }, language: 'da' });
  assert.deepEqual(placeBookingError('INVALID_HSA_ID', 'participants[0].identity.hsaId', rowOf), { control: 'p0-value', row: 0, problem: 'hsa' });
  assert.deepEqual(placeBookingError('INVALID_PHONE', 'participants[1].phone', rowOf), { control: 'p2-value', row: 2, problem: 'phone' });
  assert.deepEqual(placeBookingError('INVALID_NAME', 'participants[1].name', rowOf), { control: 'p2-name', row: 2, problem: 'name' });
  assert.deepEqual(placeBookingError('BAD_REQUEST', 'participants[1].identity.kind', rowOf), { control: 'p2-kind', row: 2, problem: 'kind-role' });
  assert.deepEqual(placeBookingError('CONFLICT', 'participants[1].identity', rowOf), { control: 'p2-value', row: 2, problem: 'duplicate' });
  assert.deepEqual(placeBookingError('BAD_REQUEST', 'participants', rowOf), { control: 'p0-role', row: 0, problem: 'one-chair' });
  assert.deepEqual(placeBookingError('BAD_REQUEST', 'endsAt', rowOf), { control: 'date', problem: 'past' });
  assert.deepEqual(placeBookingError('BAD_REQUEST', 'consent', rowOf), { control: 'consent', problem: 'consent' });
  assert.deepEqual(placeBookingError('LIVEKIT_UNAVAILABLE', undefined, rowOf), { control: 'title', problem: 'other', code: 'LIVEKIT_UNAVAILABLE' });
});

test('every refusal has words in all five languages, each language its own, none the raw code', () => {
  const formats = { date: 'DD.MM.ÅÅÅÅ', time: 'TT:MM' };
  const problems = [...Object.keys(BOOKING_ERROR_TEXTS.en.problems), 'date-format', 'time-format', 'other'] as const;
  for (const problem of problems) {
    const seen = new Map<string, string>();
    for (const lang of LANGS) {
      const text = bookingErrorText(lang, { control: 'x', problem: problem as never, code: 'X_CODE' }, formats);
      assert.ok(text.length > 10, `${lang} ${problem}`);
      assert.ok(!/INVALID_|BAD_REQUEST|participants\[/.test(text), `${lang} ${problem}: ${text}`);
      const same = [...seen].find(([, other]) => other === text);
      assert.equal(same, undefined, `${lang} ${problem} is the same text as ${same?.[0]}`);
      seen.set(lang, text);
    }
  }
  for (const lang of LANGS) assert.deepEqual(Object.keys(BOOKING_ERROR_TEXTS[lang].problems).sort(), Object.keys(BOOKING_ERROR_TEXTS.en.problems).sort(), lang);
});
