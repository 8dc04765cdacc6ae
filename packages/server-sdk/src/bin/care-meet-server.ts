#!/usr/bin/env node
// The sidecar: serves the care-meet HTTP API with the configuration from environment variables, so
// a portal written in another language can run it beside its own backend.
import { ENVIRONMENT, configFromEnv, createServer } from '../config.js';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write('care-meet-server: the care-meet HTTP API as a sidecar.\n\nEnvironment:\n');
  for (const [name, text] of Object.entries(ENVIRONMENT)) process.stdout.write(`  ${name.padEnd(28)} ${text}\n`);
  process.exit(0);
}

try {
  const running = await createServer(configFromEnv());
  process.stderr.write(`care-meet-server listening on ${running.url}\n`);
  const stop = () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  process.stderr.write(`care-meet-server: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
