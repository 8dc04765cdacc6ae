/** `care-meet-server` as its own process (through tsx, from the source), for the bin's tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/care-meet-server.ts', import.meta.url));

export interface SidecarProcess {
  child: ChildProcess;
  /** The URL it listens on; rejects (with `code` and `stderr`) when it exits first or takes over 15 s. */
  listening: Promise<string>;
  stderr(): string;
  /** SIGTERM, and wait for it to exit. */
  stop(): Promise<void>;
}

/** Starts the sidecar with `env` over the test's own environment. */
export function startSidecar(env: Record<string, string>): SidecarProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', bin], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start: ${stderr}`)), 15_000);
    child.stderr?.on('data', () => {
      const m = /listening on (http:\/\/\S+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`exited ${code}: ${stderr}`), { code, stderr }));
    });
  });
  return {
    child,
    listening,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
