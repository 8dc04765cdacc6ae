#!/usr/bin/env node
// What end-to-end encryption (issue #19) costs the browsers in CPU, against a real LiveKit server
// and Debian's Chromium: the same two-person meeting (the individual and the relative, each in the
// demo portal's inbox page, camera and microphone on, each receiving the other) booked once with
// `e2ee: true` (A) and once with `e2ee: false` (B) through the organizer API, alternating A B A B.
// In each round a fresh Chromium holds both people; once both see each other, the CPU time of every
// Chromium process (utime + stime from /proc/<pid>/stat, the browser, its renderers, GPU and
// utility processes) is read at the start and the end of the same window. The figure is the CPU
// seconds per wall second, and the ratio A/B. Also the size of the worker each encrypted join
// fetches (dist/browser/e2ee-worker.js, gzip -9).
//
// Run it inside a private loopback-only network namespace with the repo's LiveKit, from the
// repository root (after `pnpm run build`):
//
//   pnpm run bench:e2ee
//   (bash scripts/loopback-only.sh bash scripts/livekit-server.sh run \
//      --webhook http://127.0.0.1:7892/api/livekit/webhook -- node bench/e2ee-cpu.bench.mjs)
//
//   node bench/e2ee-cpu.bench.mjs --check   the same, leaving docs/benchmarks.md alone
//
// Environment:
//   LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET   the LiveKit server (scripts/livekit-server.sh sets them)
//   CARE_MEET_WEBHOOK_PORT   the demo's port, where LiveKit's webhooks go (default 7892; must match --webhook)
//   BENCH_ROUNDS             A B pairs, 1-10 (default 2)
//   BENCH_WINDOW_S           the measured window in seconds, 5-120 (default 20)
//
// Exit 0 when it measured (there is no goal: the figure is reported), 2 when it could not.
// Linux only (/proc). Not part of the test command; run it by hand.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { tsImport } from 'tsx/esm/api';
import { snapshotDemo, startDemo } from './lib/demo-snapshot.mjs';
import { intEnv } from './lib/env.mjs';
import { writeDocSection } from './lib/docs-section.mjs';
import { machine } from './lib/machine.mjs';
import { utcMinute } from './lib/run.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DOCS = new URL('../docs/benchmarks.md', import.meta.url);
const WORKER = join(ROOT, 'packages', 'components', 'dist', 'browser', 'e2ee-worker.js');
const ROUNDS = intEnv('BENCH_ROUNDS', 2, 1, 10);
const WINDOW_S = intEnv('BENCH_WINDOW_S', 20, 5, 120);
const PORT = intEnv('CARE_MEET_WEBHOOK_PORT', 7892, 1, 65535);
const WRITE_DOCS = !process.argv.includes('--check');
const LIVEKIT_URL = process.env.LIVEKIT_URL ?? '';
/** The demo's inbox citizens (packages/test-idp's TEST_USERS). */
const PEOPLE = [
  { who: 'esther', name: 'Esther Exempel', role: 'individual', pnr: '19121212-1212' },
  { who: 'rut', name: 'Rut Exempel', role: 'relative', pnr: '19850709-9920' },
];
const TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

const log = (line) => process.stdout.write(`${line}\n`);
class BenchError extends Error {}

/**
 * Every Chromium process started by this benchmark (descendants of this process whose command is
 * Chromium's: the browser, its zygotes, renderers, GPU and utility processes; never another
 * Chromium on the machine), with its CPU time so far in seconds (utime + stime).
 */
function chromiumCpu() {
  const all = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    // Fields after the command: state is [0], ppid [1], utime (the 14th of the line) [11], stime [12].
    all.push({ pid: Number(entry), ppid: Number(fields[1]), comm, seconds: (Number(fields[11]) + Number(fields[12])) / TICKS });
  }
  const ours = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of all) {
      if (ours.has(r.pid) || !ours.has(r.ppid)) continue;
      ours.add(r.pid);
      grew = true;
    }
  }
  return all.filter((r) => r.pid !== process.pid && ours.has(r.pid) && /chrom/i.test(r.comm));
}

/** CPU seconds the Chromium processes used between two readings (processes present in both). */
function cpuBetween(before, after) {
  const start = new Map(before.map((r) => [r.pid, r.seconds]));
  return after.filter((r) => start.has(r.pid)).reduce((sum, r) => sum + (r.seconds - (start.get(r.pid) ?? 0)), 0);
}

async function api(url, { bearer, body }) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  return { status: res.status, json: JSON.parse(text || 'null'), text };
}

