#!/usr/bin/env node
// What a browser downloads from packages/components/dist/browser/ (the build `pnpm run bundle`
// makes for hosts that load the elements with a script tag), path by path, each file gzipped on its
// own at level 9 as a server sends it. bench/bundle-size.mjs measures the same code as one bundle.
//
//   node bench/shipped-size.mjs                  measure dist/browser/ and print the table
//   node bench/shipped-size.mjs --check          the same, and exit 1 when a budget or rule below is broken
//   node bench/shipped-size.mjs --dir <folder>   measure another build (`rollup -c rollup.config.mjs --dir <folder>`)
//   node bench/shipped-size.mjs --files          also list each path's files with their gzip bytes
//
// A path starts at the module a host loads (`care-meeting.js`, `care-meet.js`, …) and follows the
// files it imports statically, and the dynamic imports that path triggers, as rollup wrote them in
// `import-graph.json` beside the files. Words are one language's: a string table's dynamic import
// of another language is not followed. Every language is measured; the largest counts.
//
// Budgets (issue 17, item 5), as downloaded, in one language:
//   pre-join (what <care-meeting> loads before the person presses Join: the identity and device-check steps,
//     not the room's code nor livekit-client)                                            ≤ 32 KiB gzip
//   the individual's whole path (steps, lobby, room, chat, evaluation, livekit-client)    ≤ 188 KiB
//   the chair's, i.e. the whole SDK (every element, the roster, the chair's tools)       ≤ 198 KiB
//   the device check alone                                                               ≤ 20 KiB
// livekit-client's `Room` chunk is reported on its own and compared with the figure recorded below,
// so that an upgrade that grows it is seen. Rules besides: no livekit-client before Join or in the
// device check; the chair's code (roster, Let in, chair tools) not downloaded by the individual
// unless a source module the individual needs imports it (then it is named, as a source change).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const KIB = 1024;
const root = fileURLToPath(new URL('../', import.meta.url));
const components = join(root, 'packages/components/');
const args = process.argv.slice(2);
const check = args.includes('--check');
const dirArg = args.indexOf('--dir');
const dir = dirArg >= 0 && args[dirArg + 1] ? resolve(args[dirArg + 1]) : join(components, 'dist/browser');

/**
 * livekit-client's `Room` (the chunk whose facade is src/core/livekit-room.ts), gzipped alone, as
 * recorded. `--check` fails when it grows past this by more than ROOM_SLACK: look at what the
 * upgrade added, then record the new figure here and in docs/benchmarks.md.
 */
const ROOM_RECORDED = { livekitClient: '2.23.0', gzip: 141341 };
const ROOM_SLACK = 512;
const ROOM_FACADE = 'src/core/livekit-room.ts';

/** Modules whose dynamic import a path does not follow: where it stops. */
const ROOM_VIEW = 'src/elements/meeting/room-view.ts';
const ROSTER_DEFINE = 'src/define/care-roster.ts';
/** The meeting leader's tools and Remove on the tiles: `room-view.ts` imports them dynamically, only when the join answer says `chair`. */
const CHAIR_TOOLS = 'src/elements/meeting/chair-room.ts';
const PATHS = [
  {
    key: 'prejoin',
    label: 'pre-join: `care-meeting.js`, the identity and device-check steps, before Join',
    entry: 'care-meeting.js',
    stopAt: [ROOM_VIEW, ROOM_FACADE, ROSTER_DEFINE],
    budget: 32 * KIB,
  },
  {
    key: 'individual',
    label: "the individual's whole path: steps, lobby, room, chat, evaluation, `livekit-client`",
    entry: 'care-meeting.js',
    stopAt: [ROSTER_DEFINE, CHAIR_TOOLS],
    budget: 188 * KIB,
  },
  { key: 'chair', label: "the chair's: the whole SDK (`care-meet.js`, every element, `livekit-client`)", entry: 'care-meet.js', stopAt: [], budget: 198 * KIB },
  { key: 'deviceCheck', label: 'the device check alone: `care-device-check.js`', entry: 'care-device-check.js', stopAt: [], budget: 20 * KIB },
];

