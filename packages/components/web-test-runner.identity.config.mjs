// Browser tests of <care-verify-identity> against the real server SDK and a real test identity
// provider (test-support/identity-server-plugin.mjs), in the Chromium installed on the machine
// (CARE_MEET_BROWSER=firefox: Debian's Firefox ESR; test-support/browsers.mjs).
// Separate from web-test-runner.config.mjs: these tests need that server, and no camera.
//
// Needs the server SDK and the test IdP built:
//   pnpm --filter @care-meet/test-idp build && pnpm --filter @care-meet/server-sdk build
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { launcher } from './test-support/browsers.mjs';
import { identityServer } from './test-support/identity-server-plugin.mjs';
import { referencesPlugin } from './test-support/screenshot-references.mjs';
import base from './web-test-runner.config.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

const identity = identityServer({ basePath: '/api' });

export default {
  nodeResolve: true,
  files: ['src/elements/verify-identity/**/*.test.ts', 'src/core/verify-identity-flow.test.ts'],
  browsers: [launcher('none')],
  middleware: [identity.middleware],
  plugins: [esbuildPlugin({ ts: true, tsconfig: here('./tsconfig.json') }), identity.plugin, referencesPlugin()],
  testFramework: { config: { timeout: 15000 } },
  testRunnerHtml: base.testRunnerHtml,
  // A passing run takes about 15 s; a broken login makes each test wait out its own timeouts.
  testsFinishTimeout: 240_000,
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
};
