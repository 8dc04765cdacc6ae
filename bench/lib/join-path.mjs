// What the join-path benchmarks share (bench/join.bench.mjs: care-meet on SQLite against the bare
// mint endpoint; with --postgres, care-meet on PostgreSQL beside both): the setup over HTTP (one
// meeting, STAFF vouched staff sessions), the checks that a join admits and that both servers mint
// the same token shape, the loads (autocannon at full load, or evenly paced), and the tables.
import autocannon from 'autocannon';
import { askStats } from './child.mjs';
import { pacedLoad, percentile } from './paced-load.mjs';
export { markdownTable } from './tables.mjs';

export const CONNECTIONS = 50;
export const STAFF = 20;

/** Thrown when the benchmark cannot produce a valid measurement (exit 2). */
export class BenchError extends Error {}

// ---- HTTP helpers ------------------------------------------------------------------------------

export async function call(url, { method = 'POST', bearer, body } = {}) {
  const headers = {};
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: response.status, json, text };
}

export function expectStatus(what, res, status) {
  if (res.status !== status) throw new BenchError(`${what}: expected HTTP ${status}, got ${res.status}: ${res.text.slice(0, 300)}`);
  return res.json;
}

export function jwtPayload(token) {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3) throw new BenchError(`not a JWT: ${String(token).slice(0, 40)}`);
  return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
}

/** The claim names and lifetime of a LiveKit token, to check that both servers mint the same shape. */
export function tokenShape(token) {
  const p = jwtPayload(token);
  return {
    claims: Object.keys(p).sort().join(','),
    video: Object.keys(p.video ?? {})
      .sort()
      .join(','),
    sources: JSON.stringify(p.video?.canPublishSources ?? null),
    attributes: Object.keys(p.attributes ?? {})
      .sort()
      .join(','),
    // exp and nbf are read from the clock separately by the signer, so they may straddle a second.
    ttl: Math.round((p.exp - p.nbf) / 5) * 5,
  };
}

/** `+00:00` rather than `Z`, whole seconds. */
export function isoOffset(ms) {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', '+00:00');
}

// ---- setup of care-meet: one meeting, STAFF sessions ------------------------------------------

export async function bookAndVouch(baseUrl, organizerKey) {
  const now = Date.now();
  const hsa = (prefix, i) => `SE2321000016-${prefix}${String(i).padStart(3, '0')}`;
  const participants = [
    { name: 'Anna Samordnare', role: 'chair', identity: { kind: 'hsa', hsaId: hsa('C', 1) } },
    ...Array.from({ length: STAFF }, (_, i) => ({
      name: `Personal ${String(i + 1).padStart(2, '0')}`,
      role: 'staff',
      identity: { kind: 'hsa', hsaId: hsa('A', i + 1) },
    })),
  ];
  const booked = expectStatus(
    'POST /api/meetings',
    await call(`${baseUrl}/api/meetings`, {
      bearer: organizerKey,
      body: {
        title: 'Benchmark SIP-möte',
        startsAt: isoOffset(now - 5 * 60_000),
        endsAt: isoOffset(now + 60 * 60_000),
        allowScreenShare: false,
        allowChat: false,
        participants,
      },
    }),
    201,
  );
  const meetingId = booked.meeting.id;
  const sessions = [];
  for (let i = 1; i <= STAFF; i++) {
    const granted = expectStatus(
      `POST /api/sessions (staff ${i})`,
      await call(`${baseUrl}/api/sessions`, {
        bearer: organizerKey,
        body: { meetingId, identity: { kind: 'hsa', hsaId: hsa('A', i) }, method: 'siths' },
      }),
      201,
    );
    sessions.push({ session: granted.session, participantId: granted.participantId });
  }
  return { meetingId, sessions };
}

export async function verifyCareMeetJoin(baseUrl, { session, participantId }) {
  const body = expectStatus('POST /api/join', await call(`${baseUrl}/api/join`, { bearer: session }), 200);
  if (body?.status !== 'admitted') throw new BenchError(`POST /api/join: expected status "admitted", got ${JSON.stringify(body?.status)}`);
  const p = jwtPayload(body.token);
  if (p.sub !== participantId || p.video?.roomJoin !== true || typeof p.video?.room !== 'string') {
    throw new BenchError(`POST /api/join: the token is not a room-join token for ${participantId}`);
  }
  return body.token;
}

