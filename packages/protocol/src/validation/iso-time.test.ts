import { test } from 'node:test';
import assert from 'node:assert/strict';

import { checkIsoTime, type IsoTimeProblem } from './iso-time.js';

function refused(value: string, problem: IsoTimeProblem): void {
  const r = checkIsoTime(value);
  assert.equal(r.ok, false, `${value} should be refused`);
  if (!r.ok) assert.equal(r.problem, problem, value);
}

test('real times with an offset pass and mean the instant they say', () => {
  const cases: Array<[string, string]> = [
    ['2027-02-28T10:00:00+01:00', '2027-02-28T09:00:00.000Z'],
    ['2028-02-29T10:00:00+01:00', '2028-02-29T09:00:00.000Z'],
    ['2000-02-29T00:00:00Z', '2000-02-29T00:00:00.000Z'],
    ['2027-04-30T23:59:59.999+02:00', '2027-04-30T21:59:59.999Z'],
    ['2027-12-31T23:59Z', '2027-12-31T23:59:00.000Z'],
    ['2027-01-01T00:00:00-05:00', '2027-01-01T05:00:00.000Z'],
    ['2027-01-01T00:00:00+14:00', '2026-12-31T10:00:00.000Z'],
    ['2027-01-01T00:00:00-12:00', '2027-01-01T12:00:00.000Z'],
    ['2027-06-01T10:00:00-00:00', '2027-06-01T10:00:00.000Z'],
  ];
  for (const [input, instant] of cases) {
    const r = checkIsoTime(input);
    assert.ok(r.ok, input);
    if (r.ok) assert.equal(r.time.toISOString(), instant, input);
  }
});

test('a day that does not exist is refused, not rolled over into the next month', () => {
  // Before: new Date() made these 2 March, 1 May, 1 March, 1 October and 1 January.
  for (const value of ['2027-02-30T10:00:00+01:00', '2027-04-31T10:00:00Z', '2027-02-29T10:00:00Z', '2027-09-31T10:00:00+02:00', '2100-02-29T10:00:00Z']) {
    refused(value, 'no-real-date');
  }
  for (const value of ['2027-13-01T10:00:00Z', '2027-00-10T10:00:00Z', '2027-01-00T10:00:00Z', '2027-01-32T10:00:00Z']) {
    refused(value, 'no-real-date');
  }
});

test('a clock time that does not exist is refused: 24:00 is not moved to the next day, nor a leap second kept', () => {
  for (const value of ['2027-01-01T24:00:00Z', '2027-01-01T24:00Z', '2027-01-01T25:00:00Z', '2027-01-01T23:60:00Z', '2027-01-01T23:59:60Z']) {
    refused(value, 'no-real-clock-time');
  }
});

test('offsets beyond what any place uses are refused', () => {
  for (const value of ['2027-01-01T10:00:00+14:01', '2027-01-01T10:00:00+23:59', '2027-01-01T10:00:00-15:00', '2027-01-01T10:00:00+01:60']) {
    refused(value, 'offset');
  }
});

test('anything but ISO 8601 with an offset is refused as form', () => {
  for (const value of [
    '2027-01-01T10:00:00', // a bare local time: which zone?
    '2027-01-01 10:00:00+01:00',
    '2027-1-1T10:00:00Z',
    '2027-01-01T10:00:00.1234Z',
    '2027-01-01T10:00:00+0100',
    '+002027-01-01T10:00:00Z',
    '2027-01-01',
    'Fri, 01 Jan 2027 10:00:00 GMT',
    '１２０２７-01-01T10:00:00Z',
    '2027-01-01T10:00:00Z\u0000',
    ' 2027-01-01T10:00:00Z',
    '',
  ]) {
    refused(value, 'form');
  }
});

test('the refusal says why without the time itself being needed to read it', () => {
  const r = checkIsoTime('2027-02-30T10:00:00+01:00');
  assert.ok(!r.ok);
  if (!r.ok) assert.match(r.detail, /does not exist/);
  assert.throws(() => checkIsoTime(20270230 as unknown as string), TypeError);
});
