#!/usr/bin/env node
// The `care-meet-server` command: runs the compiled sidecar in dist/. The command points here, not
// into dist/, so that a workspace install (which links commands before anything is built) finds
// its file, and so that running it before a build says what to do instead of a stack trace.
const entry = new URL('../dist/bin/care-meet-server.js', import.meta.url);
try {
  await import(entry.href);
} catch (e) {
  if (e?.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes(entry.pathname)) {
    process.stderr.write('care-meet-server is not built yet: run `pnpm run build` in the care-meet repository first.\n');
    process.exit(1);
  }
  throw e;
}
