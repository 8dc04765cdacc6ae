import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { NODE_FAST_PATH, type FetchHandler, type NodeFastPath } from './handler.js';
import { DEFAULT_BODY_LIMIT } from './body.js';
import { SECURITY_HEADERS, errorResponse, serialisedBody } from './respond.js';
import { CareMeetError } from '../errors.js';

export interface NodeListenerOptions {
  /** Largest body read from the socket; the Fetch handler checks it again. Default 64 KiB. */
  bodyLimit?: number;
  /** Trust `X-Forwarded-For` for the client address (only behind the host's own proxy). */
  trustProxy?: boolean;
}

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
  const fast = (handle as FetchHandler & { [NODE_FAST_PATH]?: NodeFastPath })[NODE_FAST_PATH];
  return async function listener(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A bodiless request the handler answers without Fetch objects (the join). Browsers send a
    // bodiless POST with `content-length: 0`, other clients with no length at all: both count.
    const length = req.headers['content-length'];
    if (fast && (length === undefined || length === '0') && req.headers['transfer-encoding'] === undefined) {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const answer = fast(req.method ?? 'GET', q < 0 ? url : url.slice(0, q), req.headers.authorization);
      if (answer) {
        const { status, body } = await answer;
        res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' });
        res.end(body);
        return;
      }
    }
    let response: Response;
    try {
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readLimited(req, limit);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined) continue;
        if (Array.isArray(value)) for (const v of value) headers.append(name, v);
        else headers.set(name, value);
      }
      const url = `http://${/^[A-Za-z0-9.:[\]-]{1,255}$/.test(req.headers.host ?? '') ? req.headers.host : 'localhost'}${req.url ?? '/'}`;
      // No AbortSignal on the Request: on Node 20 it costs more than the rest of a join. A streamed
      // answer is cancelled through its body instead, when the client goes away (below).
      const request = new Request(url, {
        method: req.method ?? 'GET',
        headers,
        ...(body === undefined || body.length === 0 ? {} : { body }),
      });
      const forwarded = options.trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',')[0]?.trim() : undefined;
      response = await handle(request, { clientAddress: forwarded || req.socket.remoteAddress || 'unknown' });
    } catch (e) {
      response = errorResponse(e instanceof CareMeetError ? e : new CareMeetError('INTERNAL', 'something went wrong on the server'));
      if (e instanceof CareMeetError && e.code === 'PAYLOAD_TOO_LARGE') res.setHeader('connection', 'close');
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
