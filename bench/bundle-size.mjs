#!/usr/bin/env node
// What care-meet's elements cost a page, against LiveKit's own React conference UI, measured the
// same way: rollup with @rollup/plugin-node-resolve (browser: true), esbuild, terser, gzip level 9.
//
//   node bench/bundle-size.mjs          measure, print a table, update docs/benchmarks.md; exit 1 if a goal is missed
//   node bench/bundle-size.mjs --check  the same without touching the docs
//
// Each element's words come in five languages, each a chunk of its own that loads when an element
// shows that language (src/i18n/strings/<lang>/). A bundle here holds one language's chunks, the
// one that makes it largest: every row with care-meet's elements is measured with sv, da, nb, fi and en, and
// shows the largest.
//
// Goals (issue 5, point 7):
//   (a) the pre-join path, everything <care-meeting> loads before the dynamic import('livekit-client'):  < 30 KiB gzip
//   (b) the whole SDK with livekit-client (all four elements and livekit-client):                         < 175 KiB gzip
// Shown beside them: (c) LiveKit's <LiveKitRoom><VideoConference/></LiveKitRoom> with React 19 and
// react-dom production builds, and livekit-client alone.
//
// Before: `pnpm --filter @care-meet/server-sdk build` (the chat guard imports its validation build).
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuildLib from 'esbuild';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { minifyTemplates, TERSER_OPTIONS } from '../packages/components/build/minify-templates.mjs';

const KIB = 1024;
const GOALS = { prejoin: 30 * KIB, whole: 175 * KIB };
const COMMAND = 'node bench/bundle-size.mjs';
const root = fileURLToPath(new URL('../', import.meta.url));
const components = join(root, 'packages/components/');
const benchDir = join(root, 'bench/');
const tsconfig = join(components, 'tsconfig.json');
const docsPath = join(root, 'docs/benchmarks.md');
const START = '<!-- bench:size:start -->';
const END = '<!-- bench:size:end -->';
const check = process.argv.includes('--check');

/** Entries given as code, as if they were a file in `dir` (so imports resolve from there). */
function virtualEntry(file, code) {
  return {
    name: 'virtual-entry',
    resolveId: (id) => (id === file ? file : null),
    load: (id) => (id === file ? code : null),
  };
}

const LANGS = ['sv', 'da', 'nb', 'fi', 'en'];
/** A string table (`src/i18n/strings/<table>.ts`), whose dynamic imports are its languages (`./<lang>/<table>.js`). */
const STRING_TABLE = /[\\/]i18n[\\/]strings[\\/][\w-]+\.ts$/;

/**
 * Dynamic imports left out of the bundle (kept as imports, not followed), so the bundle is what a
 * page loads before they run. `keep` says which ones to follow anyway. A string table's language
 * chunks are followed for `lang` only, whatever `keep` says: a page shows one language.
 */
function leaveOutDynamicImports(keep = () => false, lang = undefined) {
  return {
    name: 'leave-out-dynamic-imports',
    resolveDynamicImport(specifier, importer) {
      if (typeof specifier !== 'string') return false;
      if (STRING_TABLE.test(importer)) return specifier.startsWith(`./${lang}/`) ? null : false;
      return keep(specifier, importer) ? null : false;
    },
  };
}

/** `process.env.NODE_ENV` is "production", as a host's production build sets it. */
function production() {
  return {
    name: 'node-env-production',
    transform(code) {
      if (!code.includes('process.env.NODE_ENV')) return null;
      return { code: code.replaceAll('process.env.NODE_ENV', '"production"'), map: null };
    },
  };
}

