import { plural } from '../../localize.js';
import type { RosterStrings } from '../roster.js';
import { strings as chairActions } from './chair-actions.js';

/**
 * Finnish: see `RosterStrings` in ../roster.ts. A name cannot be inflected, so it stands where
 * Finnish keeps the basic form: as a subject, the object of a command, or beside "henkilö".
 */
export const strings: RosterStrings = {
  ...chairActions,
  title: 'Osallistujat',
  count: (connected, registered) => `Yhteydessä ${connected} / ${registered}`,

  loading: 'Haetaan osallistujaluetteloa…',
  noMeeting: 'Osallistujaluetteloa ei ole liitetty tapaamiseen.',
  reconnecting: 'Yhteys katkesi, ja sitä palautetaan. Luettelo voi olla vanhentunut.',
  ended: 'Tapaaminen on päättynyt.',
  problem: {
    UNAUTHENTICATED: 'Kirjautumisesi ei ole enää voimassa. Kirjaudu uudelleen.',
    FORBIDDEN: 'Vain tapaamisen vetäjä näkee osallistujaluettelon.',
    NOT_FOUND: 'Tapaamista ei ole olemassa.',
    other: 'Osallistujaluetteloa ei voitu hakea. Yritä hetken kuluttua uudelleen.',
  },

  role: { chair: 'Vetäjä', staff: 'Työntekijä', individual: 'Asiakas', relative: 'Omainen', guest: 'Vieras' },
  verify: {
    bankid: 'BankID',
    siths: 'SITHS-kortti',
    mitid: 'MitID',
    'bankid-no': 'Norjalainen BankID',
    suomifi: 'Suomi.fi-tunnistus',
    'sms-code': 'Tekstiviestikoodi',
    name: 'Sähköposti ja oma nimi',
  },
  idKind: { pnr: 'ruotsalainen henkilötunnus', hsa: 'HSA-tunnus', cpr: 'tanskalainen CPR-numero', fnr: 'norjalainen henkilönumero', hetu: 'henkilötunnus' },
  guestContact: { 'sms-code': 'matkapuhelin', name: 'sähköposti' },
  typedNameDiffers: 'Eri nimi kuin luettelossa',
  status: { connected: 'Yhteydessä', lobby: 'Odotustilassa', absent: 'Ei yhteydessä', left: 'Poistui tapaamisesta', removed: 'Poistettu' },
  connectedAt: (time) => `Yhteydessä klo ${time} alkaen`,

  lobbyTitle: 'Odotustilassa',
  connectedTitle: 'Yhteydessä',
  notConnectedTitle: 'Ei yhteydessä',
  removedTitle: 'Poistetut',
  strangersTitle: 'Ei luettelossa',
  strangersText: 'Yhteydessä, vaikka ei ole osallistujaluettelossa. Selvitä, kuka henkilö on, ennen kuin jatkatte.',
  strangerAt: (time) => `Yhteydessä klo ${time} alkaen`,

  noShow: (minutes) => `Ei yhteydessä ${minutes} ${plural(minutes, 'minuutti', 'minuuttia')} alkamisajan jälkeen`,
  call: (phone) => `Soita numeroon ${phone}`,
  callNamed: (phone, name) => `Soita numeroon ${phone}, ${name}`,

  admit: 'Päästä sisään',
  admitNamed: (name) => `Päästä sisään ${name}`,
  turnAway: 'Hylkää',
  turnAwayNamed: (name) => `Hylkää ${name}`,
  remove: 'Poista',
  removeNamed: (name) => `Poista ${name}`,
  readmit: 'Päästä uudelleen sisään',
  readmitNamed: (name) => `Päästä uudelleen sisään: ${name}`,

  confirmRemoveStrangerText: 'Henkilö ei ole luettelossa. Yhteys häneen katkeaa heti, eikä hän pääse takaisin samalla käyttöoikeudella.',
  cancel: 'Peruuta',

  failedAdmit: (name) => `Henkilöä ${name} ei voitu päästää sisään.`,
  failedRemove: (name) => `Henkilöä ${name} ei voitu poistaa.`,
  failedTurnAway: (name) => `Henkilön ${name} pääsypyyntöä ei voitu hylätä.`,
  actionProblem: {
    NETWORK: 'Tapaamispalveluun ei saada yhteyttä.',
    FORBIDDEN: 'Vain tapaamisen vetäjä voi tehdä tämän.',
    MEETING_ENDED: 'Tapaaminen on päättynyt.',
    NOT_FOUND: 'Henkilö ei ole enää yhteydessä.',
    other: 'Yritä uudelleen.',
  },

  consentMissing: 'Asiakkaan suostumusta tapaamiseen ja osallistujiin ei ole kirjattu.',
  consentGiven: (time) => `Suostumus annettu klo ${time}`,
  consentHow: (how, by) => {
    if (how === 'self') return 'Asiakas antoi suostumuksen itse sähköisessä palvelussa.';
    const given = how === 'written' ? 'Annettu kirjallisesti' : 'Annettu suullisesti työntekijälle';
    return by === 'organizer' ? `${given}, kirjannut tapaamisen varaaja.` : by === 'chair' ? `${given}, kirjannut tapaamisen vetäjä.` : `${given}.`;
  },
  consentNotCovered: 'Suostumus ei koske henkilöitä, jotka on lisätty sen antamisen jälkeen:',
  consentWithdrawn: (time) => `Suostumus peruttiin klo ${time}. Keskustele asiakkaan kanssa ennen kuin tapaaminen jatkuu.`,
  recordConsent: 'Kirjaa suostumus',
  recordConsentAgain: 'Kirjaa suostumus uudelleen',
  consentQuestion: (individual) => `Onko ${individual} antanut suostumuksensa tapaamiseen ja siihen, että nämä henkilöt osallistuvat?`,
  consentIndividual: 'asiakas',
  consentHowLegend: 'Miten suostumus annettiin?',
  consentVerbal: 'Suullisesti',
  consentWritten: 'Kirjallisesti',
  consentAdded: 'Lisätty äskettäin',
  confirm: 'Vahvista',
  consentChanged: 'Luettelo muuttui vahvistamisen aikana. Tarkista se ja vahvista uudelleen.',
  failedConsent: 'Suostumuksen kirjaaminen ei onnistunut.',
  recordWithdrawal: 'Kirjaa peruminen',
  withdrawalQuestion: (individual) => `Onko ${individual} perunut suostumuksensa?`,
  withdrawalText: 'Ilman suostumusta tapaamista ei pitäisi jatkaa.',
  failedWithdrawal: 'Perumisen kirjaaminen ei onnistunut.',
  withdrawalNotInForce: 'Voimassa olevaa suostumusta ei ole, joten perumista ei voi kirjata.',

  announceWaiting: (name) => `${name} odottaa odotustilassa.`,
  announceStranger: (name) => `${name} on yhteydessä, mutta ei ole luettelossa.`,
  announceNoShow: (name) => `${name} ei ole saapunut.`,
};
