// Browser tests for <care-roster> and the code it stands on (the roster view, the standalone feed),
// on their own:
//
//   npx web-test-runner --config web-test-runner.roster.config.mjs
//
// The browser, its Chromium flags and the plugins are web-test-runner.config.mjs's own, taken from
// it rather than copied, so the two cannot drift. That config runs these tests too, with everything
// else. What the tests cover: docs/elements/roster.md.
import base from './web-test-runner.config.mjs';

export default {
  nodeResolve: true,
  files: ['src/core/roster-view.test.ts', 'src/core/roster-feed.test.ts', 'src/elements/roster/**/*.test.ts', 'src/elements/lobby-list/**/*.test.ts'],
  browsers: base.browsers,
  plugins: base.plugins,
  testFramework: base.testFramework,
  testRunnerHtml: base.testRunnerHtml,
  filterBrowserLogs: base.filterBrowserLogs,
};
