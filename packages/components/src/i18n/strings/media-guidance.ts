import { guidanceTarget, type BrowserInfo, type GuidanceTarget } from '../../core/browser-support.js';
import type { MediaProblem } from '../../core/media-problem.js';
import type { Translations } from '../localize.js';

/**
 * What to do when a camera or microphone will not start, step by step in the person's browser.
 * Shared: `<care-device-check>` uses it now, `<care-meeting>` will when publishing fails.
 */
export type DeviceNoun = 'camera' | 'microphone' | 'both';
type Phrase = (device: string) => string;

export interface MediaGuidanceStrings {
  /** The devices as they read mid-sentence: "the camera". */
  device: Readonly<Record<DeviceNoun, string>>;
  /** A short headline saying what is wrong. */
  problemTitle: Readonly<Record<MediaProblem, Phrase>>;
  /** The site is blocked in the browser: the clicks that unblock it, per browser. */
  blocked: Readonly<Record<GuidanceTarget, Phrase>>;
  /** The operating system blocks the browser: where to allow it, given the settings path. */
  systemBlocked: (settings: string, browser: string) => string;
  /** The privacy settings' path in macOS and Windows, as their menus read in this language. */
  systemSettings: Readonly<Record<'macos' | 'windows' | 'other', string>>;
  yourBrowser: string;
  notFound: Phrase;
  /** Another program or tab holds the device: what to close, per browser family. */
  inUse: Readonly<Record<'chromium' | 'firefox' | 'safari' | 'ios' | 'other', Phrase>>;
  unknown: string;
  tryAgain: string;
}

/**
 * The steps for `problem` in this browser, in the language of `strings`.
 *
 * @example
 * mediaGuidance(strings, 'permission-denied', detectBrowser(), 'both');
 */
export function mediaGuidance(
  strings: MediaGuidanceStrings,
  problem: MediaProblem,
  browser: BrowserInfo,
  noun: DeviceNoun,
): { title: string; steps: string } {
  const device = strings.device[noun];
  const steps = ((): string => {
    switch (problem) {
      case 'permission-denied':
        return strings.blocked[guidanceTarget(browser)](device);
      case 'system-denied': {
        const os = browser.os === 'macos' || browser.os === 'windows' ? browser.os : 'other';
        return strings.systemBlocked(strings.systemSettings[os], browser.label || strings.yourBrowser);
      }
      case 'not-found':
        return strings.notFound(device);
      case 'in-use': {
        const family =
          browser.os === 'ios' ? 'ios'
          : browser.name === 'chrome' || browser.name === 'edge' ? 'chromium'
          : browser.name === 'firefox' || browser.name === 'safari' ? browser.name
          : 'other';
        return strings.inUse[family](device);
      }
      default:
        return strings.unknown;
    }
  })();
  return { title: strings.problemTitle[problem](device), steps };
}

export const mediaGuidanceStrings: Translations<MediaGuidanceStrings> = {
  en: {
    device: { camera: 'the camera', microphone: 'the microphone', both: 'the camera and microphone' },
    problemTitle: {
      'permission-denied': (d) => `Access to ${d} is blocked`,
      'system-denied': (d) => `Your device's settings block ${d}`,
      'not-found': (d) => `We cannot find ${d}`,
      'in-use': (d) => `Another program is using ${d}`,
      unknown: (d) => `We could not start ${d}`,
    },
    blocked: {
      chrome: (d) => `Click the icon left of the web address, switch on ${d}, then press Try again.`,
      edge: (d) => `Click the padlock left of the web address, choose Permissions for this site, allow ${d}, then press Try again.`,
      firefox: () => 'Click the crossed-out camera icon in the address bar, remove the block (×), then press Try again and choose Allow.',
      safari: (d) => `Choose Safari > Settings for This Website, allow ${d}, then press Try again.`,
      'safari-ios': (d) => `Tap aA in the address bar, then Website Settings, allow ${d}, then press Try again.`,
      'ios-app': (d) => `Open the Settings app, choose this browser, switch on ${d}, then press Try again.`,
      other: (d) => `Allow ${d} for this site in the browser's settings, then press Try again.`,
    },
    systemBlocked: (settings, browser) => `Open ${settings}, allow ${browser} under Camera and Microphone, then restart the browser.`,
    systemSettings: {
      macos: 'System Settings > Privacy & Security',
      windows: 'Settings > Privacy & security',
      other: "your device's privacy settings",
    },
    yourBrowser: 'your browser',
    notFound: (d) => `Connect ${d}, check that everything is switched on, then press Try again.`,
    inUse: {
      chromium: (d) => `Close other programs using ${d} (such as Teams or Zoom) and tabs with a red dot, then press Try again.`,
      firefox: (d) => `Close other programs using ${d} (such as Teams or Zoom) and tabs with a camera icon, then press Try again.`,
      safari: (d) => `Quit other programs using ${d} (such as FaceTime or Zoom), then press Try again.`,
      ios: (d) => `Close other apps using ${d} (such as FaceTime), then press Try again.`,
      other: (d) => `Close other programs and tabs using ${d}, then press Try again.`,
    },
    unknown: 'Press Try again. If that fails, reload the page.',
    tryAgain: 'Try again',
  },
  sv: {
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
      'safari-ios': (d) => `Tryck på aA i adressfältet och sedan Webbplatsinställningar, tillåt ${d} och tryck sedan på Försök igen.`,
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
  },
  da: {
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
      'safari-ios': (d) => `Tryk på aA i adresselinjen og så Webstedsindstillinger, tillad ${d}, og tryk så på Prøv igen.`,
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
    notFound: (d) => `Tilslut ${d}, tjek at alt er tændt, og tryk så på Prøv igen.`,
    inUse: {
      chromium: (d) => `Luk andre programmer, der bruger ${d} (fx Teams eller Zoom), og faner med en rød prik, og tryk så på Prøv igen.`,
      firefox: (d) => `Luk andre programmer, der bruger ${d} (fx Teams eller Zoom), og faner med et kameraikon, og tryk så på Prøv igen.`,
      safari: (d) => `Afslut andre programmer, der bruger ${d} (fx FaceTime eller Zoom), og tryk så på Prøv igen.`,
      ios: (d) => `Luk andre apps, der bruger ${d} (fx FaceTime), og tryk så på Prøv igen.`,
      other: (d) => `Luk andre programmer og faner, der bruger ${d}, og tryk så på Prøv igen.`,
    },
    unknown: 'Tryk på Prøv igen. Genindlæs siden, hvis det ikke hjælper.',
    tryAgain: 'Prøv igen',
  },
};
