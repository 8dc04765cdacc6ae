#!/usr/bin/env node
// The media path's benchmark, against a real LiveKit server and Debian's Chromium:
//   1. From pressing Join to the first frame of the publisher's video: care-meet (the demo portal's
//      inbox join, device check "Finish" to the first `requestVideoFrameCallback` of the meeting
//      leader's remote <video>) against a bare livekit-client page (`room.connect` to the first
//      frame), alternating A B A B in one run, with one publisher (the meeting leader, camera on)
//      already in the room.
//   2. From a real LiveKit webhook (participant_joined / participant_left) reaching care-meet's
//      server to the event arriving on the chair's event stream.
//
// Run it inside a private loopback-only network namespace with the repo's LiveKit, from the
// repository root (after `pnpm run build`):
//
//   bash scripts/loopback-only.sh bash scripts/livekit-server.sh run \
//     --webhook http://127.0.0.1:7891/api/livekit/webhook -- node bench/media.bench.mjs
//
//   node bench/media.bench.mjs --check   the same, leaving docs/benchmarks.md alone
//
// Goals: care-meet's p50 and p95 at most 1.3× the bare client's, care-meet's p95 at most 1.5 s on
// loopback; webhook to the chair's stream p99 at most 50 ms. Exit 0 when all hold, 1 when any does
// not, 2 when the benchmark could not measure (the docs are then left alone).
//
// Environment:
//   LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET   the LiveKit server (scripts/livekit-server.sh sets them)
//   CARE_MEET_WEBHOOK_PORT   the port LiveKit's webhooks go to (default 7891; must match --webhook)
//   BENCH_JOINS              measured joins per side, 5-200 (default 20); one more per side is a discarded warm-up
//   BENCH_WEBHOOK_CYCLES     join + leave cycles for the webhook figure, 10-500 (default 60: 120 events)
//   BENCH_TRACE=1            print each join's steps (timing-script marks, sockets, resources) to stderr
//
// Not part of the test command (its figures depend on the machine and its load); run it by hand.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AccessToken, RoomServiceClient } from 'livekit-server-sdk';
import { tsImport } from 'tsx/esm/api';
import { snapshotDemo, startDemo } from './lib/demo-snapshot.mjs';
import { askStats, forkReady, stopChildren } from './lib/child.mjs';
import { intEnv } from './lib/env.mjs';
import { writeDocSection } from './lib/docs-section.mjs';
import { machine } from './lib/machine.mjs';
import { stats } from './lib/paced-load.mjs';
import { markdownTable } from './lib/tables.mjs';
import { checkOnly, livekitVersion, runMain, sampleLoad, stopsItself, utcMinute } from './lib/run.mjs';

const GOAL = { ratio: 1.3, p95Ms: 1500, webhookP99Ms: 50 };
const JOIN_TIMEOUT_MS = 30_000;
const COMMAND = `bash scripts/loopback-only.sh bash scripts/livekit-server.sh run \\
  --webhook http://127.0.0.1:7891/api/livekit/webhook -- node bench/media.bench.mjs`;
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const LIB = fileURLToPath(new URL('./lib/', import.meta.url));
const BENCH_DIR = fileURLToPath(new URL('./', import.meta.url));
const DOCS = new URL('../docs/benchmarks.md', import.meta.url);
const TIMING_SCRIPT = join(LIB, 'media-timing.browser.js');
/** The demo's default booking (packages/demo/src/pages/pages.ts, DEFAULT_ROWS). */
const CHAIR = { name: 'Anna Samordnare', hsaId: 'SE2321000016-A1B2' };
const INDIVIDUAL = { inboxId: 'esther', pnr: '19121212-1212' };

/** Thrown when the benchmark cannot produce a valid measurement (exit 2). */
class BenchError extends Error {}

const JOINS = intEnv('BENCH_JOINS', 20, 5, 200);
const CYCLES = intEnv('BENCH_WEBHOOK_CYCLES', 60, 10, 500);
const WEBHOOK_PORT = intEnv('CARE_MEET_WEBHOOK_PORT', 7891, 1, 65535);
const CHECK = checkOnly();
const WRITE_DOCS = !CHECK;
const LIVEKIT_URL = process.env.LIVEKIT_URL ?? '';
const API_KEY = process.env.LIVEKIT_API_KEY ?? '';
const API_SECRET = process.env.LIVEKIT_API_SECRET ?? '';

