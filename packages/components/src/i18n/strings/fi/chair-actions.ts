import type { ChairActionStrings } from '../chair-actions.js';

/**
 * Finnish: see `ChairActionStrings` in ../chair-actions.ts. A name cannot be inflected here, so it
 * stands where Finnish keeps the basic form: as the object of a passive question, or beside
 * "henkilön".
 */
export const strings: ChairActionStrings = {
  lobbyHint: 'Päästä henkilö sisään vasta, kun olet nähnyt ja kuullut, kuka hän on.',
  typedName: 'Ilmoitettu nimi',
  noneWaiting: 'Kukaan ei odota.',
  noPicture: 'Ei vielä kamerakuvaa',
  removeTitle: (name) => `Poistetaanko ${name} tapaamisesta?`,
  removeText: 'Yhteys henkilöön katkeaa heti. Hän ei pääse takaisin, ellet päästä häntä uudelleen sisään.',
  turnAwayTitle: (name) => `Hylätäänkö henkilön ${name} pääsypyyntö?`,
  turnAwayText:
    'Henkilölle kerrotaan, ettet päästänyt häntä sisään. Niin kauan kuin hänellä on sivu auki, voit silti päästää hänet sisään osallistujaluettelosta.',
  provedBy: {
    bankid: 'Tunnistettu BankID:llä',
    siths: 'Tunnistettu SITHS-kortilla',
    mitid: 'Tunnistettu MitID:llä',
    'bankid-no': 'Tunnistettu norjalaisella BankID:llä',
    suomifi: 'Tunnistettu Suomi.fi-tunnistuksella',
    'sms-code': 'Syötti puhelimeen tekstiviestillä lähetetyn koodin',
    name: 'Ei tunnistettu: kirjoitti nimensä (sähköpostilinkki)',
  },
};
