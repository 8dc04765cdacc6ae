// Child process of bench/join.bench.mjs: the baseline. A bare node:http server whose every request
// mints one LiveKit token with livekit-server-sdk's AccessToken, in the same shape care-meet mints
// for a staff member (identity, name, attributes, grants, TTL 60 s), and answers JSON {token}.
// Listens on 127.0.0.1, a random port, and reports its URL to the parent over IPC.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { AccessToken, TrackSource } from 'livekit-server-sdk';
import { serveChild } from './child.mjs';

const apiKey = process.env.BENCH_LIVEKIT_API_KEY ?? 'devkey';
const apiSecret = process.env.BENCH_LIVEKIT_API_SECRET ?? 'bench-secret-bench-secret-bench-secret';
// Opaque random ids, shaped like care-meet's participant ids and room names.
const identity = 'p_' + randomBytes(16).toString('base64url');
const room = 'r_' + randomBytes(16).toString('base64url');

async function mint() {
  const at = new AccessToken(apiKey, apiSecret, {
    identity,
    name: 'Personal 01',
    ttl: 60,
    attributes: { 'care.role': 'staff', 'care.verified': 'siths' },
  });
  at.addGrant({
    roomJoin: true,
    room,
    canPublish: true,
    canSubscribe: true,
    canPublishData: false,
    canPublishSources: [TrackSource.CAMERA, TrackSource.MICROPHONE],
    canUpdateOwnMetadata: false,
  });
  return at.toJwt();
}

const server = createServer((req, res) => {
  // Drain whatever body came, then answer once it has been read (as a real endpoint would).
  req.resume();
  req.on('end', () => {
    mint().then(
      (token) => {
        const body = JSON.stringify({ token });
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      },
      () => {
        res.writeHead(500).end();
      },
    );
  });
});

serveChild(server, async () => {});
