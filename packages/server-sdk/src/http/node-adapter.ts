import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { NODE_FAST_PATH, type FetchHandler, type NodeFastPath } from './handler.js';
import { DEFAULT_BODY_LIMIT } from './body.js';
import { SECURITY_HEADERS, errorBody, errorResponse, serialisedBody } from './respond.js';
import { CareMeetError } from '../errors.js';
import { foldAddress } from './client-address.js';

export interface NodeListenerOptions {
  /** Largest body read from the socket; the Fetch handler checks it again. Default 64 KiB. */
  bodyLimit?: number;
  /**
   * How many proxies of the host's own stand in front of this server, each appending the address it
   * took the request from to `X-Forwarded-For` (nginx's `$proxy_add_x_forwarded_for`, most load
   * balancers). The client address (which the rate limits count) is then the entry that many places
   * from the right: everything left of it is whatever the client sent, and never used. `true` is one
   * proxy; `false` or 0 (the default) ignores the header. Set it only when nothing reaches this
   * server except through those proxies.
   */
  trustProxy?: boolean | number;
  /**
   * After a body over the limit is answered 413 while the client is still sending: how long (ms)
   * and how many more bytes the server reads and discards before it closes the connection, so the
   * client gets to read the answer instead of a connection reset. Default 5 s and 16 MiB.
   */
  drainRefusedBody?: { ms?: number; bytes?: number };
}

const DEFAULT_DRAIN = { ms: 5_000, bytes: 16 * 1024 * 1024 } as const;

/** What a Host header may hold to become the origin of the Request's URL (else `localhost`). */
const HOST_SHAPE = /^[A-Za-z0-9.:[\]-]{1,255}$/;

/**
 * Adapts a Fetch-API handler to `node:http`: `http.createServer(toNodeListener(handle))`.
 * The body is read with the size limit before the handler runs; a streamed answer (the event
 * stream) is piped and cancelled when the client goes away.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * createServer(toNodeListener(createCareMeetHandler(careMeet))).listen(8080);
 * ```
 */
export function toNodeListener(handle: FetchHandler, options: NodeListenerOptions = {}) {
  const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const hops = trustedHops(options.trustProxy);
  const drain = { ms: options.drainRefusedBody?.ms ?? DEFAULT_DRAIN.ms, bytes: options.drainRefusedBody?.bytes ?? DEFAULT_DRAIN.bytes };
  if (!(drain.ms > 0 && drain.ms < Infinity && drain.bytes > 0 && drain.bytes < Infinity)) {
    throw new TypeError('drainRefusedBody: ms and bytes must be positive numbers');
  }
  const fast = (handle as FetchHandler & { [NODE_FAST_PATH]?: NodeFastPath })[NODE_FAST_PATH];
  return async function listener(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = req.url ?? '/';
    const path = targetPath(target);
    if (path === null) {
      // `OPTIONS *` asks about the server as a whole (RFC 9112 §3.2.4): nothing to say but yes.
      if (target === '*' && req.method === 'OPTIONS') {
        res.writeHead(204, SECURITY_HEADERS);
        res.end();
        return;
      }
      const refusal = new CareMeetError('BAD_REQUEST', 'the request target must be a path, such as /api/health');
      res.writeHead(refusal.status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(errorBody(refusal)));
      return;
    }
    // A bodiless request the handler answers without Fetch objects (the join). Browsers send a
    // bodiless POST with `content-length: 0`, other clients with no length at all: both count.
    const length = req.headers['content-length'];
    if (fast && (length === undefined || length === '0') && req.headers['transfer-encoding'] === undefined) {
      const q = path.indexOf('?');
      const answer = fast(req.method ?? 'GET', q < 0 ? path : path.slice(0, q), req.headers.authorization);
      if (answer) {
        const { status, body } = await answer;
        res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' });
        res.end(body);
        return;
      }
    }
    let response: Response;
    let refusedBody = false;
    try {
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readLimited(req, limit);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined) continue;
        if (Array.isArray(value)) for (const v of value) headers.append(name, v);
        else headers.set(name, value);
      }
      // The origin is the Host header's when it makes one (`127.0.0.1:99999` does not), else
      // localhost, which `targetPath` checked the path against. The routes never read the host;
      // the one in an absolute-form target is not used at all.
      const host = target.startsWith('/') && HOST_SHAPE.test(req.headers.host ?? '') ? req.headers.host : 'localhost';
      const url = URL.canParse(`http://${host}${path}`) ? `http://${host}${path}` : `http://localhost${path}`;
      // No AbortSignal on the Request: on Node 20 it costs more than the rest of a join. A streamed
      // answer is cancelled through its body instead, when the client goes away (below).
      const request = new Request(url, {
        method: req.method ?? 'GET',
        headers,
        ...(body === undefined || body.length === 0 ? {} : { body }),
      });
      // Node joins repeated X-Forwarded-For lines with commas; its type allows a list all the same.
      const header = hops === 0 ? undefined : req.headers['x-forwarded-for'];
      const forwardedFor = Array.isArray(header) ? header.join(',') : header;
      const clientAddress = forwardedClientAddress(forwardedFor, req.socket.remoteAddress, hops) ?? 'unknown';
      response = await handle(request, { clientAddress });
    } catch (e) {
      response = errorResponse(e instanceof CareMeetError ? e : new CareMeetError('INTERNAL', 'something went wrong on the server'));
      refusedBody = e instanceof CareMeetError && e.code === 'PAYLOAD_TOO_LARGE';
    }
    if (refusedBody) {
      answerThenDrain(req, res, response, drain);
      return;
    }
    res.statusCode = response.status;
    response.headers.forEach((value, name) => res.setHeader(name, value));
    const text = serialisedBody(response);
    if (text !== undefined) {
      res.end(text);
      return;
    }
    if (!response.body) {
      res.end();
      return;
    }
    if ((response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
      res.flushHeaders();
      const nodeStream = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
      nodeStream.on('error', () => res.end());
      // Destroying the Node stream cancels the web stream, which ends the event subscription.
      res.on('close', () => nodeStream.destroy());
      nodeStream.pipe(res);
      return;
    }
    res.end(Buffer.from(await response.arrayBuffer()));
  };
}

