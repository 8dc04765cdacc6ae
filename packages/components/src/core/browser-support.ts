/**
 * Browsers whose settings screens we can describe step by step. Other Chromium browsers (Opera,
 * Samsung Internet, Brave) say "Chromium" in their client hints and count as `chrome`.
 */
export type BrowserName = 'chrome' | 'edge' | 'firefox' | 'safari' | 'other';
export type OsName = 'windows' | 'macos' | 'ios' | 'android' | 'chromeos' | 'linux' | 'other';

export interface BrowserInfo {
  name: BrowserName;
  /** The brand as the browser names itself, e.g. "Microsoft Edge" or "Chromium"; empty when unknown. */
  label: string;
  /** Major version, when known. */
  version?: number;
  os: OsName;
}

/** What the guidance text is keyed by: whose menus the person has to click through. */
export type GuidanceTarget = 'chrome' | 'edge' | 'firefox' | 'safari' | 'safari-ios' | 'ios-app' | 'other';

/** Platform features a care meeting cannot do without. */
export type BrowserFeature = 'getUserMedia' | 'RTCPeerConnection' | 'WebAudio';

/**
 * How sound can be sent to a chosen speaker: `AudioContext.setSinkId` (Chromium 110+),
 * `HTMLMediaElement.setSinkId` (Firefox 116+), or not at all (Safari before 26: the system's
 * default output; https://developer.mozilla.org/en-US/docs/Web/API/HTMLMediaElement/setSinkId#browser_compatibility).
 * On iOS and iPadOS always `none`: Safari 26 has `HTMLMediaElement.setSinkId`, but for WebRTC audio
 * it reported success and kept the old output (https://bugs.webkit.org/show_bug.cgi?id=320087,
 * https://github.com/livekit/client-sdk-js/pull/1635); there the person picks the output in
 * Control Center, and the elements say so instead of offering a chooser that does nothing.
 */
export type SinkSupport = 'audio-context' | 'media-element' | 'none';

export interface BrowserSupport {
  browser: BrowserInfo;
  /** `getUserMedia` only exists in a secure context (https or localhost). */
  secure: boolean;
  missing: BrowserFeature[];
  supported: boolean;
  sinkSupport: SinkSupport;
}

/** The parts of `navigator` detection reads; a parameter so tests can pass any user agent. */
export interface NavigatorLike {
  userAgent: string;
  maxTouchPoints?: number;
  userAgentData?: { brands: ReadonlyArray<{ brand: string; version: string }>; platform?: string };
}

const BRANDS: ReadonlyArray<[RegExp, BrowserName]> = [
  [/^Microsoft Edge$/, 'edge'],
  [/^Google Chrome$/, 'chrome'],
  [/^Chromium$/, 'chrome'],
];

// Order matters: Edge also says "Chrome", and every Chromium says "Safari".
const AGENTS: ReadonlyArray<[RegExp, BrowserName, string]> = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'edge', 'Microsoft Edge'],
  [/(?:Firefox|FxiOS)\/(\d+)/, 'firefox', 'Firefox'],
  [/(?:Chrome|CriOS)\/(\d+)/, 'chrome', 'Google Chrome'],
  [/Version\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//, 'safari', 'Safari'],
];

function detectOs(ua: string, nav: NavigatorLike): OsName {
  // iPadOS asks for desktop pages and says "Macintosh"; only its touch screen gives it away.
  if (/iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && (nav.maxTouchPoints ?? 0) > 1)) return 'ios';
  if (/Android/.test(ua)) return 'android';
  if (/Windows/.test(ua)) return 'windows';
  if (/CrOS/.test(ua)) return 'chromeos';
  if (/Mac OS X|Macintosh/.test(ua)) return 'macos';
  if (/Linux/.test(ua)) return 'linux';
  return 'other';
}

/**
 * Which browser and operating system this is, preferring `navigator.userAgentData` (Chromium) and
 * falling back to the user-agent string. Used only to pick instructions, never to block anyone.
 *
 * @example
 * detectBrowser({ userAgent: navigator.userAgent }).name; // 'firefox'
 */
export function detectBrowser(nav: NavigatorLike = navigator as NavigatorLike): BrowserInfo {
  const ua = nav.userAgent;
  const os = detectOs(ua, nav);
  for (const { brand, version } of nav.userAgentData?.brands ?? []) {
    const match = BRANDS.find(([pattern]) => pattern.test(brand));
    if (match) return { name: match[1], label: brand, version: Number.parseInt(version, 10), os };
  }
  for (const [pattern, name, label] of AGENTS) {
    const match = pattern.exec(ua);
    if (match?.[1]) return { name, label, version: Number.parseInt(match[1], 10), os };
  }
  return { name: 'other', label: '', os };
}

/**
 * Whose settings screens the person will see. On iOS every browser is WebKit and camera
 * permission for apps other than Safari lives in the system Settings app.
 */
export function guidanceTarget(browser: BrowserInfo): GuidanceTarget {
  if (browser.os === 'ios') return browser.name === 'safari' ? 'safari-ios' : 'ios-app';
  switch (browser.name) {
    case 'chrome':
    case 'edge':
    case 'firefox':
    case 'safari':
      return browser.name;
    default:
      return 'other';
  }
}

/** The globals `checkBrowserSupport` looks at; a parameter so tests can remove features. */
export interface BrowserScope {
  navigator: NavigatorLike & { mediaDevices?: { getUserMedia?: unknown } };
  isSecureContext?: boolean;
  RTCPeerConnection?: unknown;
  AudioContext?: { prototype: object };
  webkitAudioContext?: unknown;
  HTMLMediaElement?: { prototype: object };
}

export function detectSinkSupport(scope: BrowserScope = globalThis as unknown as BrowserScope): SinkSupport {
  if (scope.navigator && detectBrowser(scope.navigator).os === 'ios') return 'none';
  if (scope.AudioContext && 'setSinkId' in scope.AudioContext.prototype) return 'audio-context';
  if (scope.HTMLMediaElement && 'setSinkId' in scope.HTMLMediaElement.prototype) return 'media-element';
  return 'none';
}

/**
 * Checks that the browser has what a care meeting needs.
 *
 * @example
 * const support = checkBrowserSupport();
 * if (!support.supported) console.log('missing', support.missing);
 */
export function checkBrowserSupport(scope: BrowserScope = globalThis as unknown as BrowserScope): BrowserSupport {
  const nav = scope.navigator;
  const missing: BrowserFeature[] = [];
  if (typeof nav.mediaDevices?.getUserMedia !== 'function') missing.push('getUserMedia');
  if (typeof scope.RTCPeerConnection !== 'function') missing.push('RTCPeerConnection');
  if (typeof scope.AudioContext !== 'function' && typeof scope.webkitAudioContext !== 'function') {
    missing.push('WebAudio');
  }
  const secure = scope.isSecureContext !== false;
  return {
    browser: detectBrowser(nav),
    secure,
    missing,
    supported: secure && missing.length === 0,
    sinkSupport: detectSinkSupport(scope),
  };
}
