// The Chromium every browser test runs: the machine's own (apt's, never a downloaded one), with the
// flags they all share. Used by the components' web-test-runner configs and the end-to-end and
// real-LiveKit suites in test/, so the browsers cannot drift apart.

/** The Chromium binary: `CHROMIUM_PATH`, or Debian's. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a quiet, headless test browser; each suite adds its own (fake media, permissions). */
export const CHROMIUM_ARGS = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);
