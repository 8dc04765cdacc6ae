import type { DeviceCheckStrings } from '../device-check.js';
import { strings as guidance } from './media-guidance.js';

/** Danish: see `DeviceCheckStrings` in ../device-check.ts. */
export const strings: DeviceCheckStrings = {
  ...guidance,
  title: 'Test kamera, mikrofon og lyd',
  intro: 'Det tager et minut, og intet bliver optaget.',
  start: 'Start testen',
  startHint: 'Browseren spørger, om den må bruge kameraet og mikrofonen. Vælg Tillad.',
  check: { camera: 'Kamera', microphone: 'Mikrofon', speaker: 'Lyd', connection: 'Forbindelse', browser: 'Browser' },
  progress: {
    idle: 'Ikke startet',
    running: 'Tjekker…',
    waiting: 'Venter på dig',
    pass: 'Virker',
    fail: 'Virker ikke',
    skipped: 'Ikke testet',
  },
  yes: 'Ja',
  no: 'Nej',

  cameraIdle: 'Dit billede vises her.',
  cameraQuestion: 'Kan du se dig selv?',
  cameraNotSeen: 'Tjek, at intet dækker kameraet, eller vælg et andet under Vælg enheder.',

  micPrompt: 'Sig noget. Bjælken bevæger sig, når vi kan høre dig.',
  micHeard: 'Vi kan høre dig.',
  micHint: 'Bevæger den sig ikke? Tjek, at mikrofonen ikke er slået fra, eller vælg en anden under Vælg enheder.',

  play: 'Afspil testlyd',
  playing: 'Afspiller…',
  speakerQuestion: 'Hørte du lyden?',
  speakerNotHeard: 'Skru op for lyden, eller vælg en anden højttaler under Vælg enheder, og afspil igen.',
  speakerFailed: 'Lyden kunne ikke afspilles. Genindlæs siden.',
  noSinkChoice: 'Browseren afspiller lyd i standardhøjttaleren. Skift højttaler i enhedens lydindstillinger.',

  server: 'Mødetjenesten',
  media: 'Medieserveren',
  reached: (ms) => `Kan nås, svartid ${ms} ms`,
  slow: 'Forbindelsen er langsom, så billedet kan hakke.',
  notConfigured: 'Testes ikke på denne side.',
  connection: {
    'server-unreachable': 'Vi kan ikke nå mødetjenesten. Tjek, at du er på internettet.',
    'server-error': 'Mødetjenesten har problemer. Prøv igen om et minut.',
    'server-unhealthy': 'Mødetjenesten har problemer. Prøv igen om et minut.',
    'no-media-url': 'Mødetjenesten er sat forkert op. Kontakt support.',
    'insecure-media-url': 'Mødetjenesten er sat forkert op. Kontakt support.',
    'media-refused': 'Videotjenesten svarer ikke: Den kan være nede. Det skyldes ikke dit netværk: Prøv igen om et par minutter.',
    'media-unreachable': 'Vi kan ikke nå medieserveren. En firewall eller VPN kan blokere den. Prøv et andet netværk.',
  },

  browserOk: (name) => `${name} kan bruges til møder.`,
  browserLacks: (features) => `Browseren understøtter ikke ${features}, som møder kræver.`,
  feature: { getUserMedia: 'adgang til kamera', RTCPeerConnection: 'videoopkald', WebAudio: 'lyd' },
  insecurePage: 'Siden er ikke åbnet via https, så opkald er ikke tilladt.',
  advice: {
    ios: 'Opdater iOS, og åbn linket i Safari.',
    android: 'Opdater Chrome, og åbn linket i Chrome.',
    desktop: 'Brug den nyeste Chrome, Edge, Firefox eller Safari.',
  },

  devices: 'Vælg enheder',
  speakerDevice: 'Højttaler',

  finish: 'Færdig',
  doneTitle: 'Testen er færdig',
  doneText: 'Kameraet og mikrofonen er slukket nu.',
};
