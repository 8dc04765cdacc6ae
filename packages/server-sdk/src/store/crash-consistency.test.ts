// Issue 14, "a crash leaves half-done work": a child process books, redeems, ends and takes webhooks
// against a SQLite file and is killed with SIGKILL, right after a chosen store step or at a random
// moment; the file is then opened again and must hold each change with its dependent rows, or
// neither. (See test-support/crash-workload.ts for what the child does.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { CareMeet } from '../care-meet.js';
import { SqliteMeetingStore } from './sqlite-store.js';
import { API_KEY, API_SECRET, ORGANIZER_KEY, TestClock, eventually } from '../test-support/harness.js';
import { RecordingRoomControl, signWebhook } from '../test-support/recording-room-control.js';

const workload = fileURLToPath(new URL('../test-support/crash-workload.ts', import.meta.url));

/**
 * The workload as one plain ES module, built once: a child then starts in a third of the time it
 * takes through tsx. It goes under the package's node_modules/.cache so that the packages it
 * leaves out (better-sqlite3, livekit-server-sdk, …) resolve from there.
 */
async function bundleWorkload(): Promise<string> {
  const dir = fileURLToPath(new URL('../../node_modules/.cache/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `crash-workload-${process.pid}.mjs`);
  await build({ entryPoints: [workload], outfile, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
  return outfile;
}

/**
 * Kill points: right after the `nth` call of a store method matching `after` has returned. Each
 * costs a process start (about half a second), so the steps the issue names; the other steps
 * (vouching, adding a participant) are caught mid-way by these and by the random kills, since
 * four meetings run at once.
 */
const KILL_POINTS = [
  { after: '^createMeeting$', nth: 3 },
  { after: '^redeemInvitation$', nth: 2 },
  { after: '^redeemInvitationWithSmsCode$', nth: 2 },
  // The first store step of a webhook: the event taken, nothing done yet.
  { after: 'WebhookEvent$', nth: 1 },
  { after: '^endMeeting$', nth: 2 },
] as const;
/** Runs killed from outside at a random moment (mid-transaction included). */
const RANDOM_KILLS = 1;

interface Run {
  name: string;
  file: string;
}

/** Runs the workload until it dies; with no kill point, kills it `randomMs` after it is ready. */
function runChild(
  script: string,
  file: string,
  point: { after: string; nth: number } | null,
  randomMs: number,
): Promise<{ signal: NodeJS.Signals | null; code: number | null; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, CRASH_DB: file };
  if (point) Object.assign(env, { CRASH_KILL_AFTER: point.after, CRASH_KILL_NTH: String(point.nth) });
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const safety = setTimeout(() => child.kill('SIGKILL'), 20_000);
  child.stdout.on('data', (d: Buffer) => {
    if (!point && d.toString().includes('ready')) setTimeout(() => child.kill('SIGKILL'), randomMs);
  });
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      clearTimeout(safety);
      resolve({ signal, code, stderr });
    }),
  );
}

/** What must hold in any file the workload leaves, however it was stopped: one line per breach. */
function breaches(file: string): string[] {
  const db = new Database(file);
  try {
    const ids = (sql: string) => (db.prepare(sql).all() as Array<{ id: string }>).map((r) => r.id);
    const found: string[] = [];
    const expect = (what: string, rows: string[]) => {
      if (rows.length > 0) found.push(`${what}: ${rows.join(', ')}`);
    };
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    expect(
      'a used invitation without its session',
      ids(`SELECT participant_id AS id FROM invitations i WHERE used_at IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.participant_id = i.participant_id)`),
    );
    expect(
      'a redeemed invitation whose typed name is missing (or a typed name without redemption)',
      ids(`SELECT p.id FROM participants p JOIN invitations i ON i.participant_id = p.id
           WHERE p.identity_kind = 'guest' AND (i.used_at IS NOT NULL) <> (p.typed_name IS NOT NULL)`),
    );
    expect(
      'an "invite.redeem" entry for an invitation not used',
      ids(`SELECT a.participant_id AS id FROM audit a JOIN invitations i ON i.participant_id = a.participant_id
           WHERE a.action = 'invite.redeem' AND a.outcome = 'ok' AND i.used_at IS NULL`),
    );
    expect(
      'sessions and "session.created" entries that do not match',
      ids(`SELECT s.participant_id AS id FROM sessions s GROUP BY s.participant_id
           HAVING count(*) <> (SELECT count(*) FROM audit a WHERE a.participant_id = s.participant_id AND a.action = 'session.created')`),
    );
    expect(
      'a meeting without "meeting.booked"',
      ids(`SELECT id FROM meetings m WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.meeting_id = m.id AND a.action = 'meeting.booked')`),
    );
    expect(
      'an ended meeting without "meeting.ended"',
      ids(
        `SELECT id FROM meetings m WHERE ended_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.meeting_id = m.id AND a.action = 'meeting.ended')`,
      ),
    );
    expect(
      'a participant added after booking without "participant.registered"',
      ids(`SELECT id FROM participants p WHERE role = 'staff'
           AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.participant_id = p.id AND a.action = 'participant.registered')`),
    );
    return found;
  } finally {
    db.close();
  }
}

