// Two care-meet instances on one SQLite file, as two processes (or two servers) on one store would
// be, each with a LiveKit stand-in of its own so that a test tells their calls apart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CareMeet, type CareMeetOptions } from '../care-meet.js';
import { SqliteMeetingStore } from '../store/sqlite-store.js';
import { API_KEY, API_SECRET, ORGANIZER_KEY, TestClock } from './harness.js';
import { RecordingRoomControl } from './recording-room-control.js';

/** Instances `a` and `b` on one file; `close` closes both, their stores, and removes the file. */
export async function twoInstancesOnOneFile(options: Partial<CareMeetOptions> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'care-meet-two-'));
  const file = join(dir, 'care-meet.db');
  const base = {
    livekit: { url: 'ws://127.0.0.1:7880', apiKey: API_KEY, apiSecret: API_SECRET },
    organizerKey: ORGANIZER_KEY,
    clock: new TestClock('2026-12-01T09:55:00+01:00').now,
    ...options,
  };
  const roomsA = new RecordingRoomControl();
  const roomsB = new RecordingRoomControl();
  const storeA = new SqliteMeetingStore({ filename: file, checkpointInBackground: false });
  const storeB = new SqliteMeetingStore({ filename: file, checkpointInBackground: false });
  const a = await CareMeet.create({ ...base, store: storeA, roomControl: roomsA });
  const b = await CareMeet.create({ ...base, store: storeB, roomControl: roomsB });
  return {
    a,
    b,
    roomsA,
    roomsB,
    storeA,
    storeB,
    async close() {
      await a.close();
      await b.close();
      await storeA.close();
      await storeB.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
