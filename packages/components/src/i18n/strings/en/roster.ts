import { plural } from '../../localize.js';
import type { RosterStrings } from '../roster.js';
import { strings as chairActions } from './chair-actions.js';

/** English: see `RosterStrings` in ../roster.ts. */
export const strings: RosterStrings = {
  ...chairActions,
  title: 'Participants',
  count: (connected, registered) => `${connected} of ${registered} connected`,

  loading: 'Getting the participant list…',
  noMeeting: 'The participant list is not connected to a meeting.',
  reconnecting: 'Connection lost, reconnecting. The list may be out of date.',
  ended: 'The meeting has ended.',
  problem: {
    UNAUTHENTICATED: 'Your login is no longer valid. Log in again.',
    FORBIDDEN: 'Only the meeting leader can see the participant list.',
    NOT_FOUND: 'The meeting does not exist.',
    other: 'The participant list could not be loaded. Try again in a minute.',
  },

  role: { chair: 'Meeting leader', staff: 'Staff member', individual: 'Individual', relative: 'Relative', guest: 'Guest' },
  verify: {
    bankid: 'BankID',
    siths: 'SITHS card',
    mitid: 'MitID',
    'bankid-no': 'Norwegian BankID',
    suomifi: 'Suomi.fi identification',
    'sms-code': 'SMS code',
    name: 'E-mail and own name',
  },
  idKind: {
    pnr: 'personal identity number',
    hsa: 'HSA-id',
    cpr: 'CPR number',
    fnr: 'Norwegian national identity number',
    hetu: 'Finnish personal identity code',
  },
  guestContact: { 'sms-code': 'mobile', name: 'e-mail' },
  typedNameDiffers: 'Not the name on the list',
  status: { connected: 'Connected', lobby: 'In the lobby', absent: 'Not connected', left: 'Left the meeting', removed: 'Removed' },
  connectedAt: (time) => `Connected at ${time}`,

  lobbyTitle: 'Waiting in the lobby',
  connectedTitle: 'Connected',
  notConnectedTitle: 'Not connected',
  removedTitle: 'Removed',
  strangersTitle: 'Not on the list',
  strangersText: 'Connected without being on the participant list. Find out who it is before you go on.',
  strangerAt: (time) => `Connected at ${time}`,

  noShow: (minutes) => `Not here ${minutes} ${plural(minutes, 'minute', 'minutes')} after the start`,
  call: (phone) => `Call ${phone}`,
  callNamed: (phone, name) => `Call ${phone}, ${name}`,

  admit: 'Let in',
  admitNamed: (name) => `Let in ${name}`,
  turnAway: 'Turn away',
  turnAwayNamed: (name) => `Turn away ${name}`,
  remove: 'Remove',
  removeNamed: (name) => `Remove ${name}`,
  readmit: 'Let in again',
  readmitNamed: (name) => `Let in again: ${name}`,

  confirmRemoveStrangerText: 'They are not on the list. They are disconnected at once and cannot come back with the access they had.',
  cancel: 'Cancel',

  failedAdmit: (name) => `${name} could not be let in.`,
  failedRemove: (name) => `${name} could not be removed.`,
  failedTurnAway: (name) => `${name} could not be turned away.`,
  actionProblem: {
    NETWORK: 'The meeting service cannot be reached.',
    FORBIDDEN: 'Only the meeting leader can do that.',
    MEETING_ENDED: 'The meeting has ended.',
    NOT_FOUND: 'They are no longer connected.',
    other: 'Try again.',
  },

  consentMissing: "The individual's consent to the meeting and to who takes part is not recorded.",
  consentGiven: (time) => `Consent given ${time}`,
  consentHow: (how, by) => {
    if (how === 'self') return 'Given by the individual in the e-service.';
    const given = how === 'written' ? 'Given in writing' : 'Told to staff verbally';
    return by === 'organizer' ? `${given}, recorded by the organizer.` : by === 'chair' ? `${given}, recorded by the meeting leader.` : `${given}.`;
  },
  consentNotCovered: 'The consent does not cover people added after it was given:',
  consentWithdrawn: (time) => `Consent withdrawn ${time}. Talk with the individual before the meeting goes on.`,
  recordConsent: 'Record consent',
  recordConsentAgain: 'Record consent again',
  consentQuestion: (individual) => `Has ${individual} agreed to the meeting and to these people taking part?`,
  consentIndividual: 'the individual',
  consentHowLegend: 'How was consent given?',
  consentVerbal: 'Verbally',
  consentWritten: 'In writing',
  consentAdded: 'New on the list',
  confirm: 'Confirm',
  consentChanged: 'The list changed while you were confirming. Check it and confirm again.',
  failedConsent: 'Consent could not be recorded.',
  recordWithdrawal: 'Record withdrawal',
  withdrawalQuestion: (individual) => `Has ${individual} withdrawn their consent?`,
  withdrawalText: 'Without it, the meeting should not go on.',
  failedWithdrawal: 'The withdrawal could not be recorded.',
  withdrawalNotInForce: 'No consent is in force to withdraw.',

  announceWaiting: (name) => `${name} is waiting in the lobby.`,
  announceStranger: (name) => `Someone not on the list has connected: ${name}.`,
  announceNoShow: (name) => `${name} has not come.`,
};
