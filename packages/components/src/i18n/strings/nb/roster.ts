import { plural } from '../../localize.js';
import type { RosterStrings } from '../roster.js';
import { strings as chairActions } from './chair-actions.js';

/** Norwegian bokmål: see `RosterStrings` in ../roster.ts. */
export const strings: RosterStrings = {
  ...chairActions,
  title: 'Deltakere',
  count: (connected, registered) => `${connected} av ${registered} tilkoblet`,

  loading: 'Henter deltakerlisten…',
  noMeeting: 'Deltakerlisten er ikke koblet til et møte.',
  reconnecting: 'Tilkoblingen ble brutt og kobles til på nytt. Listen kan være utdatert.',
  ended: 'Møtet er avsluttet.',
  problem: {
    UNAUTHENTICATED: 'Innloggingen din gjelder ikke lenger. Logg inn på nytt.',
    FORBIDDEN: 'Bare møtelederen kan se deltakerlisten.',
    NOT_FOUND: 'Møtet finnes ikke.',
    other: 'Deltakerlisten kunne ikke hentes. Prøv igjen om litt.',
  },

  role: { chair: 'Møteleder', staff: 'Ansatt', individual: 'Innbygger', relative: 'Pårørende', guest: 'Gjest' },
  verify: {
    bankid: 'Svensk BankID',
    siths: 'SITHS-kort',
    mitid: 'MitID',
    'bankid-no': 'BankID',
    suomifi: 'Suomi.fi-identifisering',
    'sms-code': 'SMS-kode',
    name: 'E-post og eget navn',
  },
  idKind: { pnr: 'svensk personnummer', hsa: 'HSA-id', cpr: 'dansk CPR-nummer', fnr: 'fødselsnummer eller D-nummer', hetu: 'finsk personnummer' },
  guestContact: { 'sms-code': 'mobil', name: 'e-post' },
  typedNameDiffers: 'Ikke samme navn som på listen',
  status: { connected: 'Tilkoblet', lobby: 'På venterommet', absent: 'Ikke tilkoblet', left: 'Har forlatt møtet', removed: 'Fjernet' },
  connectedAt: (time) => `Tilkoblet kl. ${time}`,

  lobbyTitle: 'Venter på venterommet',
  connectedTitle: 'Tilkoblet',
  notConnectedTitle: 'Ikke tilkoblet',
  removedTitle: 'Fjernet',
  strangersTitle: 'Ikke på listen',
  strangersText: 'Koblet til uten å stå på deltakerlisten. Finn ut hvem det er før dere fortsetter.',
  strangerAt: (time) => `Tilkoblet kl. ${time}`,

  noShow: (minutes) => `Ikke tilkoblet ${minutes} ${plural(minutes, 'minutt', 'minutter')} etter start`,
  call: (phone) => `Ring ${phone}`,
  callNamed: (phone, name) => `Ring ${phone}, ${name}`,

  admit: 'Slipp inn',
  admitNamed: (name) => `Slipp inn ${name}`,
  turnAway: 'Avvis',
  turnAwayNamed: (name) => `Avvis ${name}`,
  remove: 'Fjern',
  removeNamed: (name) => `Fjern ${name}`,
  readmit: 'Slipp inn igjen',
  readmitNamed: (name) => `Slipp inn igjen: ${name}`,

  confirmRemoveStrangerText:
    'Personen står ikke på listen. Vedkommende blir koblet fra med en gang og kan ikke komme tilbake med den tilgangen vedkommende hadde.',
  cancel: 'Avbryt',

  failedAdmit: (name) => `Vi klarte ikke å slippe inn ${name}.`,
  failedRemove: (name) => `Vi klarte ikke å fjerne ${name}.`,
  failedTurnAway: (name) => `Vi klarte ikke å avvise ${name}.`,
  actionProblem: {
    NETWORK: 'Vi får ikke kontakt med møtetjenesten.',
    FORBIDDEN: 'Bare møtelederen kan gjøre det.',
    MEETING_ENDED: 'Møtet er avsluttet.',
    NOT_FOUND: 'Personen er ikke lenger tilkoblet.',
    other: 'Prøv igjen.',
  },

  consentMissing: 'Innbyggerens samtykke til møtet og til hvem som deltar, er ikke registrert.',
  consentGiven: (time) => `Samtykke gitt kl. ${time}`,
  consentHow: (how, by) => {
    if (how === 'self') return 'Gitt av innbyggeren selv i den digitale tjenesten.';
    const given = how === 'written' ? 'Gitt skriftlig' : 'Gitt muntlig til de ansatte';
    return by === 'organizer' ? `${given}, registrert av den som satte opp møtet.` : by === 'chair' ? `${given}, registrert av møtelederen.` : `${given}.`;
  },
  consentNotCovered: 'Samtykket omfatter ikke personer som er lagt til etter at det ble gitt:',
  consentWithdrawn: (time) => `Samtykket ble trukket tilbake kl. ${time}. Snakk med innbyggeren før møtet fortsetter.`,
  recordConsent: 'Registrer samtykke',
  recordConsentAgain: 'Registrer samtykke på nytt',
  consentQuestion: (individual) => `Har ${individual} samtykket til møtet og til at disse personene deltar?`,
  consentIndividual: 'innbyggeren',
  consentHowLegend: 'Hvordan ble samtykket gitt?',
  consentVerbal: 'Muntlig',
  consentWritten: 'Skriftlig',
  consentAdded: 'Nylig lagt til',
  confirm: 'Bekreft',
  consentChanged: 'Listen ble endret mens du bekreftet. Sjekk den, og bekreft på nytt.',
  failedConsent: 'Vi klarte ikke å registrere samtykket.',
  recordWithdrawal: 'Registrer tilbaketrekking',
  withdrawalQuestion: (individual) => `Har ${individual} trukket tilbake samtykket sitt?`,
  withdrawalText: 'Uten samtykke bør møtet ikke fortsette.',
  failedWithdrawal: 'Vi klarte ikke å registrere tilbaketrekkingen.',
  withdrawalNotInForce: 'Det finnes ikke noe gyldig samtykke å trekke tilbake.',

  announceWaiting: (name) => `${name} venter på venterommet.`,
  announceStranger: (name) => `${name} er koblet til, men står ikke på listen.`,
  announceNoShow: (name) => `${name} har ikke kommet.`,
};
