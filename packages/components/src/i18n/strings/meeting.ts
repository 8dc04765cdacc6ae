import type { ApiErrorCode } from '@care-meet/protocol/wire';
import type { Catalog } from '../localize.js';

/**
 * What `<care-meeting>` says before and after the room: loading, joining, left, removed, ended,
 * errors. The room's own words (tiles, controls, chat, the meeting leader's tools, the
 * evaluation) are in `meeting-room.ts`, loaded with the room, so a page that has not joined yet
 * does not carry them.
 */
export interface MeetingStrings {
  loading: string;
  joining: string;
  leftTitle: string;
  leftText: string;
  joinAgain: string;
  removedTitle: string;
  removedText: string;
  endedTitle: string;
  endedText: string;
  /** The meeting leader's own end screen: she ended it herself. */
  endedBySelfText: string;
  /** The ended screen when nobody ended it: its booked time (and the grace after) ran out. */
  endedByTimeText: string;
  /** A guest the meeting leader did not let in from the lobby: never in the meeting, so not "removed". */
  turnedAwayTitle: string;
  turnedAwayText: string;
  /** The page keeps listening: let in after all, they go into the meeting from it. */
  turnedAwayWait: string;
  errorTitle: string;
  /** Per refusal code; codes not listed get `errorOther` (and `TOO_EARLY` gets `tooEarly`: see {@link refusalText}). */
  error: Readonly<Partial<Record<ApiErrorCode, string>>>;
  /** `TOO_EARLY`: the meeting opens `minutes` before its start (the server's setting), when the server said how many. */
  tooEarly: (minutes: number | undefined) => string;
  errorOther: string;
  noInvite: string;
  tryAgain: string;
  /** Said (live region) as the identity step gives way to the next one: the identity element, which showed it, is gone by then. */
  verified: string;
  /** Said (live region) when the meeting leader lets a waiting guest in. */
  letIn: string;
}

/**
 * What to tell the person when the server refused with `code`: a meeting that is not open yet says
 * how long before the start it opens, as the server's `message` words it
 * (`the meeting opens 15 minutes before it starts`; docs/http-api.md), so the text follows the
 * server's setting instead of repeating it.
 *
 * @example
 * refusalText(strings, 'TOO_EARLY', 'the meeting opens 30 minutes before it starts');
 * // 'The meeting opens 30 minutes before it starts. Try again then.'
 */
export function refusalText(strings: MeetingStrings, code: ApiErrorCode, message: string): string {
  if (code === 'TOO_EARLY') {
    const minutes = /opens (\d+) minutes? before/.exec(message);
    return strings.tooEarly(minutes ? Number(minutes[1]) : undefined);
  }
  return strings.error[code] ?? strings.errorOther;
}

/** Each language loads when an element first shows it: see `Catalog` in ../localize.ts. */
export const meetingStrings: Catalog<MeetingStrings> = {
  en: () => import('./en/meeting.js'),
  sv: () => import('./sv/meeting.js'),
  da: () => import('./da/meeting.js'),
  nb: () => import('./nb/meeting.js'),
  fi: () => import('./fi/meeting.js'),
};
