import { decideConsent } from '../admission/decide.js';
import { CareMeetError } from '../errors.js';
import type { ConsentBy, ConsentHow, ConsentRecord, Meeting, Participant, Role } from '../model.js';
import type { ConsentInput } from '../schemas.js';
import { isParsed, parseBody } from '@care-meet/protocol/schemas';
import { authorizeChairAction } from './chair-actions.js';
import type { Caller, MeetingContext } from './context.js';
import type { Reconciliation } from './reconciliation.js';
import { iso, participantView, type MeetingView, type ParticipantView } from './views.js';
import type { Roster as WireRoster } from '@care-meet/protocol/wire';

export interface RosterEntry extends ParticipantView {
  /** The name an e-mail guest typed, to compare with who the chair sees. */
  typedName?: string;
  status: 'connected' | 'lobby' | 'absent' | 'left' | 'removed';
  connectedAt: string | null;
  /** Not connected five minutes after the start: call them. */
  noShow: boolean;
  /** The number to call, given for no-shows only. */
  phone?: string;
}

/** The meeting leader's roster: the protocol's `Roster` with the server's meeting view and entries. */
export type Roster = WireRoster<MeetingView, RosterEntry>;

/**
 * `GET /meetings/{id}` for someone on the list who is not the chair, with their own session: the
 * meeting, and where they stand. `evaluation`: `open` (they took part and may answer once the
 * meeting has ended), `submitted` (answered already), `none` (they never took part: nothing to answer).
 */
export interface OwnStanding {
  meeting: MeetingView;
  self: { id: string; role: Role; removed: boolean; evaluation: 'open' | 'submitted' | 'none' };
}

/**
 * The individual's consent as the chair sees it. `none`: nobody is registered as the individual;
 * `missing`: never recorded; `given`; `withdrawn`.
 */
export interface ConsentView {
  state: 'none' | 'missing' | 'given' | 'withdrawn';
  /** When it was given or withdrawn. */
  at: string | null;
  by: ConsentBy | null;
  how: ConsentHow | null;
  /** Consent given: people on the list now (not removed) whom it does not cover, registered after it. */
  notCovered: string[];
}

const NO_SHOW_AFTER_MS = 5 * 60_000;

/**
 * The roster (registered against connected, the lobby, no-shows, strangers), a participant's own
 * standing, and the individual's consent to the meeting and its list.
 */
export class RosterAndConsent {
  readonly #ctx: MeetingContext;
  readonly #reconciliation: Reconciliation;

  constructor(ctx: MeetingContext, reconciliation: Reconciliation) {
    this.#ctx = ctx;
    this.#reconciliation = reconciliation;
  }

  /** See `CareMeet.getMeeting`. */
  async getMeeting(meetingId: string, caller: Caller): Promise<Roster | OwnStanding> {
    const ctx = this.#ctx;
    if (caller.kind === 'session') {
      const meeting = await ctx.meeting(meetingId);
      const p = await ctx.actor(meeting, caller);
      if (p !== 'organizer' && p.role !== 'chair') {
        // The same test as submitEvaluation's: only people who took part may answer.
        const tookPart = p.admittedAt !== null || p.firstConnectedAt !== null || p.removedAt !== null;
        const sent = tookPart && (await ctx.store.listEvaluations(meeting.id)).some((e) => e.participantId === p.id);
        return {
          meeting: ctx.meetingView(meeting),
          self: { id: p.id, role: p.role, removed: p.removedAt !== null, evaluation: !tookPart ? 'none' : sent ? 'submitted' : 'open' },
        };
      }
    }
    return this.roster(meetingId, caller);
  }

  /** See `CareMeet.roster`. */
  async roster(meetingId: string, caller: Caller): Promise<Roster> {
    const ctx = this.#ctx;
    const { meeting } = await authorizeChairAction(ctx, 'roster', meetingId, caller);
    await this.#reconciliation.maybeReconcile(meeting);
    const now = ctx.now();
    const participants = await ctx.store.listParticipants(meeting.id);
    const strangers = await ctx.store.listStrangers(meeting.id);
    const entries: RosterEntry[] = participants.map((p) => {
      const status: RosterEntry['status'] =
        p.removedAt !== null ? 'removed' : p.connectedAt !== null ? 'connected' : p.inLobby ? 'lobby' : p.firstConnectedAt !== null ? 'left' : 'absent';
      const noShow = meeting.endedAt === null && status === 'absent' && now.getTime() >= meeting.startsAt.getTime() + NO_SHOW_AFTER_MS;
      const entry: RosterEntry = { ...participantView(p), status, connectedAt: p.connectedAt ? iso(p.connectedAt) : null, noShow };
      if (noShow && p.phone) entry.phone = p.phone;
      if (p.typedName !== null) entry.typedName = p.typedName;
      return entry;
    });
    return {
      meeting: ctx.meetingView(meeting),
      counts: {
        registered: entries.length,
        connected: entries.filter((e) => e.status === 'connected').length,
        lobby: entries.filter((e) => e.status === 'lobby').length,
        strangers: strangers.length,
      },
      participants: entries,
      lobby: entries.filter((e) => e.status === 'lobby').map((e) => e.id),
      strangers: strangers.map((s) => ({ identity: s.identity, name: s.name, connectedAt: iso(s.connectedAt) })),
      consent: consentView(participants, await ctx.store.currentConsent(meeting.id)),
    };
  }

