// The demo portal as a benchmark runs it: from a copy of its build and of the elements' browser
// bundle taken when the benchmark starts, so a `pnpm run build` elsewhere on the machine during the
// run (which empties packages/*/dist and writes new hashed chunk names) cannot change, or break,
// what the pages load halfway through. Started as test/e2e/harness.ts's startDemo starts the real
// one: its entry point with PORT, CARE_MEET_DEMO_DATA and LIVEKIT_URL, ready at "care-meet demo:".
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Copies packages/demo/dist and packages/components/dist/browser under `dir`, in the same layout
 * (the demo finds the elements at ../../components/dist/browser from its dist); the demo's
 * node_modules is linked, not copied. Answers the copy's entry point.
 */
export function snapshotDemo(root, dir) {
  const demoDist = join(root, 'packages', 'demo', 'dist');
  const browserDist = join(root, 'packages', 'components', 'dist', 'browser');
  for (const file of [join(demoDist, 'main.js'), join(browserDist, 'care-meet.js'), join(browserDist, 'chunks')]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: build first (pnpm run build), or wait for a build under way to finish`);
  }
  const demo = join(dir, 'packages', 'demo');
  mkdirSync(demo, { recursive: true });
  cpSync(demoDist, join(demo, 'dist'), { recursive: true });
  writeFileSync(join(demo, 'package.json'), readFileSync(join(root, 'packages', 'demo', 'package.json')));
  symlinkSync(join(root, 'packages', 'demo', 'node_modules'), join(demo, 'node_modules'), 'dir');
  cpSync(browserDist, join(dir, 'packages', 'components', 'dist', 'browser'), { recursive: true });
  const entry = join(demo, 'dist', 'main.js');
  // A build emptying dist/ while it was copied leaves a copy without its entry or chunks.
  if (!existsSync(entry) || !existsSync(join(dir, 'packages', 'components', 'dist', 'browser', 'care-meet.js'))) {
    throw new Error('the build changed while it was copied; run again once no build is under way');
  }
  return entry;
}

/**
 * Starts the demo at `entry` on 127.0.0.1:`port` with its data in `dataDir`; `env` is added to this
 * process's environment. Answers its URL, its startup line about media, and `close()`.
 */
export async function startDemo(entry, { port, livekitUrl, dataDir, env = {} }) {
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, ...env, PORT: String(port), CARE_MEET_DEMO_DATA: dataDir, LIVEKIT_URL: livekitUrl },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d.toString()));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      clearInterval(check);
      reject(new Error(`the demo did not start within 20 s: ${out}`));
    }, 20_000);
    const check = setInterval(() => {
      if (!/^\s*media: /m.test(out)) return;
      clearInterval(check);
      clearTimeout(timer);
      resolve();
    }, 50);
    child.once('exit', (code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`the demo exited (code ${code}): ${out}`));
    });
  });
  child.removeAllListeners('exit');
  return {
    url: `http://127.0.0.1:${port}`,
    media: /^\s*media: (.*)$/m.exec(out)?.[1]?.trim() ?? '',
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
      await new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      });
      clearTimeout(kill);
    },
  };
}
