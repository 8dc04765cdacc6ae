import type { ConsentView, MeetingView, Roster, RosterEntry } from '@care-meet/protocol/wire';

/** Someone not connected this long after the start is a no-show: call them (seed 002). The server uses the same rule. */
export const NO_SHOW_AFTER_MS = 5 * 60_000;

/** One registered person as the roster shows them. */
export interface RosterPerson {
  entry: RosterEntry;
  /**
   * Not connected five minutes after the start: the server said so (`entry.noShow`), or the clock
   * says so already. The server only re-sends the roster when something happens, so without the
   * clock nobody would be flagged until the next person came or went.
   */
  noShow: boolean;
}

/** The individual's consent as the roster shows it: the server's view, with people in place of ids. */
export interface RosterConsent extends Omit<ConsentView, 'notCovered'> {
  /** Whose consent it is: the first person registered as `individual` (not removed, if there is one); `null` when none is. */
  individual: RosterEntry | null;
  /** State `given` only: people on the list now whom the consent does not cover (added after it). */
  notCovered: RosterEntry[];
  /** Everyone a consent recorded now must cover, as the chair is asked to confirm it: registered and not removed, in registration order. */
  covers: RosterEntry[];
}

/** What `<care-roster>` shows, derived from the server's roster and a clock. */
export interface RosterView {
  meeting: MeetingView;
  ended: boolean;
  counts: {
    registered: number;
    connected: number;
    lobby: number;
    strangers: number;
    noShow: number;
    removed: number;
  };
  /** Waiting in the lobby, in the order they came (the server's `lobby` list). */
  lobby: RosterPerson[];
  /** In the meeting now, in registration order. */
  connected: RosterPerson[];
  /** Registered but not here (never came, or left): no-shows first, then registration order. */
  notConnected: RosterPerson[];
  /** Removed by the chair (or turned away); the chair may let them in again. */
  removed: RosterPerson[];
  /** Connected to the room but not on the list. */
  strangers: Roster['strangers'];
  /** The individual's consent to the meeting and to who takes part. */
  consent: RosterConsent;
  /**
   * When this view next changes by the clock alone (someone becomes a no-show), in epoch ms; `null`
   * when nothing is due. A timer set for this moment flags people on time.
   */
  nextChangeAt: number | null;
}

/** When people who have not come are flagged, in epoch ms (`NaN` for an unreadable `startsAt`). */
export function noShowDueAt(meeting: Pick<MeetingView, 'startsAt'>): number {
  return Date.parse(meeting.startsAt) + NO_SHOW_AFTER_MS;
}

/**
 * What the roster shows at `now`: who is here, who waits in the lobby, who has not come (with the
 * server's flag or, on time, the clock's), who was removed, and anyone connected who is not on the
 * list. Pure: the same roster and time give the same view.
 *
 * @example
 * const view = deriveRosterView(roster, new Date());
 * badge.textContent = `${view.counts.connected}/${view.counts.registered}`;
 * if (view.nextChangeAt !== null) setTimeout(redraw, view.nextChangeAt - Date.now());
 */
export function deriveRosterView(roster: Roster, now: Date, options: { ended?: boolean } = {}): RosterView {
  const ended = options.ended === true || roster.meeting.state === 'ended';
  const dueAt = noShowDueAt(roster.meeting);
  const late = !ended && now.getTime() >= dueAt;

  const person = (entry: RosterEntry): RosterPerson => ({
    entry,
    // Only people who never came, as the server counts them: someone who left was here.
    noShow: !ended && entry.status === 'absent' && (entry.noShow || late),
  });

  const byId = new Map(roster.participants.map((entry) => [entry.id, entry]));
  const lobbyIds = [...roster.lobby.filter((id) => byId.get(id)?.status === 'lobby')];
  for (const entry of roster.participants) if (entry.status === 'lobby' && !lobbyIds.includes(entry.id)) lobbyIds.push(entry.id);
  const lobby = lobbyIds.map((id) => person(byId.get(id)!));

  const people = roster.participants.map(person);
  const connected = people.filter((p) => p.entry.status === 'connected');
  const notConnected = people.filter((p) => p.entry.status === 'absent' || p.entry.status === 'left');
  // Stable: Array.prototype.sort keeps registration order among equals.
  notConnected.sort((a, b) => Number(b.noShow) - Number(a.noShow));
  const removed = people.filter((p) => p.entry.status === 'removed');

  const waitingForFlag = !ended && !late && people.some((p) => p.entry.status === 'absent' && !p.noShow);
  return {
    meeting: roster.meeting,
    ended,
    counts: {
      registered: roster.participants.length,
      connected: connected.length,
      lobby: lobby.length,
      strangers: roster.strangers.length,
      noShow: people.filter((p) => p.noShow).length,
      removed: removed.length,
    },
    lobby,
    connected,
    notConnected,
    removed,
    strangers: roster.strangers,
    consent: consentOf(roster, byId),
    nextChangeAt: waitingForFlag && Number.isFinite(dueAt) ? dueAt : null,
  };
}

const NO_CONSENT: ConsentView = { state: 'none', at: null, by: null, how: null, notCovered: [] };

function consentOf(roster: Roster, byId: ReadonlyMap<string, RosterEntry>): RosterConsent {
  // A server from before consent was recorded sends no `consent`: nothing to show, as for `none`.
  const { notCovered, ...rest } = roster.consent ?? NO_CONSENT;
  const covers = roster.participants.filter((entry) => entry.status !== 'removed');
  const individuals = roster.participants.filter((entry) => entry.role === 'individual');
  return {
    ...rest,
    individual: individuals.find((entry) => entry.status !== 'removed') ?? individuals[0] ?? null,
    notCovered: rest.state === 'given' ? notCovered.flatMap((id) => byId.get(id) ?? []) : [],
    covers,
  };
}

/**
 * People the clock flags as no-shows before the server has: the server gives their phone number
 * only once it flags them too, so the roster is worth reading again.
 *
 * @example
 * if (flaggedAheadOfServer(view).length) await source.refresh();
 */
export function flaggedAheadOfServer(view: RosterView): RosterEntry[] {
  return view.notConnected.filter((p) => p.noShow && !p.entry.noShow).map((p) => p.entry);
}
