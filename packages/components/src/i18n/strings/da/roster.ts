import { plural } from '../../localize.js';
import type { RosterStrings } from '../roster.js';
import { strings as chairActions } from './chair-actions.js';

/** Danish: see `RosterStrings` in ../roster.ts. */
export const strings: RosterStrings = {
  ...chairActions,
  title: 'Deltagere',
  count: (connected, registered) => `${connected} af ${registered} tilsluttet`,

  loading: 'Henter deltagerlisten…',
  noMeeting: 'Deltagerlisten er ikke knyttet til et møde.',
  reconnecting: 'Forbindelsen blev afbrudt og genoprettes. Listen er måske ikke opdateret.',
  ended: 'Mødet er afsluttet.',
  problem: {
    UNAUTHENTICATED: 'Dit login gælder ikke længere. Log ind igen.',
    FORBIDDEN: 'Kun mødelederen kan se deltagerlisten.',
    NOT_FOUND: 'Mødet findes ikke.',
    other: 'Deltagerlisten kunne ikke hentes. Prøv igen om lidt.',
  },

  role: { chair: 'Mødeleder', staff: 'Medarbejder', individual: 'Borger', relative: 'Pårørende', guest: 'Gæst' },
  verify: {
    bankid: 'BankID',
    siths: 'SITHS-kort',
    mitid: 'MitID',
    'bankid-no': 'Norsk BankID',
    suomifi: 'Suomi.fi-identifikation',
    'sms-code': 'Sms-kode',
    name: 'E-mail og eget navn',
  },
  idKind: { pnr: 'svensk personnummer', hsa: 'HSA-id', cpr: 'CPR-nummer', fnr: 'norsk fødselsnummer', hetu: 'finsk personnummer' },
  guestContact: { 'sms-code': 'mobil', name: 'e-mail' },
  typedNameDiffers: 'Ikke det samme navn som på listen',
  status: { connected: 'Tilsluttet', lobby: 'I venteværelset', absent: 'Ikke tilsluttet', left: 'Har forladt mødet', removed: 'Fjernet' },
  connectedAt: (time) => `Tilsluttet kl. ${time}`,

  lobbyTitle: 'Venter i venteværelset',
  connectedTitle: 'Tilsluttet',
  notConnectedTitle: 'Ikke tilsluttet',
  removedTitle: 'Fjernet',
  strangersTitle: 'Står ikke på listen',
  strangersText: 'Tilsluttet uden at stå på deltagerlisten. Find ud af, hvem det er, før I fortsætter.',
  strangerAt: (time) => `Tilsluttet kl. ${time}`,

  noShow: (minutes) => `Ikke tilsluttet ${minutes} ${plural(minutes, 'minut', 'minutter')} efter start`,
  call: (phone) => `Ring ${phone}`,
  callNamed: (phone, name) => `Ring ${phone}, ${name}`,

  admit: 'Luk ind',
  admitNamed: (name) => `Luk ind: ${name}`,
  turnAway: 'Afvis',
  turnAwayNamed: (name) => `Afvis ${name}`,
  remove: 'Fjern',
  removeNamed: (name) => `Fjern ${name}`,
  readmit: 'Luk ind igen',
  readmitNamed: (name) => `Luk ind igen: ${name}`,

  confirmRemoveStrangerText:
    'Personen står ikke på listen. Vedkommende bliver afbrudt med det samme og kan ikke komme tilbage med den adgang, vedkommende havde.',
  cancel: 'Annuller',

  failedAdmit: (name) => `${name} kunne ikke lukkes ind.`,
  failedRemove: (name) => `${name} kunne ikke fjernes.`,
  failedTurnAway: (name) => `${name} kunne ikke afvises.`,
  actionProblem: {
    NETWORK: 'Der er ingen forbindelse til mødetjenesten.',
    FORBIDDEN: 'Kun mødelederen kan gøre det.',
    MEETING_ENDED: 'Mødet er afsluttet.',
    NOT_FOUND: 'Personen er ikke længere tilsluttet.',
    other: 'Prøv igen.',
  },

  consentMissing: 'Borgerens samtykke til mødet og til, hvem der deltager, er ikke registreret.',
  consentGiven: (time) => `Samtykke givet kl. ${time}`,
  consentHow: (how, by) => {
    if (how === 'self') return 'Givet digitalt af borgeren selv.';
    const given = how === 'written' ? 'Givet skriftligt' : 'Givet mundtligt til personalet';
    return by === 'organizer' ? `${given}, registreret af den, der bookede mødet.` : by === 'chair' ? `${given}, registreret af mødelederen.` : `${given}.`;
  },
  consentNotCovered: 'Samtykket omfatter ikke dem, der er tilføjet, efter det blev givet:',
  consentWithdrawn: (time) => `Samtykket blev trukket tilbage kl. ${time}. Tal med borgeren, før mødet fortsætter.`,
  recordConsent: 'Registrer samtykke',
  recordConsentAgain: 'Registrer samtykke igen',
  consentQuestion: (individual) => `Har ${individual} givet samtykke til mødet og til, at disse personer deltager?`,
  consentIndividual: 'borgeren',
  consentHowLegend: 'Hvordan blev samtykket givet?',
  consentVerbal: 'Mundtligt',
  consentWritten: 'Skriftligt',
  consentAdded: 'Ny på listen',
  confirm: 'Bekræft',
  consentChanged: 'Listen blev ændret, mens du bekræftede. Tjek den, og bekræft igen.',
  failedConsent: 'Samtykket kunne ikke registreres.',
  recordWithdrawal: 'Registrer tilbagetrækning',
  withdrawalQuestion: (individual) => `Har ${individual} trukket sit samtykke tilbage?`,
  withdrawalText: 'Uden det bør mødet ikke fortsætte.',
  failedWithdrawal: 'Tilbagetrækningen kunne ikke registreres.',
  withdrawalNotInForce: 'Der er ikke noget gældende samtykke at trække tilbage.',

  announceWaiting: (name) => `${name} venter i venteværelset.`,
  announceStranger: (name) => `${name} er tilsluttet, men står ikke på listen.`,
  announceNoShow: (name) => `${name} er ikke kommet.`,
};