/** A file is CommonJS when it assigns `module.exports`/`exports.x` or calls `require`, and has no `import`/`export` statement. */
function isCommonJs(file) {
  if (!/\.c?js$/.test(file)) return false;
  const code = readFileSync(file, 'utf8');
  return /\b(module\.exports|exports\.[\w$]+\s*=|require\s*\()/.test(code) && !/^\s*(import\s[^(]|export\s)/m.test(code);
}

/**
 * React, react-dom and a few small dependencies of @livekit/components-react (loglevel,
 * lodash.debounce) are CommonJS. This plugin turns each CommonJS package a module imports into an
 * ES module, as a bundler's CommonJS support does: esbuild bundles the package's own files, its
 * `require`s of other packages become imports (so react-dom and react share one React), and its
 * named exports (read from the package in Node) become ES exports. Like @rollup/plugin-commonjs,
 * nothing inside them is tree-shaken.
 */
function commonjs() {
  const PREFIX = '\0commonjs:';
  return {
    name: 'commonjs-packages',
    async resolveId(source, importer, options) {
      if (!importer || /^[./\0]/.test(source)) return null;
      // Imports inside a converted package resolve from its real file.
      const from = importer.startsWith(PREFIX) ? importer.slice(PREFIX.length) : importer;
      const resolved = await this.resolve(source, from, { ...options, skipSelf: true });
      if (!resolved || resolved.external) return null;
      if (isCommonJs(resolved.id)) return PREFIX + resolved.id;
      return from === importer ? null : resolved;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length);
      const previous = process.env.NODE_ENV;
      process.env.NODE_ENV = 'production';
      const exported = createRequire(file)(file);
      process.env.NODE_ENV = previous;
      const keys = Object.keys(exported ?? {}).filter((key) => key !== 'default' && key !== '__esModule' && /^[A-Za-z_$][\w$]*$/.test(key));
      const built = await esbuildLib.build({
        entryPoints: [file],
        bundle: true,
        format: 'esm',
        platform: 'browser',
        write: false,
        define: { 'process.env.NODE_ENV': '"production"' },
        logLevel: 'silent',
        plugins: [
          {
            name: 'other-packages-external',
            setup(build) {
              build.onResolve({ filter: /^[^./]/ }, (args) => (args.kind === 'entry-point' ? null : { path: args.path, external: true }));
            },
          },
        ],
      });
      const requires = [];
      const code = built.outputFiles[0].text
        .replace(/__require\("([^"]+)"\)/g, (_, specifier) => {
          const i = requires.push(specifier) - 1;
          return `(__cjs${i}.default ?? __cjs${i})`;
        })
        .replace(/export default ([\w$]+\(\));?\s*$/, 'const __exports = $1;\nexport default __exports;\n');
      return [
        ...requires.map((specifier, i) => `import * as __cjs${i} from ${JSON.stringify(specifier)};`),
        code,
        keys.length ? `export const { ${keys.join(', ')} } = __exports;` : '',
      ].join('\n');
    },
  };
}

/**
 * One bundle, minified and gzipped at level 9. Returns its size, its modules and what it left
 * out (dynamic imports not followed, anything unresolved).
 */
async function measure({ name, entry, code, dir = components, followDynamic = () => false, commonJs = false, external = [], lang }) {
  const file = entry ?? join(dir, `__bench-entry-${name.replace(/\W+/g, '-')}.ts`);
  const plugins = [
    code ? virtualEntry(file, code) : null,
    leaveOutDynamicImports(followDynamic, lang),
    commonJs ? commonjs() : null,
    nodeResolve({ browser: true, rootDir: dir }),
    production(),
    esbuild({ tsconfig, target: 'es2022' }),
    minifyTemplates(),
    terser(TERSER_OPTIONS),
  ].filter(Boolean);
  const warnings = [];
  const bundle = await rollup({
    input: file,
    external,
    plugins,
    onwarn(warning) {
      // Lit's and LiveKit's modules say `this` at the top level, and some packages have circular imports: harmless.
      if (['THIS_IS_UNDEFINED', 'CIRCULAR_DEPENDENCY', 'EVAL'].includes(warning.code)) return;
      warnings.push(`${warning.code}: ${warning.message}`);
    },
  });
  const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true });
  await bundle.close();
  const chunk = output.find((item) => item.type === 'chunk');
  const modules = Object.keys(chunk.modules);
  return {
    name,
    lang,
    raw: Buffer.byteLength(chunk.code),
    gzip: gzipSync(chunk.code, { level: 9 }).length,
    modules,
    leftOut: [...chunk.dynamicImports, ...chunk.imports],
    warnings,
  };
}

/**
 * A bundle of care-meet's elements, once per language (each with that language's string chunks):
 * the largest, with every language's gzip size in `byLang`.
 */
async function measureLargestLanguage(options) {
  const results = [];
  for (const lang of LANGS) results.push(await measure({ ...options, lang }));
  const largest = results.reduce((a, b) => (b.gzip > a.gzip ? b : a));
  return { ...largest, byLang: Object.fromEntries(results.map((result) => [result.lang, result.gzip])) };
}

const kib = (bytes) => (bytes / KIB).toFixed(1);
const perLang = (result) =>
  Object.entries(result.byLang)
    .map(([lang, gzip]) => `${lang} ${kib(gzip)}`)
    .join(', ');
