// Browser tests for <care-meeting> and the room's core (room state, the media-room adapter, the
// chat guard, the consent flow, the meeting session), on their own:
//
//   npx web-test-runner --config web-test-runner.meeting.config.mjs
//
// The browser, its Chromium flags (the machine's Chromium, headless, fake camera and microphone,
// permission prompts accepted) and the plugins (esbuild, the `care-screenshot` command) are
// web-test-runner.config.mjs's own, taken from it rather than copied, so the two cannot drift.
// That config runs these tests too, with everything else.
//
// No media server: the element gets a MediaRoomFactory whose rooms are the real LiveKit adapter
// over a fake room emitter (src/test-support/fake-live-room.ts), and a `fetch` stub that speaks the
// HTTP contract (src/test-support/fake-meeting-api.ts). How to test the full media path against a
// real LiveKit: docs/elements/meeting.md.
import base from './web-test-runner.config.mjs';

export default {
  nodeResolve: true,
  files: [
    'src/core/room-state.test.ts',
    'src/core/media-room.test.ts',
    'src/core/chat-guard.test.ts',
    'src/core/consent-flow.test.ts',
    'src/core/meeting-session.test.ts',
    'src/elements/meeting/**/*.test.ts',
  ],
  browsers: base.browsers,
  plugins: base.plugins,
  testFramework: base.testFramework,
  testRunnerHtml: base.testRunnerHtml,
  filterBrowserLogs: base.filterBrowserLogs,
  // As the base config's: a file of pictures (each compared with its reference) can pass the
  // runner's default two minutes on the 2-core machine when other work shares it.
  testsFinishTimeout: base.testsFinishTimeout,
};
