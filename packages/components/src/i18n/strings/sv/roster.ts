import { plural } from '../../localize.js';
import type { RosterStrings } from '../roster.js';
import { strings as chairActions } from './chair-actions.js';

/** Swedish: see `RosterStrings` in ../roster.ts. */
export const strings: RosterStrings = {
  ...chairActions,
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

  role: { chair: 'Mötesledare', staff: 'Medarbetare', individual: 'Den enskilde', relative: 'Närstående', guest: 'Gäst' },
  verify: {
    bankid: 'BankID',
    siths: 'SITHS-kort',
    mitid: 'MitID',
    'bankid-no': 'Norskt BankID',
    suomifi: 'Suomi.fi-identifikation',
    'sms-code': 'Sms-kod',
    name: 'E-post och eget namn',
  },
  idKind: { pnr: 'personnummer', hsa: 'HSA-id', cpr: 'CPR-nummer', fnr: 'norskt personnummer', hetu: 'finsk personbeteckning' },
  guestContact: { 'sms-code': 'mobil', name: 'e-post' },
  typedNameDiffers: 'Inte samma namn som på listan',
  status: { connected: 'Ansluten', lobby: 'I väntrummet', absent: 'Inte ansluten', left: 'Har lämnat mötet', removed: 'Borttagen' },
  connectedAt: (time) => `Ansluten kl. ${time}`,

  lobbyTitle: 'Väntar i väntrummet',
  connectedTitle: 'Anslutna',
  notConnectedTitle: 'Inte anslutna',
  removedTitle: 'Borttagna',
  strangersTitle: 'Finns inte på listan',
  strangersText: 'Ansluten utan att finnas på deltagarlistan. Ta reda på vem det är innan ni fortsätter.',
  strangerAt: (time) => `Ansluten kl. ${time}`,

  noShow: (minutes) => `Inte ansluten ${minutes} ${plural(minutes, 'minut', 'minuter')} efter start`,
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

  confirmRemoveStrangerText: 'Personen finns inte på listan. Personen kopplas bort direkt och kan inte ansluta igen med samma behörighet.',
  cancel: 'Avbryt',

  failedAdmit: (name) => `Det gick inte att släppa in ${name}.`,
  failedRemove: (name) => `Det gick inte att ta bort ${name}.`,
  failedTurnAway: (name) => `Det gick inte att avvisa ${name}.`,
  actionProblem: {
    NETWORK: 'Mötestjänsten går inte att nå.',
    FORBIDDEN: 'Bara mötesledaren kan göra det.',
    MEETING_ENDED: 'Mötet är avslutat.',
    NOT_FOUND: 'Personen är inte längre ansluten.',
    other: 'Försök igen.',
  },

  consentMissing: 'Den enskildes samtycke till mötet och till vilka som deltar är inte registrerat.',
  consentGiven: (time) => `Samtycke lämnat kl. ${time}`,
  consentHow: (how, by) => {
    if (how === 'self') return 'Lämnat av den enskilde själv i e-tjänsten.';
    const given = how === 'written' ? 'Lämnat skriftligt' : 'Lämnat muntligt till personalen';
    return by === 'organizer' ? `${given}, registrerat av den som bokade mötet.` : by === 'chair' ? `${given}, registrerat av mötesledaren.` : `${given}.`;
  },
  consentNotCovered: 'Samtycket omfattar inte dem som lagts till efter att det lämnades:',
  consentWithdrawn: (time) => `Samtycket återkallades kl. ${time}. Prata med den enskilde innan mötet fortsätter.`,
  recordConsent: 'Registrera samtycke',
  recordConsentAgain: 'Registrera samtycke igen',
  consentQuestion: (individual) => `Har ${individual} samtyckt till mötet och till att de här personerna deltar?`,
  consentIndividual: 'den enskilde',
  consentHowLegend: 'Hur lämnades samtycket?',
  consentVerbal: 'Muntligt',
  consentWritten: 'Skriftligt',
  consentAdded: 'Ny på listan',
  confirm: 'Bekräfta',
  consentChanged: 'Listan ändrades medan du bekräftade. Kontrollera den och bekräfta igen.',
  failedConsent: 'Samtycket kunde inte registreras.',
  recordWithdrawal: 'Registrera återkallelse',
  withdrawalQuestion: (individual) => `Har ${individual} återkallat sitt samtycke?`,
  withdrawalText: 'Utan det bör mötet inte fortsätta.',
  failedWithdrawal: 'Återkallelsen kunde inte registreras.',
  withdrawalNotInForce: 'Det finns inget gällande samtycke att återkalla.',

  announceWaiting: (name) => `${name} väntar i väntrummet.`,
  announceStranger: (name) => `${name} har anslutit men finns inte på listan.`,
  announceNoShow: (name) => `${name} har inte anslutit.`,
};