const has = (result, pattern) => result.modules.some((id) => pattern.test(id));
const LIVEKIT = /[\\/]livekit-client[\\/]/;
const ALL_FOUR = ['care-meeting', 'care-device-check', 'care-verify-identity', 'care-roster'].map((tag) => `import './src/define/${tag}.js';`).join('\n');
const started = performance.now();

// (a) The page's first load, then everything before livekit-client: each step's element loads when its step comes.
const entry = await measureLargestLanguage({ name: 'pre-join entry', entry: join(components, 'src/define/care-meeting.ts') });
const prejoin = await measureLargestLanguage({
  name: 'pre-join path',
  code: ['care-meeting', 'care-verify-identity', 'care-device-check'].map((tag) => `import './src/define/${tag}.js';`).join('\n'),
});
// What loads together with livekit-client when the person joins (the room's own code).
const room = await measureLargestLanguage({ name: 'room code', code: `export * from './src/elements/meeting/room-view.js';` });
// (b) Everything: every element, every step, the room, livekit-client.
const whole = await measureLargestLanguage({ name: 'whole SDK + livekit-client', code: ALL_FOUR, followDynamic: () => true });
const ours = await measureLargestLanguage({
  name: 'whole SDK without livekit-client',
  code: ALL_FOUR,
  followDynamic: () => true,
  external: ['livekit-client'],
});
const perElement = [];
for (const tag of ['care-device-check', 'care-verify-identity', 'care-roster']) {
  perElement.push(await measureLargestLanguage({ name: `<${tag}> alone`, entry: join(components, `src/define/${tag}.ts`) }));
}
const others = await measureLargestLanguage({
  name: 'the other three elements',
  code: ['care-device-check', 'care-verify-identity', 'care-roster'].map((tag) => `import './src/define/${tag}.js';`).join('\n'),
});
const lit = await measure({ name: 'Lit + @lit/context', code: `export * from 'lit';\nexport * from '@lit/context';` });
// livekit-client as care-meet uses it (the Room), and the whole library.
const livekitRoom = await measure({ name: 'livekit-client (Room)', code: `export { Room } from 'livekit-client';` });
const livekitAll = await measure({ name: 'livekit-client (everything)', code: `export * from 'livekit-client';` });
// (c) LiveKit's own React conference UI.
const react = await measure({
  name: 'LiveKit React UI',
  dir: benchDir,
  entry: join(benchDir, '__bench-react-conference.mjs'),
  code: [
    `import { createElement } from 'react';`,
    `import { createRoot } from 'react-dom/client';`,
    `import { LiveKitRoom, VideoConference } from '@livekit/components-react';`,
    `createRoot(document.getElementById('root')).render(`,
    `  createElement(LiveKitRoom, { serverUrl: 'wss://media.example', token: 'token', connect: true, video: true, audio: true }, createElement(VideoConference)),`,
    `);`,
  ].join('\n'),
  followDynamic: () => true,
  commonJs: true,
});

const problems = [];
const notes = [];
if (prejoin.gzip >= GOALS.prejoin) problems.push(`(a) the pre-join path is ${kib(prejoin.gzip)} KiB gzip; the goal is under ${kib(GOALS.prejoin)} KiB`);
if (whole.gzip >= GOALS.whole) problems.push(`(b) the whole SDK with livekit-client is ${kib(whole.gzip)} KiB gzip; the goal is under ${kib(GOALS.whole)} KiB`);
for (const result of [entry, prejoin, room]) {
  if (has(result, LIVEKIT)) problems.push(`livekit-client is in "${result.name}": it must load only by the dynamic import when the person joins`);
}
if (!has(whole, LIVEKIT)) problems.push('livekit-client is missing from the whole-SDK bundle: the measurement is wrong');
if (!has(react, /react-dom/) || !has(react, LIVEKIT)) problems.push('the React bundle lacks react-dom or livekit-client: the measurement is wrong');
// The chat guard brings the server SDK's validation into the browser: it must stay free of Node code.
for (const result of [room, whole]) {
  const node = result.leftOut.filter((id) => id.startsWith('node:') || ['crypto', 'fs', 'path', 'buffer'].includes(id));
  if (node.length) problems.push(`"${result.name}" imports Node modules: ${node.join(', ')}`);
  if (!has(result, /server-sdk[\\/]dist[\\/]validation/))
    problems.push(`"${result.name}" lacks the server SDK's validation (the chat guard): the measurement is wrong`);
}
// Each bundle holds its language's words and no other's.
for (const result of [entry, prejoin, room, whole, ours, others, ...perElement]) {
  const words = (lang) => new RegExp(`[\\\\/]i18n[\\\\/]strings[\\\\/]${lang}[\\\\/]`);
  if (!has(result, words(result.lang))) problems.push(`"${result.name}" lacks its ${result.lang} strings: the measurement is wrong`);
  const others = LANGS.filter((lang) => lang !== result.lang && has(result, words(lang)));
  if (others.length) problems.push(`"${result.name}" (${result.lang}) also holds the ${others.join(', ')} strings: the measurement is wrong`);
}
for (const result of [entry, prejoin, room, whole, ours, react]) {
  for (const warning of result.warnings) notes.push(`${result.name}: ${warning}`);
}