function readLimited(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > limit) {
      req.resume();
      reject(new CareMeetError('PAYLOAD_TOO_LARGE', `the body is larger than ${limit} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new CareMeetError('PAYLOAD_TOO_LARGE', `the body is larger than ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Answers a refused body at once, then reads and discards what the client still sends (at most
 * `drain.ms` and `drain.bytes`) before the connection closes. Closing while the client is still
 * sending makes its TCP stack meet the unread data with a reset, which often arrives before the
 * client has read the 413: it then sees EPIPE or ECONNRESET instead (RFC 9112 §9.6). Once the body
 * is over (or the client has had its time), Node sends FIN and closes, as for any `connection:
 * close` answer.
 */
function answerThenDrain(req: IncomingMessage, res: ServerResponse, response: Response, drain: { ms: number; bytes: number }): void {
  const text = serialisedBody(response) ?? '';
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  res.writeHead(response.status, { ...headers, connection: 'close', 'content-length': String(Buffer.byteLength(text)) });
  if (req.complete) {
    res.end(text);
    return;
  }
  res.write(text);
  let discarded = 0;
  const close = () => {
    clearTimeout(timer);
    req.off('data', count);
    req.off('end', close);
    res.off('close', close);
    if (!res.writableEnded) res.end();
  };
  const count = (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > drain.bytes) close();
  };
  const timer = setTimeout(close, drain.ms);
  req.on('data', count);
  req.once('end', close);
  res.once('close', close);
  req.resume();
}

/**
 * The path and query to route by, from a request line's target: an origin-form target as it is; an
 * absolute-form one (`GET http://host/api/health`, which RFC 9112 §3.2.2 says a server must accept)
 * by its path alone. Null for `*`, authority-form and anything that is neither.
 */
function targetPath(target: string): string | null {
  if (target.startsWith('/')) return URL.canParse(`http://localhost${target}`) ? target : null;
  if (!/^https?:\/\//i.test(target) || !URL.canParse(target)) return null;
  const url = new URL(target);
  return `${url.pathname}${url.search}`;
}

function trustedHops(trustProxy: boolean | number | undefined): number {
  if (trustProxy === undefined || trustProxy === false) return 0;
  if (trustProxy === true) return 1;
  if (!Number.isInteger(trustProxy) || trustProxy < 0) {
    throw new TypeError('trustProxy must be true, false, or how many proxies stand in front (a whole number)');
  }
  return trustProxy;
}

/**
 * The client's address from `X-Forwarded-For` behind `hops` proxies that each append the address
 * they took the request from: the entry `hops` places from the right. Walking from the right, an
 * entry that is not an IP address ends the walk, and the nearest address a trusted proxy wrote (or
 * the peer's) is the answer; with fewer entries than hops, the left-most. Addresses come back
 * folded (IPv6 in lower case, IPv4-mapped IPv6 as IPv4, no brackets or port), so one client is one
 * key for the rate limits. Use it to fill `RequestContext.clientAddress` in a Fetch framework.
 *
 * @example
 * ```ts
 * forwardedClientAddress('6.6.6.6, 198.51.100.7', '10.0.0.2', 1); // '198.51.100.7'
 * forwardedClientAddress('6.6.6.6, 198.51.100.7', '10.0.0.2', 0); // '10.0.0.2'
 * ```
 */
export function forwardedClientAddress(forwardedFor: string | undefined, peer: string | undefined, hops: number): string | undefined {
  if (!Number.isInteger(hops) || hops < 0) throw new TypeError('hops must be a whole number, 0 or more');
  let client = peer === undefined ? undefined : (foldAddress(peer) ?? peer);
  if (hops === 0 || !forwardedFor) return client;
  const entries = forwardedFor.split(',');
  for (let i = entries.length - 1; i >= Math.max(0, entries.length - hops); i--) {
    const address = foldAddress(entries[i] as string);
    if (address === null) break;
    client = address;
  }
  return client;
}
