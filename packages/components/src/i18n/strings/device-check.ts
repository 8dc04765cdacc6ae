import type { BrowserFeature } from '../../core/browser-support.js';
import type { ConnectionProblem } from '../../core/connection-check.js';
import type { CheckName, CheckProgress } from '../../core/device-check-results.js';
import type { Translations } from '../localize.js';
import { mediaGuidanceStrings, type MediaGuidanceStrings } from './media-guidance.js';

/** Advice when the browser cannot hold a meeting, by what the person is likely using. */
export type BrowserAdvice = 'ios' | 'android' | 'desktop';

/** Everything `<care-device-check>` says. */
export interface DeviceCheckStrings extends MediaGuidanceStrings {
  title: string;
  intro: string;
  start: string;
  startHint: string;
  check: Readonly<Record<CheckName, string>>;
  progress: Readonly<Record<CheckProgress, string>>;
  yes: string;
  no: string;

  cameraIdle: string;
  cameraQuestion: string;
  cameraNotSeen: string;

  micPrompt: string;
  micHeard: string;
  micHint: string;

  play: string;
  playing: string;
  speakerQuestion: string;
  speakerNotHeard: string;
  speakerFailed: string;
  noSinkChoice: string;

  server: string;
  media: string;
  reached: (ms: string) => string;
  slow: string;
  notConfigured: string;
  connection: Readonly<Record<ConnectionProblem, string>>;

  browserOk: (name: string) => string;
  browserLacks: (features: string) => string;
  feature: Readonly<Record<BrowserFeature, string>>;
  insecurePage: string;
  advice: Readonly<Record<BrowserAdvice, string>>;

  devices: string;
  speakerDevice: string;

  finish: string;
  doneTitle: string;
  doneText: string;
}

