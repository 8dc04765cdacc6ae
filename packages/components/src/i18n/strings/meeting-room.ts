import type { Role } from '../../core/api-types.js';
import type { NationalIdKind } from '../../core/chat-guard.js';
import type { Translations } from '../localize.js';

/** The meeting-structure guide (seed 001), in order. */
export const GUIDE_STEPS = ['welcome', 'purpose', 'reason', 'introductions', 'questions', 'summary'] as const;
export type GuideStep = (typeof GUIDE_STEPS)[number];

/**
 * What `<care-meeting>` says in the lobby, in the room and after it: tiles, controls, chat, the
 * meeting leader's tools, the evaluation. Loaded with the room (see `meeting.ts`).
 */
export interface MeetingRoomStrings {
  role: Readonly<Record<Role, string>>;
  /** Shown after one's own name. */
  you: string;
  speaking: string;
  micOff: string;
  cameraOff: string;
  screenOf: (name: string) => string;

  lobbyTitle: string;
  lobbyText: string;
  lobbyCamera: string;
  yourCamera: string;

  noRecording: string;
  dialInTitle: string;
  dialNumber: string;
  meetingNumber: string;
  pin: string;

  videoRegion: string;
  controlsRegion: string;
  microphone: string;
  camera: string;
  speaker: string;
  shareScreen: string;
  devices: string;
  chat: string;
  tools: string;
  leave: string;
  turnOnSound: string;
  soundBlocked: string;

  connecting: string;
  reconnecting: string;
  reconnectingFresh: (attempt: number) => string;
  connectionLost: string;
  reconnect: string;
  duplicate: string;

  joined: (name: string) => string;
  left: (name: string) => string;
  inRoom: string;
  newMessage: (name: string) => string;

  chatWarning: string;
  chatLabel: string;
  send: string;
  noMessages: string;
  idKind: Readonly<Record<NationalIdKind, string>>;
  chatRefused: (kinds: string) => string;
  chatTooLong: string;
  chatFailed: string;

  toolsTitle: string;
  lobbyGuests: string;
  noneWaiting: string;
  typedName: string;
  noPicture: string;
  admitShort: string;
  turnAwayShort: string;
  remove: (name: string) => string;
  removeShort: string;
  removeTitle: (name: string) => string;
  removeText: string;
  guideTitle: string;
  guide: Readonly<Record<GuideStep, string>>;
  endMeeting: string;
  endTitle: string;
  endText: string;
  endConfirm: string;
  cancel: string;
  actionFailed: string;

  evaluationTitle: string;
  evaluationIntro: string;
  scaleLow: string;
  scaleHigh: string;
  yes: string;
  no: string;
  submit: string;
  sending: string;
  evaluationSent: string;
  evaluationAlreadySent: string;
  evaluationFailed: string;
}