const rows = [
  [
    '(a) pre-join path: `<care-meeting>` + identity step + device-check step, all before `livekit-client`',
    prejoin,
    `< ${kib(GOALS.prejoin)}`,
    prejoin.gzip < GOALS.prejoin,
  ],
  ['… of which the first load (`define/care-meeting.js`; the steps load when they come)', entry, '', null],
  ['(b) whole SDK: all four elements + `livekit-client`', whole, `< ${kib(GOALS.whole)}`, whole.gzip < GOALS.whole],
  ['… whole SDK without `livekit-client`', ours, '', null],
  ['… the room’s code alone (loads with `livekit-client` on join), Lit included', room, '', null],
  ['… the other three elements together (device check, identity, roster), Lit included', others, '', null],
  ...perElement.map((result) => [`… \`${result.name.replace(/[<>]/g, '').replace(/ alone$/, '')}\` alone, Lit included`, result, '', null]),
  ['… Lit + `@lit/context`', lit, '', null],
  ['`livekit-client` alone (`Room`, as care-meet imports it)', livekitRoom, '', null],
  ['`livekit-client` alone (everything it exports)', livekitAll, '', null],
  ['(c) LiveKit React UI: `<LiveKitRoom><VideoConference/></LiveKitRoom>` + React 19 + react-dom', react, '', null],
];

const table = [
  '| bundle | min KiB | gzip KiB | goal (gzip KiB) | |',
  '| --- | ---: | ---: | ---: | --- |',
  ...rows.map(
    ([label, result, goal, ok]) => `| ${label} | ${kib(result.raw)} | **${kib(result.gzip)}** | ${goal} | ${ok === null ? '' : ok ? 'met' : '**missed**'} |`,
  ),
].join('\n');

console.log(`\n${table}\n`);
for (const note of notes) console.log(`note: ${note}`);
console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);

/** A package's version, found from its resolved entry file (many packages do not export `package.json`). */
function versionOf(name, fromDir) {
  try {
    let dir = dirname(createRequire(join(fromDir, 'package.json')).resolve(name));
    for (; dir !== dirname(dir); dir = dirname(dir)) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
        if (pkg.name === name) return pkg.version;
      } catch {
        // no package.json here: go up
      }
    }
  } catch {
    // not installed where we looked
  }
  return '?';
}

const versions = [
  ['livekit-client', components],
  ['lit', components],
  ['@livekit/components-react', benchDir],
  ['react', benchDir],
  ['react-dom', benchDir],
]
  .map(([name, dir]) => `${name} ${versionOf(name, dir)}`)
  .join(', ');

