#!/usr/bin/env node
// Runs the real-LiveKit suite; refuses to pretend when no server is named.
import { spawnSync } from 'node:child_process';
if (!process.env.LIVEKIT_URL) {
  console.error('test:livekit needs a real LiveKit server: set LIVEKIT_URL (and LIVEKIT_API_KEY, LIVEKIT_API_SECRET).');
  process.exit(2);
}
const r = spawnSync(process.execPath, ['../scripts/run-node-tests.mjs', 'real-livekit'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
