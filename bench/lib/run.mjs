// What the benchmark scripts share at their start and end: the exit code from `main`, the minute a
// docs section is dated with, and the LiveKit release scripts/livekit-server.sh builds.
import { readFileSync } from 'node:fs';
import os from 'node:os';
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

/**
 * Makes a benchmark stop by itself: after `ms` (exit 2), and on Ctrl-C or SIGTERM (exit 130), each
 * after `cleanup`. Answers a function that disarms the timer when the run is over.
 */
export function stopsItself(ms, cleanup) {
  const watchdog = setTimeout(() => {
    console.error(`\nthe benchmark took longer than ${ms / 1000} s; stopping`);
    cleanup().finally(() => process.exit(2));
  }, ms);
  watchdog.unref();
  const onSignal = () => cleanup().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => clearTimeout(watchdog);
}

/** The 1-minute load average every 5 s into `samples`, until `stop()`. */
export function sampleLoad() {
  const samples = [];
  const timer = setInterval(() => samples.push(os.loadavg()[0]), 5_000);
  timer.unref();
  return { samples, stop: () => clearInterval(timer) };
}

/**
 * The command line of a benchmark whose one option is `--check` (measure, leave the docs alone):
 * answers whether it was given; anything else is refused (exit 2).
 */
export function checkOnly() {
  const unknown = process.argv.slice(2).filter((a) => a !== '--check');
  if (unknown.length > 0) {
    console.error(`unknown argument ${unknown[0]}; the only option is --check`);
    process.exit(2);
  }
  return process.argv.includes('--check');
}