/** The chair's own code: the roster, its words, the chair's tools, the confirmation they ask in, and the words of Let in, Remove and Turn away. */
const CHAIR_ONLY = [
  /^src\/define\/care-roster\.ts$/,
  /^src\/elements\/roster\//,
  /^src\/elements\/confirm-dialog\//,
  /^src\/styles\/button-styles\.ts$/,
  /^src\/core\/roster-(feed|view)\.ts$/,
  /^src\/events\/(roster|chair-tools)-events\.ts$/,
  /^src\/elements\/meeting\/(chair-room|tile-removal)\.ts$/,
  /^src\/elements\/meeting\/parts\/chair-tools\//,
  /^src\/i18n\/strings\/(\w+\/)?(roster|chair-actions)\.ts$/,
];
const LIVEKIT = /^node_modules\/livekit-client\//;
const WORDS = /^src\/i18n\/strings\/(\w+)\//;

const graphFile = join(dir, 'import-graph.json');
if (!existsSync(graphFile)) {
  console.error(`FAIL: ${graphFile} is missing: build the browser bundles first (pnpm run bundle, after the packages' builds).`);
  process.exit(1);
}
/** @type {{ files: Record<string, { entry: boolean, facade: string | null, imports: string[], dynamicImports: string[], modules: string[] }>, modules: Record<string, string[]> }} */
const graph = JSON.parse(readFileSync(graphFile, 'utf8'));
const problems = [];
const notes = [];

// The graph must be the files': each one there, nothing else beside them, each import in its file's text.
const onDisk = [];
(function walk(folder) {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.js')) onDisk.push(relative(dir, path).split('\\').join('/'));
  }
})(dir);
const text = new Map();
/**
 * livekit-client's E2EE worker (rollup.config.mjs writes it; issue #19): a Worker's script, not a
 * module any path imports, loaded only when someone joins a meeting encrypted end to end. Measured
 * on its own below.
 */
const E2EE_WORKER = 'e2ee-worker.js';
for (const file of onDisk) {
  if (file === E2EE_WORKER) continue;
  if (!graph.files[file]) problems.push(`${file} is in ${dir} but not in import-graph.json: a stale build? (pnpm run bundle cleans the folder)`);
}
for (const [file, info] of Object.entries(graph.files)) {
  if (!onDisk.includes(file)) {
    problems.push(`import-graph.json names ${file}, which is not in ${dir}`);
    continue;
  }
  const code = readFileSync(join(dir, file));
  text.set(file, code);
  // (A dynamic import of a file that is already loaded may be rendered without naming it.)
  for (const imported of info.imports) {
    if (!code.includes(basename(imported))) problems.push(`${file} does not import ${imported} as import-graph.json says: the graph is not this build's`);
  }
}
if (problems.length) finish(true);

const size = new Map([...text].map(([file, code]) => [file, { raw: code.length, gzip: gzipSync(code, { level: 9 }).length }]));
const facadeFile = new Map(Object.entries(graph.files).flatMap(([file, info]) => (info.facade ? [[info.facade, file]] : [])));
const langs = [...new Set(Object.keys(graph.modules).flatMap((id) => WORDS.exec(id)?.[1] ?? []))].sort();
if (!langs.length) problems.push('no words (modules under src/i18n/strings/<lang>/) in import-graph.json: the measurement is wrong');
for (const id of [ROOM_VIEW, ROSTER_DEFINE, CHAIR_TOOLS]) {
  if (!Object.values(graph.files).some((info) => info.modules.includes(id)))
    problems.push(`no file in ${dir} holds ${id}: the paths below stop at it, so this bench needs updating`);
}
if (!facadeFile.has(ROOM_FACADE)) problems.push(`no file in ${dir} has ${ROOM_FACADE} as its facade: livekit-client's Room must be a chunk of its own`);