const log = (line) => process.stdout.write(`${line}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const fmtMs = (n) => (Number.isFinite(n) ? (Math.abs(n) >= 100 ? String(Math.round(n)) : n.toFixed(1)) : '–');

// ---- preconditions ------------------------------------------------------------------------------

async function preconditions() {
  if (!LIVEKIT_URL || !API_KEY || !API_SECRET) {
    throw new BenchError(`LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET must be set; run it as\n  ${COMMAND}`);
  }
  if (!/^ws:\/\/127\.0\.0\.1:\d+\/?$/.test(LIVEKIT_URL))
    throw new BenchError(`LIVEKIT_URL must be a LiveKit on 127.0.0.1 (ws://127.0.0.1:<port>), got ${LIVEKIT_URL}`);
  try {
    const res = await fetch(LIVEKIT_URL.replace(/^ws/, 'http'), { signal: AbortSignal.timeout(2000) });
    await res.body?.cancel();
  } catch {
    throw new BenchError(`no LiveKit answers at ${LIVEKIT_URL}`);
  }
}

// ---- the bare client's page ---------------------------------------------------------------------

/** livekit-client's ESM build, from bench's own dependency, as one browser module (esbuild). */
async function bundleLivekitClient() {
  const { build } = await import('esbuild');
  const out = await build({
    stdin: { contents: "export { Room, RoomEvent, Track } from 'livekit-client';", resolveDir: BENCH_DIR, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0].contents;
}

const BASELINE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bare livekit-client</title></head>
<body><main id="videos"></main>
<script type="module">
import { Room, RoomEvent, Track } from '/livekit-client.mjs';
let room = null;
// Connects with a token; draws \`publisher\`'s camera in a <video> when it is subscribed. Answers
// the page's clock just before room.connect.
window.benchJoin = async (url, token, publisher, autoSubscribe) => {
  const made = performance.now();
  // Two peer connections, as care-meet's rooms make them (core/media-room.ts, ROOM_OPTIONS): the
  // comparison is about care-meet's own work, not livekit-client's connection mode.
  room = new Room({ singlePeerConnection: false });
  window.__benchMedia.marks.push({ name: \`Room made in \${(performance.now() - made).toFixed(0)} ms, before the start\`, t: performance.now() });
  room.on(RoomEvent.TrackSubscribed, (track, _publication, participant) => {
    if (track.kind !== Track.Kind.Video || participant.identity !== publisher) return;
    const video = document.createElement('video');
    video.muted = true;
    video.autoplay = true;
    video.playsInline = true;
    document.getElementById('videos').append(video);
    track.attach(video);
  });
  const t0 = performance.now();
  await room.connect(url, token, { autoSubscribe });
  return t0;
};
window.benchLeave = async () => {
  await room?.disconnect();
  room = null;
};
window.benchReady = true;
</script></body></html>`;

/** A tiny node:http server for the bare client's page and its bundle, on 127.0.0.1. */
async function startBaselineServer(bundle) {
  const server = createServer((req, res) => {
    const headers = { 'cache-control': 'no-store' };
    if (req.method === 'GET' && req.url === '/') {
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
      res.end(BASELINE_HTML);
    } else if (req.method === 'GET' && req.url === '/livekit-client.mjs') {
      res.writeHead(200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' });
      res.end(bundle);
    } else {
      res.writeHead(404, headers);
      res.end();
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

// ---- the webhook proxy child --------------------------------------------------------------------

const children = new Set();

async function startProxy(upstream, logFile) {
  const { child } = await forkReady({
    name: 'the webhook proxy',
    script: join(LIB, 'webhook-timing-proxy.mjs'),
    cwd: BENCH_DIR,
    env: { ...process.env, BENCH_WEBHOOK_PORT: String(WEBHOOK_PORT), BENCH_UPSTREAM: upstream },
    logFile,
    children,
    timeoutMs: 10_000,
    exitHint: `; is port ${WEBHOOK_PORT} taken?`,
    errorClass: BenchError,
  });
  return child;
}

async function proxyFigures(child) {
  const figures = await askStats(child, 5000);
  if (!figures) throw new BenchError('the webhook proxy did not answer for its figures');
  return figures;
}

const stopAllChildren = () => stopChildren(children);

// ---- care-meet's HTTP API -----------------------------------------------------------------------

async function api(url, { method = 'POST', bearer, body } = {}) {
  const headers = {};
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }), signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, json, text };
}

/** A session the host vouches for (POST /api/sessions with the organizer key). */
async function vouch(base, organizerKey, meetingId, identity, method) {
  const r = await api(`${base}/api/sessions`, { bearer: organizerKey, body: { meetingId, identity, method } });
  if (r.status !== 201) throw new BenchError(`POST /api/sessions: HTTP ${r.status}: ${r.text.slice(0, 200)}`);
  return r.json;
}

// ---- LiveKit ------------------------------------------------------------------------------------

const rooms = () => new RoomServiceClient(LIVEKIT_URL.replace(/^ws/, 'http'), API_KEY, API_SECRET);

/** Polls until `check(participants)` holds, at most `ms`. */
async function untilParticipants(roomName, check, ms, what) {
  const deadline = Date.now() + ms;
  let last = [];
  while (Date.now() < deadline) {
    try {
      last = await rooms().listParticipants(roomName);
      if (check(last)) return last;
    } catch {}
    await sleep(150);
  }
  throw new BenchError(`${what} (LiveKit lists: ${last.map((p) => p.identity).join(', ') || 'nobody'})`);
}

async function baselineToken(roomName, identity) {
  const at = new AccessToken(API_KEY, API_SECRET, { identity, name: 'Bare livekit-client', ttl: '10m' });
  at.addGrant({ roomJoin: true, room: roomName, canSubscribe: true, canPublish: false, canPublishData: false });
  return at.toJwt();
}

// ---- the browser side ---------------------------------------------------------------------------

/** What the timing script recorded in a page (see bench/lib/media-timing.browser.js). */
const readRecord = (page) =>
  page.evaluate(() => ({
    ...structuredClone(window.__benchMedia),
    resources: performance.getEntriesByType('resource').map((e) => ({ path: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd })),
  }));

const firstFrame = (page) => page.waitForFunction(() => window.__benchMedia.frames.length > 0, undefined, { timeout: JOIN_TIMEOUT_MS, polling: 100 });

/**
 * With BENCH_TRACE=1, one join's steps on stderr, in ms from its start to its first frame: the
 * marks of the timing script, its sockets and resources (to find where a join spends its time).
 */
function traceJoin(label, record, t0, tEnd) {
  if (process.env.BENCH_TRACE !== '1') return;
  const rows = [
    ...record.marks.map((m) => ({ t: m.t, what: m.name })),
    ...record.sockets.map((s) => ({ t: s.t, what: `socket ${s.host}` })),
    ...record.resources.map((r) => ({ t: r.end, what: `loaded ${r.path}` })),
  ].filter((r) => r.t >= t0 - 5 && r.t <= tEnd);
  rows.sort((a, b) => a.t - b.t);
  process.stderr.write(`# trace ${label}: ${rows.map((r) => `${(r.t - t0).toFixed(0)} ${r.what}`).join(' | ')} | ${(tEnd - t0).toFixed(0)} first frame\n`);
}

/** The first signalling socket to LiveKit at or after `t`, on the page's clock. */
function socketAfter(record, t) {
  const host = new URL(LIVEKIT_URL).host;
  return record.sockets.find((s) => s.host === host && s.t >= t) ?? null;
}

// ---- part 1: press Join to the first remote frame ----------------------------------------------

async function joinBare(ctx, label) {
  const { browser, steps, baseline, roomName, chairIdentity } = ctx;
  const identity = `bench-bare-${label}`;
  const token = await baselineToken(roomName, identity);
  const p = await steps.newPerson(browser, TIMING_SCRIPT);
  try {
    await p.page.goto(`${baseline.url}/`);
    await p.page.waitForFunction(() => window.benchReady === true, undefined, { timeout: 10_000 });
    const t0 = await p.page.evaluate(([url, t, publisher]) => window.benchJoin(url, t, publisher, true), [LIVEKIT_URL, token, chairIdentity]);
    await firstFrame(p.page);
    const record = await readRecord(p.page);
    const frame = record.frames[0];
    const socket = socketAfter(record, t0);
    traceJoin(label, record, t0, frame.t);
    await p.page.evaluate(() => window.benchLeave());
    await untilParticipants(roomName, (list) => !list.some((x) => x.identity === identity), 15_000, `${identity} did not leave LiveKit's room within 15 s`);
    return {
      label,
      side: 'bare',
      total: frame.t - t0,
      joinAnswered: NaN,
      chunkLoaded: NaN,
      toSocket: socket ? socket.t - t0 : NaN,
      socketToFrame: socket ? frame.t - socket.t : NaN,
      size: `${frame.width}×${frame.height}`,
    };
  } finally {
    await p.page.evaluate(() => window.benchLeave?.()).catch(() => {});
    await p.context.close();
    await untilParticipants(roomName, (list) => !list.some((x) => x.identity === identity), 30_000, `${identity} did not leave LiveKit's room within 30 s`);
  }
}

async function joinCareMeet(ctx, label) {
  const { browser, steps, demo, meetingId, roomName, chairIdentity } = ctx;
  const p = await steps.newPerson(browser, TIMING_SCRIPT);
  let individualIdentity = '';
  let left = false;
  try {
    await steps.citizenJoins(p.page, demo, meetingId, INDIVIDUAL.inboxId);
    await firstFrame(p.page);
    const record = await readRecord(p.page);
    const press = [...record.clicks].reverse().find((c) => c.text === 'Finish');
    if (!press) throw new BenchError(`${label}: no click on "Finish" was seen in the page`);
    const frame = record.frames.find((f) => f.t >= press.t);
    if (!frame) throw new BenchError(`${label}: no remote frame after the click`);
    // The frame is the meeting leader's: her tile's <video> plays that very track.
    const tileVideo = steps.remoteTile(p.page, CHAIR.name).locator('video.video');
    const tileTrack = await tileVideo.evaluate((v) => v.srcObject?.getVideoTracks()[0]?.id ?? '', undefined, { timeout: 5_000 });
    if (tileTrack !== frame.trackId)
      throw new BenchError(`${label}: the first remote frame (track ${frame.trackId}) is not the meeting leader's tile (${tileTrack})`);
    individualIdentity = (await steps.localTile(p.page).getAttribute('data-identity', { timeout: 5_000 })) ?? '';
    const after = record.resources.filter((e) => e.start >= press.t);
    const answered = after.find((e) => e.path === '/api/join');
    // livekit-client, in the elements' bundle a chunk of its own, imported on join.
    const chunk = after.find((e) => /^\/elements\/.*livekit-room[^/]*\.js$/.test(e.path));
    const socket = socketAfter(record, press.t);
    traceJoin(label, record, press.t, frame.t);
    await steps.leaveControl(p.page).click();
    left = true;
    await untilParticipants(
      roomName,
      (list) => list.length === 1 && list[0].identity === chairIdentity,
      15_000,
      `after ${label} the room did not come back to the meeting leader alone within 15 s`,
    );
    return {
      label,
      side: 'care-meet',
      total: frame.t - press.t,
      joinAnswered: answered ? answered.end - press.t : NaN,
      chunkLoaded: chunk ? chunk.end - press.t : NaN,
      toSocket: socket ? socket.t - press.t : NaN,
      socketToFrame: socket ? frame.t - socket.t : NaN,
      size: `${frame.width}×${frame.height}`,
      individualIdentity,
    };
  } finally {
    if (!left)
      await steps
        .leaveControl(p.page)
        .click({ timeout: 2_000 })
        .catch(() => {});
    await p.context.close();
    await untilParticipants(
      roomName,
      (list) => list.length === 1 && list[0].identity === chairIdentity,
      30_000,
      `after ${label} the room did not come back to the meeting leader alone within 30 s`,
    );
  }
}

/** One join; a failure (timeout, a step not reached) is recorded as such, not measured. */
async function attempt(fn, ctx, label) {
  const started = Date.now();
  try {
    const r = await fn(ctx, label);
    log(
      `  ${label.padEnd(4)} ${r.side.padEnd(9)} ${fmtMs(r.total).padStart(6)} ms   (join answered ${fmtMs(r.joinAnswered)}, livekit-client chunk ${fmtMs(r.chunkLoaded)}, signalling socket ${fmtMs(r.toSocket)}, socket → frame ${fmtMs(r.socketToFrame)}; ${r.size}; ${((Date.now() - started) / 1000).toFixed(1)} s wall)`,
    );
    return r;
  } catch (e) {
    if (e instanceof BenchError && /did not (leave|come back)/.test(e.message)) throw e;
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    log(`  ${label.padEnd(4)} FAILED: ${why}`);
    return { label, side: fn === joinBare ? 'bare' : 'care-meet', failed: why };
  }
}

// ---- part 2: webhook to the chair's event stream -----------------------------------------------

async function webhookToStream(ctx, proxy) {
  const { browser, steps, demo, meetingId, organizerKey, baseline, roomName } = ctx;
  const chairSession = await vouch(demo.url, organizerKey, meetingId, { kind: 'hsa', hsaId: CHAIR.hsaId }, 'siths');
  const individual = await vouch(demo.url, organizerKey, meetingId, { kind: 'pnr', pnr: INDIVIDUAL.pnr }, 'bankid');
  const pid = individual.participantId;

  const seen = [];
  let streamStatus = null;
  proxy.on('message', (m) => {
    if (m?.type === 'sse') seen.push(m.event);
    if (m?.type === 'stream') streamStatus = m;
  });
  const waitSeen = async (pred, ms, what) => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (seen.some(pred)) return;
      await sleep(10);
    }
    throw new BenchError(`${what} did not arrive on the chair's event stream within ${ms / 1000} s`);
  };
  proxy.send({ type: 'subscribe', url: `${demo.url}/api/meetings/${encodeURIComponent(meetingId)}/events`, session: chairSession.session });
  await waitSeen((e) => e.type === 'roster', 10_000, 'the first roster');
  if (streamStatus?.status !== 200) throw new BenchError(`the chair's event stream answered ${JSON.stringify(streamStatus)}`);

  const p = await steps.newPerson(browser, TIMING_SCRIPT);
  const chairStreamBefore = (await ctx.chair.page.evaluate(() => window.__benchMedia.stream.length)) ?? 0;
  try {
    await p.page.goto(`${baseline.url}/`);
    await p.page.waitForFunction(() => window.benchReady === true, undefined, { timeout: 10_000 });
    const started = Date.now();
    for (let i = 1; i <= CYCLES; i++) {
      const joined = await api(`${demo.url}/api/join`, { bearer: individual.session });
      if (joined.status !== 200 || joined.json?.status !== 'admitted')
        throw new BenchError(`POST /api/join for the individual: HTTP ${joined.status} ${joined.text.slice(0, 200)}`);
      const count = (type) => seen.filter((e) => e.type === type && e.participantId === pid).length;
      const connected = count('participant-connected');
      await p.page.evaluate(([url, token]) => window.benchJoin(url, token, '', false), [joined.json.livekitUrl, joined.json.token]);
      await waitSeen(() => count('participant-connected') > connected, 10_000, `cycle ${i}: participant-connected`);
      const disconnected = count('participant-disconnected');
      await p.page.evaluate(() => window.benchLeave());
      await waitSeen(() => count('participant-disconnected') > disconnected, 10_000, `cycle ${i}: participant-disconnected`);
      if (i % 10 === 0) log(`  ${i}/${CYCLES} join + leave cycles (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
  } finally {
    await p.context.close();
  }
  await sleep(500);
  // Times in `webhooks` and `events` are the child's own (performance.now() there), not this process's.
  const { webhooks, events, subscribedAt } = await proxyFigures(proxy);
  const chairStream = (await ctx.chair.page.evaluate(() => window.__benchMedia.stream)).slice(chairStreamBefore);

  // Each event is paired with the webhook that caused it: the latest one of its kind about the same
  // participant in the meeting's room that arrived before it (each webhook used once).
  const kinds = { 'participant-connected': ['participant_joined'], 'participant-disconnected': ['participant_left', 'participant_connection_aborted'] };
  const candidates = webhooks.filter((w) => w.receivedAt >= subscribedAt && w.identity === pid && w.room === roomName);
  const firstById = new Map();
  for (const w of candidates) if (!firstById.has(w.id)) firstById.set(w.id, w);
  const unique = [...firstById.values()];
  const pair = (list, at) => {
    const used = new Set();
    const out = [];
    for (const e of list) {
      const w = unique.filter((x) => kinds[e.type]?.includes(x.event) && !used.has(x) && at.webhook(x) <= at.event(e)).pop();
      if (!w) continue;
      used.add(w);
      out.push({ type: e.type, ms: at.event(e) - at.webhook(w), webhook: w });
    }
    return out;
  };
  const ours = events.filter((e) => e.participantId === pid && e.type in kinds);
  const pairs = pair(ours, { webhook: (w) => w.receivedAt, event: (e) => e.at });
  const inPage = pair(
    chairStream.filter((e) => e.participantId === pid && e.type in kinds),
    { webhook: (w) => w.receivedWall, event: (e) => e.wall },
  );
  const answered = pairs.map((x) => x.webhook.answeredAt - x.webhook.receivedAt);
  const badStatus = unique.filter((w) => w.status !== 200).length;
  const dupes = candidates.length - unique.length;
  return {
    latency: stats(pairs.map((x) => x.ms)),
    joined: stats(pairs.filter((x) => x.type === 'participant-connected').map((x) => x.ms)),
    left: stats(pairs.filter((x) => x.type === 'participant-disconnected').map((x) => x.ms)),
    inPage: stats(inPage.map((x) => x.ms)),
    answered: stats(answered),
    events: ours.length,
    expected: 2 * CYCLES,
    unpaired: ours.length - pairs.length,
    webhooksSeen: unique.length,
    badStatus,
    dupes,
    allWebhooks: webhooks.length,
    leftKinds: [...new Set(pairs.filter((x) => x.type === 'participant-disconnected').map((x) => x.webhook.event))],
  };
}

// ---- report -------------------------------------------------------------------------------------

function summarize(rows) {
  const ok = rows.filter((r) => !r.failed);
  return {
    n: ok.length,
    failed: rows.length - ok.length,
    total: stats(ok.map((r) => r.total)),
    joinAnswered: stats(ok.map((r) => r.joinAnswered)),
    chunkLoaded: stats(ok.map((r) => r.chunkLoaded)),
    sizes: Object.entries(ok.reduce((acc, r) => ({ ...acc, [r.size]: (acc[r.size] ?? 0) + 1 }), {}))
      .sort((a, b) => b[1] - a[1])
      .map(([size, n]) => `${size} ×${n}`)
      .join(', '),
    toSocket: stats(ok.map((r) => r.toSocket)),
    socketToFrame: stats(ok.map((r) => r.socketToFrame)),
  };
}

function joinTable(bare, care) {
  const head = ['client', 'joins', 'p50 ms', 'p95 ms', 'min ms', 'max ms', 'mean ms', 'failed'];
  const row = (name, s) => [
    name,
    String(s.n),
    fmtMs(s.total.p50),
    fmtMs(s.total.p95),
    fmtMs(s.total.min),
    fmtMs(s.total.max),
    fmtMs(s.total.mean),
    String(s.failed),
  ];
  return { head, body: [row('bare livekit-client (A)', bare), row('care-meet (B)', care)] };
}

function phaseTable(bare, care) {
  const head = ['segment (p50 / p95 ms)', 'bare livekit-client (A)', 'care-meet (B)'];
  const pp = (s) => (s.n ? `${fmtMs(s.p50)} / ${fmtMs(s.p95)}` : 'n/a');
  return {
    head,
    body: [
      ['start → `POST /api/join` answered', 'n/a (token minted beforehand)', pp(care.joinAnswered)],
      ['start → `livekit-client` chunk fetched (`import()` on join)', 'n/a (loaded beforehand)', pp(care.chunkLoaded)],
      ['start → signalling WebSocket to LiveKit opened', pp(bare.toSocket), pp(care.toSocket)],
      ['signalling WebSocket → first remote frame', pp(bare.socketToFrame), pp(care.socketToFrame)],
      ['start → first remote frame (the figure)', pp(bare.total), pp(care.total)],
    ],
  };
}

function webhookTable(w) {
  const head = ['measured', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'];
  const row = (name, s) => [name, String(s.n), fmtMs(s.p50), fmtMs(s.p95), fmtMs(s.p99), fmtMs(s.max)];
  return {
    head,
    body: [
      row("webhook arrives → event on the chair's stream (all)", w.latency),
      row('… participant_joined → participant-connected', w.joined),
      row('… participant_left → participant-disconnected', w.left),
      row('webhook arrives → care-meet has answered it (200)', w.answered),
      row("webhook arrives → event read in the chair's own page (wall clock)", w.inPage),
    ],
  };
}

function textTable({ head, body }) {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => String(row[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function verdicts(bare, care, w) {
  const r50 = care.total.p50 / bare.total.p50;
  const r95 = care.total.p95 / bare.total.p95;
  return {
    r50,
    r95,
    r50Ok: r50 <= GOAL.ratio,
    r95Ok: r95 <= GOAL.ratio,
    p95Ok: care.total.p95 <= GOAL.p95Ms,
    hookOk: w.latency.p99 <= GOAL.webhookP99Ms && w.unpaired === 0 && w.events === w.expected,
    failedOk: bare.failed === 0 && care.failed === 0,
  };
}

/** Where care-meet's extra time at the median goes, from the segments' own medians. */
function gapSentence(bare, care) {
  const gap = care.total.p50 - bare.total.p50;
  const before = care.toSocket.p50 - bare.toSocket.p50;
  const after = care.socketToFrame.p50 - bare.socketToFrame.p50;
  return `At the median care-meet took ${fmtMs(gap)} ms more than the bare client. Up to the signalling socket it took ${fmtMs(before)} ms more
(care-meet's \`POST /api/join\` answered after ${fmtMs(care.joinAnswered.p50)} ms; ${
    care.chunkLoaded.p50 === null || care.chunkLoaded.p50 === undefined || Number.isNaN(care.chunkLoaded.p50)
      ? 'its `livekit-client` chunk was already fetched during the device check, so none was fetched after the start'
      : `its \`livekit-client\` chunk was fetched after ${fmtMs(care.chunkLoaded.p50)} ms, then parsed and run, before \`room.connect\``
  }), and from the socket to the first frame ${fmtMs(Math.abs(after))} ms
${after >= 0 ? 'more' : 'less'}.`;
}

/** Said when the machine had more runnable work than CPUs during the run. */
function loadSentence(load, nproc) {
  if (!(load.mean > nproc)) return '';
  return ` **The machine was overloaded during this run** (a mean load of ${load.mean.toFixed(1)} on ${nproc} CPUs, from other
work on it): the joins' times, and their tails most, show waiting for a CPU as much as care-meet or LiveKit.`;
}

function docsSection({ when, m, chromium, livekitVersion, rows, bare, care, w, v, minutes, load }) {
  const met = (ok) => (ok ? 'met' : '**missed**');
  const all = v.r50Ok && v.r95Ok && v.p95Ok && v.hookOk && v.failedOk;
  const missed = [];
  if (!v.r50Ok) missed.push(`care-meet's p50 is ${v.r50.toFixed(2)}× the bare client's`);
  if (!v.r95Ok) missed.push(`care-meet's p95 is ${v.r95.toFixed(2)}× the bare client's`);
  if (!v.p95Ok) missed.push(`care-meet's p95 is ${fmtMs(care.total.p95)} ms`);
  if (!v.hookOk)
    missed.push(`the webhook-to-stream p99 is ${fmtMs(w.latency.p99)} ms${w.unpaired ? ` with ${w.unpaired} events not paired with a webhook` : ''}`);
  if (!v.failedOk) missed.push(`${bare.failed + care.failed} joins failed`);
  const list = (side) =>
    rows
      .filter((r) => r.side === side)
      .map((r) => (r.failed ? 'failed' : fmtMs(r.total)))
      .join(', ');
  return `
## Media path (join to first remote frame; webhook to the chair's event stream)

**Goals:** (1) from pressing Join to the first frame of the remote video, care-meet's p50 and p95 at most
${GOAL.ratio}× a bare \`livekit-client\` page's, measured in the same run, and care-meet's p95 at most
${GOAL.p95Ms / 1000} s on loopback; (2) from a LiveKit webhook reaching care-meet's server to the event on the
chair's event stream, p99 at most ${GOAL.webhookP99Ms} ms.

**Result (${when}): ${all ? 'every goal holds' : `a goal is missed: ${missed.join('; ')}`}.**
(1) p50 ratio **${v.r50.toFixed(2)}** (goal ≤ ${GOAL.ratio}: ${met(v.r50Ok)}), p95 ratio **${v.r95.toFixed(2)}**
(goal ≤ ${GOAL.ratio}: ${met(v.r95Ok)}), care-meet p95 **${fmtMs(care.total.p95)} ms** (goal ≤ ${GOAL.p95Ms} ms: ${met(v.p95Ok)}).
(2) p99 **${fmtMs(w.latency.p99)} ms** over ${w.latency.n} webhooks (goal ≤ ${GOAL.webhookP99Ms} ms: ${met(v.hookOk)}).

Command, from the repository root (after \`pnpm run build\`; LiveKit ${livekitVersion} is built from source
by \`scripts/livekit-server.sh\` the first time). The benchmark runs in a private network namespace
with only loopback, so it never meets another LiveKit on port 7880 and no packet leaves 127.0.0.1:

<!-- docs-test: skip: a benchmark against the real LiveKit server, built from source with Go; minutes -->
\`\`\`sh
${COMMAND}
# BENCH_JOINS=<n> measured joins per side (default 20); BENCH_WEBHOOK_CYCLES=<n> join + leave
# cycles for (2) (default 60); another webhook port: CARE_MEET_WEBHOOK_PORT=<port> and the same
# port in --webhook; --check after the script leaves this page alone.
\`\`\`

Machine: ${m.nproc} CPUs (\`nproc\`), ${m.cpu}, ${m.memGiB} GiB RAM, ${m.os}, Node ${m.node},
Chromium ${chromium} (Debian's, headless), LiveKit ${livekitVersion} (\`livekit/livekit.yaml\`). Load average
${m.load} (1, 5, 15 min) when the figures were written; the 1-minute load average sampled every 5 s during
the run was ${load.min.toFixed(1)} to ${load.max.toFixed(1)} (mean ${load.mean.toFixed(1)}) on ${m.nproc} CPUs. LiveKit, Chromium (up to three
pages), care-meet and this script share the machine's cores, and other work on it makes the figures noisy. The run took ${minutes} min.${loadSentence(load, m.nproc)}

### (1) Press Join to the first remote frame

${JOINS} joins per side, alternating A B A B, after one discarded warm-up join per side; each join in a
fresh browser context (its own cache, cookies and camera), the next one only once LiveKit lists the
room as the meeting leader alone again.

${markdownTable(joinTable(bare, care), 1)}

Where the time goes (each segment's own p50 / p95, so they need not add up):

${markdownTable(phaseTable(bare, care), 1)}

${gapSentence(bare, care)}

Percentiles are nearest-rank (\`percentile\` of \`bench/lib/paced-load.mjs\`): of ${JOINS} joins, p50 is the
${Math.ceil(JOINS / 2)}th fastest and p95 the ${Math.ceil(JOINS * 0.95)}th. Every join, in order (ms): A ${list('bare')}; B ${list('care-meet')}.
The first frame's size (the simulcast layer LiveKit sent first): A ${bare.sizes}; B ${care.sizes}.

**What is measured.** One publisher is in the room throughout: the meeting leader, who booked the demo's
default SIP meeting in its EHR page and opened it from there (\`chairJoins\` in
\`test/real-livekit/meeting-steps.ts\`), camera and microphone on (Chromium's fake devices).
Both clients run in the same Chromium (\`launchBrowser\` of \`test/e2e/harness.ts\`: \`scripts/chromium.mjs\`'s
flags plus the fake media devices, autoplay and loopback ICE), each page with
\`bench/lib/media-timing.browser.js\` injected before its own scripts: it notes the page's clock at a click on
a button (in a capture listener, before the page's own handlers), at each WebSocket made, and at the first
\`requestVideoFrameCallback\` of every \`<video>\` playing a track received over a peer connection. The end of a
join is that first frame. **care-meet (B):** the demo portal (\`packages/demo/dist/main.js\`, care-meet's
server SDK and the built \`<care-meeting>\` bundle, run from a copy of both builds taken when the run
starts, \`bench/lib/demo-snapshot.mjs\`, so a rebuild elsewhere cannot change them halfway) on this LiveKit, with
\`CARE_MEET_E2EE=off\` (meetings booked without end-to-end encryption, since the bare page holds no key); the individual opens the meeting from the
demo's inbox and passes the device check (\`citizenJoins\`). The start is the click on the device check's
"Finish"; after it, in the page: \`POST /api/join\` (care-meet decides admission and mints the token),
\`livekit-client\` loaded (its chunk is fetched while the person is on the device check, so by then it is in the page), the room connected, the
camera and microphone published (the bare client publishes nothing), the meeting leader's camera subscribed
and drawn in her tile. Each join is checked to end on the meeting leader's tile, then the individual presses
Leave. **Bare client (A):** a page from a tiny \`node:http\` server that imports \`livekit-client\`
\`Room\` (bench's own dependency, bundled once per run with esbuild, loaded before the timed part; made with
\`singlePeerConnection: false\`, two peer connections, as care-meet's rooms are) and
connects with a token minted by \`livekit-server-sdk\`'s \`AccessToken\` for the same room (subscribe only,
its own identity, so care-meet counts it as a stranger), drawing the meeting leader's camera with
\`track.attach\` into a \`<video>\` when it is subscribed. The start is the call to \`room.connect\`; leaving is
\`room.disconnect()\`. So A starts with the token and the library in hand, and B's figure includes getting
both: that is the difference the goal's ratio is about.

### (2) LiveKit webhook to the chair's event stream

${CYCLES} join + leave cycles of the individual: each takes a token from care-meet's \`POST /api/join\` (a session the
host vouched for), connects a \`livekit-client\` page with it, waits for \`participant-connected\` on the
chair's stream, disconnects, and waits for \`participant-disconnected\`.

${markdownTable(webhookTable(w), 1)}

(Nearest-rank again: of ${w.latency.n} webhooks, p99 is the ${Math.ceil(w.latency.n * 0.99)}th fastest.)

**What is measured.** LiveKit sends its webhooks to \`http://127.0.0.1:${WEBHOOK_PORT}/api/livekit/webhook\`
(\`CARE_MEET_WEBHOOK_PORT\`, default 7891). There \`bench/lib/webhook-timing-proxy.mjs\`, a child process,
notes the time each request arrives (its headers read) and forwards it unchanged to the demo's
\`POST /api/livekit/webhook\` (care-meet's server SDK checks the signature, drops a repeated event id,
records attendance and an audit row in SQLite, and publishes the event). The same child reads
\`GET /api/meetings/{id}/events\` with a session the host vouched for the meeting leader (the chair's stream:
the same route and code as her page's own) and notes when each event's bytes arrive; both times are that
process's \`performance.now()\`, away from this script's event loop. Each \`participant-connected\` /
\`participant-disconnected\` event about the individual is paired with the latest \`participant_joined\` /
\`participant_left\` webhook about her in the meeting's room that arrived before it. The figure includes the
proxy's own hop (a keep-alive connection on loopback). Alongside, the meeting leader's own page (the
\`<care-meeting>\` in her browser, reading the stream with \`fetch\`) notes when each event arrives there,
on the wall clock (\`performance.timeOrigin + performance.now()\` in both processes): that row also
includes Chromium's network stack. The webhooks' own \`createdAt\` is not used: it has whole seconds only.
${w.webhooksSeen} webhooks about the individual arrived for ${w.events} events
(${w.expected} expected; ${w.unpaired} events without a webhook, ${w.dupes} repeated deliveries, ${w.badStatus} answered other than 200);
departures came as ${w.leftKinds.map((k) => `\`${k}\``).join(' and ') || 'nothing'}.
`;
}

// ---- main ---------------------------------------------------------------------------------------

async function main() {
  const startedAt = Date.now();
  const { samples: loadSamples, stop: stopSampling } = sampleLoad();
  const watchdogMs = (240 + (JOINS + 1) * 2 * 60 + CYCLES * 25) * 1000;
  const tmp = mkdtempSync(join(os.tmpdir(), 'care-meet-media-bench-'));
  const organizerKey = 'bench-organizer-' + Math.random().toString(36).slice(2).padEnd(16, 'x');
  let browser = null;
  let demo = null;
  let baseline = null;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    await demo?.close().catch(() => {});
    await baseline?.close().catch(() => {});
    await stopAllChildren();
    rmSync(tmp, { recursive: true, force: true });
  };
  const disarm = stopsItself(watchdogMs, cleanup);

  try {
    await preconditions();
    log(`media benchmark: LiveKit at ${LIVEKIT_URL}, webhooks to 127.0.0.1:${WEBHOOK_PORT}; ${JOINS} joins per side (+1 warm-up), ${CYCLES} webhook cycles`);
    const harness = await tsImport('../test/e2e/harness.ts', import.meta.url);
    const steps = await tsImport('../test/real-livekit/meeting-steps.ts', import.meta.url);
    const { freePort } = await tsImport('../test/free-port.ts', import.meta.url);

    const bundle = await bundleLivekitClient();
    baseline = await startBaselineServer(bundle);
    log(`bare client: livekit-client bundled with esbuild (${(bundle.length / 1024).toFixed(0)} KiB), served at ${baseline.url}`);

    let demoEntry;
    try {
      demoEntry = snapshotDemo(ROOT, join(tmp, 'build'));
    } catch (e) {
      throw new BenchError(e.message);
    }
    const demoPort = await freePort();
    const proxy = await startProxy(`http://127.0.0.1:${demoPort}`, join(tmp, 'proxy.log'));
    demo = await startDemo(demoEntry, {
      port: demoPort,
      livekitUrl: LIVEKIT_URL,
      dataDir: join(tmp, 'demo-data'),
      // Meetings without end-to-end encryption (the demo's default is with): the bare page holds no
      // key, and would get pictures it cannot decode. bench/e2ee-cpu.bench.mjs measures encryption's cost.
      env: { CARE_MEET_ORGANIZER_KEY: organizerKey, CARE_MEET_E2EE: 'off' },
    });
    if (!/^LiveKit at /.test(demo.media)) throw new BenchError(`the demo does not use the LiveKit at ${LIVEKIT_URL}; it says: ${demo.media}`);
    log(
      `care-meet: the demo (from a copy of its build) at ${demo.url} (${demo.media}); LiveKit's webhooks reach it through the timing proxy on :${WEBHOOK_PORT}`,
    );

    browser = await harness.launchBrowser();
    const chromium = browser.version();
    const chair = await steps.newPerson(browser, TIMING_SCRIPT);
    const meetingId = await steps.bookMeeting(chair.page, demo);
    await steps.chairJoins(chair.page, demo, meetingId);
    const chairIdentity = (await steps.localTile(chair.page).getAttribute('data-identity', { timeout: 10_000 })) ?? '';
    let roomName = '';
    const deadline = Date.now() + 20_000;
    while (!roomName && Date.now() < deadline) {
      for (const room of await rooms().listRooms()) {
        const people = await rooms().listParticipants(room.name);
        const leader = people.find((x) => x.identity === chairIdentity);
        if (leader && leader.tracks.some((t) => t.type === 1 /* VIDEO */)) roomName = room.name;
      }
      if (!roomName) await sleep(250);
    }
    if (!roomName) throw new BenchError(`LiveKit does not list the meeting leader (${chairIdentity}) publishing video in a room within 20 s`);
    log(`meeting ${meetingId}: the meeting leader ${chairIdentity} publishes her camera in LiveKit room ${roomName}; Chromium ${chromium}`);

    const ctx = { browser, steps, demo, baseline, meetingId, roomName, chairIdentity, organizerKey, chair };
    log('\n(1) press Join → first remote frame (A = bare livekit-client, B = care-meet)');
    await attempt(joinBare, ctx, 'A0');
    await attempt(joinCareMeet, ctx, 'B0');
    log('  (A0 and B0 were warm-up, discarded)');
    const rows = [];
    for (let i = 1; i <= JOINS; i++) {
      rows.push(await attempt(joinBare, ctx, `A${i}`));
      rows.push(await attempt(joinCareMeet, ctx, `B${i}`));
    }
    const bare = summarize(rows.filter((r) => r.side === 'bare'));
    const care = summarize(rows.filter((r) => r.side === 'care-meet'));
    if (bare.n < Math.ceil(JOINS / 2) || care.n < Math.ceil(JOINS / 2)) {
      throw new BenchError(`too many joins failed to measure anything (bare ${bare.failed}, care-meet ${care.failed} of ${JOINS})`);
    }
    log('');
    log(textTable(joinTable(bare, care)));
    log('');
    log(textTable(phaseTable(bare, care)));

    log(`\n(2) LiveKit webhook → the chair's event stream, ${CYCLES} join + leave cycles`);
    const w = await webhookToStream(ctx, proxy);
    log('');
    log(textTable(webhookTable(w)));
    log(
      `webhooks about the individual: ${w.webhooksSeen} (${w.dupes} repeated, ${w.badStatus} not answered 200); events: ${w.events}, unpaired: ${w.unpaired}; departures as ${w.leftKinds.join(', ')}`,
    );

    const v = verdicts(bare, care, w);
    log('');
    log(
      `goal care-meet p50 ≤ ${GOAL.ratio}× bare: ${v.r50Ok ? 'met' : 'NOT met'} (${v.r50.toFixed(2)}×: ${fmtMs(care.total.p50)} vs ${fmtMs(bare.total.p50)} ms)`,
    );
    log(
      `goal care-meet p95 ≤ ${GOAL.ratio}× bare: ${v.r95Ok ? 'met' : 'NOT met'} (${v.r95.toFixed(2)}×: ${fmtMs(care.total.p95)} vs ${fmtMs(bare.total.p95)} ms)`,
    );
    log(`goal care-meet p95 ≤ ${GOAL.p95Ms} ms: ${v.p95Ok ? 'met' : 'NOT met'} (${fmtMs(care.total.p95)} ms)`);
    log(`goal webhook → chair's stream p99 ≤ ${GOAL.webhookP99Ms} ms: ${v.hookOk ? 'met' : 'NOT met'} (${fmtMs(w.latency.p99)} ms)`);
    if (!v.failedOk) log(`failed joins: bare ${bare.failed}, care-meet ${care.failed}`);

    const minutes = ((Date.now() - startedAt) / 60_000).toFixed(1);
    if (WRITE_DOCS) {
      const when = utcMinute();
      const livekit = livekitVersion(ROOT);
      await writeDocSection(
        DOCS,
        'media',
        docsSection({ when, m: machine(), chromium, livekitVersion: livekit, rows, bare, care, w, v, minutes, load: stats(loadSamples) }),
      );
      log(`wrote the media section of ${fileURLToPath(DOCS)}`);
    }
    const load = stats(loadSamples);
    log(
      `1-minute load average during the run: ${load.min.toFixed(1)} to ${load.max.toFixed(1)} (mean ${load.mean.toFixed(1)}) on ${os.availableParallelism?.() ?? os.cpus().length} CPUs`,
    );
    log(`took ${minutes} min`);
    return v.r50Ok && v.r95Ok && v.p95Ok && v.hookOk && v.failedOk ? 0 : 1;
  } finally {
    disarm();
    stopSampling();
    await cleanup();
  }
}

runMain(main, BenchError);
