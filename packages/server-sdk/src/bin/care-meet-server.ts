#!/usr/bin/env node
// The sidecar: serves the care-meet HTTP API with the configuration from environment variables, so
// a portal written in another language can run it beside its own backend.
import { ENVIRONMENT, configFromEnv, createServer } from '../config.js';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(
    'care-meet-server: the care-meet HTTP API as a sidecar.\n\n' +
      'Usage: care-meet-server [--config FILE]   (--config FILE is CARE_MEET_CONFIG=FILE)\n\n' +
      'Environment (CARE_MEET_OIDC_BANKID_* likewise for SITHS, MITID, BANKID_NO and SUOMIFI):\n',
  );
  for (const [name, text] of Object.entries(ENVIRONMENT)) process.stdout.write(`  ${name.padEnd(46)} ${text}\n`);
  process.exit(0);
}

const configAt = process.argv.indexOf('--config');
const env = { ...process.env };
if (configAt >= 0) {
  const file = process.argv[configAt + 1];
  if (!file) {
    process.stderr.write('care-meet-server: --config needs the path of a JSON file\n');
    process.exit(2);
  }
  env.CARE_MEET_CONFIG = file;
}

try {
  const config = configFromEnv(env);
  const running = await createServer(config);
  if (config.summary) process.stderr.write(`care-meet-server: ${config.summary}\n`);
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
