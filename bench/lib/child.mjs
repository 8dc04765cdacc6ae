// The parent/child protocol of the benchmarks' child processes (the servers bench/join.bench.mjs
// forks, the webhook proxy of bench/media.bench.mjs):
//   child -> parent  { type: 'ready', url }      once it listens
//   parent -> child  { type: 'stats' }           child answers { type: 'stats', ... }
//   SIGTERM, or the parent going away            close and exit 0 (so --cpu-prof writes its profile)
import { fork } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

/**
 * Reports `url` to the parent and wires the shutdown. `stats()` returns extra figures the parent may
 * ask for; `close()` releases what the child holds.
 */
export function reportReady(url, { stats = () => ({}), close = async () => {} } = {}) {
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    const timer = setTimeout(() => process.exit(0), 3000);
    timer.unref();
    try {
      await close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  process.on('disconnect', shutdown);
  process.on('message', (message) => {
    if (message?.type === 'stats') {
      process.send?.({
        type: 'stats',
        rssBytes: process.memoryUsage().rss,
        cpuMicros: process.cpuUsage(),
        ...stats(),
      });
    }
  });
  if (!process.send) throw new Error('this module runs as a child of bench/join.bench.mjs (fork with IPC)');
  process.send({ type: 'ready', url });
}

/** Listens a node:http server on 127.0.0.1 at a random port and reports it. */
export async function serveChild(server, close) {
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  reportReady(`http://127.0.0.1:${port}`, {
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await close();
    },
  });
}

/**
 * Parent side: stops every child still running (SIGTERM, then SIGKILL after 5 s) and resolves when
 * all have exited.
 */
export async function stopChildren(children) {
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
          child.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

/**
 * Parent side: forks `script` (its output appended to `logFile`), keeps it in `children` while it
 * runs, and resolves with the child and the URL it reports once ready. Rejects with an
 * `errorClass` saying why (no report within `timeoutMs`, or an exit first, with `exitHint`) and the
 * end of its output.
 */
export function forkReady({ name, script, cwd, env, execArgv = [], logFile, children, timeoutMs, exitHint = '', errorClass = Error }) {
  const out = openSync(logFile, 'a');
  const child = fork(script, [], { cwd, env, execArgv, stdio: ['ignore', out, out, 'ipc'] });
  closeSync(out);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    const fail = (why) => {
      clearTimeout(timer);
      let tail = '';
      try {
        tail = readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
      } catch {}
      reject(new errorClass(`${why}\n--- ${name} output ---\n${tail}`));
    };
    const timer = setTimeout(() => fail(`${name} did not report ready within ${timeoutMs / 1000} s`), timeoutMs);
    child.once('exit', (code, signal) => fail(`${name} exited before it was ready (code ${code}, signal ${signal})${exitHint}`));
    child.on('message', function onReady(m) {
      if (m?.type !== 'ready') return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.once('exit', () => children.delete(child));
      child.off('message', onReady);
      resolve({ child, url: m.url });
    });
  });
}

/** Parent side: asks a child for its figures; resolves with its answer, or `null` after `timeoutMs`. */
export function askStats(child, timeoutMs) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    child.on('message', function onStats(m) {
      if (m?.type !== 'stats') return;
      clearTimeout(timer);
      child.off('message', onStats);
      resolve(m);
    });
    child.send({ type: 'stats' });
  });
}
