import type { MediaGuidanceStrings } from '../media-guidance.js';

/** English: see `MediaGuidanceStrings` in ../media-guidance.ts. */
export const strings: MediaGuidanceStrings = {
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
};