if (!check) {
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const verdict = problems.length ? `**Result (${date} UTC): a goal is missed.** ${problems.join('; ')}.` : `**Result (${date} UTC): both goals are met.**`;
  const section = `${START}
<!-- Written by bench/bundle-size.mjs; edits between these markers are overwritten. -->
## Bundle size (\`@care-meet/components\`)

**Goals (issue 5):** (a) the pre-join path, everything \`<care-meeting>\` loads before its dynamic
\`import('livekit-client')\`, under 30 KiB gzip; (b) the whole SDK with \`livekit-client\`, under
175 KiB gzip. Beside them, measured the same way, LiveKit's own React conference UI.

${verdict}

Command, from the repository root (after \`pnpm --filter @care-meet/server-sdk build\`):

<!-- docs-test: skip: a benchmark that builds the browser bundle and rewrites this page -->
\`\`\`sh
${COMMAND}            # or --check: the same without writing this section
\`\`\`

${table}

How: each bundle is built by rollup 4 with \`@rollup/plugin-node-resolve\` (\`browser: true\`),
\`rollup-plugin-esbuild\` (ES2022), the whitespace and comments taken out of the HTML and CSS in
care-meet's Lit templates (\`packages/components/build/minify-templates.mjs\`, which the package's
build runs on \`dist/\` and \`rollup.config.mjs\` on \`dist/browser/\`, so a bundler gets the same) and
\`@rollup/plugin-terser\` (two compress passes, the options \`dist/browser/\` is built with), as one ES
module with its dynamic imports inlined (or, where the row says "before", left out), and gzipped
at level 9. \`process.env.NODE_ENV\` is \`"production"\` everywhere. The elements' words are
one chunk per language and string table (\`src/i18n/strings/<lang>/\`), loaded when an element
shows that language: every row with care-meet's elements is measured three times, each with one
language's chunks (all of them, inlined like the rest), and shows the largest of the three, so
what a page in any language loads is at most that; the other languages are not counted, as a page
does not load them (switching \`lang\` loads the new language's chunks then). Per language, gzip
KiB: (a) ${perLang(prejoin)}; (b) ${perLang(whole)}. React and react-dom are CommonJS:
they are turned into ES modules with esbuild (all of them kept, as @rollup/plugin-commonjs keeps
them); \`@livekit/components-react\`, its dependencies and \`livekit-client\` are ES modules and
tree-shaken. The React row is JavaScript only: the UI also needs \`@livekit/components-styles\`
(CSS, not counted). care-meet's elements carry their own styles.
Versions: ${versions}.

Where the bytes are. Rows starting with "…" are parts of a line above them, each bundled alone
(so shared code such as Lit counts in each). \`livekit-client\` as care-meet uses it is
${kib(livekitRoom.gzip)} KiB of (b); care-meet's own code, every element with Lit, is the other
${kib(ours.gzip)} KiB, of which \`<care-meeting>\` with its room adds ${kib(Math.max(0, ours.gzip - others.gzip))} KiB to the other
three elements together (${kib(others.gzip)} KiB). For (a), Lit and \`@lit/context\` are
${kib(lit.gzip)} KiB, the device check alone (with Lit) ${kib(perElement[0].gzip)} KiB and the identity step alone (with Lit)
${kib(perElement[1].gzip)} KiB; \`<care-meeting>\`'s first load is ${kib(entry.gzip)} KiB with Lit.

Why (b) is missed (a study on 2026-11-23, livekit-client 2.23.0; sizes do not depend on the machine). With
\`Room\` at 138 KiB, care-meet's own code would have to fit in about 37 KiB, Lit and one language's words
included, for everything four elements do. What was measured: \`Room\`'s largest parts, each gzipped alone,
are LiveKit's room core (\`Room\`, \`RTCEngine\`, \`SignalClient\`, \`PCTransport\`, about 40 KiB), tracks (22),
participants (15), the protobuf runtime (15), data tracks (14), \`webrtc-adapter\` (12), data streams (7), its
message definitions (6) and e2ee (4). Built from livekit-client's own TypeScript sources with esbuild for
ES2022 instead of its shipped down-levelled build, \`Room\` would be 128.4 KiB, 9.6 KiB less: still
over, and a build of LiveKit that its authors do not ship or test, so it is not done. Rollup's most
aggressive tree-shaking (\`treeshake: 'smallest'\`, or no module side effects) takes nothing more out of
\`Room\`: 137.9 and 138.0 KiB (measured the same day). Leaving
\`webrtc-adapter\` out as well was not tried: livekit-client's shipped ES module carries it inside its own
file (not as an import a bundler could replace), so it would mean editing LiveKit's build, and it would
ship media code untried in Safari and Firefox, which these machines cannot run. On care-meet's side, terser's unsafe options saved at most 0.6 KiB, sharing the
elements' button CSS nothing after gzip, and taking the refusal messages out of the chat guard's
national-id check 0.5 KiB (done). Later that day the individual's consent (the roster's consent line and
the card in the room) added 3.9 KiB, beside the other features issue 5 asks for; on 2026-12-03 recording
a withdrawal, the card following changes to the list and the chair's lobby without its copy in the
roster added 0.8 KiB more (195.1 to 195.9). Meeting (b) needs a
decision outside care-meet's own code: a smaller media client (or a build of livekit-client its authors
do not ship), a budget that starts from \`Room\`'s measured 138 KiB, or fewer features.
${END}`;
  let page = await readFile(docsPath, 'utf8');
  const from = page.indexOf(START);
  const to = page.indexOf(END);
  page = from >= 0 && to > from ? page.slice(0, from) + section + page.slice(to + END.length) : `${page.replace(/\n*$/, '\n\n')}${section}\n`;
  await writeFile(docsPath, page);
  console.log(`updated ${docsPath}`);
}

if (problems.length) {
  for (const problem of problems) console.error(`FAIL: ${problem}`);
  process.exit(1);
}
