#!/usr/bin/env node
// Runs Node's test runner over every *.test.ts / *.test.mjs file under the folders given, with tsx
// as the TypeScript loader. Node 20 has no glob support in `--test`, so the files are listed here.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const roots = process.argv.slice(2);
if (roots.length === 0) roots.push('.');
const files = [];
function walk(dir) {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.test\.(ts|mts|mjs)$/.test(entry)) files.push(path);
  }
}
for (const root of roots) walk(resolve(root));
if (files.length === 0) {
  console.error(`run-node-tests: no test files under ${roots.join(', ')}`);
  process.exit(1);
}
files.sort();
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
