import { plural } from '../../localize.js';
import type { MeetingStrings } from '../meeting.js';

/** English: see `MeetingStrings` in ../meeting.ts. */
export const strings: MeetingStrings = {
  loading: 'Opening the meeting…',
  joining: 'Joining the meeting…',
  leftTitle: 'You have left the meeting',
  leftText: 'You can join again as long as the meeting is going on.',
  joinAgain: 'Join again',
  removedTitle: 'You were removed from the meeting',
  removedText: 'The meeting leader removed you from the meeting. If you think this is a mistake, contact the meeting leader.',
  endedTitle: 'The meeting has ended',
  endedText: 'The meeting leader has ended the meeting for everyone. It cannot be joined again.',
  endedBySelfText: 'You ended the meeting for everyone. Nobody can join it again.',
  endedByTimeText: "The meeting's time is over. It cannot be joined again.",
  turnedAwayTitle: 'The meeting leader did not let you in',
  turnedAwayText: 'You have not been in the meeting. If you think this is a mistake, contact the person who invited you.',
  turnedAwayWait: 'Keep this page open: if the meeting leader lets you in after all, you go into the meeting from here.',
  errorTitle: 'The meeting could not be opened',
  error: {
    NOT_FOUND: 'The invitation link does not work. Check that you opened the whole link from your invitation.',
    INVITE_EXPIRED: 'The invitation link has expired. Ask the meeting leader for a new one.',
    INVITE_USED: 'The invitation link has already been used. Each link works once: ask the meeting leader for a new one.',
    IDENTITY_MISMATCH: 'You logged in as someone other than the person this invitation is for.',
    UNAUTHENTICATED: 'Your login has expired. Open the link from your invitation again.',
    FORBIDDEN: 'You do not have access to this meeting.',
    E2EE_UNSUPPORTED: 'This meeting is encrypted end to end, and this browser cannot do that. Open the link in a recent Chrome, Edge, Firefox or Safari.',
    LIVEKIT_UNAVAILABLE: 'The video service is not answering right now. Try again in a moment.',
    NETWORK: 'The meeting service could not be reached. Check your internet connection and try again.',
    RATE_LIMITED: 'Too many attempts. Wait a minute and try again.',
  },
  tooEarly: (minutes) =>
    minutes === undefined
      ? 'The meeting has not opened yet. Try again a little later.'
      : `The meeting opens ${minutes} ${plural(minutes, 'minute', 'minutes')} before it starts. Try again then.`,
  errorOther: 'Something went wrong on our side. Try again in a moment.',
  noInvite: 'There is no invitation on this page. Open the link from your invitation again.',
  tryAgain: 'Try again',
  verified: 'You have shown who you are.',
  letIn: 'The meeting leader has let you in.',
};
