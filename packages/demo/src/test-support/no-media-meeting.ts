// A booked meeting on a CareMeet with no media server (the demo's NoMediaRoomControl), for the
// tests of the no-media mode: a chair and a relative with sessions the portal vouched for, and an
// e-mail guest who typed her name.
import { CareMeet, SqliteMeetingStore } from '@care-meet/server-sdk';
import { NoMediaRoomControl } from '../no-media-room-control.js';

export const ORGANIZER_KEY = 'organizer-key-for-the-demo-tests-0123456789';
const START = '2026-12-01T10:00:00+01:00';

export async function noMediaMeeting(options: { leaveGraceMs?: number } = {}) {
  const store = new SqliteMeetingStore({ filename: ':memory:' });
  const rooms = new NoMediaRoomControl(store, { leaveGraceMs: options.leaveGraceMs ?? 0 });
  // Two minutes before the start: the meeting is open for joining.
  const now = new Date(new Date(START).getTime() - 2 * 60_000);
  const careMeet = await CareMeet.create({
    store,
    livekit: { url: 'ws://127.0.0.1:1', apiKey: 'devkey', apiSecret: 'secret-for-the-demo-tests-secret' },
    organizerKey: ORGANIZER_KEY,
    roomControl: rooms,
    clock: () => now,
  });
  const booked = await careMeet.bookMeeting({
    title: 'SIP-möte',
    startsAt: START,
    endsAt: '2026-12-01T11:00:00+01:00',
    allowScreenShare: false,
    allowChat: true,
    participants: [
      { name: 'Anna Samordnare', role: 'chair', identity: { kind: 'hsa', hsaId: 'SE2321000016-A1B2' } },
      { name: 'Rut Exempel', role: 'relative', identity: { kind: 'pnr', pnr: '19850709-9920' } },
      { name: 'Lisa Lärare', role: 'guest', identity: { kind: 'guest', email: 'lisa@skolan.example.se' } },
    ],
  });
  const meetingId = booked.meeting.id;
  const idOf = (name: string) => booked.participants.find((p) => p.name === name)?.id as string;
  const chair = await careMeet.vouchSession(meetingId, { kind: 'hsa', hsaId: 'SE2321000016-A1B2' }, 'siths');
  const relative = await careMeet.vouchSession(meetingId, { kind: 'pnr', pnr: '198507099920' }, 'bankid');
  const invite = booked.participants.find((p) => p.role === 'guest')?.invite.token as string;
  const guest = await careMeet.redeemInvitationWithName(invite, 'Lisa L');
  return {
    store,
    rooms,
    careMeet,
    meetingId,
    ids: { chair: idOf('Anna Samordnare'), relative: idOf('Rut Exempel'), guest: idOf('Lisa Lärare') },
    sessions: { chair: chair.session, relative: relative.session, guest: guest.session },
    /** Joins as the meeting's API does (`POST /join`). */
    join: (session: string) => careMeet.joinWithToken(session),
    /** Each person's roster status, by name, and who the lobby holds, as the meeting leader sees them. */
    async roster() {
      const r = await careMeet.roster(meetingId, { kind: 'organizer' });
      return {
        status: Object.fromEntries(r.participants.map((p) => [p.name, p.status])),
        lobby: r.lobby.map((id) => r.participants.find((p) => p.id === id)?.name),
      };
    },
    close: () => store.close(),
  };
}
