import type { DeviceCheckStrings } from '../device-check.js';
import { strings as guidance } from './media-guidance.js';

/** Swedish: see `DeviceCheckStrings` in ../device-check.ts. */
export const strings: DeviceCheckStrings = {
  ...guidance,
  title: 'Testa kamera, mikrofon och ljud',
  intro: 'Det tar en minut, och inget spelas in.',
  start: 'Starta testet',
  startHint: 'Webbläsaren frågar om den får använda kameran och mikrofonen. Välj Tillåt.',
  check: { camera: 'Kamera', microphone: 'Mikrofon', speaker: 'Ljud', connection: 'Anslutning', browser: 'Webbläsare' },
  progress: {
    idle: 'Inte startad',
    running: 'Kontrollerar…',
    waiting: 'Väntar på dig',
    pass: 'Fungerar',
    fail: 'Fungerar inte',
    skipped: 'Inte testad',
  },
  yes: 'Ja',
  no: 'Nej',

  cameraIdle: 'Din bild visas här.',
  cameraQuestion: 'Ser du dig själv?',
  cameraNotSeen: 'Kontrollera att inget täcker kameran, eller välj en annan under Välj enheter.',

  micPrompt: 'Säg något. Stapeln rör sig när vi hör dig.',
  micHeard: 'Vi hör dig.',
  micHint: 'Rör den sig inte? Kontrollera att mikrofonen inte är avstängd, eller välj en annan under Välj enheter.',

  play: 'Spela testljud',
  playing: 'Spelar…',
  speakerQuestion: 'Hörde du ljudet?',
  speakerNotHeard: 'Höj ljudet, eller välj en annan högtalare under Välj enheter, och spela igen.',
  speakerFailed: 'Ljudet gick inte att spela. Ladda om sidan.',
  noSinkChoice: 'Webbläsaren spelar ljud i standardhögtalaren. Byt högtalare i enhetens ljudinställningar.',

  server: 'Mötestjänsten',
  media: 'Mediaservern',
  reached: (ms) => `Går att nå, svarstid ${ms} ms`,
  slow: 'Anslutningen är långsam, så bilden kan hacka.',
  notConfigured: 'Testas inte på den här sidan.',
  connection: {
    'server-unreachable': 'Vi når inte mötestjänsten. Kontrollera att du är uppkopplad.',
    'server-error': 'Mötestjänsten har problem. Försök igen om en minut.',
    'server-unhealthy': 'Mötestjänsten har problem. Försök igen om en minut.',
    'no-media-url': 'Mötestjänsten är felinställd. Kontakta support.',
    'insecure-media-url': 'Mötestjänsten är felinställd. Kontakta support.',
    'media-refused': 'Videotjänsten svarar inte: den kan vara ur drift. Det beror inte på ditt nätverk: försök igen om några minuter.',
    'media-unreachable': 'Vi når inte mediaservern. En brandvägg eller VPN kan blockera den. Prova ett annat nätverk.',
  },

  browserOk: (name) => `${name} fungerar för möten.`,
  browserLacks: (features) => `Webbläsaren stöder inte ${features}, som behövs för möten.`,
  feature: { getUserMedia: 'kameraåtkomst', RTCPeerConnection: 'videosamtal', WebAudio: 'ljud' },
  insecurePage: 'Sidan är inte öppnad via https, så samtal tillåts inte.',
  advice: {
    ios: 'Uppdatera iOS och öppna länken i Safari.',
    android: 'Uppdatera Chrome och öppna länken där.',
    desktop: 'Använd senaste Chrome, Edge, Firefox eller Safari.',
  },

  devices: 'Välj enheter',
  speakerDevice: 'Högtalare',

  finish: 'Klar',
  doneTitle: 'Testet är klart',
  doneText: 'Kameran och mikrofonen är avstängda nu.',
};
