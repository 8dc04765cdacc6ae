import type { ChairActionStrings } from '../chair-actions.js';

/** English: see `ChairActionStrings` in ../chair-actions.ts. */
export const strings: ChairActionStrings = {
  lobbyHint: 'Let a person in only once you have seen and heard who it is.',
  typedName: 'Typed name',
  noneWaiting: 'Nobody is waiting.',
  noPicture: 'No camera picture yet',
  removeTitle: (name) => `Remove ${name} from the meeting?`,
  removeText: 'They are disconnected at once and cannot come back unless you let them in again.',
  turnAwayTitle: (name) => `Turn ${name} away?`,
  turnAwayText: 'They are told that you did not let them in. While they keep the page open, you can still let them in from the participant list.',
  provedBy: {
    bankid: 'Identified with BankID',
    siths: 'Identified with a SITHS card',
    mitid: 'Identified with MitID',
    'bankid-no': 'Identified with Norwegian BankID',
    suomifi: 'Identified with Suomi.fi identification',
    'sms-code': 'Entered the code sent by SMS to their phone',
    name: 'Not identified: typed their name (e-mail link)',
  },
};
