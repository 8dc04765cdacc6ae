/**
 * An SMS gateway stand-in on 127.0.0.1 for tests: keeps every request it is sent, and answers
 * 200, or whatever status it is told to, or not at all (to test timeouts).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GatewayRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface SmsGatewayStandIn {
  /** `http://127.0.0.1:<port>/send` */
  url: string;
  requests: GatewayRequest[];
  /** The status to answer from now on; `'hang'` answers nothing. */
  answer(status: number | 'hang'): void;
  waitFor(n: number, ms?: number): Promise<GatewayRequest>;
  close(): Promise<void>;
}

export async function startSmsGatewayStandIn(): Promise<SmsGatewayStandIn> {
  const requests: GatewayRequest[] = [];
  const waiters: Array<() => void> = [];
  let status: number | 'hang' = 200;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // kept as text
      }
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      for (const w of waiters.splice(0)) w();
      if (status === 'hang') return;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status < 300 ? { id: `sms-${requests.length}` } : { error: 'refused by the stand-in' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/send`,
    requests,
    answer(s) {
      status = s;
    },
    waitFor(n, ms = 5000) {
      return new Promise<GatewayRequest>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the SMS gateway got ${requests.length} requests in ${ms} ms, not ${n}`)), ms);
        const check = () => {
          const r = requests[n - 1];
          if (r) {
            clearTimeout(timer);
            resolve(r);
          } else waiters.push(check);
        };
        check();
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
