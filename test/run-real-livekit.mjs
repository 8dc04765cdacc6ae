#!/usr/bin/env node
// Runs the suites against a real LiveKit server (everything under real-livekit/):
//   real-livekit.test.ts  the HTTP and room scenarios (scenarios/scenarios.ts);
//   media-path.test.ts    the media path in Chromium through the demo's pages (fake camera and
//                         microphone): frames, lobby isolation, reconnecting, removal, the end;
//   two-nodes.test.ts     LiveKit on two nodes sharing Redis, a cluster the suite starts itself
//                         (scripts/livekit-cluster.sh, other ports): rooms on both nodes, people
//                         through either node, webhooks from both, removal and the end wherever a
//                         room lives. It needs redis-server, and fails (never skips) without it;
//   firefox-and-chromium.test.ts  the media path between engines: an SMS guest in Debian's Firefox
//                         ESR and the meeting leader in Chromium (lobby, Let in, seeing and
//                         hearing each other on loopback, the end);
//   e2ee.test.ts          end-to-end encryption through the demo (which books meetings encrypted):
//                         the encrypted meeting seen and heard, a key-less intruder with a valid
//                         token receiving packets it cannot decode, the chat never in clear on its
//                         data channel, and a removed person's old key decoding nothing after the
//                         rotation (the media-path suites above run encrypted too).
// Without LIVEKIT_URL it starts the repo's own server (scripts/livekit-server.sh, livekit/livekit.yaml)
// for the run and stops it after. Refuses to pretend: without a server, or without what the browser
// suite needs, it says so and exits 2; it never reports a pass for suites it did not run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from '../scripts/chromium.mjs';
import { FIREFOX_PATH } from '../scripts/firefox.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const SUITES =
  'the HTTP/room scenarios, the browser media-path suites (Chromium; Firefox ESR with Chromium), the end-to-end encryption suite and the two-node suite';

// care-meet's servers in these suites listen on this port, where the LiveKit started below sends
// its webhooks (the roster's connected and left states come from them).
const WEBHOOK_PORT = Number(process.env.CARE_MEET_WEBHOOK_PORT ?? 7890);

if (!process.env.LIVEKIT_URL) {
  // No server named: start the repo's own (built from source, livekit/livekit.yaml) around this runner.
  const script = join(here, '..', 'scripts', 'livekit-server.sh');
  const r = spawnSync(
    'bash',
    [script, 'run', '--webhook', `http://127.0.0.1:${WEBHOOK_PORT}/api/livekit/webhook`, '--', process.execPath, fileURLToPath(import.meta.url)],
    { stdio: 'inherit', env: { ...process.env, CARE_MEET_WEBHOOK_PORT: String(WEBHOOK_PORT), LIVEKIT_ROOM_AUTO_CREATE: 'false' } },
  );
  if (r.status === 3 || r.status === 4) {
    console.error(`test:livekit: no real LiveKit server (above). Nothing was run (${SUITES}).`);
    process.exit(2);
  }
  process.exit(r.status ?? 1);
}
if (!process.env.CARE_MEET_WEBHOOK_PORT) {
  console.error(
    `test:livekit: LIVEKIT_URL names a server started elsewhere; set CARE_MEET_WEBHOOK_PORT to the port its webhook.urls\n` +
      `point at (http://127.0.0.1:PORT/api/livekit/webhook), or leave LIVEKIT_URL unset and the runner starts the repo's own.\n` +
      `Nothing was run (${SUITES}).`,
  );
  process.exit(2);
}

// The browser suite drives the built demo in Debian's Chromium; say what is missing rather than fail halfway.
const missing = [
  [CHROMIUM_PATH, 'Chromium (apt-get install -y chromium, or set CHROMIUM_PATH)'],
  [FIREFOX_PATH, 'Firefox ESR (apt-get install -y firefox-esr, or set FIREFOX_PATH)'],
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
