/**
 * Which engine runs this test page (test-support/browsers.mjs picks it with CARE_MEET_BROWSER), and
 * tests that cannot run in one: they are reported as skipped and the output says so, with the
 * reason ("not run in Firefox: …"), never skipped silently. docs/browsers.md lists them.
 */
export type Engine = 'chromium' | 'firefox' | 'webkit';

export const engine: Engine = /\bFirefox\//.test(navigator.userAgent)
  ? 'firefox'
  : /Chrom(e|ium)\//.test(navigator.userAgent) // headless Chromium says "HeadlessChrome/…"
    ? 'chromium'
    : 'webkit';

export const ENGINE_NAMES: Readonly<Record<Engine, string>> = { chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit' };

type TestFunction = (this: MochaContext) => void | Promise<void>;

/**
 * `it`, except in `engines`: there the test is skipped, and the output says which and why.
 *
 * @example
 * exceptIn(['firefox'], 'emulating prefers-reduced-motion needs CDP')('stops animating', async () => { … });
 */
export function exceptIn(engines: readonly Engine[], reason: string): (title: string, test: TestFunction) => void {
  return (title, test) => {
    if (!engines.includes(engine)) {
      it(title, test);
      return;
    }
    console.log(`not run in ${ENGINE_NAMES[engine]}: "${title}": ${reason}`);
    it.skip(title, test);
  };
}

/**
 * How the element names this engine's browser (`detectBrowser`): its `BrowserName` (which also
 * keys the guidance texts, e.g. `blocked.firefox`) and the label the browser check shows.
 */
export const THIS_BROWSER = (
  {
    chromium: { name: 'chrome', label: /Chrom(e|ium) \d+/ },
    firefox: { name: 'firefox', label: /Firefox \d+/ },
    webkit: { name: 'safari', label: /Safari \d+/ },
  } as const
)[engine];

/**
 * The fake devices each engine's test run offers, by the labels it gives them once access is
 * granted: Chromium's `--use-fake-device-for-media-stream`; Firefox's `media.navigator.streams.fake`
 * (one camera, one microphone) with the speakers of its mock audio backend
 * (`media.cubeb.force_mock_context`); WebKit's mock capture devices.
 */
export const FAKE_DEVICES: Readonly<Record<'camera' | 'microphone' | 'speaker', readonly string[]>> = {
  chromium: {
    camera: ['fake_device_0'],
    microphone: ['Fake Default Audio Input', 'Fake Audio Input 1', 'Fake Audio Input 2'],
    speaker: ['Fake Default Audio Output', 'Fake Audio Output 1', 'Fake Audio Output 2'],
  },
  firefox: { camera: ['Default Video Device'], microphone: ['Default Audio Device'], speaker: ['Fake Audio Output 1 (PREFERRED)', 'Fake Audio Output 2'] },
  webkit: {
    camera: ['Mock video device 1', 'Mock video device 2'],
    microphone: ['Mock audio device 1', 'Mock audio device 2', 'Mock audio device 3'],
    speaker: [],
  },
}[engine];

/** Reasons shared by several tests. */
export const NOT_IN = {
  reducedMotion:
    'emulating prefers-reduced-motion is a Chrome DevTools Protocol command; WebDriver BiDi, which drives Firefox here, has none (puppeteer: "CDP support is required for this feature")',
  oneFakeDevice:
    "Firefox's fake media has one camera and one microphone (Chromium's has two microphones, two speakers and a named camera), so there is no other device to switch to",
} as const;
