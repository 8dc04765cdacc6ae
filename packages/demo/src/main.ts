// The care-meet sandbox host portal: the server SDK on embedded defaults (SQLite, the outbox) and
// a page that shows it runs. Later pages (booking, inbox, guest, chair) build on this server.
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CareMeet, SqliteMeetingStore, createCareMeetHandler, jsonLogger, toNodeListener } from '@care-meet/server-sdk';
import { renderHomePage } from './pages/home.js';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = process.env.CARE_MEET_DEMO_DATA ?? join(here, '..', '.care-meet');
mkdirSync(dataDir, { recursive: true });

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const livekitUrl = process.env.LIVEKIT_URL ?? 'ws://127.0.0.1:7880';
// The demo makes its own organizer key unless one is given; it never leaves this process.
const organizerKey = process.env.CARE_MEET_ORGANIZER_KEY ?? randomBytes(24).toString('base64url');

const careMeet = await CareMeet.create({
  store: new SqliteMeetingStore({ filename: process.env.CARE_MEET_DB ?? join(dataDir, 'demo.db') }),
  livekit: {
    url: livekitUrl,
    apiKey: process.env.LIVEKIT_API_KEY ?? 'devkey',
    apiSecret: process.env.LIVEKIT_API_SECRET ?? 'secret',
  },
  organizerKey,
  inviteUrl: (token) => `http://${host}:${port}/join#invite=${token}`,
  logger: jsonLogger,
});
const api = toNodeListener(createCareMeetHandler(careMeet, { basePath: '/api', logger: jsonLogger }));

/** Whether the configured LiveKit server answers at all (any HTTP answer counts). */
async function mediaServerReachable(): Promise<boolean> {
  try {
    const res = await fetch(livekitUrl.replace(/^ws/, 'http'), { signal: AbortSignal.timeout(1500) });
    await res.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'",
  });
  res.end(body);
}

const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
  const url = new URL(req.url ?? '/', `http://${host}`);
  if (url.pathname.startsWith('/api/')) return api(req, res);
  if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html')) {
    const lang = ['sv', 'da', 'en'].includes(url.searchParams.get('lang') ?? '') ? (url.searchParams.get('lang') as 'sv' | 'da' | 'en') : 'sv';
    return send(res, 200, 'text/html; charset=utf-8', renderHomePage({ lang, livekitUrl, mediaServer: await mediaServerReachable() }));
  }
  send(res, 404, 'text/plain; charset=utf-8', 'Not found');
});

server.listen(port, host, () => {
  process.stdout.write(`\ncare-meet demo: http://${host}:${port}/  (API under /api, data in ${dataDir})\n`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.closeAllConnections();
    server.close(() => {
      careMeet.store.close().finally(() => process.exit(0));
    });
  });
}