export const deviceCheckStrings: Translations<DeviceCheckStrings> = {
  en: {
    ...mediaGuidanceStrings.en,
    title: 'Check your camera, microphone and sound',
    intro: 'It takes a minute, and nothing is recorded.',
    start: 'Start the check',
    startHint: 'Your browser will ask to use the camera and microphone. Choose Allow.',
    check: { camera: 'Camera', microphone: 'Microphone', speaker: 'Sound', connection: 'Connection', browser: 'Browser' },
    progress: {
      idle: 'Not started',
      running: 'Checking…',
      waiting: 'Waiting for you',
      pass: 'Works',
      fail: 'Does not work',
      skipped: 'Not checked',
    },
    yes: 'Yes',
    no: 'No',

    cameraIdle: 'Your picture shows here.',
    cameraQuestion: 'Do you see yourself?',
    cameraNotSeen: 'Check that nothing covers the camera, or choose another one under Choose devices.',

    micPrompt: 'Say something. The bar moves when we hear you.',
    micHeard: 'We can hear you.',
    micHint: 'Not moving? Check that the microphone is not muted, or choose another one under Choose devices.',

    play: 'Play test sound',
    playing: 'Playing…',
    speakerQuestion: 'Did you hear the sound?',
    speakerNotHeard: 'Turn the sound up, or choose another speaker under Choose devices, and play it again.',
    speakerFailed: 'The sound could not be played. Reload the page.',
    noSinkChoice: "This browser plays sound on the default speaker. To use another, change it in your device's sound settings.",

    server: 'Meeting service',
    media: 'Media server',
    reached: (ms) => `Reached, ${ms} ms round trip`,
    slow: 'The connection is slow, so video may stutter.',
    notConfigured: 'Not checked on this page.',
    connection: {
      'server-unreachable': 'We cannot reach the meeting service. Check that you are online.',
      'server-error': 'The meeting service has a problem. Try again in a minute.',
      'server-unhealthy': 'The meeting service has a problem. Try again in a minute.',
      'no-media-url': 'The meeting service is set up wrongly. Contact support.',
      'insecure-media-url': 'The meeting service is set up wrongly. Contact support.',
      'media-unreachable': 'We cannot reach the media server. A firewall or VPN may block it: try another network.',
    },

    browserOk: (name) => `${name} works for meetings.`,
    browserLacks: (features) => `This browser lacks ${features}, which meetings need.`,
    feature: { getUserMedia: 'camera access', RTCPeerConnection: 'video calls', WebAudio: 'sound' },
    insecurePage: 'The page is not opened over https, so calls are not allowed.',
    advice: {
      ios: 'Update iOS and open the link in Safari.',
      android: 'Update Chrome and open the link in it.',
      desktop: 'Use the latest Chrome, Edge, Firefox or Safari.',
    },

    devices: 'Choose devices',
    speakerDevice: 'Speaker',

    finish: 'Finish',
    doneTitle: 'Check finished',
    doneText: 'The camera and microphone are off now.',
  },
  sv: {
    ...mediaGuidanceStrings.sv,
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
    reached: (ms) => `Nås, ${ms} ms tur och retur`,
    slow: 'Anslutningen är långsam, så bilden kan hacka.',
    notConfigured: 'Testas inte på den här sidan.',
    connection: {
      'server-unreachable': 'Vi når inte mötestjänsten. Kontrollera att du är uppkopplad.',
      'server-error': 'Mötestjänsten har problem. Försök igen om en minut.',
      'server-unhealthy': 'Mötestjänsten har problem. Försök igen om en minut.',
      'no-media-url': 'Mötestjänsten är felinställd. Kontakta support.',
      'insecure-media-url': 'Mötestjänsten är felinställd. Kontakta support.',
      'media-unreachable': 'Vi når inte mediaservern. En brandvägg eller VPN kan blockera den: prova ett annat nätverk.',
    },

    browserOk: (name) => `${name} fungerar för möten.`,
    browserLacks: (features) => `Webbläsaren saknar ${features}, som behövs för möten.`,
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
  },
  da: {
    ...mediaGuidanceStrings.da,
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
    cameraNotSeen: 'Tjek at intet dækker kameraet, eller vælg et andet under Vælg enheder.',

    micPrompt: 'Sig noget. Bjælken bevæger sig, når vi kan høre dig.',
    micHeard: 'Vi kan høre dig.',
    micHint: 'Bevæger den sig ikke? Tjek at mikrofonen ikke er slået fra, eller vælg en anden under Vælg enheder.',

    play: 'Afspil testlyd',
    playing: 'Afspiller…',
    speakerQuestion: 'Hørte du lyden?',
    speakerNotHeard: 'Skru op for lyden, eller vælg en anden højttaler under Vælg enheder, og afspil igen.',
    speakerFailed: 'Lyden kunne ikke afspilles. Genindlæs siden.',
    noSinkChoice: 'Browseren afspiller lyd i standardhøjttaleren. Skift højttaler i enhedens lydindstillinger.',

    server: 'Mødetjenesten',
    media: 'Medieserveren',
    reached: (ms) => `Kan nås, ${ms} ms frem og tilbage`,
    slow: 'Forbindelsen er langsom, så billedet kan hakke.',
    notConfigured: 'Testes ikke på denne side.',
    connection: {
      'server-unreachable': 'Vi kan ikke nå mødetjenesten. Tjek at du er på internettet.',
      'server-error': 'Mødetjenesten har problemer. Prøv igen om et minut.',
      'server-unhealthy': 'Mødetjenesten har problemer. Prøv igen om et minut.',
      'no-media-url': 'Mødetjenesten er sat forkert op. Kontakt support.',
      'insecure-media-url': 'Mødetjenesten er sat forkert op. Kontakt support.',
      'media-unreachable': 'Vi kan ikke nå medieserveren. En firewall eller VPN kan blokere den: prøv et andet netværk.',
    },

    browserOk: (name) => `${name} virker til møder.`,
    browserLacks: (features) => `Browseren mangler ${features}, som møder kræver.`,
    feature: { getUserMedia: 'adgang til kamera', RTCPeerConnection: 'videoopkald', WebAudio: 'lyd' },
    insecurePage: 'Siden er ikke åbnet via https, så opkald er ikke tilladt.',
    advice: {
      ios: 'Opdater iOS, og åbn linket i Safari.',
      android: 'Opdater Chrome, og åbn linket i den.',
      desktop: 'Brug den nyeste Chrome, Edge, Firefox eller Safari.',
    },

    devices: 'Vælg enheder',
    speakerDevice: 'Højttaler',

    finish: 'Færdig',
    doneTitle: 'Testen er færdig',
    doneText: 'Kameraet og mikrofonen er slukket nu.',
  },
};
