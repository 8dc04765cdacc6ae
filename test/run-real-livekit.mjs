#!/usr/bin/env node
// Runs the suites against a real LiveKit server (everything under real-livekit/):
//   real-livekit.test.ts  the HTTP and room scenarios (scenarios/scenarios.ts);
//   media-path.test.ts    the media path in Chromium through the demo's pages (fake camera and
//                         microphone): frames, lobby isolation, reconnecting, removal, the end.
// Refuses to pretend: without a server named, or without what the browser suite needs, it says so
// and exits 2; it never reports a pass for suites it did not run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from '../scripts/chromium.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const SUITES = 'the HTTP/room scenarios and the browser media-path suite';

if (!process.env.LIVEKIT_URL) {
  console.error(
    `test:livekit needs a real LiveKit server: set LIVEKIT_URL (and LIVEKIT_API_KEY, LIVEKIT_API_SECRET).\n` +
      `Nothing was run (${SUITES}). For example: livekit-server --dev, then\n` +
      `  LIVEKIT_URL=ws://127.0.0.1:7880 LIVEKIT_API_KEY=devkey LIVEKIT_API_SECRET=secret pnpm --filter @care-meet/test run test:livekit`,
  );
  process.exit(2);
}

// The browser suite drives the built demo in Debian's Chromium; say what is missing rather than fail halfway.
const missing = [
  [CHROMIUM_PATH, 'Chromium (apt-get install -y chromium, or set CHROMIUM_PATH)'],
  [join(here, '..', 'packages', 'demo', 'dist', 'main.js'), 'the built demo (pnpm run build)'],
  [join(here, '..', 'packages', 'components', 'dist', 'browser', 'care-meet.js'), 'the built browser bundle of the elements (pnpm run build)'],
].filter(([path]) => !existsSync(path));
if (missing.length) {
  console.error(`test:livekit: the browser media-path suite needs ${missing.map(([, what]) => what).join(', ')}.\nNothing was run (${SUITES}).`);
  process.exit(2);
}

console.error(`test:livekit: ${SUITES} against ${process.env.LIVEKIT_URL}`);
const r = spawnSync(process.execPath, ['../scripts/run-node-tests.mjs', 'real-livekit'], { cwd: here, stdio: 'inherit' });
process.exit(r.status ?? 1);
