import type { ChairActionStrings } from '../chair-actions.js';

/** Danish: see `ChairActionStrings` in ../chair-actions.ts. */
export const strings: ChairActionStrings = {
  lobbyHint: 'Luk først personen ind, når du har set og hørt, hvem det er.',
  typedName: 'Indtastet navn',
  removeTitle: (name) => `Fjern ${name} fra mødet?`,
  removeText: 'Personen bliver afbrudt med det samme og kan ikke komme tilbage, før du lukker vedkommende ind igen.',
  turnAwayTitle: (name) => `Afvis ${name}?`,
  turnAwayText: 'Personen bliver ikke lukket ind i mødet. Du kan lukke vedkommende ind senere.',
};
