// Turns the EHR page's booking form into the server SDK's booking body. Validation (checksums,
// names, one chair) is the server SDK's: this maps form fields, and reads the date and time as the
// page's language writes them (not the browser's locale), refusing a date that does not exist.
import type { Lang } from './pages/layout.js';

export const ROWS = 6;

/**
 * How the page's language writes a date, as the form shows it and reads it back. `order`: which
 * part comes first; ISO `YYYY-MM-DD` is read in every language as well (it cannot be misread).
 */
export const DATE_FORMATS: Record<Lang, { order: 'ymd' | 'dmy'; separator: string; shown: string; time: string }> = {
  sv: { order: 'ymd', separator: '-', shown: 'ÅÅÅÅ-MM-DD', time: 'TT:MM' },
  da: { order: 'dmy', separator: '.', shown: 'DD.MM.ÅÅÅÅ', time: 'TT:MM' },
  nb: { order: 'dmy', separator: '.', shown: 'DD.MM.ÅÅÅÅ', time: 'TT:MM' },
  fi: { order: 'dmy', separator: '.', shown: 'PP.KK.VVVV', time: 'TT.MM' },
  en: { order: 'dmy', separator: '/', shown: 'DD/MM/YYYY', time: 'HH:MM' },
};

/** Why the form itself refused a booking, before the server saw it. */
export type FormProblem = 'date-format' | 'date-impossible' | 'time-format';

/** A refusal by the form itself: which control (`date`, `time`) and why. */
export class BookingFormError extends Error {
  override readonly name = 'BookingFormError';
  constructor(
    readonly control: 'date' | 'time',
    readonly problem: FormProblem,
  ) {
    super(`${control}: ${problem}`);
  }
}

/** A local date `YYYY-MM-DD` and time `HH:MM` as the page's language writes them. */
export function formatLocalDate(isoDate: string, lang: Lang): string {
  const [y, m, d] = isoDate.split('-');
  const f = DATE_FORMATS[lang];
  return f.order === 'ymd' ? `${y}-${m}-${d}` : [d, m, y].join(f.separator);
}

export function formatLocalTime(hhmm: string, lang: Lang): string {
  return lang === 'fi' ? hhmm.replace(':', '.') : hhmm;
}

/**
 * Reads a typed date: the page language's order (day first, or year first in Swedish) with `.`,
 * `-` or `/` between the parts, or ISO `YYYY-MM-DD`. Answers `YYYY-MM-DD`; a date that does not
 * exist (30 February) is refused, never rolled over into the next month.
 */
export function parseLocalDate(value: string, lang: Lang): string {
  const v = value.trim();
  let y: number, m: number, d: number;
  const iso = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$/.exec(v);
  const dayFirst = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(v);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dayFirst && DATE_FORMATS[lang].order === 'dmy') [d, m, y] = [Number(dayFirst[1]), Number(dayFirst[2]), Number(dayFirst[3])];
  else throw new BookingFormError('date', 'date-format');
  const date = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || d < 1 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    throw new BookingFormError('date', 'date-impossible');
  }
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Reads a typed time, 24-hour: `HH:MM` or `HH.MM`. Answers `HH:MM`. */
export function parseLocalTime(value: string): string {
  const t = /^(\d{1,2})[:.](\d{2})$/.exec(value.trim());
  if (!t || Number(t[1]) > 23 || Number(t[2]) > 59) throw new BookingFormError('time', 'time-format');
  return `${String(Number(t[1])).padStart(2, '0')}:${t[2]}`;
}

export type FormIdentity =
  | { kind: 'hsa'; hsaId: string }
  | { kind: 'pnr'; pnr: string }
  | { kind: 'cpr'; cpr: string }
  | { kind: 'fnr'; fnr: string }
  | { kind: 'hetu'; hetu: string }
  | { kind: 'guest'; phone?: string; email?: string };

export interface FormBooking {
  title: string;
  startsAt: string;
  endsAt: string;
  allowChat: boolean;
  allowScreenShare: boolean;
  participants: Array<{ name: string; role: string; identity: FormIdentity; language?: Lang }>;
  /** The individual's consent, when the coordinator already has it (verbally or in writing). */
  consent?: { how: 'verbal' | 'written' };
}

function stockholmOffset(local: string): string {
  // The offset Europe/Stockholm has at that local time (+01:00 in winter, +02:00 in summer).
  const guess = new Date(`${local}:00Z`);
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Stockholm', timeZoneName: 'longOffset' })
    .formatToParts(guess)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-]\d{2}:\d{2})/.exec(name ?? '');
  return m ? (m[1] as string) : '+01:00';
}

/**
 * The booking body, and for each of its participants the form row it came from (empty rows are
 * skipped, so `participants[1]` in a server refusal may be row 3).
 */
export function readBookingForm(form: URLSearchParams, lang: Lang = 'sv'): { booking: FormBooking; rowOf: number[] } {
  const local = `${parseLocalDate(form.get('date') ?? '', lang)}T${parseLocalTime(form.get('time') ?? '')}`;
  const startsAt = new Date(`${local}:00${stockholmOffset(local)}`);
  const minutes = Math.min(240, Math.max(15, Number(form.get('minutes') ?? 60) || 60));
  const participants: FormBooking['participants'] = [];
  const rowOf: number[] = [];
  for (let i = 0; i < ROWS; i++) {
    const name = (form.get(`p${i}-name`) ?? '').trim();
    const value = (form.get(`p${i}-value`) ?? '').trim();
    if (!name && !value) continue;
    const role = form.get(`p${i}-role`) ?? 'staff';
    const kind = form.get(`p${i}-kind`) ?? 'hsa';
    const identity: FormIdentity =
      kind === 'hsa'
        ? { kind, hsaId: value }
        : kind === 'pnr'
          ? { kind, pnr: value }
          : kind === 'cpr'
            ? { kind, cpr: value }
            : kind === 'fnr'
              ? { kind, fnr: value }
              : kind === 'hetu'
                ? { kind, hetu: value }
                : kind === 'guest-phone'
                  ? { kind: 'guest', phone: value }
                  : { kind: 'guest', email: value };
    // A guest's invitation goes out in the language the coordinator books in.
    participants.push({ name, role, identity, ...(identity.kind === 'guest' ? { language: lang } : {}) });
    rowOf.push(i);
  }
  const consent = form.get('consent');
  return {
    booking: {
      title: form.get('title') ?? '',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + minutes * 60_000).toISOString(),
      allowChat: form.get('allowChat') === '1',
      allowScreenShare: form.get('allowScreenShare') === '1',
      participants,
      ...(consent === 'verbal' || consent === 'written' ? { consent: { how: consent } } : {}),
    },
    rowOf,
  };
}

export function parseBookingForm(form: URLSearchParams, lang: Lang = 'sv'): FormBooking {
  return readBookingForm(form, lang).booking;
}