async function book(demo, organizerKey, e2ee) {
  const now = Date.now();
  const iso = (ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', '+00:00');
  const r = await api(`${demo.url}/api/meetings`, {
    bearer: organizerKey,
    body: {
      title: `E2EE CPU bench (${e2ee ? 'encrypted' : 'plain'})`,
      startsAt: iso(now - 5 * 60_000),
      endsAt: iso(now + 60 * 60_000),
      e2ee,
      participants: [
        { name: 'Anna Samordnare', role: 'chair', identity: { kind: 'hsa', hsaId: 'SE2321000016-A1B2' } },
        ...PEOPLE.map((p) => ({ name: p.name, role: p.role, identity: { kind: 'pnr', pnr: p.pnr } })),
      ],
    },
  });
  if (r.status !== 201) throw new BenchError(`POST /api/meetings: HTTP ${r.status}: ${r.text.slice(0, 200)}`);
  if (r.json.meeting.e2ee !== e2ee) throw new BenchError(`the meeting was booked with e2ee ${r.json.meeting.e2ee}, asked ${e2ee}`);
  return r.json.meeting.id;
}

/** One round: a fresh Chromium, both people in the meeting seeing each other, the CPU over the window. */
async function round(ctx, e2ee, label) {
  const { harness, steps, probe, demo, organizerKey } = ctx;
  const meetingId = await book(demo, organizerKey, e2ee);
  const browser = await harness.launchBrowser({ microphoneTone: true });
  try {
    const people = [];
    for (const p of PEOPLE) {
      const person = await steps.newPerson(browser, probe.MEDIA_PROBE_SCRIPT);
      // The inbox's meeting page (the portal vouches for the citizen's login); the inbox's list
      // holds only meetings booked in the EHR, and these are booked through the organizer API.
      await person.page.goto(`${demo.url}/inbox/meeting/${encodeURIComponent(meetingId)}?who=${p.who}&lang=en`);
      await harness.passDeviceCheck(person.page, 30_000);
      await steps.leaveControl(person.page).waitFor({ timeout: 30_000 });
      people.push(person);
    }
    const [a, b] = people;
    for (const [page, other] of [
      [a.page, PEOPLE[1].name],
      [b.page, PEOPLE[0].name],
    ]) {
      const frames = await probe.waitForFrames(steps.remoteTile(page, other).locator('video.video'), 30_000);
      if (!probe.flowing(frames)) throw new BenchError(`${label}: ${other}'s picture does not flow (${probe.describeFrames(frames)})`);
      const marked = (await page.locator('care-meeting .notice.encrypted').count()) > 0;
      if (marked !== e2ee)
        throw new BenchError(`${label}: the page ${marked ? 'shows' : 'does not show'} the encrypted mark in a meeting booked with e2ee ${e2ee}`);
    }
    await new Promise((r) => setTimeout(r, 3_000)); // past the joins' own work
    // Frames decoded by both pages: on 2 busy cores Chromium's encoders adapt (fewer frames, smaller
    // pictures) to the CPU they get, so the CPU per decoded frame is reported beside the CPU rate.
    const decoded = async () => {
      let n = 0;
      for (const person of people) for (const s of await probe.inboundStreams(person.page)) if (s.kind === 'video') n += s.framesDecoded;
      return n;
    };
    const framesBefore = await decoded();
    const before = chromiumCpu();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, WINDOW_S * 1000));
    const after = chromiumCpu();
    const wall = (performance.now() - t0) / 1000;
    const frames = (await decoded()) - framesBefore;
    // Still flowing at the end: the window measured a running meeting.
    const end = await probe.sampleVideo(steps.remoteTile(a.page, PEOPLE[1].name).locator('video.video'), 1_000);
    if (!probe.flowing(end, 3)) throw new BenchError(`${label}: the picture stopped during the window (${probe.describeFrames(end)})`);
    const cpu = cpuBetween(before, after);
    const load = os.loadavg()[0];
    const perFrame = frames > 0 ? (cpu * 1000) / frames : NaN;
    log(
      `  ${label} ${e2ee ? 'E2EE ' : 'plain'}  ${cpu.toFixed(2)} CPU s in ${wall.toFixed(1)} s = ${(cpu / wall).toFixed(3)} CPU s/s; ${frames} frames decoded = ${perFrame.toFixed(1)} CPU ms per frame  (${after.length} Chromium processes; at the end ${probe.describeFrames(end)}; load ${load.toFixed(2)})`,
    );
    return { e2ee, cpu, wall, rate: cpu / wall, frames, perFrame, load };
  } finally {
    await browser.close().catch(() => {});
  }
}

