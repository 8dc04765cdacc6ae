// A client of care-meet's Server-Sent Events (`GET /api/meetings/{id}/events`) as a chair's browser
// holds one open: every event kept in order with when it arrived, the stream's end noticed (an
// instance killed under it), and waits that give up after a bound.
import { request as httpRequest, type ClientRequest } from 'node:http';

export interface StreamEvent {
  event: string;
  // The event's JSON, as the server wrote it: each check reads the fields it needs.
  data: any;
  /** `Date.now()` when it arrived. */
  at: number;
}

export interface EventStreamClient {
  /** The instance that answered (the proxy's `x-served-by`), or '' when none said. */
  readonly servedBy: string;
  readonly events: readonly StreamEvent[];
  /** Whether the server's side has ended (a clean end, or the connection cut). */
  readonly ended: boolean;
  /** Resolves with the first event (from `from` on) that `match` accepts; rejects naming `what` after `ms`. */
  waitFor(match: (e: StreamEvent) => boolean, ms: number, what: string, from?: number): Promise<StreamEvent>;
  /** Resolves once the stream has ended; rejects after `ms`. */
  waitForEnd(ms: number): Promise<void>;
  close(): void;
}

/** Opens the stream at `url` with `token`; resolves once the answer's headers are in (200 or not). */
export function openEventStream(url: string, token: string, timeoutMs = 10_000): Promise<EventStreamClient> {
  return new Promise((resolve, reject) => {
    const events: StreamEvent[] = [];
    let ended = false;
    const waiters = new Set<() => void>();
    const poke = () => {
      for (const w of [...waiters]) w();
    };
    const carried = () => events.map((e) => e.event).join(', ') || 'nothing';
    /** Settles once `check` gives an answer (checked now and after each chunk), or fails with `late()` after `ms`. */
    const until = <T>(ms: number, check: () => { done: T } | { failed: string } | null, late: () => string): Promise<T> =>
      new Promise<T>((done, fail) => {
        const timer = setTimeout(() => {
          waiters.delete(look);
          fail(new Error(late()));
        }, ms);
        const look = () => {
          const answer = check();
          if (answer === null) return;
          clearTimeout(timer);
          waiters.delete(look);
          if ('done' in answer) done(answer.done);
          else fail(new Error(answer.failed));
        };
        waiters.add(look);
        look();
      });
    let req: ClientRequest;
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`GET ${url}: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    req = httpRequest(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, agent: false }, (res) => {
      clearTimeout(timer);
      if (res.statusCode !== 200) {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => reject(new Error(`GET ${url}: ${res.statusCode} ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`)));
        return;
      }
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (text: string) => {
        buffer += text;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data !== undefined) events.push({ event, data: JSON.parse(data), at: Date.now() });
        }
        poke();
      });
      const end = () => {
        ended = true;
        poke();
      };
      res.on('end', end);
      res.on('close', end);
      res.on('error', end);
      const servedBy = String(res.headers['x-served-by'] ?? '');
      resolve({
        servedBy,
        events,
        get ended() {
          return ended;
        },
        waitFor(match, ms, what, from = 0) {
          return until<StreamEvent>(
            ms,
            () => {
              const hit = events.slice(from).find(match);
              if (hit) return { done: hit };
              if (ended) return { failed: `${what}: the stream (instance ${servedBy}) ended first; it carried ${carried()}` };
              return null;
            },
            () => `${what}: not within ${ms} ms on the stream of instance ${servedBy}; it carried ${carried()}`,
          );
        },
        waitForEnd(ms) {
          return until<void>(
            ms,
            () => (ended ? { done: undefined } : null),
            () => `the stream of instance ${servedBy} did not end within ${ms} ms`,
          );
        },
        close() {
          req.destroy();
        },
      });
    });
    req.on('error', (e) => {
      clearTimeout(timer);
      ended = true;
      poke();
      reject(e);
    });
    req.end();
  });
}