  /** See `CareMeet.recordConsent`. */
  async recordConsent(meetingId: string, input: unknown, caller: Caller): Promise<{ consent: ConsentView }> {
    const ctx = this.#ctx;
    const meeting = await ctx.meeting(meetingId);
    const parsed = isParsed<ConsentInput>(input) ? input : parseBody(ctx.bodies.recordConsent, input);
    const { actor, by, participants } = await this.#consentDecision('give', meeting, caller, parsed.how);
    const record: ConsentRecord = { meetingId: meeting.id, state: 'given', at: ctx.now(), by, actor, how: parsed.how, participantIds: parsed.participantIds };
    if (!(await ctx.store.addConsent(record))) {
      await ctx.audit(meeting.id, 'consent.given', actor, null, 'refused', 'PARTICIPANTS_CHANGED', {});
      throw new CareMeetError('PARTICIPANTS_CHANGED', 'the participant list has changed since it was shown; show it again');
    }
    await ctx.audit(meeting.id, 'consent.given', actor, null, 'ok', null, { by, how: parsed.how, covers: record.participantIds.length });
    ctx.publish(meeting.id, { type: 'consent', state: 'given', at: iso(record.at) });
    return { consent: consentView(participants, record) };
  }

  /** See `CareMeet.consentRequest`. */
  async consentRequest(meetingId: string, caller: Caller): Promise<{ consent: ConsentView; participants: Array<{ id: string; name: string; role: Role }> }> {
    const ctx = this.#ctx;
    const meeting = await ctx.meeting(meetingId);
    const { participants } = await this.#consentDecision('read', meeting, caller);
    return {
      consent: consentView(participants, await ctx.store.currentConsent(meeting.id)),
      participants: participants.filter((p) => p.removedAt === null).map((p) => ({ id: p.id, name: p.name, role: p.role })),
    };
  }

  /** See `CareMeet.withdrawConsent`. */
  async withdrawConsent(meetingId: string, caller: Caller): Promise<{ consent: ConsentView }> {
    const ctx = this.#ctx;
    const meeting = await ctx.meeting(meetingId);
    const { actor, by, participants } = await this.#consentDecision('withdraw', meeting, caller);
    const record: ConsentRecord = { meetingId: meeting.id, state: 'withdrawn', at: ctx.now(), by, actor, how: null, participantIds: [] };
    await ctx.store.addConsent(record);
    await ctx.audit(meeting.id, 'consent.withdrawn', actor, null, 'ok', null, { by });
    ctx.publish(meeting.id, { type: 'consent', state: 'withdrawn', at: iso(record.at) });
    return { consent: consentView(participants, record) };
  }

  async #consentDecision(
    action: 'give' | 'withdraw' | 'read',
    meeting: Meeting,
    caller: Caller,
    how?: ConsentHow,
  ): Promise<{ actor: string; by: ConsentBy; participants: Participant[] }> {
    const ctx = this.#ctx;
    const actor = await ctx.actor(meeting, caller);
    const participants = await ctx.store.listParticipants(meeting.id);
    const current = await ctx.store.currentConsent(meeting.id);
    const decision = decideConsent(action, { meeting, actor, participants, current, now: ctx.now(), policy: ctx.policy, ...(how ? { how } : {}) });
    const actorId = actor === 'organizer' ? 'organizer' : actor.id;
    if (decision.outcome === 'refuse') {
      if (action !== 'read')
        await ctx.audit(meeting.id, action === 'give' ? 'consent.given' : 'consent.withdrawn', actorId, null, 'refused', decision.code, {});
      throw new CareMeetError(decision.code, decision.reason);
    }
    return { actor: actorId, by: decision.by, participants };
  }
}

/** The consent in force, as the roster shows it, given the meeting's registrations. */
export function consentView(participants: readonly Participant[], record: ConsentRecord | null): ConsentView {
  if (!participants.some((p) => p.role === 'individual' && p.removedAt === null)) {
    return { state: 'none', at: null, by: null, how: null, notCovered: [] };
  }
  if (!record) return { state: 'missing', at: null, by: null, how: null, notCovered: [] };
  const covered = new Set(record.participantIds);
  return {
    state: record.state,
    at: iso(record.at),
    by: record.by,
    how: record.how,
    notCovered: record.state === 'given' ? participants.filter((p) => p.removedAt === null && !covered.has(p.id)).map((p) => p.id) : [],
  };
}
