import type { ChairActionStrings } from '../chair-actions.js';

/** Swedish: see `ChairActionStrings` in ../chair-actions.ts. */
export const strings: ChairActionStrings = {
  lobbyHint: 'Släpp in personen först när du har sett och hört vem det är.',
  typedName: 'Angivet namn',
  noneWaiting: 'Ingen väntar.',
  noPicture: 'Ingen kamerabild än',
  removeTitle: (name) => `Ta bort ${name} från mötet?`,
  removeText: 'Personen kopplas bort direkt och kan inte komma tillbaka förrän du släpper in personen igen.',
  turnAwayTitle: (name) => `Avvisa ${name}?`,
  turnAwayText: 'Personen får veta att du inte släppte in hen. Så länge personen har sidan öppen kan du ändå släppa in hen från deltagarlistan.',
  provedBy: {
    bankid: 'Identifierad med BankID',
    siths: 'Identifierad med SITHS-kort',
    mitid: 'Identifierad med MitID',
    'bankid-no': 'Identifierad med norskt BankID',
    suomifi: 'Identifierad med Suomi.fi-identifikation',
    'sms-code': 'Har angett koden som skickades med sms till telefonen',
    name: 'Inte identifierad: har skrivit sitt namn (länk i e-post)',
  },
};
