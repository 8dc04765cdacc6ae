import type { ChairActionStrings } from '../chair-actions.js';

/** English: see `ChairActionStrings` in ../chair-actions.ts. */
export const strings: ChairActionStrings = {
  lobbyHint: 'Let a person in only once you have seen and heard who it is.',
  typedName: 'Typed name',
  removeTitle: (name) => `Remove ${name} from the meeting?`,
  removeText: 'They are disconnected at once and cannot come back unless you let them in again.',
  turnAwayTitle: (name) => `Turn ${name} away?`,
  turnAwayText: 'They will not be let into the meeting. You can let them in later.',
};