/** The files one path downloads in one language, and the modules they hold. */
function walkPath(path, lang) {
  const files = new Set();
  const facades = new Set();
  const queue = [path.entry];
  while (queue.length) {
    const file = queue.pop();
    if (files.has(file)) continue;
    const info = graph.files[file];
    if (!info) {
      problems.push(`${path.key}: ${file} is imported but not built`);
      continue;
    }
    files.add(file);
    if (info.facade) facades.add(info.facade);
    queue.push(...info.imports);
    for (const target of info.dynamicImports) {
      // A file of one language's words is followed in that language only (a file mixing languages
      // is followed, and reported below); any other file unless it holds a module the path stops at.
      const held = graph.files[target]?.modules ?? [];
      const words = new Set(held.flatMap((id) => WORDS.exec(id)?.[1] ?? []));
      if (words.size === 1 ? words.has(lang) : !held.some((id) => path.stopAt.includes(id))) queue.push(target);
    }
  }
  const modules = new Set([...files].flatMap((file) => graph.files[file].modules));
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    raw += size.get(file).raw;
    gzip += size.get(file).gzip;
  }
  return { lang, files, facades, modules, raw, gzip };
}

/**
 * The modules a path needs, however they are cut into files: from the entry's module, by the
 * source's static imports and the dynamic imports the path follows (the same rules as the files').
 * Each with the module that imports it, to name a chain.
 */
function needed(path, lang) {
  const start = graph.files[path.entry].facade;
  const parent = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const id = queue.pop();
    const { imports = [], dynamicImports = [] } = graph.modules[id] ?? {};
    const follow = dynamicImports.filter((next) => {
      const words = WORDS.exec(next)?.[1];
      return words ? words === lang : !path.stopAt.includes(next);
    });
    for (const next of [...imports, ...follow]) {
      if (!parent.has(next)) {
        parent.set(next, id);
        queue.push(next);
      }
    }
  }
  return parent;
}
/** A list, the first few of it. */
const few = (items, n = 4) => (items.length > n ? `${items.slice(0, n).join(', ')} and ${items.length - n} more` : items.join(', '));
const chain = (parent, id) => {
  const links = [];
  for (let at = id; at !== null && at !== undefined; at = parent.get(at)) links.unshift(at);
  return links.join(' → ');
};

const results = {};
for (const path of PATHS) {
  const byLang = langs.map((lang) => walkPath(path, lang));
  const largest = byLang.reduce((a, b) => (b.gzip > a.gzip ? b : a));
  results[path.key] = { path, largest, byLang };
  for (const result of byLang) {
    const others = [...result.modules].filter((id) => WORDS.exec(id) && WORDS.exec(id)[1] !== result.lang);
    if (others.length) problems.push(`${path.key} (${result.lang}) downloads another language's words: ${few(others)}`);
    if (![...result.modules].some((id) => WORDS.exec(id)?.[1] === result.lang))
      problems.push(`${path.key} (${result.lang}) has none of its language's words: the measurement is wrong`);
  }
}
const { individual, chair } = results;

for (const key of ['prejoin', 'deviceCheck']) {
  const livekit = [...results[key].largest.modules].filter((id) => LIVEKIT.test(id));
  if (livekit.length) problems.push(`${key} downloads livekit-client (${livekit.length} modules, e.g. ${livekit[0]}): it must load only when the person joins`);
}
if (![...individual.largest.modules].some((id) => LIVEKIT.test(id))) problems.push('the individual path lacks livekit-client: the measurement is wrong');
if (chair.largest.files.size < Object.keys(graph.files).length / (langs.length || 1))
  problems.push('the whole SDK reaches fewer files than expected: the measurement is wrong');

// The chair's code on the individual's path: a chunking fault (fail) unless the source needs it (named, as a source change).
const individualNeeds = needed(individual.path, individual.largest.lang);
for (const id of [...individual.largest.modules].filter((m) => CHAIR_ONLY.some((re) => re.test(m)))) {
  const file = [...individual.largest.files].find((f) => graph.files[f].modules.includes(id));
  if (individualNeeds.has(id)) notes.push(`chair-only ${id} (in ${file}) is imported statically by what the individual needs: ${chain(individualNeeds, id)}`);
  else problems.push(`chair-only ${id} is downloaded by the individual only because the build put it in ${file}`);
}
// Any module the path downloads but does not need: the cost of merging chunks.
for (const key of ['prejoin', 'individual', 'deviceCheck']) {
  const { path, largest } = results[key];
  const needs = needed(path, largest.lang);
  const extra = [...largest.modules].filter((id) => !needs.has(id));
  if (extra.length) notes.push(`${key} downloads ${extra.length} module(s) it does not import (merged into its files): ${few(extra)}`);
}

