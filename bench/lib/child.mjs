// The parent/child protocol of the benchmark servers (bench/join.bench.mjs forks them):
//   child -> parent  { type: 'ready', url }      once it listens
//   parent -> child  { type: 'stats' }           child answers { type: 'stats', ... }
//   SIGTERM, or the parent going away            close and exit 0 (so --cpu-prof writes its profile)

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
