import type { BrowserFeature } from '../../core/browser-support.js';
import type { ConnectionProblem } from '../../core/connection-check.js';
import type { CheckName, CheckProgress } from '../../core/device-check-results.js';
import type { Catalog } from '../localize.js';
import type { MediaGuidanceStrings } from './media-guidance.js';

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

/** Each language loads when an element first shows it: see `Catalog` in ../localize.ts. */
export const deviceCheckStrings: Catalog<DeviceCheckStrings> = {
  en: () => import('./en/device-check.js'),
  sv: () => import('./sv/device-check.js'),
  da: () => import('./da/device-check.js'),
  nb: () => import('./nb/device-check.js'),
  fi: () => import('./fi/device-check.js'),
};
