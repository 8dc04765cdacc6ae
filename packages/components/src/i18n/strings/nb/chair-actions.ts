import type { ChairActionStrings } from '../chair-actions.js';

/** Norwegian bokmål: see `ChairActionStrings` in ../chair-actions.ts. */
export const strings: ChairActionStrings = {
  lobbyHint: 'Slipp personen inn først når du har sett og hørt hvem det er.',
  typedName: 'Oppgitt navn',
  noneWaiting: 'Ingen venter.',
  noPicture: 'Ikke noe kamerabilde ennå',
  removeTitle: (name) => `Vil du fjerne ${name} fra møtet?`,
  removeText: 'Personen blir koblet fra med en gang og kan ikke komme tilbake før du slipper vedkommende inn igjen.',
  turnAwayTitle: (name) => `Vil du avvise ${name}?`,
  turnAwayText:
    'Personen får vite at du ikke slapp vedkommende inn. Så lenge personen har siden åpen, kan du likevel slippe vedkommende inn fra deltakerlisten.',
  provedBy: {
    bankid: 'Identifisert med svensk BankID',
    siths: 'Identifisert med SITHS-kort',
    mitid: 'Identifisert med MitID',
    'bankid-no': 'Identifisert med BankID',
    suomifi: 'Identifisert med Suomi.fi-identifisering',
    'sms-code': 'Har skrevet inn koden som ble sendt på SMS til telefonen',
    name: 'Ikke identifisert: har skrevet navnet sitt (lenke i e-post)',
  },
};
