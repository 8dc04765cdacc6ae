import type { IdentityKind, Role, RosterStatus, VerifyMethod } from '../../core/api-types.js';
import type { Translations } from '../localize.js';

/** Why the roster cannot be shown (the server's code), or `other`. */
export type RosterProblem = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'other';

/** Why an admit or remove failed (the server's code), or `other`. */
export type ActionProblem = 'NETWORK' | 'FORBIDDEN' | 'MEETING_ENDED' | 'other';

/**
 * Everything `<care-roster>` says. Functions that take a person's `name` return a button's or
 * link's accessible name: it always contains the visible label word for word (WCAG 2.5.3), so
 * "Ta bort" is spoken, and can be said to voice control, as "Ta bort Rut Exempel".
 */
export interface RosterStrings {
  title: string;
  /** The badge, for screen readers and when it changes: "3 av 5 anslutna". */
  count: (connected: number, registered: number) => string;

  loading: string;
  noMeeting: string;
  reconnecting: string;
  ended: string;
  problem: Readonly<Record<RosterProblem, string>>;

  role: Readonly<Record<Role, string>>;
  /** How the person proves who they are. */
  verify: Readonly<Record<VerifyMethod, string>>;
  /** What the masked id is; a guest's is their phone number or e-mail address. */
  idKind: Readonly<Record<Exclude<IdentityKind, 'guest'>, string>>;
  guestContact: Readonly<Record<'sms-code' | 'name', string>>;
  typedName: string;
  typedNameDiffers: string;
  status: Readonly<Record<RosterStatus, string>>;
  connectedAt: (time: string) => string;

  lobbyTitle: string;
  lobbyHint: string;
  connectedTitle: string;
  notConnectedTitle: string;
  removedTitle: string;
  strangersTitle: string;
  strangersText: string;
  strangerAt: (time: string) => string;

  noShow: string;
  call: (phone: string) => string;
  callNamed: (phone: string, name: string) => string;

  admit: string;
  admitNamed: (name: string) => string;
  turnAway: string;
  turnAwayNamed: (name: string) => string;
  remove: string;
  removeNamed: (name: string) => string;
  readmit: string;
  readmitNamed: (name: string) => string;

  confirmRemoveTitle: (name: string) => string;
  confirmRemoveText: string;
  confirmTurnAwayTitle: (name: string) => string;
  confirmTurnAwayText: string;
  cancel: string;

  failedAdmit: (name: string) => string;
  failedRemove: (name: string) => string;
  failedTurnAway: (name: string) => string;
  actionProblem: Readonly<Record<ActionProblem, string>>;

  announceWaiting: (name: string) => string;
  announceStranger: (name: string) => string;
  announceNoShow: (name: string) => string;
}

