// The Firefox every Firefox test runs: Debian's Firefox ESR (apt's `firefox-esr`, never a downloaded
// build), driven over WebDriver BiDi, which it speaks natively (puppeteer-core launches it from its
// executable path). Used by the components' web-test-runner configs (CARE_MEET_BROWSER=firefox)
// and by the real-LiveKit suite's Firefox participant, so the two cannot drift apart.
//
// Playwright is not used for Firefox: its own Firefox protocol needs Playwright's patched build,
// and its BiDi mode (channel `moz-firefox`) sends `emulation.setMediaFeaturesOverride` for every new
// context, which Firefox ESR 153 does not know ("unknown command").

/** The Firefox binary: `FIREFOX_PATH`, or Debian's Firefox ESR. */
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/**
 * Preferences for a quiet test Firefox with fake camera and microphone, as Chromium's
 * `--use-fake-device-for-media-stream --use-fake-ui-for-media-stream` give: the fake camera is
 * 640×480, the fake microphone a steady 1 kHz tone (RMS about 0.07).
 */
export const FIREFOX_PREFS = Object.freeze({
  // Fake devices, and no permission prompt (the prompt's "Allow" is what this stands in for).
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  // No sound card on a test machine: without a mock audio backend an AudioContext never leaves
  // "suspended" and nothing can be measured (cubeb's test context; Mozilla's own media tests use it).
  'media.cubeb.force_mock_context': true,
  // As `--autoplay-policy=no-user-gesture-required`: a test page's <audio> and AudioContext may start.
  'media.autoplay.default': 0,
  'media.autoplay.block-webaudio': false,
  // Where only loopback exists (scripts/loopback-only.sh): offer 127.0.0.1 ICE candidates, as
  // Chromium's `--allow-loopback-in-peer-connection` does, and real addresses instead of mDNS names.
  'media.peerconnection.ice.loopback': true,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  // Camera and microphone allowed for every site, as a person's "Remember this decision" does.
  // Without a stored permission Firefox gathers ICE candidates only on the default route's address
  // ("use only default local addresses: yes" in its nICEr log, also while fake capture runs), and
  // a namespace with only loopback has no default route: no candidate at all, and the call fails.
  'permissions.default.camera': 1,
  'permissions.default.microphone': 1,
  // Nothing but the page under test: no background requests to anywhere.
  'app.update.enabled': false,
  'app.normandy.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.newtabpage.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'extensions.update.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'services.settings.server': 'http://127.0.0.1:9/',
  'toolkit.telemetry.enabled': false,
});

/** The same browser with camera and microphone blocked, as when a person clicks Block: getUserMedia rejects with NotAllowedError. */
export const FIREFOX_PREFS_BLOCKED = Object.freeze({
  ...FIREFOX_PREFS,
  'media.navigator.permission.disabled': false,
  'permissions.default.camera': 2,
  'permissions.default.microphone': 2,
});
