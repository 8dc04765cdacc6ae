// Child process of bench/join.bench.mjs: care-meet's full join path. The server SDK's
// createServer(config) (what `care-meet-server` runs) with a SQLite file (WAL, synchronous=NORMAL),
// the organizer key set, and LiveKit pointed at a minimal Twirp stand-in in this same process that
// answers CreateRoom (the join path calls it at most once per 15 s per room, so its speed does not
// matter). Both listen on 127.0.0.1, random ports; the URL goes to the parent over IPC.
//
// Environment (set by the parent): BENCH_DB (the SQLite file), BENCH_ORGANIZER_KEY,
// BENCH_LIVEKIT_API_KEY, BENCH_LIVEKIT_API_SECRET, BENCH_CARE_MEET_LOG ('json', the default
// logger, one line per request to stderr; or 'silent').
import { createServer as createHttpServer } from 'node:http';
import { createServer, silentLogger } from '@care-meet/server-sdk';
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
  },
  basePath: '/api',
  host: '127.0.0.1',
  port: 0,
  trustProxy: false,
};
const extra = process.env.BENCH_CARE_MEET_LOG === 'silent' ? { logger: silentLogger } : {};
const running = await createServer(config, extra);

reportReady(running.url, {
  stats: () => ({ createRoomCalls, otherTwirpCalls }),
  close: async () => {
    await running.close();
    twirp.closeAllConnections();
    await new Promise((resolve) => twirp.close(resolve));
  },
});
