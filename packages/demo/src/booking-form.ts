// Turns the EHR page's booking form into the server SDK's booking body. Validation (checksums,
// names, one chair) is the server SDK's: this only maps form fields.
const ROWS = 6;

export type FormIdentity =
  | { kind: 'hsa'; hsaId: string }
  | { kind: 'pnr'; pnr: string }
  | { kind: 'cpr'; cpr: string }
  | { kind: 'guest'; phone?: string; email?: string };

export interface FormBooking {
  title: string;
  startsAt: string;
  endsAt: string;
  allowChat: boolean;
  allowScreenShare: boolean;
  participants: Array<{ name: string; role: string; identity: FormIdentity }>;
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

export function parseBookingForm(form: URLSearchParams): FormBooking {
  const local = form.get('startsAt') ?? '';
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) throw new TypeError('startsAt');
  const startsAt = new Date(`${local}:00${stockholmOffset(local)}`);
  const minutes = Math.min(240, Math.max(15, Number(form.get('minutes') ?? 60) || 60));
  const participants: FormBooking['participants'] = [];
  for (let i = 0; i < ROWS; i++) {
    const name = (form.get(`p${i}-name`) ?? '').trim();
    const value = (form.get(`p${i}-value`) ?? '').trim();
    if (!name && !value) continue;
    const role = form.get(`p${i}-role`) ?? 'staff';
    const kind = form.get(`p${i}-kind`) ?? 'hsa';
    const identity: FormIdentity =
      kind === 'hsa' ? { kind, hsaId: value }
      : kind === 'pnr' ? { kind, pnr: value }
      : kind === 'cpr' ? { kind, cpr: value }
      : kind === 'guest-phone' ? { kind: 'guest', phone: value }
      : { kind: 'guest', email: value };
    participants.push({ name, role, identity });
  }
  const consent = form.get('consent');
  return {
    title: form.get('title') ?? '',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + minutes * 60_000).toISOString(),
    allowChat: form.get('allowChat') === '1',
    allowScreenShare: form.get('allowScreenShare') === '1',
    participants,
    ...(consent === 'verbal' || consent === 'written' ? { consent: { how: consent } } : {}),
  };
}
