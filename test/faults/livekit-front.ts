// What care-meet-server is told LiveKit is: an HTTP front on 127.0.0.1 that forwards to the LiveKit
// test double and can be switched to a LiveKit that is down (its port closed: connections refused)
// or hanging (requests taken and never answered), and back. It can also run an action (kill the
// server) the moment a chosen Twirp call arrives, before LiveKit sees it: the worst moment for
// whatever care-meet had stored just before that call.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type FrontMode = 'pass' | 'refused' | 'hanging';

export interface LiveKitFront {
  /** `ws://127.0.0.1:<port>`: what care-meet-server gets as LIVEKIT_URL. Stays the same across modes. */
  readonly url: string;
  readonly mode: FrontMode;
  /** Twirp methods that reached LiveKit through the front (`DeleteRoom`, `CreateRoom`, …), in order. */
  readonly forwarded: readonly string[];
  /**
   * `pass` forwards; `refused` closes the port (a connect gets ECONNREFUSED); `hanging` accepts and
   * never answers. Leaving `hanging` cuts the requests it held, as a LiveKit restart would.
   */
  set(mode: FrontMode): Promise<void>;
  /**
   * The next call of Twirp `method` runs `action` instead of reaching LiveKit, and its connection is
   * cut; so is every other call of it until `action` has finished (an end deletes two rooms at
   * once). Resolves once `action` has finished.
   */
  interceptOnce(method: string, action: () => void | Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** Starts the front before `target` (the double's `http://127.0.0.1:<port>`). */
export async function startLiveKitFront(target: string): Promise<LiveKitFront> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  const forwarded: string[] = [];
  const intercepts: Array<{ method: string; action: () => void | Promise<void>; done: () => void; running: boolean }> = [];
  let mode: FrontMode = 'pass';

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (mode === 'hanging') return; // taken, never answered; cut when the mode changes
    const method = /\/twirp\/[^/]+\/([A-Za-z]+)$/.exec(req.url ?? '')?.[1] ?? req.url ?? '';
    const hit = intercepts.find((x) => x.method === method);
    if (hit) {
      req.socket.destroy();
      if (!hit.running) {
        hit.running = true;
        void Promise.resolve(hit.action()).finally(() => {
          intercepts.splice(intercepts.indexOf(hit), 1);
          hit.done();
        });
      }
      return;
    }
    forwarded.push(method);
    const out = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  };

  let server: Server = createServer(handle);
  const track = (s: Server) =>
    s.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
  track(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;

  const cutAll = () => {
    for (const s of sockets) s.destroy();
  };
  const listening = () => server.listening;

  return {
    url: `ws://127.0.0.1:${port}`,
    get mode() {
      return mode;
    },
    forwarded,
    async set(next) {
      if (next === mode) return;
      const was = mode;
      mode = next;
      if (was === 'hanging' || next !== 'pass') cutAll();
      if (next === 'refused' && listening()) {
        const closing = server;
        await new Promise<void>((resolve) => closing.close(() => resolve()));
      }
      if (next !== 'refused' && !listening()) {
        // The same port again: care-meet keeps the URL it was started with.
        server = createServer(handle);
        track(server);
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(port, '127.0.0.1', () => resolve());
        });
      }
    },
    interceptOnce(method, action) {
      return new Promise<void>((done) => intercepts.push({ method, action, done, running: false }));
    },
    async close() {
      cutAll();
      if (listening()) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
