import type { ApiErrorCode } from '../../core/api-types.js';
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
  errorTitle: string;
  /** Per refusal code; codes not listed get `errorOther`. */
  error: Readonly<Partial<Record<ApiErrorCode, string>>>;
  errorOther: string;
  noInvite: string;
  tryAgain: string;
}

/** Each language loads when an element first shows it: see `Catalog` in ../localize.ts. */
export const meetingStrings: Catalog<MeetingStrings> = {
  en: () => import('./en/meeting.js'),
  sv: () => import('./sv/meeting.js'),
  da: () => import('./da/meeting.js'),
};
