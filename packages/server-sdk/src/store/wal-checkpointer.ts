import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface WalCheckpointer {
  /** Background checkpoints run so far. */
  readonly runs: number;
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
export function startWalCheckpointer(db: Database.Database, filename: string, intervalMs = 1000): WalCheckpointer {
  let runs = 0;
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
    worker.on('message', (m: { ok?: boolean }) => {
      if (m.ok) runs += 1;
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
