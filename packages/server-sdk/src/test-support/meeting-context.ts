import { isCareMeetError, type CareMeetErrorCode } from '../errors.js';
import { MeetingContext } from '../meeting/context.js';
import type { CareMeetOptions } from '../meeting/options.js';
import { Sessions, type SessionGrant } from '../meeting/sessions.js';
import { Booking } from '../meeting/booking.js';
import type { Meeting, Session } from '../model.js';
import { parseProvenIdentity } from '../schemas.js';
import type { MeetingStore } from '../store/meeting-store.js';
import { SqliteMeetingStore } from '../store/sqlite-store.js';
import { HSA, PNR, TestClock, baseOptions, sipMeeting } from './harness.js';
import { RecordingRoomControl } from './recording-room-control.js';
import { openPostgresTestDatabase } from './store-engines.js';

/** The identity key of the module tests' contexts (fixed, so a test can compute what is stored). */
export const IDENTITY_SECRET = 'identity-secret-for-tests-0123456789abcdef';

/**
 * One job module's surroundings, without `CareMeet`: the context every module takes, over
 * `:memory:` SQLite (PostgreSQL with `CARE_MEET_TEST_STORE=postgres`), a recording room control and
 * a clock the test moves, with the harness's options. Tests of one job build its module on `ctx`.
 */
export interface ContextHarness {
  ctx: MeetingContext;
  store: MeetingStore;
  rooms: RecordingRoomControl;
  clock: TestClock;
  /** Books `sipMeeting(overrides)` through the booking module: the stored meeting and the booking's answer. */
  book(overrides?: Record<string, unknown>): Promise<{ meeting: Meeting; booked: Awaited<ReturnType<Booking['bookMeeting']>> }>;
  /** A session for one of `sipMeeting`'s people, vouched for as the host would (`POST /sessions`). */
  vouch(meeting: Meeting, who: 'chair' | 'individual' | 'relative'): Promise<{ grant: SessionGrant; session: Session }>;
  close(): Promise<void>;
}

const IDENTITIES = {
  chair: { kind: 'hsa', hsaId: HSA.anna },
  individual: { kind: 'pnr', pnr: PNR.esther },
  relative: { kind: 'pnr', pnr: PNR.relative },
} as const;

export async function createContextHarness(options: Partial<CareMeetOptions> & { start?: string } = {}): Promise<ContextHarness> {
  const postgres = process.env.CARE_MEET_TEST_STORE === 'postgres' ? await openPostgresTestDatabase() : null;
  const store: MeetingStore = postgres?.store ?? new SqliteMeetingStore({ filename: ':memory:' });
  const rooms = new RecordingRoomControl();
  const clock = new TestClock(options.start ?? '2026-12-01T09:55:00+01:00');
  const ctx = new MeetingContext({ ...baseOptions(store, rooms, clock), ...options }, IDENTITY_SECRET);
  const booking = new Booking(ctx);
  const sessions = new Sessions(ctx);
  return {
    ctx,
    store,
    rooms,
    clock,
    async book(overrides = {}) {
      const booked = await booking.bookMeeting(sipMeeting(overrides));
      return { meeting: (await store.getMeeting(booked.meeting.id)) as Meeting, booked };
    },
    async vouch(meeting, who) {
      const grant = await sessions.vouchSession(meeting.id, parseProvenIdentity(IDENTITIES[who]), who === 'chair' ? 'siths' : 'bankid');
      return { grant, session: await sessions.sessionFromToken(grant.session) };
    },
    async close() {
      await ctx.close();
      await (postgres ? postgres.close() : store.close());
    },
  };
}

/** For `assert.rejects`: the error is a `CareMeetError` with this code. */
export function withCode(code: CareMeetErrorCode): (e: unknown) => boolean {
  return (e) => isCareMeetError(e, code);
}
