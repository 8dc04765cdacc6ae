// One meeting's life as the fault suite drives it over HTTP: booked by the organizer; the chair and
// the individual vouched for (identity -> session); the phone guest's invitation redeemed with the
// code sent by SMS (invitation code -> session), by two requests at once when asked; all three join; the chair and the individual
// connect to LiveKit; the organizer ends it when asked. Every answer is written down in a ledger,
// so a test can tell what the client was told before a crash from what it was not.
import type { LiveKitDouble } from '../livekit-double/livekit-double.js';
import type { SmsGateway } from './sms-gateway.js';
import { call, ORGANIZER_KEY, type Answer } from './care-meet-process.js';
import type { Acknowledged } from './store-invariants.js';

/** An answer the flow did not expect (as opposed to a connection that failed). */
export class UnexpectedAnswer extends Error {
  override readonly name = 'UnexpectedAnswer';
}

export interface Ledger {
  acknowledged: Acknowledged;
  /** Every answer received: route pattern and status. */
  answers: Array<{ route: string; status: number }>;
  /** Sessions handed out, with the meeting they are for. */
  sessions: Array<{ token: string; meetingId: string; participantId: string }>;
  /** Rooms LiveKit was asked to hold for each meeting (from the join tokens). */
  rooms: Map<string, Set<string>>;
}

export function newLedger(): Ledger {
  return { acknowledged: { bookings: [], ends: [], redemptions: [] }, answers: [], sessions: [], rooms: new Map() };
}

export interface FlowContext {
  /** The server's base URL now (it changes never, but the process behind it may). */
  base: string;
  double: LiveKitDouble;
  sms: SmsGateway;
  ledger: Ledger;
}

/** A fresh ledger over a stack's server, LiveKit and SMS gateway. */
export function flowContext(stack: Pick<FlowContext, 'base' | 'double' | 'sms'>): FlowContext {
  return { base: stack.base, double: stack.double, sms: stack.sms, ledger: newLedger() };
}

export interface FlowOptions {
  end: boolean;
  /** Redeem the guest's invitation with two requests at once: exactly one may win. */
  doubleRedemption: boolean;
  /** Client timeout per request. */
  timeoutMs?: number;
}

const minutesFromNow = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

/** The room a LiveKit token is for. */
export function roomOf(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { video?: { room?: string } };
  return payload.video?.room ?? '';
}