/**
 * The server started again on the file: LiveKit's next delivery of every webhook the dead process
 * took is acted on (once its claim has lapsed), and the rooms it was still deleting are deleted.
 */
async function restartOn(file: string): Promise<string[]> {
  const found: string[] = [];
  const store = new SqliteMeetingStore({ filename: file, checkpointInBackground: false });
  const rooms = new RecordingRoomControl();
  // Minutes after the child's clock: any claim it held has lapsed.
  const careMeet = await CareMeet.create({
    store,
    livekit: { url: 'ws://127.0.0.1:7880', apiKey: API_KEY, apiSecret: API_SECRET },
    organizerKey: ORGANIZER_KEY,
    roomControl: rooms,
    clock: new TestClock('2026-12-01T10:05:00+01:00').now,
    // The killed child's lease on the retries lapses within its 500 ms; this one takes it over then.
    roomDeletionRetry: { firstRetryMs: 10, maxRetryMs: 50, attemptTimeoutMs: 500, leaseMs: 300 },
  });
  try {
    const db = new Database(file, { readonly: true });
    const events = db.prepare('SELECT id FROM webhook_events').all() as Array<{ id: string }>;
    db.close();
    for (const { id } of events) {
      const meetingId = id.replace(/^EV_egress_/, '');
      const meeting = await store.getMeeting(meetingId);
      const stopped = (await store.listAudit(meetingId)).some((e) => e.action === 'egress.stopped');
      const body = JSON.stringify({ id, event: 'egress_started', egressInfo: { egressId: `EG_${meetingId}`, roomName: meeting?.roomName } });
      const answer = await careMeet.handleWebhook(body, await signWebhook(body, API_KEY, API_SECRET));
      if (!stopped && answer.duplicate) found.push(`webhook ${id} was taken, never acted on, and its next delivery is a "duplicate"`);
    }
    if (!(await eventually(async () => (await store.listRoomsToDelete()).length === 0)))
      found.push('rooms of ended meetings were never deleted after the restart');
  } finally {
    careMeet.close();
    await store.close();
  }
  return found;
}

test('issue 14: a process killed with SIGKILL at any step leaves each change with its session and audit entries, or neither', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'care-meet-crash-'));
  const script = await bundleWorkload();
  try {
    const runs: Array<Run & { point: { after: string; nth: number } | null; randomMs: number }> = [
      ...KILL_POINTS.map((point, i) => ({ name: `killed after ${point.after} #${point.nth}`, file: join(dir, `point-${i}.db`), point, randomMs: 0 })),
      ...Array.from({ length: RANDOM_KILLS }, (_, i) => {
        const randomMs = 20 + Math.floor(Math.random() * 300);
        return { name: `killed ${randomMs} ms after it was ready`, file: join(dir, `random-${i}.db`), point: null, randomMs };
      }),
    ];
    // Three children at a time: bounded in time on a small machine.
    const outcomes: Array<{ run: Run; signal: NodeJS.Signals | null; code: number | null; stderr: string }> = [];
    for (let i = 0; i < runs.length; i += 3) {
      outcomes.push(...(await Promise.all(runs.slice(i, i + 3).map(async (run) => ({ run, ...(await runChild(script, run.file, run.point, run.randomMs)) })))));
    }
    const problems: string[] = [];
    for (const { run, signal, code, stderr } of outcomes) {
      if (signal !== 'SIGKILL') {
        problems.push(`${run.name}: the child was not killed (exit ${code}): ${stderr.slice(0, 500)}`);
        continue;
      }
      for (const b of breaches(run.file)) problems.push(`${run.name}: ${b}`);
      for (const b of await restartOn(run.file)) problems.push(`${run.name}: ${b}`);
    }
    assert.deepEqual(problems, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(script, { force: true });
  }
});
