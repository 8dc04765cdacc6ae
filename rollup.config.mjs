// Browser bundles of @care-meet/components for hosts that load the elements with a plain
// <script type="module"> (no bundler of their own): one module per element plus `care-meet.js`
// defining all of them. livekit-client stays a separate chunk, loaded only when someone joins, and
// each language's words are chunks of their own (chunks/<lang>/), loaded when an element shows it.
// Templates are minified and terser runs as in bench/bundle-size.mjs (build/minify-templates.mjs).
//
//   pnpm run bundle   →   packages/components/dist/browser/
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { transform } from 'esbuild';
import { minifyTemplates, TERSER_OPTIONS } from './packages/components/build/minify-templates.mjs';

const components = fileURLToPath(new URL('./packages/components/', import.meta.url));
const defineDir = join(components, 'src/define');
const defines = readdirSync(defineDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

const ALL = '\0care-meet-all';
const input = Object.fromEntries(defines.map((f) => [basename(f, '.ts'), join(defineDir, f)]));
input['care-meet'] = ALL;

/** `care-meet.js`: imports every define module, so one script tag defines every tag. */
function allElements() {
  return {
    name: 'care-meet-all',
    // The define modules exist for their side effect (customElements.define). The package's
    // `sideEffects` names only their built form, so node-resolve would call the sources pure.
    resolveId: (id) => (id === ALL ? { id: ALL, moduleSideEffects: true } : id.startsWith(defineDir) ? { id, moduleSideEffects: true } : null),
    load: (id) => (id === ALL ? defines.map((f) => `import ${JSON.stringify(join(defineDir, f))};`).join('\n') : null),
  };
}

/** A module's id as the import graph names it: its path in the components package, or `node_modules/<package>/…`. */
function moduleName(id) {
  if (id.startsWith('\0')) return id;
  const i = id.lastIndexOf('/node_modules/');
  return i >= 0 ? id.slice(i + 1) : relative(components, id).split(sep).join('/');
}

/**
 * `import-graph.json`: each built file's static `imports`, `dynamicImports` and modules, and each
 * module's static and dynamic imports in the source, as rollup saw them. bench/shipped-size.mjs follows it to sum
 * what a browser downloads on each path, and to tell code a path needs from code a chunk carries along.
 */
function importGraph() {
  return {
    name: 'import-graph',
    generateBundle(_options, bundle) {
      const files = {};
      const modules = {};
      // Every module, those tree-shaken away too (a re-export such as `lit` links its importers to Lit's modules).
      for (const id of this.getModuleIds()) {
        const info = this.getModuleInfo(id);
        modules[moduleName(id)] = { imports: (info?.importedIds ?? []).map(moduleName), dynamicImports: (info?.dynamicallyImportedIds ?? []).map(moduleName) };
      }
      for (const item of Object.values(bundle)) {
        if (item.type !== 'chunk') continue;
        files[item.fileName] = {
          entry: item.isEntry,
          facade: item.facadeModuleId ? moduleName(item.facadeModuleId) : null,
          imports: item.imports,
          dynamicImports: item.dynamicImports,
          modules: item.moduleIds.map(moduleName),
        };
      }
      this.emitFile({ type: 'asset', fileName: 'import-graph.json', source: `${JSON.stringify({ files, modules })}\n` });
    },
  };
}

/**
 * livekit-client's E2EE worker as a file of its own, `e2ee-worker.js` beside the entries (issue #19):
 * src/core/e2ee.ts makes it with `new URL('livekit-client/e2ee-worker', import.meta.url)`, which
 * this rewrites to the emitted file's URL relative to the chunk, so a page loads it only when it
 * joins an encrypted meeting. Minified here (the package ships it unminified); it imports nothing.
 */
const E2EE_WORKER_URL = "new URL('livekit-client/e2ee-worker', import.meta.url)";
function e2eeWorker() {
  const source = join(components, 'node_modules/livekit-client/dist/livekit-client.e2ee.worker.mjs');
  return {
    name: 'e2ee-worker',
    async transform(code) {
      if (!code.includes(E2EE_WORKER_URL)) return null;
      const minified = await transform(readFileSync(source, 'utf8'), { minify: true, format: 'esm', target: 'es2022', legalComments: 'eof' });
      const ref = this.emitFile({ type: 'asset', fileName: 'e2ee-worker.js', source: minified.code });
      return { code: code.replaceAll(E2EE_WORKER_URL, `import.meta.ROLLUP_FILE_URL_${ref}`), map: null };
    },
  };
}

const WORDS = /[\\/]i18n[\\/]strings[\\/](\w+)[\\/]([\w-]+)\.ts$/;
/**
 * Words that another table's words import statically travel in that table's file (the device
 * check's carry the media guidance's); the meeting leader's action words travel with the roster's,
 * which import them and which only the meeting leader loads (her tools load them too).
 */
const WORDS_WITH = { 'media-guidance': 'device-check', 'chair-actions': 'roster' };

/**
 * Fewer, larger files (issue 17): every file costs a request and compresses alone, so rollup's
 * default cut (a chunk per set of entries sharing code, down to a few hundred bytes) cost the
 * pre-join path 13 files. Shared code that the device check needs (Lit, tokens, localize, browser
 * checks) is one `base` chunk; code the other elements share and the device check does not (the
 * API client, event stream, meeting context) is one `session` chunk, so `care-device-check.js`
 * alone stays small. Each element's own code stays in its entry, where rollup puts it; no shared
 * code goes into an entry, whose define would then run on a page that only wanted another element.
 * Each language's words stay apart (a table and the words it imports statically in one file).
 * livekit-client and the room's code keep rollup's cut: they load only on Join. What the chair's
 * tools share with `<care-roster>` (the roster, the confirmation) is in `care-roster.js`, loaded
 * only for a chair. bench/shipped-size.mjs measures the result.
 */
function manualChunks(id, { getModuleInfo }) {
  const words = WORDS.exec(id);
  if (words) return `${words[1]}/${WORDS_WITH[words[2]] ?? words[2]}`;
  const reach = (closures ??= reachable(getModuleInfo));
  const users = [...reach].filter(([, modules]) => modules.has(id)).map(([start]) => start);
  // The meeting leader's code (the roster, the confirmation) that her tools share with <care-roster>:
  // in the roster's own file, never the session chunk that the individual's pre-join path loads. Its
  // define then runs when her tools load, which draw and register a <care-roster> anyway; a chunk
  // of its own would cost the chair's path a file.
  if (users.length > 1 && users.every((user) => CHAIR_STARTS.has(user))) return 'care-roster';
  // Shared only by code loaded on demand (livekit-client, by the plain room and the encrypted one):
  // rollup's own cut, never the session chunk every element loads.
  if (users.length > 1 && !users.some((user) => defineModules.has(user))) return undefined;
  if (users.length > 1) return users.includes(input['care-device-check']) ? 'base' : 'session';
  // One element's own code is its entry file, named so that words importing from it (`plural`) do not pull it into theirs.
  return users.length === 1 && defineModules.has(users[0]) ? basename(users[0], '.ts') : undefined;
}
let closures;
const defineModules = new Set(defines.map((f) => join(defineDir, f)));
/** Where only the meeting leader's code starts: `<care-roster>`'s define, and her tools (chair-room.ts), which the room loads for her alone. */
const CHAIR_STARTS = new Set([input['care-roster'], join(components, 'src/elements/meeting/chair-room.ts')]);

/**
 * Per place code starts to load (each define module, each module loaded by a dynamic import
 * other than words), the modules it reaches by static imports.
 */
function reachable(getModuleInfo) {
  const starts = new Set(Object.values(input).filter((id) => id !== ALL));
  const reach = new Map();
  for (const start of starts) {
    const seen = new Set();
    for (const queue = [start]; queue.length;) {
      const next = queue.pop();
      if (seen.has(next)) continue;
      seen.add(next);
      const info = getModuleInfo(next);
      queue.push(...(info?.importedIds ?? []));
      for (const loaded of info?.dynamicallyImportedIds ?? []) if (!WORDS.test(loaded)) starts.add(loaded);
    }
    reach.set(start, seen);
  }
  return reach;
}

export default {
  input,
  // An entry may export more than its element (names rollup picks), so a chunk of one element's
  // code can be its entry file instead of a second file behind it.
  preserveEntrySignatures: 'allow-extension',
  output: {
    dir: join(components, 'dist/browser'),
    format: 'es',
    entryFileNames: '[name].js',
    // A language's words: chunks/<lang>/<table>-<hash>.js (manualChunks names them `<lang>/<table>`).
    chunkFileNames: 'chunks/[name]-[hash].js',
    manualChunks,
    sourcemap: true,
  },
  plugins: [
    // Chunk names carry content hashes: without this, every rebuild would leave the last one's behind.
    // The folder cleaned is the one written (`rollup -c --dir <other>` leaves dist/browser/ alone).
    {
      name: 'clean-output',
      buildStart: () => void (closures = undefined), // and manualChunks works out the import graph anew
      renderStart: (options) => rmSync(options.dir ?? join(components, 'dist/browser'), { recursive: true, force: true }),
    },
    importGraph(),
    allElements(),
    e2eeWorker(), // before esbuild, which would rewrite the URL's quotes
    nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
    esbuild({ target: 'es2022', tsconfig: join(components, 'tsconfig.json') }),
    minifyTemplates(),
    terser(TERSER_OPTIONS),
  ],
};
