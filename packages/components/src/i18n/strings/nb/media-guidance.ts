import type { MediaGuidanceStrings } from '../media-guidance.js';

/** Norwegian bokmål: see `MediaGuidanceStrings` in ../media-guidance.ts. */
export const strings: MediaGuidanceStrings = {
  device: { camera: 'kameraet', microphone: 'mikrofonen', both: 'kameraet og mikrofonen' },
  problemTitle: {
    'permission-denied': (d) => `Tilgangen til ${d} er blokkert`,
    'system-denied': (d) => `Innstillingene på enheten blokkerer ${d}`,
    'not-found': (d) => `Vi finner ikke ${d}`,
    'in-use': (d) => `Et annet program bruker ${d}`,
    unknown: (d) => `Vi klarte ikke å starte ${d}`,
  },
  blocked: {
    chrome: (d) => `Klikk på ikonet til venstre for nettadressen, slå på ${d}, og trykk deretter på Prøv igjen.`,
    edge: (d) => `Klikk på hengelåsen til venstre for nettadressen, velg Tillatelser for dette nettstedet, tillat ${d}, og trykk deretter på Prøv igjen.`,
    firefox: () => 'Klikk på det overstrekede kameraikonet i adressefeltet, fjern blokkeringen (×), trykk deretter på Prøv igjen, og velg Tillat.',
    safari: (d) => `Velg Safari > Innstillinger for dette nettstedet, tillat ${d}, og trykk deretter på Prøv igjen.`,
    'safari-ios': (d) => `Trykk på aA i adressefeltet og deretter på Nettstedinnstillinger, tillat ${d}, og trykk så på Prøv igjen.`,
    'ios-app': (d) => `Åpne Innstillinger-appen, velg denne nettleseren, slå på ${d}, og trykk deretter på Prøv igjen.`,
    other: (d) => `Tillat ${d} for dette nettstedet i innstillingene til nettleseren, og trykk deretter på Prøv igjen.`,
  },
  systemBlocked: (settings, browser) => `Åpne ${settings}, tillat ${browser} under Kamera og Mikrofon, og start deretter nettleseren på nytt.`,
  systemSettings: {
    macos: 'Systeminnstillinger > Personvern og sikkerhet',
    windows: 'Innstillinger > Personvern og sikkerhet',
    other: 'personverninnstillingene på enheten',
  },
  yourBrowser: 'nettleseren din',
  notFound: (d) => `Koble til ${d}, sjekk at alt er slått på, og trykk deretter på Prøv igjen.`,
  inUse: {
    chromium: (d) => `Lukk andre programmer som bruker ${d} (for eksempel Teams eller Zoom), og faner merket med en rød prikk. Trykk deretter på Prøv igjen.`,
    firefox: (d) => `Lukk andre programmer som bruker ${d} (for eksempel Teams eller Zoom), og faner merket med et kameraikon. Trykk deretter på Prøv igjen.`,
    safari: (d) => `Avslutt andre programmer som bruker ${d} (for eksempel FaceTime eller Zoom). Trykk deretter på Prøv igjen.`,
    ios: (d) => `Lukk andre apper som bruker ${d} (for eksempel FaceTime). Trykk deretter på Prøv igjen.`,
    other: (d) => `Lukk andre programmer og faner som bruker ${d}. Trykk deretter på Prøv igjen.`,
  },
  unknown: 'Trykk på Prøv igjen. Last inn siden på nytt hvis det ikke hjelper.',
  tryAgain: 'Prøv igjen',
};
