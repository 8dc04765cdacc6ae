import type { MediaGuidanceStrings } from '../media-guidance.js';

/** Swedish: see `MediaGuidanceStrings` in ../media-guidance.ts. */
export const strings: MediaGuidanceStrings = {
  device: { camera: 'kameran', microphone: 'mikrofonen', both: 'kameran och mikrofonen' },
  problemTitle: {
    'permission-denied': (d) => `Åtkomsten till ${d} är blockerad`,
    'system-denied': (d) => `Enhetens inställningar blockerar ${d}`,
    'not-found': (d) => `Vi hittar inte ${d}`,
    'in-use': (d) => `Ett annat program använder ${d}`,
    unknown: (d) => `Vi kunde inte starta ${d}`,
  },
  blocked: {
    chrome: (d) => `Klicka på symbolen till vänster om webbadressen, slå på ${d} och tryck sedan på Försök igen.`,
    edge: (d) => `Klicka på hänglåset till vänster om webbadressen, välj Behörigheter för den här webbplatsen, tillåt ${d} och tryck sedan på Försök igen.`,
    firefox: () => 'Klicka på den överkryssade kamerasymbolen i adressfältet, ta bort blockeringen (×), tryck sedan på Försök igen och välj Tillåt.',
    safari: (d) => `Välj Safari > Inställningar för den här webbplatsen, tillåt ${d} och tryck sedan på Försök igen.`,
    'safari-ios': (d) => `Tryck på aA i adressfältet och sedan på Webbplatsinställningar, tillåt ${d} och tryck sedan på Försök igen.`,
    'ios-app': (d) => `Öppna appen Inställningar, välj den här webbläsaren, slå på ${d} och tryck sedan på Försök igen.`,
    other: (d) => `Tillåt ${d} för webbplatsen i webbläsarens inställningar och tryck sedan på Försök igen.`,
  },
  systemBlocked: (settings, browser) => `Öppna ${settings}, tillåt ${browser} under Kamera och Mikrofon och starta sedan om webbläsaren.`,
  systemSettings: {
    macos: 'Systeminställningar > Integritet och säkerhet',
    windows: 'Inställningar > Sekretess och säkerhet',
    other: 'enhetens sekretessinställningar',
  },
  yourBrowser: 'din webbläsare',
  notFound: (d) => `Anslut ${d}, kontrollera att allt är påslaget och tryck sedan på Försök igen.`,
  inUse: {
    chromium: (d) => `Stäng andra program som använder ${d} (som Teams eller Zoom) och flikar med en röd prick och tryck sedan på Försök igen.`,
    firefox: (d) => `Stäng andra program som använder ${d} (som Teams eller Zoom) och flikar med en kamerasymbol och tryck sedan på Försök igen.`,
    safari: (d) => `Avsluta andra program som använder ${d} (som FaceTime eller Zoom) och tryck sedan på Försök igen.`,
    ios: (d) => `Stäng andra appar som använder ${d} (som FaceTime) och tryck sedan på Försök igen.`,
    other: (d) => `Stäng andra program och flikar som använder ${d} och tryck sedan på Försök igen.`,
  },
  unknown: 'Tryck på Försök igen. Ladda om sidan om det inte hjälper.',
  tryAgain: 'Försök igen',
};
