import { createContext } from '@lit/context';
import type { MeetingSession } from '../core/meeting-session.js';

/**
 * The one meeting session on a page, provided by `<care-meeting>` and consumed (with
 * `subscribe: true`) by `<care-roster>` and the room's parts placed anywhere inside it.
 */
export const meetingContext = createContext<MeetingSession | undefined>(Symbol('care-meet/meeting-session'));

/** Throws a message a host developer can act on when an element that needs a meeting has none. */
export function requireSession(session: MeetingSession | undefined, tag: string): MeetingSession {
  if (!session) {
    throw new Error(`<${tag}> needs a meeting: place it inside <care-meeting>, or give it the meeting and session attributes.`);
  }
  return session;
}
