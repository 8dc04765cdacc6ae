import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface WalCheckpointer {
  /** Background checkpoints run so far. */
  readonly runs: number;
  /** How many times the WAL, grown over its limit, was made to start over (RESTART checkpoints). */
  readonly restarts: number;
  stop(): Promise<void>;
}

// The worker: its own connection to the same file, a PASSIVE checkpoint every interval. PASSIVE
// never waits for readers or writers, so the main thread's transactions go on meanwhile.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename);
db.pragma('busy_timeout = 0');
const timer = setInterval(() => {
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, log: row.log, checkpointed: row.checkpointed });
  } catch (e) {
    parentPort.postMessage({ ok: false });
  }
}, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m === 'stop') { clearInterval(timer); db.close(); parentPort.postMessage({ stopped: true }); }
});
`;

/**
 * Moves SQLite's WAL checkpoints (the only step that fsyncs with `synchronous=NORMAL`) off the
 * request path: the main connection stops checkpointing by itself and a worker thread does it
 * every `intervalMs`. If the worker cannot start or dies, automatic checkpoints come back on.
 */
export function startWalCheckpointer(
  db: Database.Database,
  filename: string,
  {
    intervalMs = 1000,
    /** WAL frames (pages) over which the WAL is made to start over: 4096 × 4 KiB = 16 MiB. */
    restartAboveFrames = 4096,
  }: { intervalMs?: number; restartAboveFrames?: number } = {},
): WalCheckpointer {
  let runs = 0;
  let restarts = 0;
  let worker: Worker | null = null;
  const fallBack = () => {
    db.pragma('wal_autocheckpoint = 1000');
    worker = null;
  };
  try {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, filename, intervalMs } });
    worker.unref();
    db.pragma('wal_autocheckpoint = 0');
    worker.on('message', (m: { ok?: boolean; log?: number }) => {
      if (!m.ok) return;
      runs += 1;
      // Under steady writes a PASSIVE checkpoint never finds the WAL fully copied when the next
      // write starts, so SQLite never starts the WAL over and the file grows without end (160,000
      // audit rows made 140 MB). Once it is over its limit, this thread, the only writer, runs a
      // RESTART checkpoint between two requests: the worker's pass has just copied nearly all of it,
      // so only the frames written since are left to copy, and no lock is waited for; the next write
      // then starts the WAL file over from its beginning (5-7 ms measured at 17 MB of WAL a second;
      // TRUNCATE, which also shrinks the file, took 15-25 ms).
      if ((m.log ?? 0) > restartAboveFrames) {
        // Never wait here: if another connection (a reader elsewhere) holds the WAL, say busy at
        // once and let the next pass try again.
        const timeout = db.pragma('busy_timeout', { simple: true }) as number;
        try {
          db.pragma('busy_timeout = 0');
          const [t] = db.pragma('wal_checkpoint(RESTART)') as Array<{ busy: number }>;
          if (t?.busy === 0) restarts += 1;
        } catch {
          // closing: nothing to do
        } finally {
          if (db.open) db.pragma(`busy_timeout = ${timeout}`);
        }
      }
    });
    worker.on('error', fallBack);
    worker.on('exit', () => {
      if (worker) fallBack();
    });
  } catch {
    fallBack();
  }
  return {
    get runs() {
      return runs;
    },
    get restarts() {
      return restarts;
    },
    async stop() {
      const w = worker;
      if (!w) return;
      worker = null;
      await new Promise<void>((resolve) => {
        const done = () => resolve();
        w.once('exit', done);
        w.on('message', (m: { stopped?: boolean }) => {
          if (m.stopped) void w.terminate().then(done, done);
        });
        w.postMessage('stop');
        setTimeout(() => void w.terminate().then(done, done), 2000).unref();
      });
      // Leave a tidy file behind: everything in the database, the WAL emptied.
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // a reader still holds the WAL; the next open checkpoints it
      }
    },
  };
}
