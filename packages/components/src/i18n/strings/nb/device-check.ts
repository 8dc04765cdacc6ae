import type { DeviceCheckStrings } from '../device-check.js';
import { strings as guidance } from './media-guidance.js';

/** Norwegian bokmål: see `DeviceCheckStrings` in ../device-check.ts. */
export const strings: DeviceCheckStrings = {
  ...guidance,
  title: 'Sjekk kamera, mikrofon og lyd',
  intro: 'Det tar et minutt, og ingenting blir tatt opp.',
  start: 'Start testen',
  startHint: 'Nettleseren spør om den får bruke kameraet og mikrofonen. Velg Tillat.',
  check: { camera: 'Kamera', microphone: 'Mikrofon', speaker: 'Lyd', connection: 'Tilkobling', browser: 'Nettleser' },
  progress: {
    idle: 'Ikke startet',
    running: 'Sjekker…',
    waiting: 'Venter på deg',
    pass: 'Fungerer',
    fail: 'Fungerer ikke',
    skipped: 'Ikke sjekket',
  },
  yes: 'Ja',
  no: 'Nei',

  cameraIdle: 'Bildet ditt vises her.',
  cameraQuestion: 'Ser du deg selv?',
  cameraNotSeen: 'Sjekk at ingenting dekker kameraet, eller velg et annet under Velg enheter.',

  micPrompt: 'Si noe. Stolpen beveger seg når vi hører deg.',
  micHeard: 'Vi hører deg.',
  micHint: 'Beveger den seg ikke? Sjekk at mikrofonen ikke er slått av, eller velg en annen under Velg enheter.',

  play: 'Spill av testlyd',
  playing: 'Spiller av…',
  speakerQuestion: 'Hørte du lyden?',
  speakerNotHeard: 'Skru opp lyden, eller velg en annen høyttaler under Velg enheter, og spill av lyden på nytt.',
  speakerFailed: 'Lyden kunne ikke spilles av. Last inn siden på nytt.',
  noSinkChoice: 'Nettleseren spiller av lyd i standardhøyttaleren. Bytt høyttaler i lydinnstillingene på enheten.',

  server: 'Møtetjenesten',
  media: 'Medieserveren',
  reached: (ms) => `Tilgjengelig, svartid ${ms} ms`,
  slow: 'Tilkoblingen er treg, så bildet kan hakke.',
  notConfigured: 'Sjekkes ikke på denne siden.',
  connection: {
    'server-unreachable': 'Vi når ikke møtetjenesten. Sjekk at du er koblet til internett.',
    'server-error': 'Møtetjenesten har problemer. Prøv igjen om et minutt.',
    'server-unhealthy': 'Møtetjenesten har problemer. Prøv igjen om et minutt.',
    'no-media-url': 'Møtetjenesten er satt opp feil. Kontakt brukerstøtte.',
    'insecure-media-url': 'Møtetjenesten er satt opp feil. Kontakt brukerstøtte.',
    'media-refused': 'Videotjenesten svarer ikke: Den kan være nede. Det skyldes ikke nettverket ditt: Prøv igjen om noen minutter.',
    'media-unreachable': 'Vi når ikke medieserveren. En brannmur eller VPN kan blokkere den. Prøv et annet nettverk.',
  },

  browserOk: (name) => `${name} kan brukes til møter.`,
  browserLacks: (features) => `Nettleseren støtter ikke ${features}, som trengs for møter.`,
  feature: { getUserMedia: 'kameratilgang', RTCPeerConnection: 'videosamtaler', WebAudio: 'lyd' },
  insecurePage: 'Siden er ikke åpnet via https, så samtaler er ikke tillatt.',
  advice: {
    ios: 'Oppdater iOS, og åpne lenken i Safari.',
    android: 'Oppdater Chrome, og åpne lenken i Chrome.',
    desktop: 'Bruk nyeste versjon av Chrome, Edge, Firefox eller Safari.',
  },

  devices: 'Velg enheter',
  speakerDevice: 'Høyttaler',

  finish: 'Ferdig',
  doneTitle: 'Testen er ferdig',
  doneText: 'Kameraet og mikrofonen er slått av nå.',
};
