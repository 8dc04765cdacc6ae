import type { ChairActionStrings } from '../chair-actions.js';

/** Danish: see `ChairActionStrings` in ../chair-actions.ts. */
export const strings: ChairActionStrings = {
  lobbyHint: 'Luk først personen ind, når du har set og hørt, hvem det er.',
  typedName: 'Indtastet navn',
  noneWaiting: 'Ingen venter.',
  noPicture: 'Intet kamerabillede endnu',
  removeTitle: (name) => `Fjern ${name} fra mødet?`,
  removeText: 'Personen bliver afbrudt med det samme og kan ikke komme tilbage, før du lukker vedkommende ind igen.',
  turnAwayTitle: (name) => `Afvis ${name}?`,
  turnAwayText:
    'Personen får at vide, at du ikke lukkede vedkommende ind. Så længe personen har siden åben, kan du stadig lukke vedkommende ind fra deltagerlisten.',
  provedBy: {
    bankid: 'Identificeret med BankID',
    siths: 'Identificeret med SITHS-kort',
    mitid: 'Identificeret med MitID',
    'bankid-no': 'Identificeret med norsk BankID',
    suomifi: 'Identificeret med Suomi.fi-identifikation',
    'sms-code': 'Har indtastet koden, der blev sendt med sms til telefonen',
    name: 'Ikke identificeret: har skrevet sit navn (link i e-mail)',
  },
};
