// An open-loop load at a fixed rate, for latency when the server keeps up. autocannon's own rate
// options count requests per second and send each second's quota at once, so the server sees a
// burst every second and the latency measured is the burst's queue. Here request i is due at
// start + i / rate, evenly spaced, over a pool of keep-alive connections; its latency runs from
// when it was due (not from when a connection became free), so a server that falls behind is
// charged for the wait too.
import http from 'node:http';

/**
 * Sends `rate` requests per second for `seconds` over `connections` keep-alive connections, the
 * request templates taken in turn. Resolves `{ sent, ok, failed, latenciesMs, seconds }`.
 */
export async function pacedLoad({ url, requests, rate, seconds, connections }) {
  if (!(rate > 0) || !(seconds > 0) || !(connections > 0) || requests.length === 0) throw new TypeError('pacedLoad: bad arguments');
  const target = new URL(url);
  // fifo: free connections are used in turn, so all of them carry load, not the last one freed.
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, scheduling: 'fifo' });
  const send = (template, dueAt) =>
    new Promise((resolve) => {
      const req = http.request(
        { agent, host: target.hostname, port: target.port, method: template.method, path: template.path, headers: template.headers },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ ok: res.statusCode >= 200 && res.statusCode < 300, ms: performance.now() - dueAt }));
          res.on('error', () => resolve({ ok: false, ms: performance.now() - dueAt }));
        },
      );
      req.setTimeout(10_000, () => req.destroy());
      req.on('error', () => resolve({ ok: false, ms: performance.now() - dueAt }));
      req.end();
    });

  // Open every connection first, so the measured part runs on `connections` warm sockets.
  await Promise.all(Array.from({ length: connections }, (_, i) => send(requests[i % requests.length], performance.now())));

  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const start = performance.now();
  const pending = [];
  let next = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < total && start + next * interval <= now) {
        pending.push(send(requests[next % requests.length], start + next * interval));
        next += 1;
      }
      if (next < total) setTimeout(tick, Math.max(0, Math.min(1, start + next * interval - performance.now())));
      else resolve();
    };
    tick();
  });
  const results = await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  const latenciesMs = results.map((r) => r.ms).sort((a, b) => a - b);
  return { sent: total, ok: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length, latenciesMs, seconds: elapsed };
}

/** The p-th percentile (0-100) of sorted values, nearest rank. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

/** Count, nearest-rank p50 / p95 / p99, min, max and mean of the finite numbers in `values`. */
export function stats(values) {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  const mean = s.length ? s.reduce((a, b) => a + b, 0) / s.length : NaN;
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), min: s[0] ?? NaN, max: s[s.length - 1] ?? NaN, mean };
}
