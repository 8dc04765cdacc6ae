// The machine a benchmark ran on, as the benchmark sections of docs/benchmarks.md describe it.
import os from 'node:os';

/** CPUs, CPU model, memory, OS, Node and the load average now. */
export function machine() {
  const cpus = os.cpus();
  return {
    nproc: os.availableParallelism?.() ?? cpus.length,
    cpu: cpus[0]?.model?.trim() ?? 'unknown CPU',
    memGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    load: os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' '),
  };
}
