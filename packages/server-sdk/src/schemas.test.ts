import { test } from 'node:test';
import assert from 'node:assert/strict';

import { CareMeetError } from './errors.js';
import { MAX_BOOKING_AHEAD_MS, parseBookMeeting } from './schemas.js';
import { sipMeeting } from './test-support/harness.js';

const NOW = new Date('2026-12-01T08:00:00Z');

function refusedAt(body: unknown, field: string, message: RegExp): void {
  assert.throws(
    () => parseBookMeeting(body, NOW),
    (e: unknown) => {
      assert.ok(e instanceof CareMeetError, 'a CareMeetError');
      assert.equal(e.code, 'BAD_REQUEST');
      assert.equal(e.field, field);
      assert.match(e.message, message);
      assert.ok(e.message.startsWith(field), `the message names ${field}: ${e.message}`);
      return true;
    },
  );
}

test('booking: a start or end on a day that does not exist is refused, naming the field', () => {
  refusedAt(sipMeeting({ startsAt: '2027-02-30T10:00:00+01:00', endsAt: '2027-03-02T11:00:00+01:00' }), 'startsAt', /does not exist/);
  refusedAt(sipMeeting({ startsAt: '2027-04-30T10:00:00+02:00', endsAt: '2027-04-31T11:00:00+02:00' }), 'endsAt', /does not exist/);
  refusedAt(sipMeeting({ startsAt: '2027-02-29T10:00:00Z', endsAt: '2027-02-29T11:00:00Z' }), 'startsAt', /does not exist/);
  refusedAt(sipMeeting({ startsAt: '2027-01-01T24:00:00+01:00', endsAt: '2027-01-02T01:00:00+01:00' }), 'startsAt', /clock time/);
  refusedAt(sipMeeting({ startsAt: '2027-01-01T10:00:00+01:00', endsAt: '2027-01-01T11:00:00+15:00' }), 'endsAt', /offset/);
  // A leap day that exists is booked as it is.
  const leap = parseBookMeeting(sipMeeting({ startsAt: '2028-02-29T10:00:00+01:00', endsAt: '2028-02-29T11:00:00+01:00' }), NOW);
  assert.equal(leap.startsAt.toISOString(), '2028-02-29T09:00:00.000Z');
});

test('booking horizon: at most 731 days ahead; year 9999 and the day after the horizon are refused', () => {
  assert.equal(MAX_BOOKING_AHEAD_MS, 731 * 24 * 3600_000);
  refusedAt(sipMeeting({ startsAt: '9999-12-31T10:00:00Z', endsAt: '9999-12-31T11:00:00Z' }), 'startsAt', /731 days/);
  const last = new Date(NOW.getTime() + MAX_BOOKING_AHEAD_MS);
  const hourLater = new Date(last.getTime() + 3600_000);
  const ok = parseBookMeeting(sipMeeting({ startsAt: last.toISOString(), endsAt: hourLater.toISOString() }), NOW);
  assert.equal(ok.startsAt.getTime(), last.getTime());
  const justOver = new Date(last.getTime() + 1000);
  refusedAt(sipMeeting({ startsAt: justOver.toISOString(), endsAt: new Date(justOver.getTime() + 3600_000).toISOString() }), 'startsAt', /ahead/);
});

test('booking: the other time rules still hold (order, 24 hours at most, not over already, offset required)', () => {
  refusedAt(sipMeeting({ startsAt: '2026-12-01T11:00:00+01:00', endsAt: '2026-12-01T10:00:00+01:00' }), 'endsAt', /after startsAt/);
  refusedAt(sipMeeting({ startsAt: '2026-12-02T10:00:00+01:00', endsAt: '2026-12-03T10:00:01+01:00' }), 'endsAt', /24 hours/);
  refusedAt(sipMeeting({ startsAt: '2026-11-30T10:00:00+01:00', endsAt: '2026-11-30T11:00:00+01:00' }), 'endsAt', /already be over/);
  refusedAt(sipMeeting({ startsAt: '2026-12-02T10:00:00', endsAt: '2026-12-02T11:00:00+01:00' }), 'startsAt', /offset/);
  refusedAt(sipMeeting({ startsAt: 1796205600000, endsAt: '2026-12-02T11:00:00+01:00' }), 'startsAt', /ISO 8601/);
  refusedAt(sipMeeting({ startsAt: `2026-12-02T10:00:00${'0'.repeat(100)}+01:00`, endsAt: '2026-12-02T11:00:00+01:00' }), 'startsAt', /ISO 8601/);
});
