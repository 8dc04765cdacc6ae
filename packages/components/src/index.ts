// Elements: importing this module defines every tag. To import a class without defining it, or to
// define it under another name, import from `elements/…` instead.
export { CareDeviceCheck } from './define/care-device-check.js';

// Events
export { DeviceCheckCompleteEvent } from './events/device-check-complete.js';

// Core: framework-agnostic state and checks, for hosts building their own UI
export { checkBrowserSupport, detectBrowser, detectSinkSupport, guidanceTarget } from './core/browser-support.js';
export type {
  BrowserFeature,
  BrowserInfo,
  BrowserName,
  BrowserSupport,
  GuidanceTarget,
  OsName,
  SinkSupport,
} from './core/browser-support.js';
export { checkConnection, ConnectionCheck, toHttpUrl } from './core/connection-check.js';
export type {
  ConnectionCheckOptions,
  ConnectionProblem,
  ConnectionReport,
  ConnectionState,
  StepStatus,
} from './core/connection-check.js';
export { CHECK_NAMES, collectResults } from './core/device-check-results.js';
export type {
  BrowserDetail,
  CameraDetail,
  CheckName,
  CheckProgress,
  CheckResult,
  CheckStatus,
  ConnectionDetail,
  DeviceCheckResults,
  MicrophoneDetail,
  SpeakerDetail,
} from './core/device-check-results.js';
export { DEVICE_PREFERENCES_KEY, DevicePreferences } from './core/device-preferences.js';
export type { DeviceChoices, DevicePreferencesOptions, StorageLike } from './core/device-preferences.js';
export { LevelMeter, rmsToLevel, rootMeanSquare } from './core/level-meter.js';
export type { LevelMeterOptions, LevelReading } from './core/level-meter.js';
export { MediaCheck } from './core/media-check.js';
export type { InputState, InputStatus, MediaCheckOptions, MediaCheckState, Question, ToneStatus } from './core/media-check.js';
export { listDevices, openInputs } from './core/media-devices.js';
export type { DeviceKind, DeviceLists, DeviceOption, InputKind, OpenedInput } from './core/media-devices.js';
export { classifyMediaError } from './core/media-problem.js';
export type { MediaProblem } from './core/media-problem.js';
export { Store } from './core/observable.js';
export type { Readable, Unsubscribe } from './core/observable.js';
export { playTestTone } from './core/test-tone.js';
export type { TestTone, TestToneOptions } from './core/test-tone.js';

// Lit adapters and text
export { SubscribeController } from './controllers/subscribe-controller.js';
export { DEFAULT_LANG, LANGS, LocalizeController, matchLang, resolveLang } from './i18n/localize.js';
export type { Lang, Translations } from './i18n/localize.js';
export { deviceCheckStrings } from './i18n/strings/device-check.js';
export type { BrowserAdvice, DeviceCheckStrings } from './i18n/strings/device-check.js';
export { mediaGuidance, mediaGuidanceStrings } from './i18n/strings/media-guidance.js';
export type { DeviceNoun, MediaGuidanceStrings } from './i18n/strings/media-guidance.js';
