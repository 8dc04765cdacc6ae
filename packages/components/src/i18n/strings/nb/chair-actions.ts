import type { ChairActionStrings } from '../chair-actions.js';

/** Norwegian bokmål: see `ChairActionStrings` in ../chair-actions.ts. */
export const strings: ChairActionStrings = {
  lobbyHint: 'Slipp personen inn først når du har sett og hørt hvem det er.',
  typedName: 'Oppgitt navn',
  removeTitle: (name) => `Vil du fjerne ${name} fra møtet?`,
  removeText: 'Personen blir koblet fra med en gang og kan ikke komme tilbake før du slipper vedkommende inn igjen.',
  turnAwayTitle: (name) => `Vil du avvise ${name}?`,
  turnAwayText: 'Personen blir ikke sluppet inn i møtet. Du kan slippe vedkommende inn senere.',
};