export async function verifyBaseline(baseUrl, session) {
  const body = expectStatus('baseline', await call(`${baseUrl}/api/join`, { bearer: session }), 200);
  jwtPayload(body?.token);
  return body.token;
}

// ---- load --------------------------------------------------------------------------------------

function cannon(url, requests, duration) {
  return new Promise((resolvePromise, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration, requests, timeout: 10 }, (err, result) => (err ? reject(err) : resolvePromise(result)));
  });
}

function checkClean(what, { problems, figures }) {
  const bad = [];
  if (problems.non2xx > 0) bad.push(`${problems.non2xx} non-2xx answers (${problems.detail})`);
  if (problems.errors > 0) bad.push(`${problems.errors} connection errors`);
  if (problems.timeouts > 0) bad.push(`${problems.timeouts} timeouts`);
  if (!(figures.total > 0)) bad.push('no request completed');
  if (bad.length > 0) throw new BenchError(`${what}: ${bad.join(', ')}. A benchmark of errors is worthless.`);
}

/**
 * One run: a discarded warm-up, then the measured load. Without `rate`, autocannon: every
 * connection sends its next request as soon as the last is answered (the most the server can do).
 * With it, `pacedLoad`: `rate` requests per second in all, evenly spaced (a load the server carries).
 */
export async function run(label, server, requests, rate, { warmup: WARMUP, duration: DURATION }) {
  const how = rate === undefined ? `load ${DURATION} s` : `${rate} req/s for ${DURATION} s`;
  process.stdout.write(`  ${label} ${server.name.padEnd(9)} warm-up ${WARMUP} s, ${how} ... `);
  const load = async (seconds) => {
    if (rate === undefined) return fromAutocannon(await cannon(server.url, requests, seconds));
    return fromPaced(await pacedLoad({ url: server.url, requests, rate, seconds, connections: CONNECTIONS }));
  };
  checkClean(`${label} ${server.name} warm-up`, await load(WARMUP));
  const before = await askStats(server.child, 2000);
  const r = await load(DURATION);
  const after = await askStats(server.child, 2000);
  checkClean(`${label} ${server.name}`, r);
  const cpu = (s) => s.cpuMicros.user + s.cpuMicros.system;
  const figures = {
    label,
    server: server.name,
    ...r.figures,
    // The server child's CPU time per answered request: how much work one request is.
    cpuPerReq: before && after ? (cpu(after) - cpu(before)) / r.figures.total : NaN,
  };
  console.log(
    `${Math.round(figures.reqPerSec)} req/s, p50 ${fmtMs(figures.p50)} ms, p99 ${fmtMs(figures.p99)} ms, server CPU ${Math.round(figures.cpuPerReq)} µs/request`,
  );
  return figures;
}

function fromAutocannon(r) {
  return {
    problems: { non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts, detail: `4xx ${r['4xx']}, 5xx ${r['5xx']}` },
    figures: { reqPerSec: r.requests.average, total: r.requests.total, p50: r.latency.p50, p97_5: r.latency.p97_5, p99: r.latency.p99 },
  };
}

function fromPaced(r) {
  const at = (p) => Math.round(percentile(r.latenciesMs, p) * 10) / 10;
  return {
    problems: { non2xx: r.failed, errors: 0, timeouts: 0, detail: 'failed or non-2xx' },
    figures: { reqPerSec: r.ok / r.seconds, total: r.ok, p50: at(50), p97_5: at(97.5), p99: at(99) },
  };
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

// ---- report ------------------------------------------------------------------------------------

export const fmtRate = (n) => Math.round(n).toLocaleString('en-US');
export const fmtMs = (n) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export function table(rows) {
  const head = ['run', 'server', 'req/s', 'p50 ms', 'p97.5 ms', 'p99 ms', 'requests', 'server CPU µs/req'];
  const body = rows.map((r) => [
    r.label,
    r.server,
    fmtRate(r.reqPerSec),
    fmtMs(r.p50),
    fmtMs(r.p97_5),
    fmtMs(r.p99),
    r.total === '' ? '' : fmtRate(r.total),
    Number.isFinite(r.cpuPerReq) ? String(Math.round(r.cpuPerReq)) : '',
  ]);
  return { head, body };
}

export function textTable({ head, body }) {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => String(row[i]).length)));
  const line = (cells) => cells.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