async function main() {
  if (!/^ws:\/\/127\.0\.0\.1:\d+\/?$/.test(LIVEKIT_URL)) throw new BenchError(`LIVEKIT_URL must be a LiveKit on 127.0.0.1; run it with pnpm run bench:e2ee`);
  const worker = readFileSync(WORKER);
  const workerGzip = gzipSync(worker, { level: 9 }).length;
  const tmp = mkdtempSync(join(os.tmpdir(), 'care-meet-e2ee-bench-'));
  const organizerKey = `bench-organizer-${Math.random().toString(36).slice(2).padEnd(16, 'x')}`;
  let demo = null;
  try {
    const harness = await tsImport('../test/e2e/harness.ts', import.meta.url);
    const steps = await tsImport('../test/real-livekit/meeting-steps.ts', import.meta.url);
    const probe = await tsImport('../test/real-livekit/media-probe.ts', import.meta.url);
    let entry;
    try {
      entry = snapshotDemo(ROOT, join(tmp, 'build'));
    } catch (e) {
      throw new BenchError(e.message);
    }
    demo = await startDemo(entry, { port: PORT, livekitUrl: LIVEKIT_URL, dataDir: join(tmp, 'demo-data'), env: { CARE_MEET_ORGANIZER_KEY: organizerKey } });
    if (!/^LiveKit at /.test(demo.media)) throw new BenchError(`the demo does not use the LiveKit at ${LIVEKIT_URL}; it says: ${demo.media}`);
    log(`E2EE CPU benchmark: ${ROUNDS} × (A = e2ee, B = plain), ${WINDOW_S} s windows, two people in one Chromium per round; LiveKit at ${LIVEKIT_URL}`);
    const ctx = { harness, steps, probe, demo, organizerKey };
    const rows = [];
    for (let i = 1; i <= ROUNDS; i++) {
      rows.push(await round(ctx, true, `A${i}`));
      rows.push(await round(ctx, false, `B${i}`));
    }
    const mean = (list, key) => list.reduce((s, r) => s + r[key], 0) / list.length;
    const a = mean(
      rows.filter((r) => r.e2ee),
      'rate',
    );
    const b = mean(
      rows.filter((r) => !r.e2ee),
      'rate',
    );
    const ratio = a / b;
    const aFrame = mean(
      rows.filter((r) => r.e2ee),
      'perFrame',
    );
    const bFrame = mean(
      rows.filter((r) => !r.e2ee),
      'perFrame',
    );
    const frameRatio = aFrame / bFrame;
    const m = machine();
    const chromium = execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'])
      .toString()
      .trim();
    log(
      `\nmean: E2EE ${a.toFixed(3)} CPU s/s, plain ${b.toFixed(3)} CPU s/s: ratio ${ratio.toFixed(2)}×; per decoded frame E2EE ${aFrame.toFixed(1)} ms, plain ${bFrame.toFixed(1)} ms: ratio ${frameRatio.toFixed(2)}×`,
    );
    log(`worker: dist/browser/e2ee-worker.js ${(worker.length / 1024).toFixed(1)} KiB raw, ${(workerGzip / 1024).toFixed(1)} KiB gzip -9`);
    if (WRITE_DOCS) {
      let commit = 'unknown';
      try {
        commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
      } catch {}
      const when = utcMinute();
      const table = [
        '| round | meeting | Chromium CPU s | wall s | CPU s per s | frames decoded | CPU ms per frame | load (1 min) |',
        '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
        ...rows.map(
          (r, i) =>
            `| ${r.e2ee ? 'A' : 'B'}${Math.floor(i / 2) + 1} | ${r.e2ee ? 'E2EE' : 'plain'} | ${r.cpu.toFixed(2)} | ${r.wall.toFixed(1)} | ${r.rate.toFixed(3)} | ${r.frames} | ${r.perFrame.toFixed(1)} | ${r.load.toFixed(2)} |`,
        ),
      ].join('\n');
      await writeDocSection(
        DOCS,
        'e2ee-cpu',
        `CPU, from \`pnpm run bench:e2ee\` (bench/e2ee-cpu.bench.mjs), ${when}, commit ${commit} (with the working tree's changes), ${m.nproc} CPUs (${m.cpu}), load average ${m.load} at the end, ${chromium}, LiveKit from scripts/livekit-server.sh, all on loopback.
Two people (the individual and the relative, the demo's inbox pages, Chromium's fake camera and a steady tone for a microphone) in one meeting, each sending and receiving; a fresh Chromium per round; the CPU time of every Chromium process (/proc/<pid>/stat utime + stime) over the same ${WINDOW_S} s window once both see each other; A (booked \`e2ee: true\`) and B (\`e2ee: false\`) alternating:

${table}

**E2EE: ${ratio.toFixed(2)}× the browsers' CPU of the same meeting without it** (${a.toFixed(3)} against ${b.toFixed(3)} CPU seconds per second, both people together; mean of ${ROUNDS} rounds each), **${frameRatio.toFixed(2)}× per decoded frame** (${aFrame.toFixed(1)} against ${bFrame.toFixed(1)} CPU ms). Chromium took about one of the two cores in both, so the encoders adapted their frame rate and size to the CPU they got: the rate alone understates a cost, the per-frame figure is the fairer one, and neither separates the encryption (AES-GCM in the worker, a few Mbit/s) from the video encoding and decoding around it. The worker each encrypted join fetches: ${(worker.length / 1024).toFixed(1)} KiB raw, **${(workerGzip / 1024).toFixed(1)} KiB gzip -9**. On 2 shared cores the figures are noisy (LiveKit and the demo run beside Chromium); the ratio is the figure to compare.`,
      );
      log(`wrote the e2ee-cpu section of ${fileURLToPath(DOCS)}`);
    }
  } finally {
    await demo?.close().catch(() => {});
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e instanceof BenchError ? `e2ee bench: ${e.message}` : e);
    process.exit(2);
  },
);
