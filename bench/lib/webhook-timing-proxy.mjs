// Child process of bench/media.bench.mjs: stands on the port LiveKit sends its webhooks to, notes
// when each request arrives, and forwards it unchanged to care-meet's server; and reads the chair's
// event stream from that server. Both clocks are this process's, so "webhook arrived" and "event
// arrived on the stream" are compared on one clock, away from the parent's event loop (which drives
// the browser).
//
//   child -> parent  { type: 'ready', url }                        once the proxy listens
//   parent -> child  { type: 'subscribe', url, session }           open GET <url> with the session
//   child -> parent  { type: 'stream', status } | { type: 'sse', event }   the stream's answer, each event
//   parent -> child  { type: 'stats' }                             child answers { type: 'stats', webhooks, events, subscribedAt }
//
// Environment (set by the parent): BENCH_WEBHOOK_PORT (listen on 127.0.0.1:<port>), BENCH_UPSTREAM
// (care-meet's origin, http://127.0.0.1:<port>).
import http from 'node:http';
import { reportReady } from './child.mjs';

const port = Number(process.env.BENCH_WEBHOOK_PORT);
const upstream = new URL(process.env.BENCH_UPSTREAM ?? '');
if (!Number.isInteger(port) || port <= 0) throw new Error('BENCH_WEBHOOK_PORT must be a port');

/** Wall-clock milliseconds with sub-millisecond precision, comparable with a browser page's. */
const wall = () => performance.timeOrigin + performance.now();

/** Every request LiveKit sent: when it arrived and when care-meet answered it, with what it said. */
const webhooks = [];
/** Every event read from the chair's stream (not the roster snapshots), when its bytes arrived. */
const events = [];

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

const proxy = http.createServer((req, res) => {
  const entry = {
    receivedAt: performance.now(),
    receivedWall: wall(),
    path: req.url,
    event: '',
    id: '',
    identity: '',
    room: '',
    createdAt: null,
    status: 0,
    answeredAt: 0,
    bytes: 0,
  };
  webhooks.push(entry);
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    entry.bytes = body.length;
    try {
      const json = JSON.parse(body.toString('utf8'));
      entry.event = String(json.event ?? '');
      entry.id = String(json.id ?? '');
      entry.identity = String(json.participant?.identity ?? '');
      entry.room = String(json.room?.name ?? '');
      entry.createdAt = json.createdAt ?? null;
    } catch {}
    const headers = { ...req.headers, host: upstream.host, 'content-length': String(body.length) };
    const forward = http.request({ agent, host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (answer) => {
      const out = [];
      answer.on('data', (c) => out.push(c));
      answer.on('end', () => {
        entry.status = answer.statusCode ?? 0;
        entry.answeredAt = performance.now();
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.end(Buffer.concat(out));
      });
    });
    forward.setTimeout(10_000, () => forward.destroy(new Error('care-meet did not answer the webhook within 10 s')));
    forward.on('error', () => {
      entry.status = 502;
      entry.answeredAt = performance.now();
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    forward.end(body);
  });
});

let stream = null;
/** When the stream was asked for, on this process's clock (webhooks before it are not the parent's concern). */
let subscribedAt = null;
function subscribe(url, session) {
  subscribedAt = performance.now();
  const target = new URL(url);
  stream = http.get(
    { host: target.hostname, port: target.port, path: target.pathname, headers: { authorization: `Bearer ${session}`, accept: 'text/event-stream' } },
    (res) => {
      process.send?.({ type: 'stream', status: res.statusCode });
      if (res.statusCode !== 200) {
        res.resume();
        return;
      }
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk) => {
        const at = performance.now();
        const atWall = wall();
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!type || !data) continue;
          if (type === 'roster') {
            process.send?.({ type: 'sse', event: { type, at } });
            continue;
          }
          let participantId = null;
          try {
            participantId = JSON.parse(data).participantId ?? null;
          } catch {}
          const event = { type, participantId, at, atWall };
          events.push(event);
          process.send?.({ type: 'sse', event });
        }
      });
    },
  );
  stream.on('error', (e) => process.send?.({ type: 'stream', status: 0, error: e.message }));
}

process.on('message', (m) => {
  if (m?.type === 'subscribe') subscribe(m.url, m.session);
});

await new Promise((resolve, reject) => {
  proxy.once('error', reject);
  proxy.listen(port, '127.0.0.1', resolve);
});

reportReady(`http://127.0.0.1:${port}`, {
  stats: () => ({ webhooks, events, subscribedAt }),
  close: async () => {
    stream?.destroy();
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
    agent.destroy();
  },
});
