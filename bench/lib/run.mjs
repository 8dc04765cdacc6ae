// What the benchmark scripts share at their start and end: the exit code from `main`, the minute a
// docs section is dated with, and the LiveKit release scripts/livekit-server.sh builds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Runs `main` and exits with the code it answers. A throw exits 2 (nothing valid was measured),
 * said as `BENCHMARK FAILED: …` when it is a `BenchError` (a benchmark's own refusal).
 */
export function runMain(main, BenchError) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error('');
      console.error(e instanceof BenchError ? `BENCHMARK FAILED: ${e.message}` : e);
      process.exit(2);
    },
  );
}

/** `at` to the minute, as the docs sections date a run: `2026-12-08 00:04 UTC`. */
export function utcMinute(at = new Date()) {
  return at
    .toISOString()
    .replace(/:\d{2}\.\d{3}Z$/, ' UTC')
    .replace('T', ' ');
}

/** The LiveKit release that scripts/livekit-server.sh (under `root`) builds, or `unknown`. */
export function livekitVersion(root) {
  return /LIVEKIT_VERSION="([^"]+)"/.exec(readFileSync(join(root, 'scripts', 'livekit-server.sh'), 'utf8'))?.[1] ?? 'unknown';
}
