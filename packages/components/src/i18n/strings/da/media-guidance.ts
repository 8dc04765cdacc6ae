import type { MediaGuidanceStrings } from '../media-guidance.js';

/** Danish: see `MediaGuidanceStrings` in ../media-guidance.ts. */
export const strings: MediaGuidanceStrings = {
  device: { camera: 'kameraet', microphone: 'mikrofonen', both: 'kameraet og mikrofonen' },
  problemTitle: {
    'permission-denied': (d) => `Adgangen til ${d} er blokeret`,
    'system-denied': (d) => `Enhedens indstillinger blokerer ${d}`,
    'not-found': (d) => `Vi kan ikke finde ${d}`,
    'in-use': (d) => `Et andet program bruger ${d}`,
    unknown: (d) => `Vi kunne ikke starte ${d}`,
  },
  blocked: {
    chrome: (d) => `Klik på ikonet til venstre for webadressen, slå ${d} til, og tryk så på Prøv igen.`,
    edge: (d) => `Klik på hængelåsen til venstre for webadressen, vælg Tilladelser for dette websted, tillad ${d}, og tryk så på Prøv igen.`,
    firefox: () => 'Klik på det overstregede kameraikon i adresselinjen, fjern blokeringen (×), tryk så på Prøv igen, og vælg Tillad.',
    safari: (d) => `Vælg Safari > Indstillinger for dette websted, tillad ${d}, og tryk så på Prøv igen.`,
    'safari-ios': (d) => `Tryk på aA i adresselinjen og derefter på Webstedsindstillinger, tillad ${d}, og tryk så på Prøv igen.`,
    'ios-app': (d) => `Åbn appen Indstillinger, vælg denne browser, slå ${d} til, og tryk så på Prøv igen.`,
    other: (d) => `Tillad ${d} for webstedet i browserens indstillinger, og tryk så på Prøv igen.`,
  },
  systemBlocked: (settings, browser) => `Åbn ${settings}, tillad ${browser} under Kamera og Mikrofon, og genstart så browseren.`,
  systemSettings: {
    macos: 'Systemindstillinger > Anonymitet og sikkerhed',
    windows: 'Indstillinger > Beskyttelse af personlige oplysninger og sikkerhed',
    other: 'enhedens privatlivsindstillinger',
  },
  yourBrowser: 'din browser',
  notFound: (d) => `Tilslut ${d}, tjek, at alt er tændt, og tryk så på Prøv igen.`,
  inUse: {
    chromium: (d) => `Luk andre programmer, der bruger ${d} (fx Teams eller Zoom), og faner med en rød prik, og tryk så på Prøv igen.`,
    firefox: (d) => `Luk andre programmer, der bruger ${d} (fx Teams eller Zoom), og faner med et kameraikon, og tryk så på Prøv igen.`,
    safari: (d) => `Afslut andre programmer, der bruger ${d} (fx FaceTime eller Zoom), og tryk så på Prøv igen.`,
    ios: (d) => `Luk andre apps, der bruger ${d} (fx FaceTime), og tryk så på Prøv igen.`,
    other: (d) => `Luk andre programmer og faner, der bruger ${d}, og tryk så på Prøv igen.`,
  },
  unknown: 'Tryk på Prøv igen. Genindlæs siden, hvis det ikke hjælper.',
  tryAgain: 'Prøv igen',
};
