/**
 * Times as the HTTP API takes them: ISO 8601 with an explicit offset. Pure and platform-neutral:
 * the browser elements may import this module too, so no `node:*` imports here.
 *
 * `new Date()` alone is not a check: it rolls an impossible date over into the next month
 * (`2027-02-30` becomes 2 March, `2027-04-31` 1 May) and reads `24:00` as the next day's midnight,
 * so a typo would be booked on another day than the one the organizer meant.
 */
import { isRealDate } from './personnummer.js';

/** Why {@link checkIsoTime} refused a time. */
export type IsoTimeProblem = 'form' | 'no-real-date' | 'no-real-clock-time' | 'offset';

/** What {@link checkIsoTime} decides: the instant, or why not. */
export type IsoTimeCheck = { ok: true; time: Date } | { ok: false; problem: IsoTimeProblem; detail: string };

/** The largest offset any place on Earth uses (Line Islands, +14:00); the smallest is -12:00. */
const MAX_OFFSET_MINUTES = 14 * 60;

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * Checks an ISO 8601 time with an explicit offset (`Z`, `+01:00`, `-05:00`): seconds and up to three
 * decimals optional, a bare local time refused (it is ambiguous). The calendar date must exist
 * (no 30 February, no 31 April, 29 February only in leap years), the clock time must be 00:00:00
 * to 23:59:59 (`24:00` and leap seconds are refused rather than moved to another minute or day),
 * and the offset at most ±14:00. Nothing is rolled over or normalised.
 *
 * @example
 * ```ts
 * checkIsoTime('2027-02-28T10:00:00+01:00'); // { ok: true, time: 2027-02-28T09:00:00.000Z }
 * checkIsoTime('2027-02-30T10:00:00+01:00'); // { ok: false, problem: 'no-real-date', detail: '…' }
 * ```
 */
export function checkIsoTime(value: string): IsoTimeCheck {
  if (typeof value !== 'string') throw new TypeError('checkIsoTime expects a string');
  const m = ISO_WITH_OFFSET.exec(value);
  if (m === null) {
    return { ok: false, problem: 'form', detail: 'must be an ISO 8601 time with offset, e.g. 2026-12-01T10:00:00+01:00' };
  }
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (!isRealDate(year, month, day)) {
    return { ok: false, problem: 'no-real-date', detail: `names a day that does not exist (${m[1]}-${m[2]} has no day ${m[3]})` };
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return { ok: false, problem: 'no-real-clock-time', detail: 'must have a clock time from 00:00:00 to 23:59:59' };
  }
  if (m[7] !== undefined) {
    const offsetMinutes = Number(m[8]) * 60 + Number(m[9]);
    if (Number(m[9]) > 59 || offsetMinutes > MAX_OFFSET_MINUTES) {
      return { ok: false, problem: 'offset', detail: 'must have an offset from -14:00 to +14:00' };
    }
  }
  const time = new Date(value);
  // Unreachable for what passed the checks above; kept so no NaN Date ever leaves this function.
  if (Number.isNaN(time.getTime())) return { ok: false, problem: 'form', detail: 'is not a real time' };
  return { ok: true, time };
}