export const rosterStrings: Translations<RosterStrings> = {
  en: {
    title: 'Participants',
    count: (connected, registered) => `${connected} of ${registered} connected`,

    loading: 'Getting the participant list…',
    noMeeting: 'The participant list is not connected to a meeting.',
    reconnecting: 'Connection lost, reconnecting. The list may be out of date.',
    ended: 'The meeting has ended.',
    problem: {
      UNAUTHENTICATED: 'Your login is no longer valid. Log in again.',
      FORBIDDEN: 'Only the meeting leader can see the participant list.',
      NOT_FOUND: 'The meeting does not exist.',
      other: 'The participant list could not be loaded. Try again in a minute.',
    },

    role: { chair: 'Meeting leader', staff: 'Staff', individual: 'Individual', relative: 'Relative', guest: 'Guest' },
    verify: { bankid: 'BankID', siths: 'SITHS card', mitid: 'MitID', 'sms-code': 'SMS code', name: 'E-mail and own name' },
    idKind: { pnr: 'personal identity number', hsa: 'HSA-id', cpr: 'CPR number' },
    guestContact: { 'sms-code': 'mobile', name: 'e-mail' },
    typedName: 'Typed their name as',
    typedNameDiffers: 'Not the name on the list',
    status: { connected: 'Connected', lobby: 'In the lobby', absent: 'Not connected', left: 'Left the meeting', removed: 'Removed' },
    connectedAt: (time) => `Connected at ${time}`,

    lobbyTitle: 'Waiting in the lobby',
    lobbyHint: 'Let a person in only once you have seen and heard who it is.',
    connectedTitle: 'Connected',
    notConnectedTitle: 'Not connected',
    removedTitle: 'Removed',
    strangersTitle: 'Not on the list',
    strangersText: 'Connected without being on the participant list. Find out who it is before you go on.',
    strangerAt: (time) => `Connected at ${time}`,

    noShow: 'Not here 5 minutes after the start',
    call: (phone) => `Call ${phone}`,
    callNamed: (phone, name) => `Call ${phone}, ${name}`,

    admit: 'Admit',
    admitNamed: (name) => `Admit ${name}`,
    turnAway: 'Turn away',
    turnAwayNamed: (name) => `Turn away ${name}`,
    remove: 'Remove',
    removeNamed: (name) => `Remove ${name}`,
    readmit: 'Let in again',
    readmitNamed: (name) => `Let in again: ${name}`,

    confirmRemoveTitle: (name) => `Remove ${name} from the meeting?`,
    confirmRemoveText: 'They are disconnected at once and cannot come back unless you let them in again.',
    confirmTurnAwayTitle: (name) => `Turn ${name} away?`,
    confirmTurnAwayText: 'They will not be let into the meeting. You can let them in later.',
    cancel: 'Cancel',

    failedAdmit: (name) => `${name} could not be let in.`,
    failedRemove: (name) => `${name} could not be removed.`,
    failedTurnAway: (name) => `${name} could not be turned away.`,
    actionProblem: {
      NETWORK: 'The meeting service cannot be reached.',
      FORBIDDEN: 'Only the meeting leader can do that.',
      MEETING_ENDED: 'The meeting has ended.',
      other: 'Try again.',
    },

    announceWaiting: (name) => `${name} is waiting in the lobby.`,
    announceStranger: (name) => `Someone not on the list has connected: ${name}.`,
    announceNoShow: (name) => `${name} has not come.`,
  },
  sv: {
    title: 'Deltagare',
    count: (connected, registered) => `${connected} av ${registered} anslutna`,

    loading: 'Hämtar deltagarlistan…',
    noMeeting: 'Deltagarlistan är inte kopplad till något möte.',
    reconnecting: 'Anslutningen bröts och återupprättas. Listan kan vara inaktuell.',
    ended: 'Mötet är avslutat.',
    problem: {
      UNAUTHENTICATED: 'Din inloggning gäller inte längre. Logga in igen.',
      FORBIDDEN: 'Bara mötesledaren kan se deltagarlistan.',
      NOT_FOUND: 'Mötet finns inte.',
      other: 'Deltagarlistan kunde inte hämtas. Försök igen om en stund.',
    },

    role: { chair: 'Mötesledare', staff: 'Personal', individual: 'Den enskilde', relative: 'Närstående', guest: 'Gäst' },
    verify: { bankid: 'BankID', siths: 'SITHS-kort', mitid: 'MitID', 'sms-code': 'SMS-kod', name: 'E-post och eget namn' },
    idKind: { pnr: 'personnummer', hsa: 'HSA-id', cpr: 'CPR-nummer' },
    guestContact: { 'sms-code': 'mobil', name: 'e-post' },
    typedName: 'Skrev sitt namn som',
    typedNameDiffers: 'Inte samma namn som på listan',
    status: { connected: 'Ansluten', lobby: 'I väntrummet', absent: 'Inte ansluten', left: 'Har lämnat mötet', removed: 'Borttagen' },
    connectedAt: (time) => `Ansluten kl. ${time}`,

    lobbyTitle: 'Väntar i väntrummet',
    lobbyHint: 'Släpp bara in personen när du har sett och hört vem det är.',
    connectedTitle: 'Anslutna',
    notConnectedTitle: 'Inte anslutna',
    removedTitle: 'Borttagna',
    strangersTitle: 'Finns inte på listan',
    strangersText: 'Ansluten utan att finnas på deltagarlistan. Ta reda på vem det är innan ni fortsätter.',
    strangerAt: (time) => `Ansluten kl. ${time}`,

    noShow: 'Inte ansluten 5 minuter efter start',
    call: (phone) => `Ring ${phone}`,
    callNamed: (phone, name) => `Ring ${phone}, ${name}`,

    admit: 'Släpp in',
    admitNamed: (name) => `Släpp in ${name}`,
    turnAway: 'Avvisa',
    turnAwayNamed: (name) => `Avvisa ${name}`,
    remove: 'Ta bort',
    removeNamed: (name) => `Ta bort ${name}`,
    readmit: 'Släpp in igen',
    readmitNamed: (name) => `Släpp in igen: ${name}`,

    confirmRemoveTitle: (name) => `Ta bort ${name} från mötet?`,
    confirmRemoveText: 'Personen kopplas bort direkt och kan inte komma tillbaka förrän du släpper in personen igen.',
    confirmTurnAwayTitle: (name) => `Avvisa ${name}?`,
    confirmTurnAwayText: 'Personen släpps inte in i mötet. Du kan släppa in personen senare.',
    cancel: 'Avbryt',

    failedAdmit: (name) => `Det gick inte att släppa in ${name}.`,
    failedRemove: (name) => `Det gick inte att ta bort ${name}.`,
    failedTurnAway: (name) => `Det gick inte att avvisa ${name}.`,
    actionProblem: {
      NETWORK: 'Mötestjänsten går inte att nå.',
      FORBIDDEN: 'Bara mötesledaren kan göra det.',
      MEETING_ENDED: 'Mötet är avslutat.',
      other: 'Försök igen.',
    },

    announceWaiting: (name) => `${name} väntar i väntrummet.`,
    announceStranger: (name) => `Någon som inte finns på listan har anslutit: ${name}.`,
    announceNoShow: (name) => `${name} har inte anslutit.`,
  },
  da: {
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

    role: { chair: 'Mødeleder', staff: 'Personale', individual: 'Borger', relative: 'Pårørende', guest: 'Gæst' },
    verify: { bankid: 'BankID', siths: 'SITHS-kort', mitid: 'MitID', 'sms-code': 'SMS-kode', name: 'E-mail og eget navn' },
    idKind: { pnr: 'svensk personnummer', hsa: 'HSA-id', cpr: 'CPR-nummer' },
    guestContact: { 'sms-code': 'mobil', name: 'e-mail' },
    typedName: 'Skrev sit navn som',
    typedNameDiffers: 'Ikke det samme navn som på listen',
    status: { connected: 'Tilsluttet', lobby: 'I venteværelset', absent: 'Ikke tilsluttet', left: 'Har forladt mødet', removed: 'Fjernet' },
    connectedAt: (time) => `Tilsluttet kl. ${time}`,

    lobbyTitle: 'Venter i venteværelset',
    lobbyHint: 'Luk kun personen ind, når du har set og hørt, hvem det er.',
    connectedTitle: 'Tilsluttet',
    notConnectedTitle: 'Ikke tilsluttet',
    removedTitle: 'Fjernet',
    strangersTitle: 'Står ikke på listen',
    strangersText: 'Tilsluttet uden at stå på deltagerlisten. Find ud af, hvem det er, før I fortsætter.',
    strangerAt: (time) => `Tilsluttet kl. ${time}`,

    noShow: 'Ikke tilsluttet 5 minutter efter start',
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

    confirmRemoveTitle: (name) => `Fjern ${name} fra mødet?`,
    confirmRemoveText: 'Personen bliver afbrudt med det samme og kan ikke komme tilbage, før du lukker vedkommende ind igen.',
    confirmTurnAwayTitle: (name) => `Afvis ${name}?`,
    confirmTurnAwayText: 'Personen bliver ikke lukket ind i mødet. Du kan lukke vedkommende ind senere.',
    cancel: 'Annuller',

    failedAdmit: (name) => `${name} kunne ikke lukkes ind.`,
    failedRemove: (name) => `${name} kunne ikke fjernes.`,
    failedTurnAway: (name) => `${name} kunne ikke afvises.`,
    actionProblem: {
      NETWORK: 'Der er ingen forbindelse til mødetjenesten.',
      FORBIDDEN: 'Kun mødelederen kan gøre det.',
      MEETING_ENDED: 'Mødet er afsluttet.',
      other: 'Prøv igen.',
    },

    announceWaiting: (name) => `${name} venter i venteværelset.`,
    announceStranger: (name) => `En person, der ikke står på listen, er tilsluttet: ${name}.`,
    announceNoShow: (name) => `${name} er ikke kommet.`,
  },
};
