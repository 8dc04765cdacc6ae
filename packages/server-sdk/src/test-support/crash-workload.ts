// The child process of store/crash-consistency.test.ts: books meetings, vouches, registers one more
// participant, redeems invitations (typed name and SMS code), takes an egress webhook and ends,
// four meetings at a time, against the SQLite file CRASH_DB, until it is killed.
//
// CRASH_KILL_AFTER (a regular expression of store method names) and CRASH_KILL_NTH make it kill
// itself with SIGKILL the moment the NTH call of such a method has returned: right after that step
// committed and before the code after it ran, the worst moment for whatever should have been
// written with it. Without CRASH_KILL_AFTER, the test kills it from outside at a random moment.
import { CareMeet } from '../care-meet.js';
import type { MeetingStore } from '../store/meeting-store.js';
import { SqliteMeetingStore } from '../store/sqlite-store.js';
import { API_KEY, API_SECRET, HSA, ORGANIZER_KEY, PNR, TestClock, sipMeeting } from './harness.js';
import { RecordingRoomControl, signWebhook } from './recording-room-control.js';

const file = process.env.CRASH_DB;
if (!file) throw new Error('crash-workload: set CRASH_DB');
const killAfter = process.env.CRASH_KILL_AFTER ? new RegExp(process.env.CRASH_KILL_AFTER) : null;
const killAt = Number(process.env.CRASH_KILL_NTH ?? 1);

const store = new SqliteMeetingStore({ filename: file });
let seen = 0;
// Every method of the real store, with the kill after the chosen one. `this` stays the store
// itself (its private fields are not reachable through a proxy).
const watched = new Proxy(store, {
  get(target, prop) {
    const value: unknown = Reflect.get(target, prop, target);
    if (typeof value !== 'function') return value;
    return (...args: unknown[]) => {
      const result: unknown = value.apply(target, args);
      if (!killAfter || typeof prop !== 'string' || !killAfter.test(prop)) return result;
      return Promise.resolve(result).then((r) => {
        if (++seen === killAt) process.kill(process.pid, 'SIGKILL');
        return r;
      });
    };
  },
}) as MeetingStore;

const texts = new Map<string, string>();
const careMeet = await CareMeet.create({
  store: watched,
  livekit: { url: 'ws://127.0.0.1:7880', apiKey: API_KEY, apiSecret: API_SECRET },
  organizerKey: ORGANIZER_KEY,
  roomControl: new RecordingRoomControl(),
  clock: new TestClock('2026-12-01T09:55:00+01:00').now,
  // Its lease on the background room deletions lapses soon after it is killed: the restart takes them over.
  roomDeletionRetry: { leaseMs: 500 },
  inviteUrl: (token) => `https://portal.test/join#invite=${token}`,
  messages: {
    sms: async (to, text) => void texts.set(to, text),
    email: async () => {},
  },
});

async function flow(n: number): Promise<void> {
  const phone = `+4670${String(1_000_000 + n)}`;
  const booked = await careMeet.bookMeeting(
    sipMeeting({
      participants: [
        { name: 'Anna Samordnare', role: 'chair', identity: { kind: 'hsa', hsaId: HSA.anna } },
        { name: 'Esther Exempel', role: 'individual', identity: { kind: 'pnr', pnr: PNR.esther } },
        { name: 'Lisa Lärare', role: 'guest', identity: { kind: 'guest', email: `lisa${n}@skolan.example.se` } },
        { name: 'Kurt Kurator', role: 'guest', identity: { kind: 'guest', phone } },
      ],
    }),
  );
  const meetingId = booked.meeting.id;
  const [, , lisa, kurt] = booked.participants;
  await careMeet.vouchSession(meetingId, { kind: 'hsa', hsaId: HSA.anna }, 'siths');
  await careMeet.addParticipant(meetingId, { name: 'Sven Socionom', role: 'staff', identity: { kind: 'hsa', hsaId: HSA.sven } });
  await careMeet.redeemInvitationWithName(lisa!.invite.token, 'Lisa Lärare');
  await careMeet.sendSmsCode(kurt!.invite.token);
  const code = /\b(\d{6})\b/.exec(texts.get(phone) ?? '')?.[1] ?? '000000';
  await careMeet.redeemInvitationWithCode(kurt!.invite.token, code, 'Kurt K');
  const roomName = (await careMeet.store.getMeeting(meetingId))!.roomName;
  const body = JSON.stringify({ id: `EV_egress_${meetingId}`, event: 'egress_started', egressInfo: { egressId: `EG_${meetingId}`, roomName } });
  await careMeet.handleWebhook(body, await signWebhook(body, API_KEY, API_SECRET));
  await careMeet.end(meetingId, { kind: 'organizer' });
}

process.stdout.write('ready\n');
for (let round = 0; round < 100; round++) await Promise.all([0, 1, 2, 3].map((i) => flow(round * 4 + i)));
// Killed long before this, unless the kill point was never reached.
process.exit(3);
