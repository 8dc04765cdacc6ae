// The repository's two-node LiveKit (scripts/livekit-cluster.sh: two nodes of the built release
// sharing a throwaway Redis, all on 127.0.0.1) started for a suite, what Redis says about where
// each room lives, and a relay per node in front of care-meet's webhook route that records which
// node delivered what.
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const scripts = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts');

/** One LiveKit node of the cluster. */
export interface ClusterNode {
  name: 'A' | 'B';
  /** Its signalling URL (`ws://127.0.0.1:PORT`), also its API's. */
  url: string;
  /** The id it registered in Redis, by which LiveKit places rooms on it. */
  id: string;
  /** Its process (to stop it the hard way). */
  pid: number;
  /** Whether a port is one of its ICE ports (its TCP port or its UDP range): where its media arrives. */
  ownsIcePort(port: number): boolean;
}

export interface Cluster {
  a: ClusterNode;
  b: ClusterNode;
  apiKey: string;
  apiSecret: string;
  /** Redis's `room_node_map`: room name → the id of the node hosting it. */
  roomNodes(): Promise<Map<string, string>>;
  /** Stops both nodes and Redis (the script's own clean-up) and waits for it. */
  close(): Promise<void>;
}

function icePorts(spec: string | undefined): (port: number) => boolean {
  const m = /^(\d+) (\d+)-(\d+)$/.exec(spec ?? '');
  if (!m) throw new Error(`unexpected ICE ports from scripts/livekit-cluster.sh: '${spec}'`);
  const [tcp, start, end] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return (port) => port === tcp || (port >= start && port <= end);
}

/**
 * Starts the cluster, node A's webhooks going to `webhookA` and node B's to `webhookB`, and answers
 * once both nodes answer and are registered in Redis. Fails, never skips, when something is missing
 * (the LiveKit build, redis-server), saying what.
 */
export async function startCluster(webhookA: string, webhookB: string, timeoutMs = 60_000): Promise<Cluster> {
  if (spawnSync('bash', [join(scripts, 'livekit-server.sh'), 'path']).status !== 0) {
    throw new Error('LiveKit is not built: bash scripts/livekit-server.sh build (bash scripts/quickstart.sh test does it)');
  }
  // The script runs COMMAND once both nodes are ready and stops everything when it ends. COMMAND
  // prints the cluster's variables, then waits on fd 3, a pipe from this process: it ends when
  // close() ends the pipe, or when this process dies, however it dies, so no node outlives the suite.
  const child: ChildProcess = spawn(
    'bash',
    [
      join(scripts, 'livekit-cluster.sh'),
      'run',
      '--webhook',
      webhookA,
      '--webhook-b',
      webhookB,
      '--',
      'bash',
      '-c',
      'env | grep "^LIVEKIT_"; echo CLUSTER-READY; read -r -u 3 _ || true',
    ],
    { stdio: ['ignore', 'pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const env: Record<string, string> = {};
  const ready = new Promise<void>((resolve) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line === 'CLUSTER-READY') resolve();
      const eq = line.indexOf('=');
      if (eq > 0) env[line.slice(0, eq)] = line.slice(eq + 1);
    });
  });
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    ready.then(() => 'ready' as const),
    exited.then((code) => `exited with code ${code}` as const),
    new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`not ready within ${timeoutMs} ms`), timeoutMs))),
  ]);
  clearTimeout(timer);
  const lifeline = child.stdio[3] as NodeJS.WritableStream & { destroy(): void };
  const close = async () => {
    lifeline.destroy();
    let late: NodeJS.Timeout | undefined;
    const stopped = await Promise.race([exited, new Promise((r) => (late = setTimeout(() => r('late'), 20_000)))]);
    clearTimeout(late);
    if (stopped === 'late') child.kill('SIGTERM');
    await exited;
  };
  if (outcome !== 'ready') {
    await close();
    throw new Error(`the two-node LiveKit (scripts/livekit-cluster.sh) ${outcome}:\n${stderr.trim()}`);
  }
  const redis = env.LIVEKIT_REDIS_ADDRESS!.split(':');
  const node = (name: 'A' | 'B', url: string | undefined, id: string | undefined, pid: string | undefined, ports: string | undefined): ClusterNode => {
    if (!url || !id || !pid) throw new Error(`scripts/livekit-cluster.sh named no URL, id or process for node ${name}`);
    return { name, url, id, pid: Number(pid), ownsIcePort: icePorts(ports) };
  };
  return {
    a: node('A', env.LIVEKIT_URL, env.LIVEKIT_NODE_ID_A, env.LIVEKIT_NODE_PID_A, env.LIVEKIT_ICE_PORTS_A),
    b: node('B', env.LIVEKIT_URL_B, env.LIVEKIT_NODE_ID_B, env.LIVEKIT_NODE_PID_B, env.LIVEKIT_ICE_PORTS_B),
    apiKey: env.LIVEKIT_API_KEY!,
    apiSecret: env.LIVEKIT_API_SECRET!,
    async roomNodes() {
      // LiveKit's RedisRouter keeps `room_node_map` (a hash: room name → node id); the API shows no node.
      const { stdout } = await promisify(execFile)('redis-cli', ['-h', redis[0]!, '-p', redis[1]!, '--raw', 'HGETALL', 'room_node_map']);
      const fields = stdout.split('\n').filter((l) => l !== '');
      const map = new Map<string, string>();
      for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i]!, fields[i + 1]!);
      return map;
    },
    close,
  };
}

/** One webhook delivery as a relay passed it on. */
export interface Delivery {
  /** The node whose relay it came through. */
  node: 'A' | 'B';
  event: string;
  room: string;
  identity: string;
  /** care-meet's answer. */
  status: number;
  answer: string;
}

/**
 * A relay on a free port of 127.0.0.1 that passes each webhook to `target` byte for byte (body,
 * `Authorization`, `Content-Type`), answers with care-meet's answer, and records it in `log`.
 */
export async function webhookRelay(node: 'A' | 'B', target: string, log: Delivery[]): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const headers: Record<string, string> = {};
      for (const h of ['authorization', 'content-type']) if (req.headers[h]) headers[h] = String(req.headers[h]);
      let status = 502;
      let answer = '';
      try {
        const r = await fetch(target, { method: req.method ?? 'POST', headers, body });
        status = r.status;
        answer = await r.text();
      } catch (e) {
        answer = String(e);
      }
      let parsed: { event?: string; room?: { name?: string }; participant?: { identity?: string } } = {};
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        // Recorded as it is: an empty event.
      }
      log.push({ node, event: parsed.event ?? '', room: parsed.room?.name ?? '', identity: parsed.participant?.identity ?? '', status, answer });
      res.writeHead(status, { 'content-type': 'application/json' }).end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/livekit/webhook`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
