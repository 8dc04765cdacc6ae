import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBookingForm } from './booking-form.js';

const form = (extra: Record<string, string>) =>
  new URLSearchParams({ title: 'SIP-möte', startsAt: '2026-12-01T10:00', minutes: '60', 'p0-name': 'Anna', 'p0-role': 'chair', 'p0-kind': 'hsa', 'p0-value': 'SE2321000016-A1B2', ...extra });

test('the booking form passes the individual\'s consent on only when it was given, verbally or in writing', () => {
  assert.deepEqual(parseBookingForm(form({ consent: 'verbal' })).consent, { how: 'verbal' });
  assert.deepEqual(parseBookingForm(form({ consent: 'written' })).consent, { how: 'written' });
  for (const value of ['', 'self', 'yes']) assert.equal('consent' in parseBookingForm(form({ consent: value })), false, value);
  assert.equal('consent' in parseBookingForm(form({})), false);
});
