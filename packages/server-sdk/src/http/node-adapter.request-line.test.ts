// Request lines and Host headers that are legal HTTP/1.1 (or merely odd) must never reach the
// handler as a 500. Sent over raw TCP, since fetch cannot send an absolute-form or `*` target.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { createCareMeetHandler } from './handler.js';
import { toNodeListener } from './node-adapter.js';
import { HTTP_STATUS_BY_CODE } from '../errors.js';
import { createHarness } from '../test-support/harness.js';

interface RawAnswer {
  status: number;
  headers: string;
  body: string;
}

/** Sends `head` (and `body`) on a fresh connection and reads until the server closes it. */
function raw(port: number, head: string, body = ''): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (!m || split < 0) return reject(new Error(`no HTTP answer: ${JSON.stringify(text.slice(0, 200))}`));
      const headers = text.slice(0, split);
      let body = text.slice(split + 4);
      if (/\r\ntransfer-encoding: chunked/i.test(headers)) {
        let plain = '';
        for (let at = 0; ;) {
          const line = body.indexOf('\r\n', at);
          const size = parseInt(body.slice(at, line), 16);
          if (!(size > 0)) break;
          plain += body.slice(line + 2, line + 2 + size);
          at = line + 2 + size + 2;
        }
        body = plain;
      }
      resolve({ status: Number(m[1]), headers, body });
    });
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer within 5 s')));
    socket.end(`${head.replace(/\n/g, '\r\n')}\r\n\r\n${body}`);
  });
}

/** The error code of an answer, or null when it is not the API's error shape. */
function codeOf(answer: RawAnswer): string | null {
  try {
    return (JSON.parse(answer.body) as { error?: { code?: string } }).error?.code ?? null;
  } catch {
    return null;
  }
}

test('legal request lines (absolute-form, OPTIONS *) and odd Host headers get a 2xx or a 4xx with a code, never a 500', async () => {
  const h = await createHarness();
  const server = createServer(toNodeListener(createCareMeetHandler(h.careMeet)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const cases: { name: string; head: string; body?: string; status: number; code?: string; byNode?: true }[] = [
    {
      name: 'absolute-form GET (RFC 9112 §3.2.2)',
      head: `GET http://127.0.0.1:${port}/api/health HTTP/1.1\nHost: 127.0.0.1:${port}\nConnection: close`,
      status: 200,
    },
    {
      name: 'absolute-form naming another host: served by its path, the host ignored',
      head: `GET http://portal.example/api/health?x=1 HTTP/1.1\nHost: portal.example\nConnection: close`,
      status: 200,
    },
    { name: 'absolute-form https', head: `GET https://127.0.0.1/api/health HTTP/1.1\nHost: 127.0.0.1\nConnection: close`, status: 200 },
    {
      name: 'absolute-form bodiless POST /join (the fast path)',
      head: `POST http://127.0.0.1:${port}/api/join HTTP/1.1\nHost: 127.0.0.1:${port}\nContent-Length: 0\nConnection: close`,
      status: 401,
      code: 'UNAUTHENTICATED',
    },
    {
      name: 'absolute-form POST /join with a body',
      head: `POST http://127.0.0.1:${port}/api/join HTTP/1.1\nHost: 127.0.0.1:${port}\nContent-Type: application/json\nContent-Length: 2\nConnection: close`,
      body: '{}',
      status: 401,
      code: 'UNAUTHENTICATED',
    },
    {
      name: 'absolute-form to an unknown route',
      head: `GET http://127.0.0.1:${port}/elsewhere HTTP/1.1\nHost: 127.0.0.1:${port}\nConnection: close`,
      status: 404,
      code: 'NOT_FOUND',
    },
    { name: 'OPTIONS * (RFC 9112 §3.2.4)', head: 'OPTIONS * HTTP/1.1\nHost: 127.0.0.1\nConnection: close', status: 204 },
    { name: '* with another method', head: 'GET * HTTP/1.1\nHost: 127.0.0.1\nConnection: close', status: 400, code: 'BAD_REQUEST' },
    { name: 'Host with a port out of range', head: 'GET /api/health HTTP/1.1\nHost: 127.0.0.1:99999\nConnection: close', status: 200 },
    { name: 'Host with an unclosed IPv6 bracket', head: 'GET /api/health HTTP/1.1\nHost: [::1\nConnection: close', status: 200 },
    { name: 'Host that is no host name at all', head: 'GET /api/health HTTP/1.1\nHost: a b/c?d\nConnection: close', status: 200 },
    {
      name: 'POST with a Host out of range',
      head: 'POST /api/join HTTP/1.1\nHost: 127.0.0.1:99999\nContent-Type: application/json\nContent-Length: 2\nConnection: close',
      body: '{}',
      status: 401,
      code: 'UNAUTHENTICATED',
    },
    {
      name: 'an absolute-form target of another scheme',
      head: 'GET ftp://127.0.0.1/api/health HTTP/1.1\nHost: 127.0.0.1\nConnection: close',
      status: 400,
      code: 'BAD_REQUEST',
    },
    // Node's parser refuses this one itself (a bare 400, before any listener runs).
    { name: 'authority-form outside CONNECT', head: 'GET 127.0.0.1:80 HTTP/1.1\nHost: 127.0.0.1\nConnection: close', status: 400, byNode: true },
    {
      name: 'an absolute-form target with a broken authority',
      head: 'GET http://[::1/api/health HTTP/1.1\nHost: 127.0.0.1\nConnection: close',
      status: 400,
      code: 'BAD_REQUEST',
    },
  ];
  const wrong: string[] = [];
  try {
    // Every case is tried before the verdict, so a failure lists all the request lines that broke.
    for (const c of cases) {
      const answer = await raw(port, c.head, c.body);
      const code = codeOf(answer);
      if (answer.status !== c.status) wrong.push(`${c.name}: ${answer.status} ${answer.body}`);
      else if (c.byNode) continue;
      else if (answer.status >= 400 && (code === null || !(code in HTTP_STATUS_BY_CODE))) wrong.push(`${c.name}: no code from the table in ${answer.body}`);
      else if (c.code !== undefined && code !== c.code) wrong.push(`${c.name}: ${code}, not ${c.code}`);
      else if (c.status === 200 && (JSON.parse(answer.body) as { ok?: boolean }).ok !== true) wrong.push(`${c.name}: ${answer.body}`);
      else if (!/\r\ncache-control: no-store/i.test(answer.headers)) wrong.push(`${c.name}: no security headers`);
    }
    assert.deepEqual(wrong, []);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await h.close();
  }
});
