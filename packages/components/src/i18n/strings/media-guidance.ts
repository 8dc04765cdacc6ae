import { guidanceTarget, type BrowserInfo, type GuidanceTarget } from '../../core/browser-support.js';
import type { MediaProblem } from '../../core/media-problem.js';
import type { Catalog } from '../localize.js';

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
export function mediaGuidance(strings: MediaGuidanceStrings, problem: MediaProblem, browser: BrowserInfo, noun: DeviceNoun): { title: string; steps: string } {
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
          browser.os === 'ios'
            ? 'ios'
            : browser.name === 'chrome' || browser.name === 'edge'
              ? 'chromium'
              : browser.name === 'firefox' || browser.name === 'safari'
                ? browser.name
                : 'other';
        return strings.inUse[family](device);
      }
      default:
        return strings.unknown;
    }
  })();
  return { title: strings.problemTitle[problem](device), steps };
}

/** Each language loads when an element first shows it: see `Catalog` in ../localize.ts. */
export const mediaGuidanceStrings: Catalog<MediaGuidanceStrings> = {
  en: () => import('./en/media-guidance.js'),
  sv: () => import('./sv/media-guidance.js'),
  da: () => import('./da/media-guidance.js'),
  nb: () => import('./nb/media-guidance.js'),
  fi: () => import('./fi/media-guidance.js'),
};