/** A client address of its own for meeting `n` (a header value only; every packet stays on 127.0.0.1). */
function clientAddress(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

async function record(ctx: FlowContext, route: string, answer: Promise<Answer>, want: number[]): Promise<Answer> {
  const r = await answer;
  ctx.ledger.answers.push({ route, status: r.status });
  if (!want.includes(r.status)) throw new UnexpectedAnswer(`${route}: ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
  return r;
}

/** A meeting the flow went through: its id, its LiveKit rooms, and the sessions of its chair, individual and guest. */
export interface FlowResult {
  meetingId: string;
  main: string;
  lobby: string;
  chair: string;
  individual: string;
  guest: string;
}

/** Runs meeting `n`'s life. Network failures reject as they are. */
export async function meetingFlow(ctx: FlowContext, n: number, o: FlowOptions): Promise<FlowResult> {
  const t = o.timeoutMs ?? 15_000;
  const from = clientAddress(n);
  const guestPhone = `+4670${String(1_000_000 + (n % 9_000_000))}`;
  const booked = await record(
    ctx,
    'POST /meetings',
    call(ctx.base, 'POST', '/meetings', {
      token: ORGANIZER_KEY,
      timeoutMs: t,
      body: {
        title: `Samordnat möte ${n}`,
        startsAt: minutesFromNow(-1),
        endsAt: minutesFromNow(60),
        participants: [
          { name: 'Anna Samordnare', role: 'chair', identity: { kind: 'hsa', hsaId: 'SE2321000016-A1B2' } },
          { name: 'Esther Exempel', role: 'individual', identity: { kind: 'pnr', pnr: '19121212-1212' } },
          { name: 'Kurt Kurator', role: 'guest', identity: { kind: 'guest', phone: guestPhone } },
        ],
      },
    }),
    [201],
  );
  const meetingId = booked.json.meeting.id as string;
  ctx.ledger.acknowledged.bookings.push(meetingId);
  const guest = booked.json.participants[2] as { id: string; invite: { token: string } };

  const vouch = async (identity: Record<string, string>, method: string) => {
    const r = await record(
      ctx,
      'POST /sessions',
      call(ctx.base, 'POST', '/sessions', { token: ORGANIZER_KEY, timeoutMs: t, body: { meetingId, identity, method } }),
      [201],
    );
    const grant = { token: r.json.session as string, meetingId, participantId: r.json.participantId as string };
    ctx.ledger.sessions.push(grant);
    return grant;
  };
  const redeem = async (code: string) => {
    const r = await record(
      ctx,
      'POST /invites/{token}/session',
      call(ctx.base, 'POST', `/invites/${guest.invite.token}/session`, { forwardedFor: from, timeoutMs: t, body: { code } }),
      o.doubleRedemption ? [201, 410] : [201],
    );
    if (r.status !== 201) {
      if (r.json?.error?.code !== 'INVITE_USED') throw new UnexpectedAnswer(`a losing redemption: ${JSON.stringify(r.json)}`);
      return null;
    }
    ctx.ledger.acknowledged.redemptions.push(guest.id);
    const grant = { token: r.json.session as string, meetingId, participantId: guest.id };
    ctx.ledger.sessions.push(grant);
    return grant;
  };

  const look = await record(ctx, 'GET /invites/{token}', call(ctx.base, 'GET', `/invites/${guest.invite.token}`, { forwardedFor: from, timeoutMs: t }), [200]);
  if (look.json.verify !== 'sms-code') throw new UnexpectedAnswer(`the phone guest verifies by ${look.json.verify}`);
  await record(ctx, 'POST /invites/{token}/code', call(ctx.base, 'POST', `/invites/${guest.invite.token}/code`, { forwardedFor: from, timeoutMs: t }), [200]);
  const code = ctx.sms.codeFor(guestPhone);
  if (code === null) throw new UnexpectedAnswer('the code was answered 200 but no SMS with a code reached the gateway');
  const [chair, individual, ...redeemed] = await Promise.all([
    vouch({ kind: 'hsa', hsaId: 'SE2321000016-A1B2' }, 'siths'),
    vouch({ kind: 'pnr', pnr: '191212121212' }, 'bankid'),
    redeem(code),
    ...(o.doubleRedemption ? [redeem(code)] : []),
  ]);
  const winners = redeemed.filter((g) => g !== null);
  if (winners.length !== 1) throw new UnexpectedAnswer(`${winners.length} redemptions of one invitation won`);

  const join = (token: string) => record(ctx, 'POST /join', call(ctx.base, 'POST', '/join', { token, timeoutMs: t }), [200]);
  const [c, i, g] = await Promise.all([join(chair.token), join(individual.token), join(winners[0]!.token)]);
  if (c.json.status !== 'admitted' || i.json.status !== 'admitted' || g.json.status !== 'lobby') {
    throw new UnexpectedAnswer(`joins answered ${c.json.status}, ${i.json.status}, ${g.json.status}`);
  }
  const rooms = ctx.ledger.rooms.get(meetingId) ?? new Set<string>();
  ctx.ledger.rooms.set(meetingId, rooms);
  for (const token of [c.json.token, c.json.lobbyToken, i.json.token, g.json.token] as string[]) rooms.add(roomOf(token));
  for (const token of [c.json.token, i.json.token] as string[]) {
    const connected = await ctx.double.join(token);
    if (!connected.ok) throw new UnexpectedAnswer(`LiveKit refused a minted token: ${connected.status} ${connected.reason}`);
  }

  if (o.end) {
    await record(ctx, 'POST /meetings/{id}/end', call(ctx.base, 'POST', `/meetings/${meetingId}/end`, { token: ORGANIZER_KEY, timeoutMs: t }), [200]);
    ctx.ledger.acknowledged.ends.push(meetingId);
  }
  return {
    meetingId,
    main: roomOf(c.json.token),
    lobby: roomOf(c.json.lobbyToken),
    chair: chair.token,
    individual: individual.token,
    guest: winners[0]!.token,
  };
}