export const meetingRoomStrings: Translations<MeetingRoomStrings> = {
  en: {
    role: { chair: 'Meeting leader', staff: 'Staff', individual: 'Individual', relative: 'Relative', guest: 'Guest' },
    you: '(you)',
    speaking: 'speaking',
    micOff: 'microphone off',
    cameraOff: 'camera off',
    screenOf: (name) => `${name}'s screen`,

    lobbyTitle: 'Waiting for the meeting leader',
    lobbyText: 'The meeting leader will let you in. Keep this page open.',
    lobbyCamera: 'While you wait, only the meeting leader sees your camera. Nobody hears you.',
    yourCamera: 'Your camera',

    noRecording: 'This meeting must not be recorded.',
    dialInTitle: 'Join by phone',
    dialNumber: 'Phone number',
    meetingNumber: 'Meeting number',
    pin: 'PIN',

    videoRegion: 'Video of the participants',
    controlsRegion: 'Meeting controls',
    microphone: 'Microphone',
    camera: 'Camera',
    speaker: 'Speaker',
    shareScreen: 'Share screen',
    devices: 'Devices',
    chat: 'Chat',
    tools: 'Leader tools',
    leave: 'Leave',
    turnOnSound: 'Turn on sound',
    soundBlocked: 'The browser has paused the sound.',

    connecting: 'Connecting to the meeting…',
    reconnecting: 'The connection was lost. Reconnecting…',
    reconnectingFresh: (attempt) =>
      `Still reconnecting (attempt ${attempt}). Your camera and microphone come back on when the connection is back.`,
    connectionLost: 'The connection to the meeting could not be restored.',
    reconnect: 'Connect again',
    duplicate: 'You joined the meeting in another window or on another device, so this one was disconnected.',

    joined: (name) => `${name} joined the meeting.`,
    left: (name) => `${name} left the meeting.`,
    inRoom: 'You are in the meeting.',
    newMessage: (name) => `New message from ${name}.`,

    chatWarning: 'Do not write personal identity numbers or other sensitive information in the chat. Messages are not saved.',
    chatLabel: 'Message',
    send: 'Send',
    noMessages: 'No messages yet.',
    idKind: { pnr: 'a personal identity number', samordningsnummer: 'a coordination number', cpr: 'a CPR number' },
    chatRefused: (kinds) => `Not sent: the message contains ${kinds}. Remove it and send again.`,
    chatTooLong: 'Not sent: the message is too long.',
    chatFailed: 'The message could not be sent. Try again.',

    toolsTitle: 'Meeting leader',
    lobbyGuests: 'Waiting in the lobby',
    noneWaiting: 'Nobody is waiting.',
    typedName: 'Typed name',
    noPicture: 'No camera picture yet',
    admitShort: 'Let in',
    turnAwayShort: 'Turn away',
    remove: (name) => `Remove ${name}`,
    removeShort: 'Remove',
    removeTitle: (name) => `Remove ${name} from the meeting?`,
    removeText: 'They are disconnected at once and cannot come back unless you let them in again.',
    guideTitle: 'Meeting structure',
    guide: {
      welcome: 'Welcome everyone',
      purpose: 'The purpose of the meeting, confidentiality and consent',
      reason: 'The individual tells the reason for the meeting (or you do)',
      introductions: 'Introductions: the individual and relatives first, then the others',
      questions: 'Questions',
      summary: 'Summary of what was agreed',
    },
    endMeeting: 'End the meeting for everyone',
    endTitle: 'End the meeting for everyone?',
    endText: 'Everyone is disconnected and the room closes. Nobody can join again.',
    endConfirm: 'End the meeting',
    cancel: 'Cancel',
    actionFailed: 'That did not work. Try again.',

    evaluationTitle: 'How did the meeting go?',
    evaluationIntro: 'Your answers help us improve. They are not shown to the other participants.',
    scaleLow: 'Poor',
    scaleHigh: 'Very good',
    yes: 'Yes',
    no: 'No',
    submit: 'Send answers',
    sending: 'Sending…',
    evaluationSent: 'Thank you for your answers.',
    evaluationAlreadySent: 'Your answers have already been sent. Thank you.',
    evaluationFailed: 'The answers could not be sent. Try again.',
  },
  sv: {
    role: { chair: 'Mötesledare', staff: 'Personal', individual: 'Den enskilde', relative: 'Närstående', guest: 'Gäst' },
    you: '(du)',
    speaking: 'pratar',
    micOff: 'mikrofonen av',
    cameraOff: 'kameran av',
    screenOf: (name) => `${name}s skärm`,

    lobbyTitle: 'Väntar på mötesledaren',
    lobbyText: 'Mötesledaren släpper in dig. Låt sidan vara öppen.',
    lobbyCamera: 'Medan du väntar ser bara mötesledaren din kamera. Ingen hör dig.',
    yourCamera: 'Din kamera',

    noRecording: 'Mötet får inte spelas in.',
    dialInTitle: 'Delta per telefon',
    dialNumber: 'Telefonnummer',
    meetingNumber: 'Mötesnummer',
    pin: 'PIN-kod',

    videoRegion: 'Deltagarnas video',
    controlsRegion: 'Mötesknappar',
    microphone: 'Mikrofon',
    camera: 'Kamera',
    speaker: 'Högtalare',
    shareScreen: 'Dela skärm',
    devices: 'Enheter',
    chat: 'Chatt',
    tools: 'Ledarverktyg',
    leave: 'Lämna',
    turnOnSound: 'Slå på ljudet',
    soundBlocked: 'Webbläsaren har pausat ljudet.',

    connecting: 'Ansluter till mötet…',
    reconnecting: 'Anslutningen bröts. Ansluter igen…',
    reconnectingFresh: (attempt) =>
      `Försöker fortfarande ansluta (försök ${attempt}). Kameran och mikrofonen slås på igen när anslutningen är tillbaka.`,
    connectionLost: 'Anslutningen till mötet gick inte att återställa.',
    reconnect: 'Anslut igen',
    duplicate: 'Du anslöt till mötet i ett annat fönster eller på en annan enhet, så det här kopplades ner.',

    joined: (name) => `${name} anslöt till mötet.`,
    left: (name) => `${name} lämnade mötet.`,
    inRoom: 'Du är med i mötet.',
    newMessage: (name) => `Nytt meddelande från ${name}.`,

    chatWarning: 'Skriv inte personnummer eller andra känsliga uppgifter i chatten. Meddelandena sparas inte.',
    chatLabel: 'Meddelande',
    send: 'Skicka',
    noMessages: 'Inga meddelanden än.',
    idKind: { pnr: 'ett personnummer', samordningsnummer: 'ett samordningsnummer', cpr: 'ett CPR-nummer' },
    chatRefused: (kinds) => `Inte skickat: meddelandet innehåller ${kinds}. Ta bort det och skicka igen.`,
    chatTooLong: 'Inte skickat: meddelandet är för långt.',
    chatFailed: 'Meddelandet gick inte att skicka. Försök igen.',

    toolsTitle: 'Mötesledare',
    lobbyGuests: 'Väntar i väntrummet',
    noneWaiting: 'Ingen väntar.',
    typedName: 'Angivet namn',
    noPicture: 'Ingen kamerabild än',
    admitShort: 'Släpp in',
    turnAwayShort: 'Avvisa',
    remove: (name) => `Ta bort ${name}`,
    removeShort: 'Ta bort',
    removeTitle: (name) => `Ta bort ${name} från mötet?`,
    removeText: 'Personen kopplas ner direkt och kan inte komma tillbaka om du inte släpper in hen igen.',
    guideTitle: 'Mötesstruktur',
    guide: {
      welcome: 'Alla hälsas välkomna',
      purpose: 'Mötets syfte, tystnadsplikt, sekretess och samtycke',
      reason: 'Den enskilde berättar anledningen till mötet (eller du gör det)',
      introductions: 'Presentation: den enskilde och närstående först, sedan övriga',
      questions: 'Frågor',
      summary: 'Sammanfattning av vad som har överenskommits',
    },
    endMeeting: 'Avsluta mötet för alla',
    endTitle: 'Avsluta mötet för alla?',
    endText: 'Alla kopplas ner och mötesrummet stängs. Ingen kan ansluta igen.',
    endConfirm: 'Avsluta mötet',
    cancel: 'Avbryt',
    actionFailed: 'Det fungerade inte. Försök igen.',

    evaluationTitle: 'Hur gick mötet?',
    evaluationIntro: 'Dina svar hjälper oss att bli bättre. De visas inte för de andra deltagarna.',
    scaleLow: 'Dåligt',
    scaleHigh: 'Mycket bra',
    yes: 'Ja',
    no: 'Nej',
    submit: 'Skicka svaren',
    sending: 'Skickar…',
    evaluationSent: 'Tack för dina svar.',
    evaluationAlreadySent: 'Dina svar är redan skickade. Tack.',
    evaluationFailed: 'Svaren gick inte att skicka. Försök igen.',
  },
  da: {
    role: { chair: 'Mødeleder', staff: 'Personale', individual: 'Borgeren', relative: 'Pårørende', guest: 'Gæst' },
    you: '(dig)',
    speaking: 'taler',
    micOff: 'mikrofon slukket',
    cameraOff: 'kamera slukket',
    screenOf: (name) => `${name}s skærm`,

    lobbyTitle: 'Venter på mødelederen',
    lobbyText: 'Mødelederen lukker dig ind. Lad siden være åben.',
    lobbyCamera: 'Mens du venter, er det kun mødelederen, der ser dit kamera. Ingen hører dig.',
    yourCamera: 'Dit kamera',

    noRecording: 'Mødet må ikke optages.',
    dialInTitle: 'Deltag via telefon',
    dialNumber: 'Telefonnummer',
    meetingNumber: 'Mødenummer',
    pin: 'PIN-kode',

    videoRegion: 'Deltagernes video',
    controlsRegion: 'Mødeknapper',
    microphone: 'Mikrofon',
    camera: 'Kamera',
    speaker: 'Højttaler',
    shareScreen: 'Del skærm',
    devices: 'Enheder',
    chat: 'Chat',
    tools: 'Lederværktøjer',
    leave: 'Forlad',
    turnOnSound: 'Slå lyden til',
    soundBlocked: 'Browseren har sat lyden på pause.',

    connecting: 'Forbinder til mødet…',
    reconnecting: 'Forbindelsen blev afbrudt. Forbinder igen…',
    reconnectingFresh: (attempt) =>
      `Forsøger stadig at forbinde (forsøg ${attempt}). Kamera og mikrofon tændes igen, når forbindelsen er tilbage.`,
    connectionLost: 'Forbindelsen til mødet kunne ikke genoprettes.',
    reconnect: 'Forbind igen',
    duplicate: 'Du deltog i mødet i et andet vindue eller på en anden enhed, så dette blev afbrudt.',

    joined: (name) => `${name} deltager nu i mødet.`,
    left: (name) => `${name} forlod mødet.`,
    inRoom: 'Du er med i mødet.',
    newMessage: (name) => `Ny besked fra ${name}.`,

    chatWarning: 'Skriv ikke CPR-numre eller andre følsomme oplysninger i chatten. Beskederne gemmes ikke.',
    chatLabel: 'Besked',
    send: 'Send',
    noMessages: 'Ingen beskeder endnu.',
    idKind: { pnr: 'et svensk personnummer', samordningsnummer: 'et svensk samordningsnummer', cpr: 'et CPR-nummer' },
    chatRefused: (kinds) => `Ikke sendt: beskeden indeholder ${kinds}. Fjern det, og send igen.`,
    chatTooLong: 'Ikke sendt: beskeden er for lang.',
    chatFailed: 'Beskeden kunne ikke sendes. Prøv igen.',

    toolsTitle: 'Mødeleder',
    lobbyGuests: 'Venter i venteværelset',
    noneWaiting: 'Ingen venter.',
    typedName: 'Indtastet navn',
    noPicture: 'Intet kamerabillede endnu',
    admitShort: 'Luk ind',
    turnAwayShort: 'Afvis',
    remove: (name) => `Fjern ${name}`,
    removeShort: 'Fjern',
    removeTitle: (name) => `Fjern ${name} fra mødet?`,
    removeText: 'Personen afbrydes med det samme og kan ikke komme tilbage, medmindre du lukker vedkommende ind igen.',
    guideTitle: 'Mødets struktur',
    guide: {
      welcome: 'Alle bydes velkommen',
      purpose: 'Mødets formål, tavshedspligt og samtykke',
      reason: 'Borgeren fortæller om grunden til mødet (eller du gør)',
      introductions: 'Præsentation: borgeren og pårørende først, derefter de øvrige',
      questions: 'Spørgsmål',
      summary: 'Opsummering af det aftalte',
    },
    endMeeting: 'Afslut mødet for alle',
    endTitle: 'Afslut mødet for alle?',
    endText: 'Alle afbrydes, og mødelokalet lukkes. Ingen kan deltage igen.',
    endConfirm: 'Afslut mødet',
    cancel: 'Annuller',
    actionFailed: 'Det lykkedes ikke. Prøv igen.',

    evaluationTitle: 'Hvordan gik mødet?',
    evaluationIntro: 'Dine svar hjælper os med at blive bedre. De vises ikke for de andre deltagere.',
    scaleLow: 'Dårligt',
    scaleHigh: 'Meget godt',
    yes: 'Ja',
    no: 'Nej',
    submit: 'Send svar',
    sending: 'Sender…',
    evaluationSent: 'Tak for dine svar.',
    evaluationAlreadySent: 'Dine svar er allerede sendt. Tak.',
    evaluationFailed: 'Svarene kunne ikke sendes. Prøv igen.',
  },
};