// livekit-client's Room, alone.
const roomFile = facadeFile.get(ROOM_FACADE);
const room = roomFile ? { file: roomFile, ...size.get(roomFile) } : null;
const livekitVersion = (() => {
  try {
    const require = createRequire(join(components, 'package.json'));
    return JSON.parse(readFileSync(join(require.resolve('livekit-client').replace(/dist[\\/].*$/, ''), 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
})();
if (room) {
  const strangers = graph.files[roomFile].modules.filter((id) => id !== ROOM_FACADE && !id.startsWith('node_modules/'));
  if (strangers.length)
    problems.push(`the Room chunk ${roomFile} also holds care-meet's own modules (${strangers.join(', ')}): it would no longer be livekit-client alone`);
  const delta = room.gzip - ROOM_RECORDED.gzip;
  if (delta > ROOM_SLACK)
    problems.push(
      `livekit-client's Room chunk is ${room.gzip} bytes gzip (livekit-client ${livekitVersion}), ${delta} bytes more than recorded (${ROOM_RECORDED.gzip} with ${ROOM_RECORDED.livekitClient}): see what grew, then record the new figure in bench/shipped-size.mjs`,
    );
  else if (delta !== 0)
    notes.push(
      `livekit-client's Room chunk is ${delta > 0 ? '+' : ''}${delta} bytes gzip against the recorded ${ROOM_RECORDED.gzip} (${ROOM_RECORDED.livekitClient}; now ${livekitVersion})`,
    );
}

for (const path of PATHS) {
  const { largest } = results[path.key];
  if (largest.gzip > path.budget)
    problems.push(`${path.key} is ${kib(largest.gzip)} KiB gzip as downloaded (in ${largest.lang}); the budget is ${kib(path.budget)} KiB`);
}

const worker = onDisk.includes(E2EE_WORKER)
  ? (() => {
      const code = readFileSync(join(dir, E2EE_WORKER));
      return { raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
    })()
  : null;
if (!worker) problems.push(`${E2EE_WORKER} is not in ${dir}: an encrypted meeting could not start its worker`);

function kib(bytes) {
  return (bytes / KIB).toFixed(1);
}

const table = [
  '| path (one language, the largest) | files | raw KiB | gzip KiB | budget | | gzip KiB per language |',
  '| --- | ---: | ---: | ---: | ---: | --- | --- |',
  ...PATHS.map((path) => {
    const { largest, byLang } = results[path.key];
    const ok = largest.gzip <= path.budget;
    return `| ${path.label} | ${largest.files.size} | ${kib(largest.raw)} | **${kib(largest.gzip)}** | ≤ ${kib(path.budget)} | ${ok ? 'met' : '**over**'} | ${byLang.map((r) => `${r.lang} ${kib(r.gzip)}`).join(', ')} |`;
  }),
  ...(room
    ? [
        `| … of which \`livekit-client\`'s \`Room\` chunk (${livekitVersion}), pinned at ${kib(ROOM_RECORDED.gzip)} | 1 | ${kib(room.raw)} | **${kib(room.gzip)}** | | | |`,
      ]
    : []),
  ...(worker
    ? [
        `| an encrypted meeting's extra: \`${E2EE_WORKER}\` (livekit-client's E2EE worker, fetched on Join) | 1 | ${kib(worker.raw)} | **${kib(worker.gzip)}** | | | |`,
      ]
    : []),
].join('\n');

console.log(`\n${table}\n`);
const verbose = args.includes('--files');
for (const path of PATHS) {
  const { largest } = results[path.key];
  if (verbose) {
    console.log(`${path.key} (${largest.lang}):`);
    for (const file of [...largest.files].sort()) console.log(`  ${String(size.get(file).gzip).padStart(7)}  ${file}`);
  }
}
for (const note of notes) console.log(`note: ${note}`);
finish();

/** Says what is broken; exits 1 with `--check`, or always when the build cannot be measured (`fatal`). */
function finish(fatal = false) {
  for (const problem of problems) console.error(`${check || fatal ? 'FAIL' : 'over (--check fails)'}: ${problem}`);
  if (problems.length && (check || fatal)) process.exit(1);
  if (!problems.length) console.log('every budget and rule met');
}
