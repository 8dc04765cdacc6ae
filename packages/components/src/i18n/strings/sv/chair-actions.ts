import type { ChairActionStrings } from '../chair-actions.js';

/** Swedish: see `ChairActionStrings` in ../chair-actions.ts. */
export const strings: ChairActionStrings = {
  lobbyHint: 'Släpp in personen först när du har sett och hört vem det är.',
  typedName: 'Angivet namn',
  removeTitle: (name) => `Ta bort ${name} från mötet?`,
  removeText: 'Personen kopplas bort direkt och kan inte komma tillbaka förrän du släpper in personen igen.',
  turnAwayTitle: (name) => `Avvisa ${name}?`,
  turnAwayText: 'Personen släpps inte in i mötet. Du kan släppa in personen senare.',
};
