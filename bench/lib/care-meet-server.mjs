// Child process of bench/join.bench.mjs: care-meet's full join path. The server SDK's
// createServer(config) (what `care-meet-server` runs) with a SQLite file (WAL, synchronous=NORMAL),
// the organizer key set, and LiveKit pointed at a minimal Twirp stand-in in this same process that
// answers CreateRoom (the join path calls it at most once per 15 s per room, so its speed does not
// matter). Both listen on 127.0.0.1, random ports; the URL goes to the parent over IPC.
//
// Environment (set by the parent): BENCH_DB (the SQLite file, or a postgres:// URL), BENCH_ORGANIZER_KEY,
// BENCH_LIVEKIT_API_KEY, BENCH_LIVEKIT_API_SECRET, BENCH_CARE_MEET_LOG ('json', the default
// logger, one line per request to stderr; or 'silent'), BENCH_PG_POOL (PostgreSQL's pool size,
// for bench/join-postgres.bench.mjs; default what createServer opens).
import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { CareMeet, PostgresMeetingStore, createCareMeetHandler, createServer, jsonLogger, silentLogger, toNodeListener } from '@care-meet/server-sdk';
import { reportReady } from './child.mjs';

const databaseFile = process.env.BENCH_DB;
const organizerKey = process.env.BENCH_ORGANIZER_KEY;
if (!databaseFile || !organizerKey) throw new Error('BENCH_DB and BENCH_ORGANIZER_KEY must be set');
const apiKey = process.env.BENCH_LIVEKIT_API_KEY ?? 'devkey';
const apiSecret = process.env.BENCH_LIVEKIT_API_SECRET ?? 'bench-secret-bench-secret-bench-secret';

// ---- the Twirp stand-in: CreateRoom only ----------------------------------------------------
let createRoomCalls = 0;
let otherTwirpCalls = 0;
const twirp = createHttpServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const reply = (status, body) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    if (!/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/.test(req.headers.authorization ?? '')) {
      reply(401, { code: 'unauthenticated', msg: 'no bearer token' });
      return;
    }
    if (req.method === 'POST' && req.url === '/twirp/livekit.RoomService/CreateRoom') {
      createRoomCalls += 1;
      let input = {};
      try {
        input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        reply(400, { code: 'malformed', msg: 'body is not JSON' });
        return;
      }
      reply(200, {
        sid: 'RM_bench',
        name: String(input.name ?? ''),
        emptyTimeout: input.emptyTimeout ?? 300,
        departureTimeout: input.departureTimeout ?? 30,
        maxParticipants: input.maxParticipants ?? 0,
        creationTime: String(Math.floor(Date.now() / 1000)),
      });
      return;
    }
    otherTwirpCalls += 1;
    reply(404, { code: 'not_found', msg: 'the benchmark stand-in answers CreateRoom only' });
  });
});
await new Promise((resolve, reject) => {
  twirp.once('error', reject);
  twirp.listen(0, '127.0.0.1', resolve);
});
const livekitUrl = `http://127.0.0.1:${twirp.address().port}`;

// ---- care-meet ---------------------------------------------------------------------------------
const config = {
  careMeet: {
    databaseFile,
    livekit: { url: livekitUrl, apiKey, apiSecret, publicUrl: 'wss://media.bench.invalid' },
    organizerKey,
    inviteUrl: (token) => `/join#invite=${token}`,
    // As deployed: meetings end-to-end encrypted by default, so each admitted join also opens the
    // meeting's sealed key (BENCH_E2EE=off measures without).
    ...(process.env.BENCH_E2EE === 'off' ? {} : { e2ee: { keyEncryptionKey: randomBytes(32).toString('base64') } }),
  },
  basePath: '/api',
  host: '127.0.0.1',
  port: 0,
  trustProxy: false,
};
const extra = process.env.BENCH_CARE_MEET_LOG === 'silent' ? { logger: silentLogger } : {};
const pool = process.env.BENCH_PG_POOL ? Number(process.env.BENCH_PG_POOL) : null;
const running = pool === null ? await createServer(config, extra) : await withPool(pool);

/**
 * What `createServer` does, but with PostgresMeetingStore's pool set (BENCH_PG_POOL, to see what
 * the pool's size does to the join path; `createServer` opens the default 10).
 */
async function withPool(maxConnections) {
  const logger = extra.logger ?? jsonLogger;
  const { databaseFile: connectionString, ...options } = config.careMeet;
  const store = await PostgresMeetingStore.open({ connectionString, maxConnections });
  const careMeet = await CareMeet.create({ ...options, store, logger });
  const server = createHttpServer(toNodeListener(createCareMeetHandler(careMeet, { basePath: config.basePath, logger }), { trustProxy: false }));
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    server,
    url: `http://127.0.0.1:${server.address().port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      careMeet.close();
      await store.close();
    },
  };
}
// Requests answered (all joins under load): the parent divides the database's counters by them.
let requests = 0;
running.server.on('request', () => {
  requests += 1;
});

reportReady(running.url, {
  stats: () => ({ createRoomCalls, otherTwirpCalls, requests }),
  close: async () => {
    await running.close();
    twirp.closeAllConnections();
    await new Promise((resolve) => twirp.close(resolve));
  },
});
